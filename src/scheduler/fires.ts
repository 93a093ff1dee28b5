import { localDay, localParts, zonedTimeToUtc } from '../core/time.js';
import type { JobName, WorkspaceSettings } from '../core/types.js';
import { jpHolidayName, nextBusinessDay } from './calendar.js';
import { firesBackFrom, periodOf } from './schedule.js';

export type FireSettings = Pick<WorkspaceSettings, 'timezone' | 'calendar'>;

/**
 * Jobs that never move off a holiday: they send nothing to people, and a daily job moved to the
 * next business day would only run twice that morning.
 */
const MAINTENANCE_JOBS: ReadonlySet<JobName> = new Set<JobName>(['directory-sync', 'retention']);

/** True when a fire of `job` on a jp holiday moves to the next business day. */
export function shiftsOffHolidays(job: JobName, settings: FireSettings): boolean {
  return settings.calendar === 'jp' && !MAINTENANCE_JOBS.has(job);
}

/**
 * When a fire actually runs. Under the `jp` calendar, a people-facing job whose fire falls on a
 * national holiday runs on the next business day at the same local time (2027-01-01 10:00 JST →
 * 2027-01-04 10:00 JST); otherwise at the fire itself. The ledger period stays the fire's own.
 */
export function effectiveFire(job: JobName, nominal: Date, settings: FireSettings): Date {
  if (!shiftsOffHolidays(job, settings)) return nominal;
  const tz = settings.timezone;
  const day = localDay(nominal, tz);
  if (jpHolidayName(day) === null) return nominal;
  const p = localParts(nominal, tz);
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return zonedTimeToUtc(nextBusinessDay(day, 'jp'), time, tz);
}

export interface Fire {
  /** The instant the cron expression names. */
  nominal: Date;
  /** When it runs (after a holiday shift). */
  effective: Date;
  period: string;
}

export interface DuePlan {
  /** The fire to run now: the latest due fire, when its period is still current and not in the ledger. */
  run: Fire | null;
  /** Past periods that were missed: recorded as skipped, never sent late. Oldest first. */
  skip: Fire[];
}

export interface DueQuery {
  job: JobName;
  expr: string;
  settings: FireSettings;
  now: Date;
  /** Fires before this instant (the workspace's creation) are not considered. */
  since: Date;
  /** Whether the ledger already holds a period (asked of the store, newest period first). */
  inLedger: (period: string) => boolean | Promise<boolean>;
  /** Past periods looked at; older misses are left alone. */
  maxPastPeriods?: number;
}

/** Bounds the walk back through fires for expressions that fire every minute. */
const MAX_FIRES_WALKED = 5000;
export const DEFAULT_MAX_PAST_PERIODS = 8;

/**
 * What a job owes at `now`: the catch-up on start and every cron tick both ask this, so a tick and
 * a restart follow the same rule. Walks back from `now` through the fires until it meets a period
 * already in the ledger (everything before it was handled then), the workspace's creation, or the
 * bound on periods. A fire is still current when its period is the period of `now` or when it was
 * due earlier the same local day (a holiday-shifted fire whose period has just ended).
 */
export async function planDue(query: DueQuery): Promise<DuePlan> {
  const { job, expr, settings, now, since } = query;
  const tz = settings.timezone;
  const maxPeriods = (query.maxPastPeriods ?? DEFAULT_MAX_PAST_PERIODS) + 1;
  const byPeriod = new Map<string, Fire>();
  let walked = 0;
  for (const nominal of firesBackFrom(expr, now, tz)) {
    if (++walked > MAX_FIRES_WALKED || nominal.getTime() < since.getTime()) break;
    const effective = effectiveFire(job, nominal, settings);
    if (effective.getTime() > now.getTime()) continue; // moved past now: a later tick runs it
    const period = periodOf(job, nominal, tz);
    if (byPeriod.has(period)) continue;
    if (byPeriod.size >= maxPeriods || (await query.inLedger(period))) break;
    byPeriod.set(period, { nominal, effective, period });
  }
  const fires = [...byPeriod.values()]; // newest first
  const latest = fires[0];
  if (!latest) return { run: null, skip: [] };
  const current = latest.period === periodOf(job, now, tz) || localDay(latest.effective, tz) === localDay(now, tz);
  const skip = (current ? fires.slice(1) : fires).reverse();
  return { run: current ? latest : null, skip };
}
