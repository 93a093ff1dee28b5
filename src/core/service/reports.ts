import type { Message } from '../message.js';
import { concentrationWarning, type TeamMetrics, type TrendPoint } from '../metrics.js';
import type { Repositories } from '../ports.js';
import {
  daysLabel,
  leaderStories,
  MIN_REPORT_GROUP,
  managerReport,
  type StoryView,
  weeklyDigest,
} from '../programs/index.js';
import {
  addDays,
  type InstantRange,
  isoWeekRange,
  isoWeekStartDay,
  localDay,
  previousWeeks,
  zonedTimeToUtc,
} from '../time.js';
import { type Activity, CONTRIBUTION_KINDS, type Locale, type Member, type Workspace } from '../types.js';
import { participationChart, withChart } from './digest-chart.js';
import { executivePosts } from './executive-posts.js';
import { localeOf } from './locale.js';
import { mostRepliedPosts } from './most-replied.js';
import {
  eligibleAt,
  figuresMetrics,
  figuresOf,
  includedGroupAt,
  lastCompleteWeek,
  loadSnapshot,
  type Participants,
  participantsIn,
  participationIn,
  perSnapshot,
  type Snapshot,
  teamAt,
  teamOf,
} from './snapshot.js';
import { type SharedStory, storiesShared } from './stories.js';

export { localeOf } from './locale.js';

/** How many weeks the trend sparklines cover. */
export const TREND_WEEKS = 8;

/**
 * The 7 days a digest, `digest preview` and `stats` cover: the seven whole local days before today
 * (`weeksBack` weeks earlier). Whole days compare a full week with the full week before whatever day
 * and hour the digest goes out, weekly digests on the same weekday tile without gap or overlap even
 * when one is sent late, and the figures come from what the store keeps per member and day instead
 * of every activity. What happened today counts from tomorrow's answers.
 */
export function recentWeek(now: Date, tz: string, weeksBack = 0): InstantRange {
  const today = localDay(now, tz);
  return {
    from: zonedTimeToUtc(addDays(today, -7 * (weeksBack + 1)), '00:00', tz),
    to: zonedTimeToUtc(addDays(today, -7 * weeksBack), '00:00', tz),
  };
}

/** "11月25日〜12月1日": the days a 7-day report covers (its last day is the day before `range.to`). */
export function recentWeekLabel(locale: Locale, range: InstantRange, tz: string): string {
  return daysLabel(locale, localDay(range.from, tz), localDay(new Date(range.to.getTime() - 1), tz));
}

/** The last complete ISO week (`lastCompleteWeek`) and its dates ("3月2日〜3月8日"): what manager reports cover. */
export function reportWeek(snapshot: Snapshot, locale: Locale): { week: string; label: string } {
  const byLocale = reportWeekCache(snapshot);
  let found = byLocale.get(locale);
  if (!found) {
    const week = lastCompleteWeek(snapshot);
    const first = isoWeekStartDay(week);
    found = { week, label: daysLabel(locale, first, addDays(first, 6)) };
    byLocale.set(locale, found);
  }
  return found;
}

/** Every manager's report of a run speaks of the same week: found once per snapshot and language. */
const reportWeekCache = perSnapshot<Locale, { week: string; label: string }>();

/** Stories shared in a range, as the public messages show them. */
export function storyViews(stories: readonly SharedStory[]): StoryView[] {
  return stories.map((s) => ({ title: s.title, authorName: s.authorName, department: s.department, link: s.link }));
}

/** Stories shared in the 7 days before now (digest, the leaders' DM, nudges). */
export function recentStories(repos: Repositories, snapshot: Snapshot, weeksBack = 0): Promise<SharedStory[]> {
  const range = recentWeek(snapshot.now, snapshot.workspace.settings.timezone, weeksBack);
  return storiesShared(repos, snapshot.workspace, snapshot.byId, range.from, range.to);
}

/**
 * The weekly channel digest over the 7 days before `snapshot.now`, for the group the rollout
 * covered: week by week the group is who had been included by then, so the change on the week before
 * says when the group grew, and the first digest has nothing to compare. Called by the digest job and
 * by `digest preview` / `digest send`.
 */
export async function buildDigest(repos: Repositories, snapshot: Snapshot, locale: Locale): Promise<Message> {
  const tz = snapshot.workspace.settings.timezone;
  const range = recentWeek(snapshot.now, tz);
  const previousRange = recentWeek(snapshot.now, tz, 1);
  // This week's figures from the kept daily figures; the trend per calendar week (Monday to Sunday)
  // from the kept weekly ones, the same weeks manager reports show.
  const thisWeek = await figuresOf(repos, snapshot, range);
  const none: Participants = { active: new Set(), contributors: new Set() };
  // The week before needs only who took part: member ids, not figures.
  const [previousWeek = none] = await participantsIn(repos, snapshot, [previousRange.from, previousRange.to]);
  const group = includedGroupAt(snapshot, range.to);
  const previousGroup = includedGroupAt(snapshot, previousRange.to);
  const metrics = figuresMetrics(snapshot, group, thisWeek, range);
  const previous =
    previousGroup.length > 0 ? participationIn(snapshot, previousGroup, previousWeek, previousRange) : null;
  const { ranges: trendRanges, perWeek } = await reportWeeks(repos, snapshot, lastCompleteWeek(snapshot));
  const trend = trendRanges.map((w, i) => {
    const g = includedGroupAt(snapshot, w.to);
    if (g.length < MIN_REPORT_GROUP) return Number.NaN;
    return participationIn(snapshot, g, perWeek[i] ?? none, w).participationRate;
  });
  const newIds = metrics.newContributors;
  const nameable = newIds.map((id) => snapshot.byId.get(id)).filter((m): m is Member => m !== undefined && !m.optedOut);
  // Executives who posted, in the order of their first post of the week.
  const executivePosters = group
    .filter((m) => m.isExecutive && (thisWeek.get(m.id)?.posts ?? 0) > 0)
    .map((m) => ({ name: m.name, id: m.id, at: thisWeek.get(m.id)?.firstPost ?? '' }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id))
    .map((e) => e.name);
  const stories = storyViews(await recentStories(repos, snapshot));
  const mostReplied = await mostRepliedPosts(repos, snapshot, range);
  const executives = await executiveActivities(repos, group, thisWeek, range);
  const digest = weeklyDigest({
    locale,
    periodLabel: recentWeekLabel(locale, range, tz),
    metrics,
    previousMembers: previous === null ? null : previous.members,
    previousRate: previous !== null && previous.members >= MIN_REPORT_GROUP ? previous.participationRate : null,
    trend,
    newContributorNames: nameable.map((m) => m.name),
    newContributorCount: newIds.length,
    stories,
    mostReplied,
    executivePosters: executivePosters.filter((n) => n !== ''),
    executivePosts: executivePosts(snapshot.workspace, group, executives),
    concentrationWarning: concentrationWarning(metrics),
    phase: snapshot.workspace.settings.rolloutPhase,
  });
  // The 13-week chart goes with the digest (the dashboard's overview chart); the adapters draw it.
  return withChart(digest, await participationChart(repos, snapshot, group, locale));
}

/** The leaders' weekly DM (this week's stories); null in a week without stories. */
export function buildLeaderStories(
  snapshot: Snapshot,
  stories: readonly SharedStory[],
  leader: Member,
): Message | null {
  const others = stories.filter((s) => s.authorId !== leader.id);
  if (others.length === 0) return null;
  return leaderStories({
    locale: localeOf(leader, snapshot.workspace),
    memberName: leader.name,
    stories: storyViews(others),
  });
}

/**
 * A manager's weekly report on the last complete ISO week (it says which dates): their reports
 * (direct and indirect) against the whole company, the trend, how many are inactive. Names only when
 * the workspace turned them on; no metric at all for a team under five (the program enforces it).
 */
export async function buildManagerReport(
  repos: Repositories,
  snapshot: Snapshot,
  manager: Member,
  locale: Locale,
): Promise<Message> {
  const { week, label } = reportWeek(snapshot, locale);
  const { weeks, ranges, perWeek } = await reportWeeks(repos, snapshot, week);
  const last = ranges.length - 1;
  const range = ranges[last] ?? isoWeekRange(week, snapshot.workspace.settings.timezone);
  const figures = await figuresOf(repos, snapshot, range);
  // Last week's figures are about last week's team; who is quiet now is about today's.
  const team = teamAt(snapshot, manager.id, range.to);
  const inactive = teamOf(snapshot, manager.id).filter((m) => {
    const state = snapshot.states.get(m.id);
    return state === 'inactive' || state === 'never';
  });
  const teamMetrics = team.length > 0 ? figuresMetrics(snapshot, team, figures, range) : null;
  // Participation per week of the members eligible at each week's end (metrics' `participationTrend`
  // over the same figures). Privacy: a trend week with too few people shows no point.
  const trend = weeks.map((w, i): TrendPoint => {
    const weekFigures = perWeek[i];
    const eligible = eligibleAt(snapshot, team, ranges[i]?.to ?? range.to);
    let contributors = 0;
    for (const m of eligible) if (weekFigures?.contributors.has(m.id)) contributors++;
    const members = eligible.length;
    const rate = members === 0 ? 0 : contributors / members;
    return { week: w, participationRate: members < MIN_REPORT_GROUP ? Number.NaN : rate, contributors, members };
  });
  return managerReport({
    locale,
    managerName: manager.name,
    week,
    periodLabel: label,
    team: teamMetrics,
    company: companyMetrics(snapshot, week, () => figuresMetrics(snapshot, snapshot.members, figures, range)),
    teamSize: Math.min(team.length, teamMetrics?.members ?? 0),
    trend,
    inactiveCount: inactive.length,
    inactiveNames: snapshot.workspace.settings.managerNames ? inactive.map((m) => m.name) : null,
  });
}

interface ReportWeeks {
  weeks: string[];
  ranges: InstantRange[];
  /** Who took part in each week. */
  perWeek: Participants[];
}

const reportWeeksCache = perSnapshot<string, ReportWeeks>();

/**
 * The trend's ISO weeks ending with `week`, their instants and every member's figures per week:
 * computed once per run (one pass over the weeks' rows), then shared by every manager's report.
 */
async function reportWeeks(repos: Repositories, snapshot: Snapshot, week: string): Promise<ReportWeeks> {
  const byWeek = reportWeeksCache(snapshot);
  let found = byWeek.get(week);
  if (!found) {
    const tz = snapshot.workspace.settings.timezone;
    const weeks = previousWeeks(week, TREND_WEEKS);
    const ranges = weeks.map((w) => isoWeekRange(w, tz));
    // ISO weeks touch (each ends where the next begins), so their bounds split one span.
    const perWeek = await participantsIn(repos, snapshot, [
      ranges[0]?.from ?? snapshot.now,
      ...ranges.map((r) => r.to),
    ]);
    found = { weeks, ranges, perWeek };
    byWeek.set(week, found);
  }
  return found;
}

/** Whether an activity kind is a contribution (the digest's and reports' participation). */
export function isContribution(kind: string): boolean {
  return (CONTRIBUTION_KINDS as readonly string[]).includes(kind);
}

const companyCache = perSnapshot<string, TeamMetrics>();

/** The whole company's metrics for a week, computed once per snapshot (every manager report shows them). */
function companyMetrics(snapshot: Snapshot, week: string, compute: () => TeamMetrics): TeamMetrics {
  const byWeek = companyCache(snapshot);
  let found = byWeek.get(week);
  if (!found) {
    found = compute();
    byWeek.set(week, found);
  }
  return found;
}

/** Convenience for callers that have no snapshot yet. */
export async function digestNow(
  repos: Repositories,
  workspace: Workspace,
  now: Date,
  locale: Locale = workspace.settings.locale,
): Promise<Message> {
  return buildDigest(repos, await loadSnapshot(repos, workspace, now), locale);
}

/**
 * This week's activities of the executives who posted in it, read per person from the member index
 * (a handful of people, never the whole week of the company).
 */
async function executiveActivities(
  repos: Repositories,
  group: readonly Member[],
  thisWeek: ReadonlyMap<number, { posts: number }>,
  range: InstantRange,
): Promise<Activity[]> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const found: Activity[] = [];
  for (const executive of group.filter((m) => m.isExecutive && (thisWeek.get(m.id)?.posts ?? 0) > 0))
    found.push(...(await repos.activities.memberBetween(executive.id, from, to)));
  return found.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id - b.id));
}
