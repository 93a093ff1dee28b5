import type { ChatPlatform, JobRunResult, Repositories } from '../core/ports.js';
import { type Platform, scheduleOf, type Workspace } from '../core/types.js';
import { isDatabaseUnavailable } from '../store/errors.js';
import { planDue } from './fires.js';
import { executorOf, type JobDefinition, type JobRegistry, type JobRunnerDeps } from './job-runner.js';
import { silentLogger } from './logger.js';

/**
 * Waits before running a job again whose write the database refused for the moment (a lock held by
 * another process; the server's busy timeout is short on purpose). Async, so the server keeps serving.
 */
export const DB_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000, 8000, 16_000];

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface CatchUpDeps extends JobRunnerDeps {
  repos: Repositories;
  jobs: JobRegistry;
  /** When given, only workspaces whose platform is running are served. */
  platforms?: Partial<Record<Platform, ChatPlatform>>;
}

export interface DueOptions {
  /**
   * Run the due fire only if it was due at most this long ago. Cron ticks pass a few minutes, so a
   * tick runs its own fire and nothing older (a schedule changed to an earlier time today does not
   * send at the next unrelated tick); catch-up on start passes nothing and runs any current fire.
   */
  maxLatenessMs?: number;
  /** Waits between retries after the database refused (tests pass one that returns at once). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Does what one job owes one workspace at `now`: runs the latest due fire once if its period is
 * still current and not in the ledger, and records missed periods that are over as 'skipped' (never
 * sent late). Every cron tick and the catch-up on start call it. A job whose build throws is logged
 * and left out of the ledger; catch-up on the next start tries it again while its period lasts.
 */
export async function runDueJob(
  deps: JobRunnerDeps,
  job: JobDefinition,
  workspace: Workspace,
  now: Date,
  options: DueOptions = {},
): Promise<JobRunResult[]> {
  const logger = deps.logger ?? silentLogger;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await runDueOnce(deps, job, workspace, now, options);
    } catch (error) {
      const delay = DB_RETRY_DELAYS_MS[attempt];
      if (!isDatabaseUnavailable(error) || delay === undefined) {
        logger.error('job not run: the database refused; catch-up runs it at the next start while its period lasts', {
          job: job.name,
          workspaceId: workspace.id,
          error: error instanceof Error ? error.message : String(error),
        });
        return [];
      }
      logger.warn('database busy; job tried again shortly', { job: job.name, workspaceId: workspace.id, delay });
      await sleep(delay);
    }
  }
}

async function runDueOnce(
  deps: JobRunnerDeps,
  job: JobDefinition,
  workspace: Workspace,
  now: Date,
  options: DueOptions,
): Promise<JobRunResult[]> {
  const logger = deps.logger ?? silentLogger;
  const { repos } = deps;
  const expr = scheduleOf(workspace.settings, job.name);
  let plan;
  try {
    plan = await planDue({
      job: job.name,
      expr,
      settings: workspace.settings,
      now,
      since: new Date(workspace.createdAt),
      inLedger: async (period) => (await repos.ledger.get(workspace.id, job.name, period)) !== null,
    });
  } catch (error) {
    logger.error('schedule unreadable; job not run', {
      job: job.name,
      workspaceId: workspace.id,
      expr,
      error: String(error),
    });
    return [];
  }
  const results: JobRunResult[] = [];
  for (const fire of plan.skip) {
    const detail = `missed: due ${fire.effective.toISOString()} while not running; not sent late`;
    const recorded = await repos.ledger.record({
      workspaceId: workspace.id,
      job: job.name,
      period: fire.period,
      status: 'skipped',
      at: now.toISOString(),
      detail,
    });
    if (recorded) {
      logger.warn('missed period skipped', { job: job.name, workspaceId: workspace.id, period: fire.period });
      results.push({
        job: job.name,
        workspaceId: workspace.id,
        period: fire.period,
        status: 'skipped',
        enqueued: 0,
        detail,
      });
    }
  }
  const lateness = plan.run ? now.getTime() - plan.run.effective.getTime() : 0;
  if (plan.run && (options.maxLatenessMs === undefined || lateness <= options.maxLatenessMs)) {
    try {
      results.push(await executorOf(deps)(job, workspace, { now, period: plan.run.period }));
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      logger.error('job failed; left out of the ledger so catch-up can run it while its period lasts', {
        job: job.name,
        workspaceId: workspace.id,
        period: plan.run.period,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  }
  return results;
}

/**
 * On start: for every workspace and registered job, runs what is due and still current once, and
 * records missed periods as skipped (bounded to the last 8 periods, since the last run or the
 * workspace's creation). Called by the scheduler's `start()`.
 */
export async function catchUp(deps: CatchUpDeps, now: Date): Promise<JobRunResult[]> {
  const results: JobRunResult[] = [];
  for (const workspace of await deps.repos.workspaces.list()) {
    if (deps.platforms && !deps.platforms[workspace.platform]) continue;
    for (const job of deps.jobs.values()) results.push(...(await runDueJob(deps, job, workspace, now)));
  }
  return results;
}
