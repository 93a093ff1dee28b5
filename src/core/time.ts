/**
 * Calendar arithmetic in a workspace's time zone, with nothing but `Intl.DateTimeFormat`.
 *
 * Two kinds of value travel through Hiroba:
 * - a *day*: a local calendar date `YYYY-MM-DD` in the workspace's zone (rollups, the score);
 * - an *instant*: a `Date` or an ISO-8601 string with an offset (activities, ranges for queries).
 *
 * Days are handled as plain calendar dates (UTC midnight internally), so adding days never
 * meets a DST jump; only the conversions between days and instants need the zone.
 */

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const WEEK_RE = /^(\d{4})-W(\d{2})$/u;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/u;

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: Weekday;
}

export interface InstantRange {
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. */
  to: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      // h23, not hour12:false: some engines print midnight as "24" with the latter.
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone; config validation calls it before anything else. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function toDate(instant: Date | string): Date {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime()))
    throw new RangeError(`Not a valid instant: "${String(instant)}" (expected an ISO-8601 date-time)`);
  return d;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dayFromUtcMs(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Midnight UTC of a calendar day, as ms; throws on anything but a real `YYYY-MM-DD` date. */
function dayToUtcMs(day: string): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a day: "${day}" (expected YYYY-MM-DD)`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (dayFromUtcMs(ms) !== day) throw new RangeError(`Not a calendar date: "${day}"`);
  return ms;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  try {
    dayToUtcMs(value);
    return true;
  } catch {
    return false;
  }
}

function weekdayOfUtcMs(ms: number): Weekday {
  const js = new Date(ms).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as Weekday;
}

/** The wall-clock reading of an instant in a zone. Used by everything below and by quiet-hours checks. */
export function localParts(instant: Date, tz: string): LocalParts {
  const parts = formatterFor(tz).formatToParts(toDate(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    if (!p) throw new RangeError(`Intl gave no ${type} for zone ${tz}`);
    return Number(p.value);
  };
  const year = get('year');
  const month = get('month');
  const day = get('day');
  return {
    year,
    month,
    day,
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    weekday: weekdayOfUtcMs(Date.UTC(year, month - 1, day)),
  };
}

/** The local day (`YYYY-MM-DD`) of an instant: the rollup day of an activity. */
export function localDay(instant: Date | string, tz: string): string {
  const ms = toDate(instant).getTime();
  // Today's offsets are whole quarter hours and change on a quarter hour, so all instants of one UTC
  // quarter hour share their local day: asked once per zone and quarter hour (an event burst asks
  // thousands of times; Intl's formatting costs microseconds each).
  const key = `${tz}|${Math.floor(ms / QUARTER_HOUR_MS)}`;
  const known = dayMemo.get(key);
  if (known !== undefined) return known;
  const p = localParts(new Date(ms), tz);
  const day = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  // Remembered only where the offset in force is a whole number of quarter hours (not so for the
  // local mean times of zones before about 1900).
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  if (offset % QUARTER_HOUR_MS === 0) {
    if (dayMemo.size >= DAY_MEMO_LIMIT) dayMemo.clear();
    dayMemo.set(key, day);
  }
  return day;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const DAY_MEMO_LIMIT = 4096;
const dayMemo = new Map<string, string>();

/** Zone offset (local wall clock minus UTC, in ms) in force at an instant. */
function offsetAt(ms: number, tz: string): number {
  const p = localParts(new Date(ms), tz);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `tz` reads `time` on `day`. Schedulers and range
 * builders call it. Across DST it follows the usual "compatible" rule:
 * - a time that happens twice (fall back, e.g. 01:30 on 2026-11-01 in America/New_York) gives
 *   the earlier instant (01:30 EDT = 05:30Z);
 * - a time that never happens (spring forward, e.g. 02:30 on 2026-03-08 in New York) is shifted
 *   forward by the length of the gap (03:30 EDT = 07:30Z), so a job set in the gap still runs
 *   that day, just after it.
 */
export function zonedTimeToUtc(day: string, time: string, tz: string): Date {
  const t = TIME_RE.exec(time);
  if (!t) throw new RangeError(`Not a time: "${time}" (expected HH:MM, 00:00–23:59)`);
  const wall = dayToUtcMs(day) + Number(t[1]) * 3_600_000 + Number(t[2]) * 60_000;
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetAt(wall - DAY_MS, tz);
  const after = offsetAt(wall + DAY_MS, tz);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((ms) => {
      const p = localParts(new Date(ms), tz);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
    })
    .sort((a, b) => a - b);
  const earliest = valid[0];
  if (earliest !== undefined) return new Date(earliest);
  // In the gap: read the wall time with the offset from before the jump, which lands after it.
  return new Date(wall - before);
}

/** The local day whose midnight in `tz` is exactly this instant, or null when it is no local midnight. */
export function midnightDay(instant: Date, tz: string): string | null {
  const day = localDay(instant, tz);
  return zonedTimeToUtc(day, '00:00', tz).getTime() === instant.getTime() ? day : null;
}

/** Local midnight of `day` to local midnight of the next day, as instants. */
export function dayRange(day: string, tz: string): InstantRange {
  return { from: zonedTimeToUtc(day, '00:00', tz), to: zonedTimeToUtc(addDays(day, 1), '00:00', tz) };
}

/** The calendar day `n` days after `day` (negative `n` goes back). */
export function addDays(day: string, n: number): string {
  return dayFromUtcMs(dayToUtcMs(day) + n * DAY_MS);
}

/** `b − a` in whole calendar days (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayToUtcMs(b) - dayToUtcMs(a)) / DAY_MS);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function weekdayOfDay(day: string): Weekday {
  return weekdayOfUtcMs(dayToUtcMs(day));
}

/**
 * The ISO-8601 week of a calendar day, `YYYY-Www`. A week runs Monday–Sunday and belongs to the
 * year of its Thursday, so 2020-12-31 and 2021-01-03 are 2020-W53 and 2024-12-30 is 2025-W01.
 */
export function isoWeekOfDay(day: string): string {
  const ms = dayToUtcMs(day);
  const thursday = ms + (4 - weekdayOfUtcMs(ms)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The ISO week an instant falls in, read in the workspace's zone (the period of weekly jobs). */
export function isoWeekOf(instant: Date | string, tz: string): string {
  return isoWeekOfDay(localDay(instant, tz));
}

/** The Monday that starts an ISO week. Throws on a malformed or non-existent week (e.g. 2025-W53). */
export function isoWeekStartDay(week: string): string {
  const m = WEEK_RE.exec(week);
  if (!m) throw new RangeError(`Not an ISO week: "${week}" (expected YYYY-Www, e.g. 2026-W48)`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = dayFromUtcMs(jan4 - (weekdayOfUtcMs(jan4) - 1) * DAY_MS + (n - 1) * 7 * DAY_MS);
  if (n < 1 || isoWeekOfDay(monday) !== week) throw new RangeError(`No such ISO week: "${week}"`);
  return monday;
}

/** True for an existing ISO week written `YYYY-Www`. */
export function isIsoWeek(value: string): boolean {
  try {
    isoWeekStartDay(value);
    return true;
  } catch {
    return false;
  }
}

/** Local Monday 00:00 to the next Monday 00:00 in `tz`, as instants (the query range of a week). */
export function isoWeekRange(week: string, tz: string): InstantRange {
  const monday = isoWeekStartDay(week);
  return { from: zonedTimeToUtc(monday, '00:00', tz), to: zonedTimeToUtc(addDays(monday, 7), '00:00', tz) };
}

/** The week `delta` weeks after `week` (negative goes back). */
export function shiftWeek(week: string, delta: number): string {
  return isoWeekOfDay(addDays(isoWeekStartDay(week), delta * 7));
}

/** The `n` weeks ending with `week`, oldest first (trend lines). */
export function previousWeeks(week: string, n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(shiftWeek(week, -i));
  return out;
}

/** Japanese fiscal year (April–March) of a day: 2026-04-01 … 2027-03-31 → 2026. */
export function fiscalYearOfDay(day: string): number {
  const d = new Date(dayToUtcMs(day));
  const year = d.getUTCFullYear();
  return d.getUTCMonth() >= 3 ? year : year - 1;
}

/** Local 1 April 00:00 of `fy` to local 1 April 00:00 of `fy + 1`, as instants. */
export function fiscalYearRange(fy: number, tz: string): InstantRange {
  return {
    from: zonedTimeToUtc(`${pad(fy, 4)}-04-01`, '00:00', tz),
    to: zonedTimeToUtc(`${pad(fy + 1, 4)}-04-01`, '00:00', tz),
  };
}

/** The local month of an instant, `YYYY-MM` (period key of monthly jobs). */
export function monthKey(instant: Date | string, tz: string): string {
  return localDay(instant, tz).slice(0, 7);
}
