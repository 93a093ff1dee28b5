import { countBarsChart, lorenzChart, percentLinesChart } from '../../charts/charts.js';
import { formatNumber, formatPercent, t } from '../../core/i18n/index.js';
import { overview } from '../../core/index.js';
import { html } from '../html.js';
import type { Table } from '../table.js';
import { chartFigure, note, type PageContext, type PageResult, weekLong, weekShort } from './page.js';

/** Overview: the scope's 13 weeks (participation, reach, cross-department, executives, newcomers) and concentration. */
export async function overviewPage(ctx: PageContext): Promise<PageResult> {
  const l = ctx.locale;
  const data = await overview(ctx.view);
  const labels = data.weeks.map((w) => weekShort(ctx, w.week));
  const latest = data.weeks[data.weeks.length - 1];
  const m = latest?.metrics ?? null;
  const kpi = (label: string, value: string) =>
    html`<li><span class="label">${label}</span><span class="value">${value}</span></li>`;
  const tooFew = t(l, 'dashboard.tooFewShort');
  const weekly: Table = {
    id: 'weekly',
    caption: t(l, 'dashboard.overview.tableTitle'),
    columns: [
      { label: t(l, 'dashboard.col.week'), kind: 'text' },
      { label: t(l, 'dashboard.col.members'), kind: 'count' },
      { label: t(l, 'dashboard.col.contributors'), kind: 'count' },
      { label: t(l, 'dashboard.col.participation'), kind: 'percent' },
      { label: t(l, 'dashboard.col.reached'), kind: 'count' },
      { label: t(l, 'dashboard.col.reach'), kind: 'percent' },
      { label: t(l, 'dashboard.col.posts'), kind: 'count' },
      { label: t(l, 'dashboard.col.crossRatio'), kind: 'percent' },
      { label: t(l, 'dashboard.col.crossing'), kind: 'count' },
      { label: t(l, 'dashboard.col.interactions'), kind: 'count' },
      { label: t(l, 'dashboard.col.executivesActive'), kind: 'count' },
      { label: t(l, 'dashboard.col.executivesTotal'), kind: 'count' },
      { label: t(l, 'dashboard.col.newContributors'), kind: 'count' },
    ],
    rows: data.weeks.map((w) => {
      const x = w.metrics;
      return [
        weekLong(ctx, w.week),
        x ? w.members : null,
        x?.contributors ?? null,
        x?.participationRate ?? null,
        x?.reached ?? null,
        x?.reach ?? null,
        x?.posts ?? null,
        x ? x.crossDepartment.ratio : null,
        x ? x.crossDepartment.crossing : null,
        x ? x.crossDepartment.interactions : null,
        x ? x.executives.active : null,
        x ? x.executives.total : null,
        x ? x.newContributors.length : null,
      ];
    }),
  };
  const c = data.concentration;
  const body = html`
${data.groupSize < 5 ? note(t(l, 'dashboard.teamTooSmall')) : ''}
<h2>${t(l, 'dashboard.overview.thisWeek', { week: latest ? weekLong(ctx, latest.week) : '' })}</h2>
<ul class="kpis">
${kpi(t(l, 'dashboard.col.participation'), m ? formatPercent(l, m.participationRate) : tooFew)}
${kpi(t(l, 'dashboard.col.reach'), m ? formatPercent(l, m.reach) : tooFew)}
${kpi(t(l, 'dashboard.col.crossRatio'), m ? formatPercent(l, m.crossDepartment.ratio) : tooFew)}
${kpi(t(l, 'dashboard.col.executivesActive'), m ? `${formatNumber(l, m.executives.active)} / ${formatNumber(l, m.executives.total)}` : tooFew)}
${kpi(t(l, 'dashboard.col.newContributors'), m ? formatNumber(l, m.newContributors.length) : tooFew)}
</ul>
${data.newContributorNames && data.newContributorNames.length > 0 ? note(t(l, 'dashboard.overview.newNames', { names: data.newContributorNames.join(l === 'ja' ? '、' : ', ') })) : ''}
${chartFigure(
  ctx,
  t(l, 'dashboard.overview.trendTitle'),
  () =>
    percentLinesChart({
      labels,
      series: [
        {
          name: t(l, 'dashboard.col.participation'),
          values: data.weeks.map((w) => w.metrics?.participationRate ?? null),
        },
        { name: t(l, 'dashboard.col.reach'), values: data.weeks.map((w) => w.metrics?.reach ?? null) },
      ],
    }),
  { width: 900, height: 340 },
)}
<p class="help">${t(l, 'dashboard.overview.trendHelp')}</p>
<h2>${t(l, 'dashboard.overview.concentrationTitle')}</h2>
${
  c
    ? html`${chartFigure(
        ctx,
        t(l, 'dashboard.overview.concentrationTitle'),
        () =>
          lorenzChart({
            points: c.lorenz,
            curveName: t(l, 'dashboard.overview.lorenzCurve'),
            equalityName: t(l, 'dashboard.overview.equality'),
            xName: t(l, 'dashboard.overview.lorenzX'),
            yName: t(l, 'dashboard.overview.lorenzY'),
          }),
        { width: 560, height: 420 },
        true,
      )}
<p><strong>${t(l, `dashboard.overview.gini.${c.band}`, { gini: c.metrics.gini.toFixed(2) })}</strong></p>
<p>${t(l, 'dashboard.overview.top10', { posts: c.metrics.posts, posters: c.metrics.posters, share: formatPercent(l, c.metrics.top10Share) })}</p>
<p class="help">${t(l, 'dashboard.overview.giniScale')}</p>`
    : note(t(l, 'dashboard.tooFew'))
}
<div class="grid">
${chartFigure(
  ctx,
  t(l, 'dashboard.overview.crossTitle'),
  () =>
    percentLinesChart({
      labels,
      series: [
        {
          name: t(l, 'dashboard.col.crossRatio'),
          values: data.weeks.map((w) => w.metrics?.crossDepartment.ratio ?? null),
        },
      ],
    }),
  { width: 480, height: 260 },
)}
${chartFigure(
  ctx,
  t(l, 'dashboard.overview.executivesTitle'),
  () =>
    countBarsChart({
      labels,
      name: t(l, 'dashboard.col.executivesActive'),
      values: data.weeks.map((w) => w.metrics?.executives.active ?? null),
    }),
  { width: 480, height: 260 },
)}
${chartFigure(
  ctx,
  t(l, 'dashboard.overview.newTitle'),
  () =>
    countBarsChart({
      labels,
      name: t(l, 'dashboard.col.newContributors'),
      values: data.weeks.map((w) => w.metrics?.newContributors.length ?? null),
    }),
  { width: 480, height: 260 },
)}
</div>`;
  return { title: t(l, 'dashboard.overview.title'), body, tables: [weekly] };
}
