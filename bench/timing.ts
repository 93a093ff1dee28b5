/** Wall time of `fn` in milliseconds, from process.hrtime.bigint(). Called by every measurement. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Wall time of an async `fn` in milliseconds, with the value it resolved to. */
export async function timeMsAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Median (mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** `items` cut into `parts` consecutive slices of near-equal length (fewer when there are fewer items). */
export function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const count = Math.max(1, Math.min(parts, items.length));
  const out: T[][] = [];
  for (let p = 0; p < count; p += 1) {
    out.push(items.slice(Math.floor((p * items.length) / count), Math.floor(((p + 1) * items.length) / count)));
  }
  return out.filter((slice) => slice.length > 0);
}

/** `count` items spread evenly over `items` (first one included), in order; all of them when fewer. */
export function sampleEvenly<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}

/**
 * `count` slices of `size` consecutive items, spread evenly over `items` (redelivery samples from
 * the whole window, not only its start).
 */
export function sampleSlices<T>(items: readonly T[], count: number, size: number): T[][] {
  const width = Math.max(1, Math.min(size, Math.floor(items.length / Math.max(1, count))));
  return sampleEvenly(splitEvenly(items, count), count).map((slice) => slice.slice(0, width));
}

/**
 * Times each step once per round, the steps taking turns, so that load that comes and goes on the
 * machine falls on all of them alike. When the first round takes longer than `slowRoundMs`, only
 * `slowRounds` rounds are run in all (a median of three rather than minutes of waiting).
 * Returns the times (ms) of each step, in step order.
 */
export async function interleaved(
  rounds: number,
  steps: ReadonlyArray<() => unknown>,
  slow: { roundMs: number; rounds: number } = { roundMs: 4000, rounds: 3 },
): Promise<number[][]> {
  const times = steps.map((): number[] => []);
  let planned = rounds;
  for (let round = 0; round < planned; round += 1) {
    let roundMs = 0;
    for (const [i, step] of steps.entries()) {
      const { ms } = await timeMsAsync(async () => step());
      times[i]?.push(ms);
      roundMs += ms;
    }
    if (round === 0 && roundMs > slow.roundMs) planned = Math.min(planned, slow.rounds);
  }
  return times;
}

/** Median of the element-wise ratios `a[i] / b[i]`: paired samples taken in the same round. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / (b[i] ?? Number.NaN)));
}
