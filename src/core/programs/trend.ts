import { formatPercent } from '../i18n/index.js';
import { sparkline } from '../sparkline.js';
import type { Locale } from '../types.js';
import type { TrendPointView } from './inputs.js';

/** Weeks the trend shows, this week included. */
export const TREND_WEEKS = 8;

export interface TrendSummary {
  /** Rates oldest first, this week last; at most `TREND_WEEKS`. */
  rates: number[];
  /** The sparkline of `rates`, scaled from 0 to the highest rate so the shape is visible. */
  spark: string;
  /** First and last rate as percentages, to read the sparkline by. */
  from: string;
  to: string;
  /** Last week's rate, when the trend has it. */
  previous: number | null;
}

/**
 * The participation trend ending with this week. `trend` comes from the store oldest first; entries
 * for this week or later are dropped in favour of `current` (this week's figure as reported), so
 * the line and the headline number never disagree. ISO week labels sort as strings.
 */
export function summarizeTrend(
  locale: Locale,
  week: string,
  current: number,
  trend: readonly TrendPointView[],
): TrendSummary {
  const earlier = trend.filter((p) => p.week < week).slice(-(TREND_WEEKS - 1));
  const rates = [...earlier.map((p) => p.participationRate), current];
  const finite = rates.filter((r) => Number.isFinite(r));
  const top = finite.length > 0 ? Math.max(...finite) : 0;
  const last = earlier[earlier.length - 1];
  const show = (r: number): string => (Number.isFinite(r) ? formatPercent(locale, r) : '—');
  return {
    rates,
    spark: sparkline(rates, 0, top),
    from: show(rates[0] ?? current),
    to: show(current),
    previous: last !== undefined && Number.isFinite(last.participationRate) ? last.participationRate : null,
  };
}
