import { knownDepartment } from '../activity-sql.js';
import { InvalidValueError } from '../errors.js';

/**
 * The kept figures (`daily_rollups`, `member_weeks`): what one activity adds to them, how a read's
 * day bounds become ranges and the calendar both stores count weeks with, shared by the SQLite and
 * PostgreSQL stores.
 */

/** What one activity adds to (or takes from) its member's day and week. */
export interface FigureDelta {
  workspace_id: number;
  member_id: number;
  day: string;
  points: number;
  contributions: 0 | 1;
  posts: 0 | 1;
  interactions: 0 | 1;
  crossing: 0 | 1;
  /** The activity's instant when it is a top-level post, else null. */
  first_post: string | null;
}

/** One range `[from, to)` of a kept read, and what it reads. */
export interface KeptRange {
  range: number;
  from: string;
  to: string;
  /** The range is one whole ISO week (Monday to Monday): its week's row is read, else its days'. */
  week: boolean;
  /** The range's last day (inclusive), for a read of its days. */
  last: string;
}

export const NO_INTERACTION = { interactions: 0, crossing: 0 } as const;

/** Whether an activity can be an interaction at all: a reply or reaction to someone else. */
export function mayInteract(kind: string, memberId: number, targetId: number | null): boolean {
  return (kind === 'reply' || kind === 'reaction') && targetId !== null && targetId !== memberId;
}

/** The interaction and crossing of a reply or reaction, from both members' departments as stored now. */
export function crossingOfDepartments(
  row: { own: string | null; theirs: string | null; target_exists: number | boolean } | null | undefined,
): { interactions: 0 | 1; crossing: 0 | 1 } {
  // A target unknown to the directory is no interaction (the raw count's LEFT JOIN finds no row).
  if (!row?.target_exists) return NO_INTERACTION;
  const own = knownDepartment(row.own);
  const theirs = knownDepartment(row.theirs);
  if (own === null || theirs === null) return NO_INTERACTION;
  return { interactions: 1, crossing: own === theirs ? 0 : 1 };
}

export function checkDays(days: readonly string[]): void {
  for (const [i, day] of days.entries()) {
    if (!isDayString(day)) throw new InvalidValueError('daily_rollups', 'days', `"${day}" is not a day (YYYY-MM-DD)`);
    const previous = days[i - 1];
    if (previous !== undefined && day < previous)
      throw new InvalidValueError('daily_rollups', 'days', 'the day bounds must be in ascending order');
  }
}

/** The consecutive ranges of local days `[days[i], days[i + 1])` of a kept read, the days checked. */
export function keptRanges(days: readonly string[]): KeptRange[] {
  checkDays(days);
  return days.slice(1).map((to, range) => {
    const from = days[range] as string;
    return { range, from, to, week: isMonday(from) && addDaysTo(from, 7) === to, last: addDaysTo(to, -1) };
  });
}

/** Weeks whose sums a recount of the given (member, day) pairs changes, each once. */
export function touchedWeeks(days: ReadonlyArray<{ member_id: number; day: string }>): Array<{
  member_id: number;
  week: string;
  last: string;
}> {
  const weeks = new Map<string, { member_id: number; week: string; last: string }>();
  for (const d of days) {
    const week = weekOfDay(d.day);
    weeks.set(`${d.member_id}|${week}`, { member_id: d.member_id, week, last: addDaysTo(week, 6) });
  }
  return [...weeks.values()];
}

function isDayString(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function isMonday(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).getUTCDay() === 1;
}

export function addDaysTo(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of a local day's ISO week (`member_weeks.week`). */
export function weekOfDay(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDaysTo(day, -((weekday + 6) % 7));
}
