import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, isDay, weekdayOfDay } from './time.js';
import type { WorkspaceSettings } from './types.js';

export type CalendarName = WorkspaceSettings['calendar'];

/**
 * The Japanese national holiday (祝日, 振替休日 and 国民の休日 included) on a local day, or null.
 * The table comes from @holiday-jp/holiday_jp, which is maintained against the Cabinet Office list
 * and reaches 2050; update the package when the law changes a date.
 */
export function jpHolidayName(day: string): string | null {
  if (!isDay(day)) throw new RangeError(`Not a day: "${day}" (expected YYYY-MM-DD)`);
  const holidays: Readonly<Record<string, { name: string } | undefined>> = holidayJp.holidays;
  return Object.hasOwn(holidays, day) ? (holidays[day]?.name ?? null) : null;
}

/** Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  return weekdayOfDay(day) >= 6;
}

/**
 * A working day: not a weekend and, under the `jp` calendar, not a national holiday. Called by the
 * job fire shift (a job due on a holiday runs the next business day) and by quiet hours.
 */
export function isBusinessDay(day: string, calendar: CalendarName): boolean {
  if (isWeekend(day)) return false;
  return calendar !== 'jp' || jpHolidayName(day) === null;
}

/** The first business day strictly after `day` (2027-01-01 under `jp` → 2027-01-04). */
export function nextBusinessDay(day: string, calendar: CalendarName): string {
  let d = addDays(day, 1);
  // Golden Week and the New Year never reach 10 closed days in a row; 31 is a safe bound.
  for (let i = 0; i < 31; i++, d = addDays(d, 1)) {
    if (isBusinessDay(d, calendar)) return d;
  }
  throw new RangeError(`No business day within 31 days after ${day}`);
}
