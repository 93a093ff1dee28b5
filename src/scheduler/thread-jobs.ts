import type { JobDefinition } from './job-runner.js';
import { PROGRAM_JOBS } from './jobs/program-jobs.js';
import { retentionJob } from './retention-job.js';

/**
 * The jobs that need nothing but the database: the programs and retention. The job thread runs
 * them on its own connection (`job-thread-worker.ts` imports this module there); the directory
 * sync calls the platforms and stays on the main thread.
 */
export const threadJobs: readonly JobDefinition[] = [...PROGRAM_JOBS, retentionJob];
