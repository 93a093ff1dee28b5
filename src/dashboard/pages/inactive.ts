import { t } from '../../core/i18n/index.js';
import { inactiveMembers, inInactiveFilter, NO_INACTIVE_FILTER } from '../../core/index.js';
import { html } from '../html.js';
import type { Table } from '../table.js';
import { day, note, type PageContext, type PageResult } from './page.js';

/**
 * Ops only: members who went quiet, with their nudge history; opted-out members are marked. The
 * address may narrow it to a department or location and a state (the link `inactive … csv` gives
 * on Teams); the table, and so its CSV, is then that list.
 */
export async function inactivePage(ctx: PageContext): Promise<PageResult> {
  const l = ctx.locale;
  const now = ctx.view.snapshot.now.toISOString();
  const filter = ctx.inactiveFilter ?? NO_INACTIVE_FILTER;
  const people = (await inactiveMembers(ctx.view)).filter((p) => inInactiveFilter(filter, p.member, p.state));
  const filtered = filter.group !== null || filter.state !== null;
  const described = [
    filter.group
      ? t(
          l,
          filter.group.kind === 'department'
            ? 'dashboard.inactive.filterDepartment'
            : 'dashboard.inactive.filterLocation',
          {
            name: filter.group.name,
          },
        )
      : null,
    filter.state ? t(l, `replies.state.${filter.state}`) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(l === 'ja' ? '・' : ', ');
  const table: Table = {
    id: 'inactive',
    caption: t(l, 'dashboard.inactive.title'),
    columns: [
      { label: t(l, 'dashboard.col.name'), kind: 'text' },
      { label: t(l, 'dashboard.col.department'), kind: 'text' },
      { label: t(l, 'dashboard.col.state'), kind: 'text' },
      { label: t(l, 'dashboard.col.lastContribution'), kind: 'text' },
      { label: t(l, 'dashboard.col.optedOut'), kind: 'text' },
      { label: t(l, 'dashboard.col.nudge'), kind: 'text' },
      { label: t(l, 'dashboard.col.nudgeHistory'), kind: 'text' },
    ],
    rows: people.map((p) => {
      let nudge = t(l, 'dashboard.inactive.notNudged');
      if (p.member.optedOut) nudge = t(l, 'dashboard.inactive.optedOut');
      else if (p.member.blockedBot) nudge = t(l, 'dashboard.inactive.blocked');
      else if (p.nudge?.restUntil && p.nudge.restUntil > now)
        nudge = t(l, 'dashboard.inactive.resting', { date: day(ctx, p.nudge.restUntil) });
      else if (p.nudge && p.nudge.step > 0) nudge = t(l, 'dashboard.inactive.step', { step: p.nudge.step });
      const history = p.history
        .map((h) => t(l, `dashboard.outbox.${h.status}`, { date: day(ctx, h.sentAt ?? h.at) }))
        .join(l === 'ja' ? '、' : '; ');
      return [
        p.member.name,
        p.member.department ?? t(l, 'dashboard.unknownGroup'),
        t(l, `replies.state.${p.state}`),
        p.lastContribution ? day(ctx, p.lastContribution) : '—',
        p.member.optedOut ? t(l, 'dashboard.yes') : t(l, 'dashboard.no'),
        nudge,
        history || '—',
      ];
    }),
  };
  const body = html`<p class="help">${t(l, 'dashboard.inactive.help')}</p>
${filtered ? html`<p class="filter">${t(l, 'dashboard.inactive.filtered', { filter: described })} <a href="/dashboard/inactive?lang=${l}">${t(l, 'dashboard.inactive.showAll')}</a></p>` : ''}
${people.length === 0 ? note(t(l, 'dashboard.inactive.none')) : ''}`;
  return { title: t(l, 'dashboard.inactive.title'), body, tables: people.length === 0 ? [] : [table] };
}
