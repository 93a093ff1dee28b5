import cron, { type ScheduledTask } from 'node-cron';
import type { ChatPlatform, Clock, JobRunResult, Repositories } from '../core/ports.js';
import { type JobName, type Platform, scheduleOf, type Workspace } from '../core/types.js';
import { catchUp, runDueJob } from './catch-up.js';
import { shiftsOffHolidays } from './fires.js';
import type { JobExecutor, JobRegistry } from './job-runner.js';
import { type Logger, silentLogger } from './logger.js';
import { validateCron } from './schedule.js';

/** A tick runs a fire due at most this long ago (node-cron fires on time; the queue may delay it). */
const TICK_LATENESS_MS = 15 * 60_000;
/** How often workspaces created while running are looked for. */
const REFRESH_EXPR = '*/5 * * * *';

/**
 * The database lease that makes one process the scheduler at a time. `acquire` takes or renews it
 * until the given instant and says whether this process holds it; `release` gives it up.
 */
export interface SchedulerLease {
  acquire(now: Date, until: Date): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * A lease lapses this long after its last renewal; renewed three times per period, so when the leader
 * dies another instance takes over within 40 s (the lapse, plus at most one check period).
 */
export const SCHEDULER_LEASE_MS = 30_000;

export interface SchedulerDeps {
  repos: Repositories;
  jobs: JobRegistry;
  clock: Clock;
  /** Platforms that are running; workspaces of other platforms are not scheduled. */
  platforms: Partial<Record<Platform, ChatPlatform>>;
  logger?: Logger;
  /** Told after a run enqueued rows (the outbox worker's `notify`). */
  onEnqueued?: () => void;
  /** Where jobs run (the job thread's executor); without it, on this thread. */
  execute?: JobExecutor;
  /** When given, jobs run only while this process holds the lease (several processes, one database). */
  lease?: SchedulerLease;
  leaseMs?: number;
}

export interface Scheduler {
  /** Catches up (runs what is due and current, records missed periods) and arms every cron task. */
  start(): Promise<JobRunResult[]>;
  /** Stops every cron task; waits for a run in progress. */
  stop(): Promise<void>;
  /**
   * Re-reads one workspace's settings and re-arms its tasks: after ops changed a schedule, the time
   * zone or the calendar, and for a workspace created while running.
   */
  reload(workspaceId: number): Promise<void>;
  /** The armed tasks, `<workspaceId>:<job>` → cron expressions (for `/healthz` and tests). */
  armed(): Map<string, string[]>;
  /** Whether this process runs the jobs now (always true without a lease). */
  leading(): boolean;
  /**
   * Takes, renews or loses the lease now (the timer calls it every third of the lease): a standby
   * that gets the lease catches up and arms; a leader that lost it disarms. Resolves when done.
   */
  checkLease(): Promise<void>;
}

/**
 * The schedule of every workspace: one node-cron task per workspace and job, in the workspace's
 * time zone, each tick asking `runDueJob` what is owed (so ticks, catch-up and reloads follow one
 * rule and the ledger keeps every period to one run). Under the `jp` calendar a people-facing job
 * also gets a daily task at the same local time, which is how a fire moved off a holiday runs on
 * the next business day. Runs are serialised: one at a time. Created by `src/main.ts`.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const logger = deps.logger ?? silentLogger;
  const tasks = new Map<number, ScheduledTask[]>();
  const armedExprs = new Map<string, string[]>();
  let queue: Promise<unknown> = Promise.resolve();
  let running = false;
  let leading = false;
  let leaseTimer: ReturnType<typeof setInterval> | null = null;
  let leaseUntil = 0;
  const leaseMs = deps.leaseMs ?? SCHEDULER_LEASE_MS;
  let refreshTask: ScheduledTask | null = null;
  const runnerDeps = { repos: deps.repos, logger, onEnqueued: deps.onEnqueued, execute: deps.execute };
  const cronLogger = {
    info: (message: string) => logger.info(`node-cron: ${message}`),
    warn: (message: string) => logger.warn(`node-cron: ${message}`),
    error: (message: string | Error, error?: Error) =>
      logger.error(`node-cron: ${String(message)}`, { error: String(error ?? '') }),
    debug: () => undefined,
  };

  function enqueueRun<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  }

  function tick(workspaceId: number, jobName: JobName): Promise<void> {
    const firedAt = deps.clock.now().getTime();
    return enqueueRun(async () => {
      if (!running || !leading || !holdsLease()) return;
      const workspace = await deps.repos.workspaces.get(workspaceId);
      const job = deps.jobs.get(jobName);
      if (!workspace || !job) return;
      const now = deps.clock.now();
      // Time spent waiting behind another run does not count against the tick.
      const queued = Math.max(0, now.getTime() - firedAt);
      await runDueJob(runnerDeps, job, workspace, now, {
        maxLatenessMs: TICK_LATENESS_MS + queued,
      });
    });
  }

  function disarm(workspaceId: number): void {
    for (const task of tasks.get(workspaceId) ?? []) void task.destroy();
    tasks.delete(workspaceId);
    for (const key of [...armedExprs.keys()]) if (key.startsWith(`${workspaceId}:`)) armedExprs.delete(key);
  }

  function arm(workspace: Workspace): void {
    disarm(workspace.id);
    if (!deps.platforms[workspace.platform]) return;
    const armed: ScheduledTask[] = [];
    tasks.set(workspace.id, armed);
    for (const job of deps.jobs.keys()) {
      const expr = scheduleOf(workspace.settings, job);
      const check = validateCron(expr);
      if (!check.ok) {
        logger.error('schedule refused; job not armed', { workspaceId: workspace.id, job, expr, reason: check.detail });
        continue;
      }
      const exprs = [expr];
      if (shiftsOffHolidays(job, workspace.settings)) {
        const [minute, hour] = expr.trim().split(/\s+/u);
        exprs.push(`${minute} ${hour} * * *`);
      }
      try {
        for (const e of exprs) {
          armed.push(
            cron.schedule(e, () => tick(workspace.id, job), {
              timezone: workspace.settings.timezone,
              name: `hiroba:${workspace.id}:${job}:${e}`,
              noOverlap: true,
              logger: cronLogger,
            }),
          );
        }
        armedExprs.set(`${workspace.id}:${job}`, exprs);
      } catch (error) {
        // An unknown time zone is the usual cause; the workspace's other settings still work.
        logger.error('schedule could not be armed; check the workspace time zone', {
          workspaceId: workspace.id,
          job,
          timezone: workspace.settings.timezone,
          error: String(error),
        });
      }
    }
  }

  /** Arms workspaces created since the last look (a Slack team or Teams tenant that just installed Hiroba). */
  async function armNew(): Promise<void> {
    for (const workspace of await deps.repos.workspaces.list()) if (!tasks.has(workspace.id)) arm(workspace);
  }

  /** A leader whose renewals failed stops running jobs at its lease's end, before anyone may take over. */
  function holdsLease(): boolean {
    return deps.lease === undefined || deps.clock.now().getTime() < leaseUntil;
  }

  async function lead(): Promise<JobRunResult[]> {
    leading = true;
    let results: JobRunResult[];
    try {
      results = await enqueueRun(() =>
        catchUp({ ...runnerDeps, jobs: deps.jobs, platforms: deps.platforms }, deps.clock.now()),
      );
    } catch (error) {
      // Not leading after all: the next lease check (with a lease) catches up and arms again.
      leading = false;
      throw error;
    }
    if (!running || !leading) return results;
    const workspaces = await deps.repos.workspaces.list();
    // The lease may have been lost while the list was read.
    if (!running || !leading) return results;
    for (const workspace of workspaces) arm(workspace);
    refreshTask = cron.schedule(
      REFRESH_EXPR,
      // node-cron does not wait for the look; a failed one is logged and the next one, 5 minutes on, tries again.
      () =>
        void armNew().catch((error: unknown) =>
          logger.error('new workspaces not armed; looked for again in 5 minutes', { error: String(error) }),
        ),
      { name: 'hiroba:arm-new-workspaces', logger: cronLogger },
    );
    return results;
  }

  function standDown(): void {
    leading = false;
    if (refreshTask) void refreshTask.destroy();
    refreshTask = null;
    for (const id of [...tasks.keys()]) disarm(id);
  }

  /** Tries to take or renew the lease; false when another process holds it or the database refused. */
  async function tryLease(): Promise<boolean> {
    if (!deps.lease) return true;
    const now = deps.clock.now();
    try {
      if (!(await deps.lease.acquire(now, new Date(now.getTime() + leaseMs)))) return false;
      leaseUntil = now.getTime() + leaseMs;
      return true;
    } catch (error) {
      logger.warn('scheduler lease not renewed; trying again', { error: String(error) });
      return false;
    }
  }

  async function checkLease(): Promise<void> {
    if (!running || !deps.lease) return;
    const held = await tryLease();
    if (leading && !held && !holdsLease()) {
      logger.warn('scheduler lease lost; another process runs the jobs now');
      standDown();
    } else if (!leading && held) {
      logger.info('scheduler lease taken; this process runs the jobs now');
      try {
        const results = await lead();
        if (results.length > 0) logger.info('caught up on scheduled jobs', { runs: results.length });
      } catch (error) {
        logger.error('catch-up failed; tried again at the next lease check', { error: String(error) });
      }
    }
  }

  return {
    async start() {
      if (running) return [];
      running = true;
      if (deps.lease) {
        // checkLease catches and logs everything it meets, so a check runs on its own.
        leaseTimer = setInterval(() => void checkLease(), Math.max(1000, Math.floor(leaseMs / 3)));
        leaseTimer.unref();
        if (!(await tryLease())) {
          logger.info('another process runs the scheduled jobs; this one stands by');
          return [];
        }
      }
      return lead();
    },
    async stop() {
      running = false;
      if (leaseTimer) clearInterval(leaseTimer);
      leaseTimer = null;
      standDown();
      await queue;
      if (deps.lease) {
        try {
          await deps.lease.release();
        } catch (error) {
          logger.warn('scheduler lease not released; it lapses by itself', { error: String(error) });
        }
      }
    },
    async reload(workspaceId) {
      if (!running || !leading) return;
      const workspace = await deps.repos.workspaces.get(workspaceId);
      // Stopped or stood down while the settings were read: arming now would outlive the lead.
      if (!running || !leading) return;
      if (workspace) arm(workspace);
      else disarm(workspaceId);
    },
    armed() {
      return new Map(armedExprs);
    },
    leading() {
      return running && leading;
    },
    checkLease,
  };
}
