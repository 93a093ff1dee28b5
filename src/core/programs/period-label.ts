import { t } from '../i18n/index.js';
import { localDay, localParts } from '../time.js';
import type { Locale } from '../types.js';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local day as people write it: "3月6日" / "6 Mar". */
export function dayLabel(locale: Locale, day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return t(locale, 'programs.period.day', {
    month: locale === 'ja' ? String(month) : (MONTHS_EN[(month ?? 1) - 1] ?? ''),
    day: String(date),
  });
}

/** An instant as a local day and time: "3月6日 16:00". */
export function instantLabel(locale: Locale, at: Date, tz: string): string {
  const p = localParts(at, tz);
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return t(locale, 'programs.period.instant', { day: dayLabel(locale, localDay(at, tz)), time });
}

/** The dates a report covers: "3月2日〜3月8日" (both days included). */
export function daysLabel(locale: Locale, firstDay: string, lastDay: string): string {
  return t(locale, 'programs.period.days', { from: dayLabel(locale, firstDay), to: dayLabel(locale, lastDay) });
}
