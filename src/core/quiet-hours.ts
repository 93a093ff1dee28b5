import { jpHolidayName } from './calendar.js';
import { addDays, localDay, localParts, weekdayOfDay, zonedTimeToUtc } from './time.js';
import type { WorkspaceSettings } from './types.js';

export type QuietHoursSettings = Pick<WorkspaceSettings, 'timezone' | 'calendar' | 'quietHours'>;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A day on which DMs may be sent at all: no weekend (when configured) and no jp holiday. */
function isDmDay(day: string, settings: QuietHoursSettings): boolean {
  if (settings.quietHours.weekends && weekdayOfDay(day) >= 6) return false;
  return settings.calendar !== 'jp' || jpHolidayName(day) === null;
}

/**
 * The first allowed minute of the day at or after `minute` (minutes since local midnight), or null
 * when the rest of the day is quiet. `start > end` is an overnight window (20:00–08:00);
 * `start < end` a window inside one day; `start == end` means no quiet hours.
 */
function firstAllowedMinute(minute: number, start: number, end: number): number | null {
  if (start === end) return minute;
  if (start > end) {
    if (minute < end) return end;
    return minute >= start ? null : minute;
  }
  return minute >= start && minute < end ? end : minute;
}

/**
 * When a DM due at `at` may go out: `at` itself when it falls outside quiet hours on a day DMs are
 * allowed, else the first allowed instant after it (normally the local end of quiet hours, e.g.
 * 08:00, on the next allowed day). The job runner calls it for every DM it enqueues; channel posts
 * are never deferred.
 */
export function nextAllowedTime(at: Date, settings: QuietHoursSettings): Date {
  const tz = settings.timezone;
  const start = minutesOf(settings.quietHours.start);
  const end = minutesOf(settings.quietHours.end);
  const parts = localParts(at, tz);
  let day = localDay(at, tz);
  let minute = parts.hour * 60 + parts.minute;
  const first = isDmDay(day, settings) ? firstAllowedMinute(minute, start, end) : null;
  if (first === minute) return at;
  if (first !== null) return zonedTimeToUtc(day, hhmmOf(first), tz);
  // Weekends and holidays never add up to a year; the bound only guards against a bad table.
  for (let i = 0; i < 366; i++) {
    day = addDays(day, 1);
    minute = 0;
    if (!isDmDay(day, settings)) continue;
    const allowed = firstAllowedMinute(minute, start, end);
    if (allowed !== null) return zonedTimeToUtc(day, hhmmOf(allowed), tz);
  }
  throw new RangeError(`No allowed DM time within a year after ${at.toISOString()}; check quietHours`);
}

/** True when a DM at `at` would be deferred (for logs and the demo). */
export function isQuietTime(at: Date, settings: QuietHoursSettings): boolean {
  return nextAllowedTime(at, settings).getTime() !== at.getTime();
}
