import type { Worker } from 'node:worker_threads';
import type { Message } from '../core/message.js';
import type { CommandRequest, JobRunResult } from '../core/ports.js';
import type { JobName, Workspace } from '../core/types.js';
import type { StoreTarget } from '../store/store.js';
import { startWorker } from '../worker-entry.js';
import { executorOf, type JobExecutor, type JobRunnerDeps, type RunJobOptions } from './job-runner.js';
import {
  answerRequest,
  JOB_THREAD_KIND,
  type JobThreadData,
  type JobThreadReply,
  runRequest,
  type ThreadError,
} from './job-thread-protocol.js';
import { type Logger, silentLogger } from './logger.js';
import { threadJobs } from './thread-jobs.js';

/**
 * The job thread's busy timeout: waiting there for another connection's lock stops no server, so
 * it waits as long as a job's write may take elsewhere (the server itself waits 80 ms).
 */
export const JOB_THREAD_BUSY_TIMEOUT_MS = 5000;
/** How long `stop` lets a run in progress finish before the thread is ended (its transaction rolls back). */
export const JOB_THREAD_STOP_MS = 2000;

/** Where this module runs from: `.ts` under tsx or vitest, `.js` from dist/. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const DEFAULT_JOBS_MODULE = new URL(`./thread-jobs.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);

export interface JobThreadOptions {
  /** The store the thread opens its own connection to (the server's `config.store`). */
  target: StoreTarget;
  busyTimeoutMs?: number;
  /** The module whose `threadJobs` export the thread runs (default: the programs and retention). */
  jobsModule?: URL;
  /** The names of the jobs that module exports (default: those of `thread-jobs.ts`). */
  names?: readonly JobName[];
  /** HIROBA_ADMINS, for the core that computes slow answers on the thread. */
  admins?: readonly string[];
  /** Told after a run enqueued rows (the outbox worker's `notify`). */
  onEnqueued?: () => void;
  logger?: Logger;
}

/**
 * One worker thread with its own database connection that runs the jobs that need only the
 * database, one at a time: a weekly job at 100,000 members reads and computes for a long while,
 * and better-sqlite3 is synchronous, so on the server's thread it would hold every event and
 * `/healthz` until done (on PostgreSQL the computing alone would). Started on the first run; started again after a crash.
 * Created by `src/main.ts` before the core (the core's `digest send` runs through it).
 */
export interface JobThread {
  /** Whether the thread runs this job (else the caller runs it on its own thread). */
  handles(job: JobName): boolean;
  /** Runs one job for one workspace as `runJob` does, on the thread; the result without its rows. */
  run(job: JobName, workspace: Workspace, options: RunJobOptions): Promise<JobRunResult>;
  /**
   * Computes a slow command answer (`HirobaCore.runCommand`) on the thread, as of `now`: main.ts gives
   * it to the core as `answerAway`, on a thread of its own so an answer never waits behind a weekly job.
   */
  answer(request: CommandRequest, now: Date): Promise<Message>;
  /** Whether a job on the thread is writing now (it holds the database's write lock, briefly). */
  writing(): boolean;
  /** Lets a run in progress finish for a moment, then ends the thread. Runs asked later fail. */
  stop(): Promise<void>;
}

/** An error thrown on the job thread, with its code (a busy database is retried like one met here). */
export class JobThreadError extends Error {
  readonly code: string | undefined;
  constructor(error: ThreadError) {
    super(error.message);
    this.name = error.name;
    this.code = error.code;
    if (error.stack !== undefined) this.stack = error.stack;
  }
}

export function createJobThread(options: JobThreadOptions): JobThread {
  const logger = options.logger ?? silentLogger;
  const jobsModule = options.jobsModule ?? DEFAULT_JOBS_MODULE;
  const names = new Set<JobName>(options.names ?? threadJobs.map((job) => job.name));
  const pending = new Map<number, { resolve: (reply: JobThreadReply) => void; reject: (error: Error) => void }>();
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let nextId = 1;
  let stopped = false;
  const writing = new SharedArrayBuffer(4);
  const writers = new Int32Array(writing);

  function failAll(error: Error): void {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  }

  function onReply(reply: JobThreadReply): void {
    if (reply.kind === 'log') {
      logger[reply.level](reply.message, reply.fields);
      return;
    }
    const waiter = pending.get(reply.id);
    if (waiter === undefined) return;
    pending.delete(reply.id);
    if (reply.kind === 'failed') {
      waiter.reject(new JobThreadError(reply.error));
      return;
    }
    // An answer may have queued a kick-off (a caller new to Hiroba): the outbox looks once more.
    if (reply.kind === 'answered' || reply.result.enqueued > 0) options.onEnqueued?.();
    waiter.resolve(reply);
  }

  /** Posts one request to the thread (started if need be) and waits for its reply. */
  function ask(build: (id: number) => Parameters<Worker['postMessage']>[0]): Promise<JobThreadReply> {
    worker ??= start();
    const id = nextId++;
    const reply = new Promise<JobThreadReply>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage(build(id));
    return reply;
  }

  function start(): Worker {
    const data: JobThreadData = {
      kind: JOB_THREAD_KIND,
      target: options.target,
      busyTimeoutMs: options.busyTimeoutMs ?? JOB_THREAD_BUSY_TIMEOUT_MS,
      jobsModule: jobsModule.href,
      writing,
      admins: [...(options.admins ?? [])],
    };
    const entry = new URL(`./job-thread-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);
    const started = startWorker(entry, { workerData: data }, isSource(entry, jobsModule));
    started.on('message', (reply: JobThreadReply) => onReply(reply));
    started.on('error', (error) => {
      logger.error('job thread failed; runs in progress are left out of the ledger', { error: error.message });
      failAll(error);
    });
    exited = new Promise((resolve) => {
      started.once('exit', (code) => {
        if (worker === started) worker = null;
        // A thread ended inside a transaction holds nothing any more (SQLite rolled it back).
        Atomics.store(writers, 0, 0);
        failAll(new Error(`the job thread ended (exit code ${code}) before the job finished`));
        resolve();
      });
    });
    return started;
  }

  return {
    handles: (job) => names.has(job),
    writing: () => Atomics.load(writers, 0) > 0,
    run(job, workspace, runOptions) {
      if (stopped) return Promise.reject(new Error(`the job thread is stopped; ${job} not run`));
      if (!names.has(job)) return Promise.reject(new Error(`the job thread does not run the ${job} job`));
      if (runOptions.dryRun) return Promise.reject(new Error('the job thread runs no dry runs; use run-job --dry-run'));
      return ask((id) => runRequest(id, job, workspace, runOptions.now, runOptions.period)).then(resultOf);
    },
    answer(request, now) {
      if (stopped) return Promise.reject(new Error('the job thread is stopped; the answer was not computed'));
      return ask((id) => answerRequest(id, request, now)).then(messageOf);
    },
    async stop() {
      stopped = true;
      const running = worker;
      if (running === null) return;
      running.postMessage({ kind: 'stop' });
      const timer = setTimeout(() => void running.terminate(), JOB_THREAD_STOP_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The executor the server's scheduler uses: a job the thread runs goes there, any other (the
 * directory sync, which calls the platforms) runs here as before.
 */
export function threadExecutor(thread: JobThread, here: Omit<JobRunnerDeps, 'execute'>): JobExecutor {
  const local = executorOf(here);
  return (job, workspace, options) =>
    thread.handles(job.name) && options.dryRun !== true
      ? thread.run(job.name, workspace, options)
      : local(job, workspace, options);
}

function resultOf(reply: JobThreadReply): JobRunResult {
  if (reply.kind !== 'done') throw new Error(`the job thread answered a run with ${reply.kind}`);
  return reply.result;
}

function messageOf(reply: JobThreadReply): Message {
  if (reply.kind !== 'answered') throw new Error(`the job thread answered a command with ${reply.kind}`);
  return reply.message;
}

function isSource(...modules: URL[]): boolean {
  return modules.some((url) => url.pathname.endsWith('.ts'));
}
