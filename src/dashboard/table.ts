import { formatNumber, formatPercent, t } from '../core/i18n/index.js';
import type { Locale } from '../core/types.js';
import { type Html, html } from './html.js';

/** How a column's values read: a 0–1 ratio, a count, text, or a link (`[text, href]` as text `text`). */
export type ColumnKind = 'percent' | 'count' | 'text';

export interface Column {
  label: string;
  kind: ColumnKind;
}

/** A cell: null where no figure may be shown (a group under five people). */
export type Cell = string | number | null;

/**
 * A table of a dashboard page: shown as HTML and downloadable as CSV from the same rows, so the
 * download says exactly what the page says.
 */
export interface Table {
  /** Stable id, the CSV file's name (`weekly`, `heatmap`, …). */
  id: string;
  caption: string;
  columns: Column[];
  rows: Cell[][];
  /** Per row, a link for the last column's text (stories). */
  links?: Array<string | null>;
}

function cellText(locale: Locale, column: Column | undefined, cell: Cell): string {
  if (cell === null) return t(locale, 'dashboard.tooFewShort');
  if (typeof cell === 'number')
    return column?.kind === 'percent' ? formatPercent(locale, cell) : formatNumber(locale, cell);
  return cell;
}

/** The table as HTML, scrollable sideways on a phone, with its CSV link under it. */
export function tableHtml(locale: Locale, table: Table, csvHref: string | null): Html {
  return html`<section class="table-block" id="table-${table.id}">
<div class="table-wrap"><table>
<caption>${table.caption}</caption>
<thead><tr>${table.columns.map((c) => html`<th scope="col" class="${c.kind}">${c.label}</th>`)}</tr></thead>
<tbody>${table.rows.map(
    (row, r) =>
      html`<tr>${row.map((cell, i) => {
        const column = table.columns[i];
        const text = cellText(locale, column, cell);
        const link = i === row.length - 1 ? (table.links?.[r] ?? null) : null;
        const cls = cell === null ? 'none' : (column?.kind ?? 'text');
        return i === 0
          ? html`<th scope="row">${text}</th>`
          : html`<td class="${cls}">${link ? html`<a href="${link}" rel="noopener noreferrer">${text}</a>` : text}</td>`;
      })}</tr>`,
  )}</tbody>
</table></div>
${csvHref ? html`<p class="csv"><a href="${csvHref}" download>${t(locale, 'dashboard.csv')}</a></p>` : ''}
</section>`;
}
