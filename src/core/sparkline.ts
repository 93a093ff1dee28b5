/** The eight bar heights, lowest first. */
export const SPARK_BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** Drawn for a value that is not a finite number (a week with no data): a visible gap. */
export const SPARK_GAP = '·';

/**
 * A one-line text chart: one bar per value, scaled between `min` (▁) and `max` (█), values outside
 * clamped. Plain text on purpose, so Slack, Teams and a terminal show the same thing. Called by the
 * weekly digest and the manager report for the participation trend.
 *
 * Non-finite values become `SPARK_GAP`; an empty list gives ''. When `max <= min` there is no
 * scale: values above `min` are drawn full, the rest lowest.
 */
export function sparkline(values: readonly number[], min = 0, max = 1): string {
  const top = SPARK_BARS.length - 1;
  const range = max - min;
  return values
    .map((value) => {
      if (!Number.isFinite(value)) return SPARK_GAP;
      if (!(range > 0)) return value > min ? SPARK_BARS[top] : SPARK_BARS[0];
      const level = Math.round(((value - min) / range) * top);
      return SPARK_BARS[Math.min(top, Math.max(0, level))];
    })
    .join('');
}
