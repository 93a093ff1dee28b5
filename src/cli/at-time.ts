import { addDays, isDay, zonedTimeToUtc } from '../core/time.js';
import { type JobName, scheduleOf, type WorkspaceSettings } from '../core/types.js';
import { nextFire } from '../scheduler/schedule.js';

const DATE = /^(\d{4}-\d{2}-\d{2})$/u;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/u;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/iu;

/**
 * The instant `run-job --dry-run --at <value>` evaluates a job at, read in the workspace's zone:
 * - `2026-03-06`: when the job's schedule fires that day (so `digest --at <a Friday>` is the
 *   Friday digest), or 00:00 when it does not fire that day;
 * - `2026-03-06T16:00` (or with a space, or with seconds): that wall-clock time in the zone;
 * - `2026-03-06T07:00Z`, `…+09:00`: that instant.
 * Null when the value is none of these or not a real date and time.
 */
export function parseAt(value: string, job: JobName, settings: WorkspaceSettings): Date | null {
  const text = value.trim();
  const tz = settings.timezone;
  const date = DATE.exec(text);
  if (date?.[1] !== undefined) {
    const day = date[1];
    if (!isDay(day)) return null;
    const start = zonedTimeToUtc(day, '00:00', tz);
    const fire = nextFire(scheduleOf(settings, job), new Date(start.getTime() - 1), tz);
    const end = zonedTimeToUtc(addDays(day, 1), '00:00', tz);
    return fire !== null && fire.getTime() < end.getTime() ? fire : start;
  }
  const local = LOCAL.exec(text);
  if (local?.[1] !== undefined) {
    const [, day, hh, mm, ss] = local;
    if (!isDay(day) || Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return null;
    return new Date(zonedTimeToUtc(day, `${hh}:${mm}`, tz).getTime() + Number(ss ?? 0) * 1000);
  }
  if (ZONED.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/u, '$1:$2'));
    const day = text.slice(0, 10);
    return Number.isNaN(ms) || !isDay(day) ? null : new Date(ms);
  }
  return null;
}
