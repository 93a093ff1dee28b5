import { heatmapChart } from '../../charts/charts.js';
import { t } from '../../core/i18n/index.js';
import { departmentConnections, OTHER_GROUP } from '../../core/index.js';
import { html } from '../html.js';
import type { Table } from '../table.js';
import { chartFigure, note, type PageContext, type PageResult } from './page.js';

/** Department × department: who replies to and reacts to whom, as a heat map and two tables. */
export async function connectionsPage(ctx: PageContext): Promise<PageResult> {
  const l = ctx.locale;
  const data = await departmentConnections(ctx.view);
  const label = (name: string) => (name === OTHER_GROUP ? t(l, 'dashboard.connections.other') : name);
  const rows = data.rows.map(label);
  const columns = data.columns.map(label);
  const totals = data.replies.map((line, r) => line.map((n, c) => n + (data.reactions[r]?.[c] ?? 0)));
  const matrixTable = (id: string, caption: string, values: number[][]): Table => ({
    id,
    caption,
    columns: [
      { label: `${t(l, 'dashboard.col.fromDepartment')} \\ ${t(l, 'dashboard.col.toDepartment')}`, kind: 'text' },
      ...columns.map((c) => ({ label: c, kind: 'count' as const })),
    ],
    rows: values.map((line, r) => [rows[r] ?? '', ...line]),
  });
  const empty = rows.length === 0 || columns.length === 0;
  const body = html`<p class="help">${t(l, 'dashboard.connections.help')}</p>
${empty ? note(t(l, 'dashboard.tooFew')) : ''}
${
  empty
    ? ''
    : chartFigure(
        ctx,
        t(l, 'dashboard.connections.total'),
        () =>
          heatmapChart({
            rows,
            columns,
            values: totals,
            percentValues: false,
            xName: t(l, 'dashboard.col.toDepartment'),
            yName: t(l, 'dashboard.col.fromDepartment'),
          }),
        { width: 900, height: 160 + rows.length * 40 },
      )
}`;
  return {
    title: t(l, 'dashboard.connections.title'),
    body,
    tables: empty
      ? []
      : [
          matrixTable('replies', t(l, 'dashboard.col.replies'), data.replies),
          matrixTable('reactions', t(l, 'dashboard.col.reactions'), data.reactions),
        ],
  };
}
