import { heatmapChart, percentLinesChart } from '../../charts/charts.js';
import { t } from '../../core/i18n/index.js';
import {
  activitiesIn,
  activitiesOf,
  eligibleMembers,
  type GroupTable,
  groupBy,
  groupTable,
  lastCompleteWeek,
  MIN_REPORT_GROUP,
  metricsFor,
  scopeGroup,
} from '../../core/index.js';
import { isoWeekRange } from '../../core/time.js';
import { html } from '../html.js';
import type { Table } from '../table.js';
import { chartFigure, groupName, note, type PageContext, type PageResult, weekLong, weekShort } from './page.js';

/** Group × weeks as a table of weekly participation (departments, locations). */
function weeksTable(ctx: PageContext, id: string, caption: string, first: string, data: GroupTable): Table {
  const l = ctx.locale;
  return {
    id,
    caption,
    columns: [
      { label: first, kind: 'text' },
      { label: t(l, 'dashboard.col.members'), kind: 'count' },
      ...data.weeks.map((w) => ({ label: weekLong(ctx, w), kind: 'percent' as const })),
    ],
    rows: data.rows.map((row) => [
      groupName(ctx, row.name),
      row.members,
      ...row.weeks.map((w) => w.metrics?.participationRate ?? null),
    ]),
  };
}

/** Departments × weeks: the heat map of participation. */
export async function departmentsPage(ctx: PageContext): Promise<PageResult> {
  const l = ctx.locale;
  const data = await groupTable(ctx.view, 'department');
  const rows = data.rows.map((r) => groupName(ctx, r.name));
  const body = html`<p class="help">${t(l, 'dashboard.departments.help')}</p>
${data.rows.length === 0 ? note(t(l, 'dashboard.none')) : ''}
${
  data.rows.length > 0
    ? chartFigure(
        ctx,
        t(l, 'dashboard.departments.title'),
        () =>
          heatmapChart({
            rows,
            columns: data.weeks.map((w) => weekShort(ctx, w)),
            values: data.rows.map((r) => r.weeks.map((w) => w.metrics?.participationRate ?? null)),
            percentValues: true,
          }),
        { width: 960, height: 120 + rows.length * 34 },
      )
    : ''
}
${data.hidden > 0 ? note(t(l, 'dashboard.hiddenGroups', { count: data.hidden })) : ''}`;
  return {
    title: t(l, 'dashboard.departments.title'),
    body,
    tables: [
      weeksTable(ctx, 'departments', t(l, 'dashboard.departments.title'), t(l, 'dashboard.col.department'), data),
    ],
  };
}

/** Locations: weekly participation per site, and the last complete week's figures. */
export async function locationsPage(ctx: PageContext): Promise<PageResult> {
  const l = ctx.locale;
  const { view } = ctx;
  const data = await groupTable(view, 'location');
  const week = lastCompleteWeek(view.snapshot);
  const range = isoWeekRange(week, view.snapshot.workspace.settings.timezone);
  const acts = await activitiesIn(view.repos, view.snapshot, range);
  const byLocation = groupBy(eligibleMembers(scopeGroup(view), view.snapshot.now), 'location');
  const lastWeek: Table = {
    id: 'locations',
    caption: t(l, 'dashboard.locations.tableTitle', { week: weekLong(ctx, week) }),
    columns: [
      { label: t(l, 'dashboard.col.location'), kind: 'text' },
      { label: t(l, 'dashboard.col.members'), kind: 'count' },
      { label: t(l, 'dashboard.col.contributors'), kind: 'count' },
      { label: t(l, 'dashboard.col.participation'), kind: 'percent' },
      { label: t(l, 'dashboard.col.reach'), kind: 'percent' },
      { label: t(l, 'dashboard.col.crossRatio'), kind: 'percent' },
      { label: t(l, 'dashboard.col.executivesActive'), kind: 'count' },
      { label: t(l, 'dashboard.col.newContributors'), kind: 'count' },
    ],
    rows: data.rows.map((row) => {
      // A manager's rows hold only their reports at each site.
      const people = byLocation.get(row.name) ?? [];
      const m = metricsFor(view.snapshot, people, activitiesOf(people, acts), range);
      const shown = m && m.members >= MIN_REPORT_GROUP ? m : null;
      return [
        groupName(ctx, row.name),
        shown ? shown.members : null,
        shown?.contributors ?? null,
        shown?.participationRate ?? null,
        shown?.reach ?? null,
        shown ? shown.crossDepartment.ratio : null,
        shown ? shown.executives.active : null,
        shown ? shown.newContributors.length : null,
      ];
    }),
  };
  const body = html`${data.rows.length === 0 ? note(t(l, 'dashboard.none')) : ''}
${
  data.rows.length > 0
    ? chartFigure(
        ctx,
        t(l, 'dashboard.locations.chart'),
        () =>
          percentLinesChart({
            labels: data.weeks.map((w) => weekShort(ctx, w)),
            series: data.rows.map((r) => ({
              name: groupName(ctx, r.name),
              values: r.weeks.map((w) => w.metrics?.participationRate ?? null),
            })),
          }),
        { width: 900, height: 360 },
      )
    : ''
}
${data.hidden > 0 ? note(t(l, 'dashboard.hiddenGroups', { count: data.hidden })) : ''}`;
  return {
    title: t(l, 'dashboard.locations.title'),
    body,
    tables: [
      lastWeek,
      weeksTable(ctx, 'location-weeks', t(l, 'dashboard.locations.chart'), t(l, 'dashboard.col.location'), data),
    ],
  };
}
