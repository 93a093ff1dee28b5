import type { Locale } from '../types.js';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split('-').map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1 };
}

/** A month as the short date of a chart writes it: "11" (as in 11/24) in Japanese, "Nov" in English. */
export function shortMonth(locale: Locale, month: number): string {
  return locale === 'ja' ? String(month) : (EN_MONTHS[month - 1] ?? String(month));
}

/** A calendar day (YYYY-MM-DD) as people write it: "2026年3月2日" / "Mar 2, 2026"; without the year when `withYear` is false. */
export function formatDay(locale: Locale, day: string, withYear = true): string {
  const { y, m, d } = parts(day);
  if (locale === 'ja') return withYear ? `${y}年${m}月${d}日` : `${m}月${d}日`;
  const md = `${EN_MONTHS[m - 1]} ${d}`;
  return withYear ? `${md}, ${y}` : md;
}

/**
 * Two calendar days, both included, as a period: "3月2日〜8日", "3月30日〜4月5日", "Mar 2–8",
 * "Mar 30 – Apr 5"; the year is added when the period crosses one. Never an ISO week label.
 */
export function formatDayRange(locale: Locale, from: string, to: string): string {
  const a = parts(from);
  const b = parts(to);
  if (a.y !== b.y) {
    return locale === 'ja'
      ? `${formatDay(locale, from)}〜${formatDay(locale, to)}`
      : `${formatDay(locale, from)} – ${formatDay(locale, to)}`;
  }
  if (locale === 'ja') return a.m === b.m ? `${a.m}月${a.d}日〜${b.d}日` : `${a.m}月${a.d}日〜${b.m}月${b.d}日`;
  return a.m === b.m
    ? `${EN_MONTHS[a.m - 1]} ${a.d}–${b.d}`
    : `${EN_MONTHS[a.m - 1]} ${a.d} – ${EN_MONTHS[b.m - 1]} ${b.d}`;
}

/** "85名" / "85 people", "1 person": people are counted with 名, never 件. */
export function formatPeople(locale: Locale, count: number): string {
  const n = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US').format(count);
  if (locale === 'ja') return `${n}名`;
  return count === 1 ? `${n} person` : `${n} people`;
}
