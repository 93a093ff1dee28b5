import type { JobRunResult, NewOutboxRow, Repositories } from '../core/ports.js';
import type { JobName, Workspace } from '../core/types.js';
import { type Logger, silentLogger } from './logger.js';
import { nextAllowedTime } from './quiet-hours.js';
import { periodOf } from './schedule.js';

/**
 * One message a job wants sent. `notBefore` is optional: a DM is never sent before the end of the
 * workspace's quiet hours whatever the job asks; a channel post goes at `notBefore` or at once.
 */
export type JobRow = Omit<NewOutboxRow, 'workspaceId' | 'job' | 'period' | 'createdAt' | 'notBefore'> & {
  notBefore?: string;
};

export interface JobContext {
  workspace: Workspace;
  /** The ledger period this run is for (`2026-W48`, `2026-11`, `2026-11-24`). */
  period: string;
  now: Date;
  repos: Repositories;
  /** Build everything, change nothing: `run-job --dry-run`. */
  dryRun: boolean;
}

export interface JobBuild {
  rows: JobRow[];
  /** A short line for the ledger and the logs (`12 prompts; 3 members at their weekly cap`). */
  detail?: string;
  /**
   * State the run changes besides its messages (a nudge step, deleted rows). Runs in the same
   * transaction as the ledger entry and the outbox rows, and only when they commit: never on a dry
   * run, never for a period that already ran. It awaits only the store (the transaction is open).
   */
  commit?: () => Promise<void>;
}

/**
 * A scheduled job. `build` reads what it needs and returns the messages; it must not write (put
 * writes in `commit`), so a dry run or a lost race changes nothing. It may be async (a directory
 * sync reads the platform).
 */
export interface JobDefinition {
  name: JobName;
  build(ctx: JobContext): JobBuild | Promise<JobBuild>;
}

/** The jobs a process can run, by name; `src/main.ts` registers the program jobs. */
export type JobRegistry = ReadonlyMap<JobName, JobDefinition>;

/** Builds the registry; a name registered twice is a wiring mistake and throws. */
export function createJobRegistry(jobs: readonly JobDefinition[]): Map<JobName, JobDefinition> {
  const registry = new Map<JobName, JobDefinition>();
  for (const job of jobs) {
    if (registry.has(job.name)) throw new Error(`Job "${job.name}" is registered twice; register each job once`);
    registry.set(job.name, job);
  }
  return registry;
}

export interface JobRunnerDeps {
  repos: Repositories;
  logger?: Logger;
  /** Told after rows were enqueued, so the outbox worker can start at once. */
  onEnqueued?: () => void;
  /**
   * Where a job's build and commit run. Without it they run here, on the caller's thread; the
   * running server passes the job thread's, so a long job never stops the event loop.
   */
  execute?: JobExecutor;
}

/**
 * Runs one job for one workspace as `runJob` does (same ledger rule, one transaction) and says what
 * it did. The job thread's executor (`job-thread.ts`) runs it on its own database connection.
 */
export type JobExecutor = (job: JobDefinition, workspace: Workspace, options: RunJobOptions) => Promise<JobRunResult>;

/** The deps' executor, or `runJob` on this thread. */
export function executorOf(deps: JobRunnerDeps): JobExecutor {
  return deps.execute ?? (async (job, workspace, options) => summary(await runJob(deps, job, workspace, options)));
}

/** A run's result without its rows (what the ledger and the logs keep). */
export function summary(outcome: JobRunResult): JobRunResult {
  return {
    job: outcome.job,
    workspaceId: outcome.workspaceId,
    period: outcome.period,
    status: outcome.status,
    enqueued: outcome.enqueued,
    ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
  };
}

export interface RunJobOptions {
  now: Date;
  /** Defaults to the period of `now` in the workspace's zone. */
  period?: string;
  dryRun?: boolean;
}

export interface JobRunOutcome extends JobRunResult {
  dryRun: boolean;
  /** The rows enqueued, or that would be on a dry run; empty when the period already ran. */
  rows: NewOutboxRow[];
}

/**
 * Runs one job for one workspace and period: builds its messages and writes the ledger entry and
 * every outbox row in one transaction. A period already in the ledger does nothing ('already-ran').
 * Called by the scheduler (cron tick, catch-up) and by `npx hiroba run-job` / `digest send`.
 * Errors thrown by `build` propagate and leave the ledger untouched, so the next tick tries again.
 */
export async function runJob(
  deps: JobRunnerDeps,
  job: JobDefinition,
  workspace: Workspace,
  options: RunJobOptions,
): Promise<JobRunOutcome> {
  const { repos } = deps;
  const logger = deps.logger ?? silentLogger;
  const now = options.now;
  const dryRun = options.dryRun ?? false;
  const period = options.period ?? periodOf(job.name, now, workspace.settings.timezone);
  const base = { job: job.name, workspaceId: workspace.id, period, dryRun };
  const ran = await repos.ledger.get(workspace.id, job.name, period);
  if (ran && !dryRun) return { ...base, status: 'already-ran', enqueued: 0, rows: [], detail: ran.detail ?? undefined };

  const built = await job.build({ workspace, period, now, repos, dryRun });
  const rows = uniqueByRecipient(built.rows).map((row) => toOutboxRow(row, job.name, workspace, period, now));
  const detail = built.detail ?? `${rows.length} message(s)`;
  if (dryRun) {
    return { ...base, status: ran ? 'already-ran' : 'ran', enqueued: 0, rows, detail };
  }

  const entry = {
    workspaceId: workspace.id,
    job: job.name,
    period,
    status: 'done' as const,
    at: now.toISOString(),
    detail,
  };
  const committed = await repos.transaction(async () => {
    if (!(await repos.outbox.commitRun(entry, rows))) return false;
    await built.commit?.();
    return true;
  });
  if (!committed) return { ...base, status: 'already-ran', enqueued: 0, rows: [] };
  logger.info('job ran', { job: job.name, workspaceId: workspace.id, period, enqueued: rows.length, detail });
  if (rows.length > 0) deps.onEnqueued?.();
  return { ...base, status: 'ran', enqueued: rows.length, rows, detail };
}

/** One message per recipient and period: the outbox key would drop the others anyway. */
function uniqueByRecipient(rows: readonly JobRow[]): JobRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.recipient.kind}:${row.recipient.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** DMs wait for the end of quiet hours (weekends and jp holidays included); channel posts do not. */
function toOutboxRow(row: JobRow, job: JobName, workspace: Workspace, period: string, now: Date): NewOutboxRow {
  const asked = row.notBefore ? new Date(row.notBefore) : now;
  const earliest = asked.getTime() > now.getTime() ? asked : now;
  const notBefore = row.recipient.kind === 'member' ? nextAllowedTime(earliest, workspace.settings) : earliest;
  return {
    workspaceId: workspace.id,
    job,
    period,
    recipient: row.recipient,
    message: row.message,
    notBefore: notBefore.toISOString(),
    createdAt: now.toISOString(),
  };
}
