import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { HirobaCore } from '../core/ports.js';
import { createHirobaCore } from '../core/service.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createJobRegistry, type JobDefinition, type JobRegistry, runJob, summary } from './job-runner.js';
import {
  type JobThreadData,
  type JobThreadReply,
  jobThreadDataSchema,
  jobThreadRequestSchema,
  type LogLevel,
  toThreadError,
} from './job-thread-protocol.js';
import type { Logger } from './logger.js';

/**
 * The job thread's side (see `job-thread.ts`): its own connection to the database (WAL lets it read
 * and write beside the server's), the jobs of `jobsModule` and slow command answers, one at a time,
 * in the order asked.
 * Results and log lines go back to the main thread. Imported anywhere but the job thread, it does nothing.
 */
async function serve(port: MessagePort, data: JobThreadData): Promise<void> {
  yieldToServer();
  const post = (reply: JobThreadReply): void => port.postMessage(reply);
  const log =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      // Fields cross the thread as plain JSON (an Error becomes its message, as the logger prints it).
      const plain =
        fields === undefined
          ? undefined
          : (JSON.parse(JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? v.message : v))) as Record<
              string,
              unknown
            >);
      post({ kind: 'log', level, message, ...(plain === undefined ? {} : { fields: plain }) });
    };
  const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error') };
  const loaded = (await import(data.jobsModule)) as { threadJobs?: readonly JobDefinition[] };
  if (!Array.isArray(loaded.threadJobs)) throw new Error(`${data.jobsModule} exports no threadJobs list`);
  const jobs: JobRegistry = createJobRegistry(loaded.threadJobs);
  // A thread runs one job or one answer at a time: a few PostgreSQL connections are plenty.
  const store: Store = await openStore(data.target, { busyTimeoutMs: data.busyTimeoutMs, poolSize: 3 });
  const writing = new Int32Array(data.writing);
  // The server's `/healthz` tells this thread's own write lock (a job committing) from another's.
  const repos = {
    ...store.repos,
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      Atomics.add(writing, 0, 1);
      try {
        return await store.repos.transaction(fn);
      } finally {
        Atomics.sub(writing, 0, 1);
      }
    },
  };

  // Slow command answers: a core of the thread's own, at the instant the server asked (its clock may be a test's).
  let askedAt = new Date();
  let core: HirobaCore | null = null;
  const answerer = (): HirobaCore =>
    (core ??= createHirobaCore({
      repos,
      clock: { now: () => askedAt },
      admins: data.admins,
      logError: (message, error) => logger.error(message, { error }),
    }));

  let queue: Promise<void> = Promise.resolve();
  port.on('message', (raw: unknown) => {
    const request = jobThreadRequestSchema.parse(raw);
    if (request.kind === 'stop') {
      queue = queue.then(async () => {
        try {
          await store.close();
        } finally {
          port.close();
        }
      });
      return;
    }
    if (request.kind === 'answer') {
      queue = queue.then(async () => {
        try {
          askedAt = new Date(request.now);
          post({ kind: 'answered', id: request.id, message: await answerer().runCommand(request.request) });
        } catch (error) {
          post({ kind: 'failed', id: request.id, error: toThreadError(error) });
        }
      });
      return;
    }
    queue = queue.then(async () => {
      try {
        const job = jobs.get(request.job);
        if (job === undefined) throw new Error(`the job thread does not run the ${request.job} job`);
        const workspace = await repos.workspaces.get(request.workspaceId);
        if (workspace === null) throw new Error(`workspace ${request.workspaceId} does not exist`);
        const outcome = await runJob({ repos, logger }, job, workspace, {
          now: new Date(request.now),
          ...(request.period === undefined ? {} : { period: request.period }),
        });
        post({ kind: 'done', id: request.id, result: summary(outcome) });
      } catch (error) {
        post({ kind: 'failed', id: request.id, error: toThreadError(error) });
      }
    });
  });
}

/** The job thread's nice value: on a busy host the server's thread gets the CPU first. */
export const JOB_THREAD_NICE = 10;

/**
 * Lowers this thread's priority (Linux keeps one per thread: `/proc/thread-self` names it), so a
 * job computing for minutes on a host with few cores never starves the thread that acknowledges
 * events. Elsewhere, or where refused, the thread keeps the process's priority.
 */
function yieldToServer(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, JOB_THREAD_NICE);
  } catch {
    // Not Linux, or not allowed: the job still runs, at the process's priority.
  }
}

if (!isMainThread && parentPort !== null) {
  const data = jobThreadDataSchema.safeParse(workerData);
  // An error while starting (the database, the jobs module) is thrown here: the main thread's
  // `error` event gets it and fails the runs that were waiting.
  if (data.success) await serve(parentPort, data.data);
}
