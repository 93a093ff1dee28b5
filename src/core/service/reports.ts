import type { Message } from '../message.js';
import type { TeamMetrics } from '../metrics.js';
import { concentrationWarning, participationTrend } from '../metrics.js';
import type { Repositories } from '../ports.js';
import { MIN_REPORT_GROUP, managerReport, weeklyDigest } from '../programs/index.js';
import { isoWeekOf, isoWeekRange, previousWeeks, shiftWeek } from '../time.js';
import type { Locale, Member, Workspace } from '../types.js';
import { participationChart, withChart } from './digest-chart.js';
import { activitiesIn, activitiesOf, metricsFor, phaseGroup, type Snapshot, teamOf } from './snapshot.js';

/** How many weeks the trend sparklines cover. */
export const TREND_WEEKS = 8;

/** A member's language: their own (platform locale or `language` choice), else the workspace's. */
export function localeOf(member: Pick<Member, 'locale'> | null | undefined, workspace: Workspace): Locale {
  return member?.locale ?? workspace.settings.locale;
}

/**
 * The weekly channel digest for the ISO week containing `snapshot.now` (the week so far: it is sent
 * on Friday afternoon). Called by the digest job and by `digest preview` / `digest send`.
 */
export function buildDigest(repos: Repositories, snapshot: Snapshot, locale: Locale): Message {
  const tz = snapshot.workspace.settings.timezone;
  const week = isoWeekOf(snapshot.now, tz);
  const weeks = previousWeeks(week, TREND_WEEKS);
  const trendRange = { from: isoWeekRange(weeks[0] ?? week, tz).from, to: isoWeekRange(week, tz).to };
  const all = activitiesIn(repos, snapshot, trendRange);
  const range = isoWeekRange(week, tz);
  const thisWeek = all.filter((a) => a.occurredAt >= range.from.toISOString());
  // In the pilot and expansion phases the figures cover the group the phase addresses, as the digest says.
  const group = phaseGroup(snapshot);
  const metrics = metricsFor(snapshot, group, activitiesOf(group, thisWeek), range);
  // A story still waiting for review has not been shared yet.
  const pending = new Set(repos.submissions.list(snapshot.workspace.id, 'pending').map((s) => s.eventId));
  const digest = weeklyDigest({
    locale,
    week,
    metrics,
    trend: participationTrend(weeks, tz, group, activitiesOf(group, all)),
    newContributorNames: metrics.newContributors.map((id) => snapshot.byId.get(id)?.name ?? '?'),
    storiesShared: thisWeek.filter((a) => a.kind === 'story' && !pending.has(a.eventId)).length,
    concentrationWarning: concentrationWarning(metrics),
    phase: snapshot.workspace.settings.rolloutPhase,
  });
  // Issue 13: the 13-week chart goes with the digest; the adapters draw it as an image.
  return withChart(digest, participationChart(repos, snapshot, group, locale));
}

/**
 * A manager's weekly report on the last complete ISO week: their reports (direct and indirect)
 * against the whole company, the trend, how many are inactive. Names only when the workspace
 * turned them on; no metric at all for a team under five (the program enforces it).
 */
export function buildManagerReport(repos: Repositories, snapshot: Snapshot, manager: Member, locale: Locale): Message {
  const tz = snapshot.workspace.settings.timezone;
  const week = shiftWeek(isoWeekOf(snapshot.now, tz), -1);
  const weeks = previousWeeks(week, TREND_WEEKS);
  const trendRange = { from: isoWeekRange(weeks[0] ?? week, tz).from, to: isoWeekRange(week, tz).to };
  const all = activitiesIn(repos, snapshot, trendRange);
  const range = isoWeekRange(week, tz);
  const team = teamOf(snapshot, manager.id);
  const teamWeeks = activitiesOf(team, all);
  const inactive = team.filter((m) => {
    const state = snapshot.states.get(m.id);
    return state === 'inactive' || state === 'never';
  });
  const teamMetrics =
    team.length > 0
      ? metricsFor(
          snapshot,
          team,
          teamWeeks.filter((a) => a.occurredAt >= range.from.toISOString()),
          range,
        )
      : null;
  // Privacy: the week's own group size decides, and a trend week with too few people shows no point.
  const trend = participationTrend(weeks, tz, team, teamWeeks).map((p) =>
    p.members < MIN_REPORT_GROUP ? { ...p, participationRate: Number.NaN } : p,
  );
  return managerReport({
    locale,
    managerName: manager.name,
    week,
    team: teamMetrics,
    company: companyMetrics(snapshot, week, () =>
      metricsFor(snapshot, snapshot.members, activitiesIn(repos, snapshot, range), range),
    ),
    teamSize: Math.min(team.length, teamMetrics?.members ?? 0),
    trend,
    inactiveCount: inactive.length,
    inactiveNames: snapshot.workspace.settings.managerNames ? inactive.map((m) => m.name) : null,
  });
}

const companyCache = new WeakMap<Snapshot, Map<string, TeamMetrics>>();

/** The whole company's metrics for a week, computed once per snapshot (every manager report shows them). */
function companyMetrics(snapshot: Snapshot, week: string, compute: () => TeamMetrics): TeamMetrics {
  let byWeek = companyCache.get(snapshot);
  if (!byWeek) {
    byWeek = new Map();
    companyCache.set(snapshot, byWeek);
  }
  let found = byWeek.get(week);
  if (!found) {
    found = compute();
    byWeek.set(week, found);
  }
  return found;
}
