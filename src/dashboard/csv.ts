import type { Cell, Table } from './table.js';

/** UTF-8 byte order mark: Japanese Excel reads a CSV as Shift_JIS without it. */
export const BOM = '\uFEFF';

function field(value: string): string {
  // A leading = + - @ makes a spreadsheet run the cell as a formula: prefixed, so it stays text.
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cellValue(cell: Cell, percent: boolean): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return percent ? String(Math.round(cell * 1000) / 10) : String(cell);
  return cell;
}

/**
 * A table as CSV (RFC 4180, CRLF lines) with a BOM, so Japanese Excel opens it as UTF-8. Ratios are
 * written in percent (the header says `(%)`); a figure that may not be shown is an empty cell.
 */
export function tableCsv(table: Table): string {
  const header = table.columns.map((c) => field(c.kind === 'percent' ? `${c.label} (%)` : c.label));
  const lines = [header.join(',')];
  for (const [r, row] of table.rows.entries()) {
    const cells = row.map((cell, i) => field(cellValue(cell, table.columns[i]?.kind === 'percent')));
    const link = table.links?.[r];
    if (table.links) cells.push(field(link ?? ''));
    lines.push(cells.join(','));
  }
  if (table.links) lines[0] = `${lines[0]},URL`;
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
