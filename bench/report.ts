/** How a ratio is judged against its target. */
export interface Target {
  /** `context`: measured and shown, judged against nothing (e.g. a PostgreSQL line short of the SQLite target). */
  kind: 'at-most' | 'below' | 'at-least' | 'context';
  limit: number;
  label: string;
}

/** One line of the benchmark's table. */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  ratio: number;
  /** What the ratio compares, e.g. `core ÷ bare time`. */
  ratioMeaning: string;
  target: Target;
  /** Supporting numbers: the baseline, the other size, how it was measured. */
  detail: string;
}

export function atMost(limit: number, label = `≤ ${limit}×`): Target {
  return { kind: 'at-most', limit, label };
}

export function below(limit: number, label = `< ${limit}×`): Target {
  return { kind: 'below', limit, label };
}

export function atLeast(limit: number, label = `≥ ${limit}×`): Target {
  return { kind: 'at-least', limit, label };
}

/**
 * The line as a measured-only context line: its target (kept in the label, for comparison) is not
 * judged, and callers leave it out of the targets they count.
 */
export function asContext(line: BenchLine): BenchLine {
  return { ...line, target: { kind: 'context', limit: line.target.limit, label: `(${line.target.label})` } };
}

/** Whether a line meets its target; a ratio that could not be measured (NaN) does not. */
export function meets(line: Pick<BenchLine, 'ratio' | 'target'>): boolean {
  if (!Number.isFinite(line.ratio)) return false;
  switch (line.target.kind) {
    case 'at-most':
      return line.ratio <= line.target.limit;
    case 'below':
      return line.ratio < line.target.limit;
    case 'at-least':
      return line.ratio >= line.target.limit;
    case 'context':
      return true;
  }
}

/** A number with three significant digits and thousands separators (`12,300`, `4.56`, `0.0123`). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return value.toFixed(Math.min(digits, 4));
}

/** The table `npm run bench` prints: name, value, unit, ratio, target, PASS/WARN, details. */
export function formatTable(lines: readonly BenchLine[]): string {
  const header = ['benchmark', 'value', 'unit', 'ratio', 'target', 'result', 'ratio is / details'];
  const rows = lines.map((line) => [
    line.name,
    formatNumber(line.value),
    line.unit,
    `${formatNumber(line.ratio)}×`,
    line.target.label,
    line.target.kind === 'context' ? 'info' : meets(line) ? 'PASS' : 'WARN',
    `${line.ratioMeaning}; ${line.detail}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const rightAligned = new Set([1, 3]);
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, i) =>
        i === cells.length - 1
          ? cell
          : rightAligned.has(i)
            ? cell.padStart(widths[i] ?? 0)
            : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join('  ');
  return [render(header), rule, ...rows.map(render)].join('\n');
}

/** `bench: 5 of 6 targets met` (the last line of the report; CI greps it). */
export function summaryLine(lines: readonly BenchLine[]): string {
  const met = lines.filter(meets).length;
  const missed = lines.filter((l) => !meets(l)).map((l) => l.name);
  return `bench: ${met} of ${lines.length} targets met${missed.length > 0 ? ` (WARN: ${missed.join(', ')})` : ''}`;
}
