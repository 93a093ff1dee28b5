import { shortMonth } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import type { Message, MessageChart } from '../message.js';
import type { Repositories } from '../ports.js';
import { isIsoWeek, isoWeekStartDay } from '../time.js';
import type { Locale, Member } from '../types.js';
import { dashboardWeeks, weeklyParticipation } from './dashboard-data.js';
import type { Snapshot } from './snapshot.js';

/**
 * "11/24" / "Nov 24": a week in charts, by the day its Monday falls on (people presenting the
 * charts read dates, not ISO week numbers). A label that is not an ISO week is shown as given.
 */
export function chartWeekLabel(locale: Locale, week: string): string {
  if (!isIsoWeek(week)) return week;
  const [, month, day] = isoWeekStartDay(week).split('-').map(Number);
  return t(locale, 'dashboard.weekOf', { month: shortMonth(locale, month ?? 1), day: String(day ?? 1) });
}

/**
 * The 13-week participation and reach of a group, as the chart the digest carries (the same
 * figures and chart as the dashboard's overview). Weeks with fewer than five people have no point.
 */
export async function participationChart(
  repos: Repositories,
  snapshot: Snapshot,
  group: readonly Member[],
  locale: Locale,
): Promise<MessageChart> {
  const weeks = await weeklyParticipation({ repos, snapshot, scope: { kind: 'workspace', role: 'ops' } }, group);
  return {
    kind: 'participation-trend',
    title: t(locale, 'dashboard.chart.digestTitle'),
    alt: t(locale, 'dashboard.chart.digestAlt'),
    labels: dashboardWeeks(snapshot).map((w) => chartWeekLabel(locale, w)),
    series: [
      {
        name: t(locale, 'dashboard.col.participation'),
        values: weeks.map((w) => w.rates?.participationRate ?? null),
      },
      { name: t(locale, 'dashboard.col.reach'), values: weeks.map((w) => w.rates?.reach ?? null) },
    ],
  };
}

/** The message with the chart attached. */
export function withChart(message: Message, chart: MessageChart): Message {
  return { ...message, chart };
}
