import { createRequire } from 'node:module';
import cron from 'node-cron';
import { isoWeekOf, localDay, monthKey } from '../core/time.js';
import type { JobName } from '../core/types.js';

// cron-parser is CommonJS with an `exports.default`, which Node and vitest read differently as a
// default import, and plain Node's ES-module loader does not always see its named exports: require it.
const { CronExpressionParser } = createRequire(import.meta.url)('cron-parser') as typeof import('cron-parser');

/**
 * Why a cron expression was refused. `fields`: not five fields; `syntax`: node-cron or cron-parser
 * cannot read it; `day-fields`: both day-of-month and day-of-week are restricted, which node-cron
 * reads as AND and cron-parser (like classic cron) as OR, so the two would fire on different days;
 * `disagree`: the two libraries compute different fire times for it.
 */
export type CronProblem = 'fields' | 'syntax' | 'day-fields' | 'disagree';

export type CronCheck = { ok: true } | { ok: false; reason: CronProblem; detail: string };

/**
 * Checks an ops-supplied cron expression (`schedule set <job> <cron>`) before it is stored. It must
 * mean the same to node-cron (which fires it) and cron-parser (which computes periods, catch-up
 * and the next run): five fields, minute precision. "First Monday" is written `0 10 * * 1#1`.
 */
export function validateCron(expr: string): CronCheck {
  const trimmed = expr.trim();
  const fields = trimmed.split(/\s+/u);
  if (fields.length !== 5) {
    return {
      ok: false,
      reason: 'fields',
      detail: `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`,
    };
  }
  const nodeCron = nodeCronProblem(trimmed);
  if (nodeCron !== null) return { ok: false, reason: 'syntax', detail: nodeCron };
  let parsed;
  try {
    parsed = CronExpressionParser.parse(trimmed, { tz: 'UTC', currentDate: REFERENCE });
  } catch (error) {
    return { ok: false, reason: 'syntax', detail: error instanceof Error ? error.message : String(error) };
  }
  if (!parsed.fields.dayOfMonth.isWildcard && !parsed.fields.dayOfWeek.isWildcard) {
    return {
      ok: false,
      reason: 'day-fields',
      detail: 'restrict day-of-month or day-of-week, not both (first Monday: "0 10 * * 1#1")',
    };
  }
  const mismatch = firstMismatch(
    trimmed,
    parsed.take(CROSS_CHECK_FIRES).map((d) => d.toDate()),
  );
  if (mismatch)
    return { ok: false, reason: 'disagree', detail: `node-cron would not fire at ${mismatch.toISOString()}` };
  return { ok: true };
}

const REFERENCE = new Date('2026-01-01T00:00:00Z');
const CROSS_CHECK_FIRES = 24;

function nodeCronProblem(expr: string): string | null {
  if (cron.validate(expr)) return null;
  const detailed = cron.validateDetailed(expr);
  return detailed.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'node-cron cannot read it';
}

/** Checks that node-cron matches every fire cron-parser computed (they share no code). */
function firstMismatch(expr: string, fires: Date[]): Date | null {
  const task = cron.createTask(expr, () => undefined, { timezone: 'UTC' });
  try {
    return fires.find((d) => !task.match(d)) ?? null;
  } finally {
    void task.destroy();
  }
}

/** The latest fire at or before `now` in `tz`, or null if the expression never fired. */
export function previousFire(expr: string, now: Date, tz: string): Date | null {
  // cron-parser's prev() is strictly before its current date; +1 ms makes a fire at `now` count.
  const it = CronExpressionParser.parse(expr, { tz, currentDate: new Date(now.getTime() + 1) });
  return it.hasPrev() ? it.prev().toDate() : null;
}

/** The first fire strictly after `now` in `tz`, or null if there is none. */
export function nextFire(expr: string, now: Date, tz: string): Date | null {
  const it = CronExpressionParser.parse(expr, { tz, currentDate: now });
  return it.hasNext() ? it.next().toDate() : null;
}

/**
 * Fires at or before `now`, newest first, lazily: catch-up walks back through them until it has
 * seen enough periods. The caller bounds the walk.
 */
export function* firesBackFrom(expr: string, now: Date, tz: string): Generator<Date> {
  const it = CronExpressionParser.parse(expr, { tz, currentDate: new Date(now.getTime() + 1) });
  while (it.hasPrev()) yield it.prev().toDate();
}

export type PeriodGranularity = 'month' | 'week' | 'day';

const GRANULARITY: Record<JobName, PeriodGranularity> = {
  'purpose-reminder': 'month',
  'idea-call': 'month',
  'story-prompts': 'week',
  digest: 'week',
  'manager-reports': 'week',
  nudges: 'week',
  'directory-sync': 'day',
  retention: 'day',
};

/** How long one run of a job counts for: a second run inside the same period does nothing. */
export function periodGranularity(job: JobName): PeriodGranularity {
  return GRANULARITY[job];
}

/**
 * The ledger period a fire of `job` at `instant` belongs to, read in the workspace's zone:
 * `2026-11` (monthly jobs), `2026-W48` (weekly, ISO week), `2026-11-24` (daily).
 */
export function periodOf(job: JobName, instant: Date, tz: string): string {
  switch (GRANULARITY[job]) {
    case 'month':
      return monthKey(instant, tz);
    case 'week':
      return isoWeekOf(instant, tz);
    case 'day':
      return localDay(instant, tz);
  }
}
