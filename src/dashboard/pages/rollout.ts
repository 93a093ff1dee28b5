import { groupedPercentBarsChart } from '../../charts/charts.js';
import { t } from '../../core/i18n/index.js';
import { type Comparison, rolloutSteps } from '../../core/index.js';
import { html } from '../html.js';
import type { Cell, Table } from '../table.js';
import { chartFigure, day, note, type PageContext, type PageResult } from './page.js';

/** Rollout: each step with the pilot against everyone else, before and after it. */
export async function rolloutPage(ctx: PageContext): Promise<PageResult> {
  const l = ctx.locale;
  const steps = await rolloutSteps(ctx.view);
  const phase = (p: string) => t(l, `replies.phase.${p as 'pilot' | 'expansion' | 'company'}`);
  const rows: Cell[][] = [];
  const categories: string[] = [];
  const pilot: Array<number | null> = [];
  const rest: Array<number | null> = [];
  for (const step of steps) {
    const sides: Array<[string, (Comparison & { from: string; to: string }) | null]> = [
      [t(l, 'dashboard.rollout.before'), step.before],
      [t(l, 'dashboard.rollout.after'), step.after],
    ];
    for (const [side, c] of sides) {
      if (c === null) continue;
      rows.push([
        phase(step.phase),
        day(ctx, step.at),
        side,
        day(ctx, c.from),
        day(ctx, c.to),
        c.pilot.metrics ? c.pilot.members : null,
        c.pilot.metrics?.participationRate ?? null,
        c.rest.metrics ? c.rest.members : null,
        c.rest.metrics?.participationRate ?? null,
      ]);
      categories.push(`${phase(step.phase)} ${side}`);
      pilot.push(c.pilot.metrics?.participationRate ?? null);
      rest.push(c.rest.metrics?.participationRate ?? null);
    }
  }
  const table: Table = {
    id: 'rollout',
    caption: t(l, 'dashboard.rollout.title'),
    columns: [
      { label: t(l, 'dashboard.col.phase'), kind: 'text' },
      { label: t(l, 'dashboard.col.stepAt'), kind: 'text' },
      { label: t(l, 'dashboard.col.side'), kind: 'text' },
      { label: t(l, 'dashboard.col.from'), kind: 'text' },
      { label: t(l, 'dashboard.col.to'), kind: 'text' },
      { label: `${t(l, 'dashboard.col.pilot')} ${t(l, 'dashboard.col.members')}`, kind: 'count' },
      { label: `${t(l, 'dashboard.col.pilot')} ${t(l, 'dashboard.col.participation')}`, kind: 'percent' },
      { label: `${t(l, 'dashboard.col.rest')} ${t(l, 'dashboard.col.members')}`, kind: 'count' },
      { label: `${t(l, 'dashboard.col.rest')} ${t(l, 'dashboard.col.participation')}`, kind: 'percent' },
    ],
    rows,
  };
  const current = ctx.view.snapshot.workspace.settings.rolloutPhase;
  const body = html`<p><strong>${t(l, 'dashboard.rollout.current', { phase: phase(current) })}</strong></p>
<ul>${steps.map((s) => html`<li>${t(l, 'dashboard.rollout.step', { phase: phase(s.phase), date: day(ctx, s.at) })}</li>`)}</ul>
<p class="help">${t(l, 'dashboard.rollout.help')}</p>
${
  rows.length === 0
    ? note(t(l, 'dashboard.rollout.noWindow'))
    : chartFigure(
        ctx,
        t(l, 'dashboard.rollout.title'),
        () =>
          groupedPercentBarsChart({
            categories,
            series: [
              { name: t(l, 'dashboard.col.pilot'), values: pilot },
              { name: t(l, 'dashboard.col.rest'), values: rest },
            ],
          }),
        { width: 900, height: 360 },
      )
}`;
  return { title: t(l, 'dashboard.rollout.title'), body, tables: rows.length === 0 ? [] : [table] };
}
