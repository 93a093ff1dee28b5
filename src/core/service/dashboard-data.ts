import {
  DASHBOARD_WEEKS,
  type GiniBand,
  giniBand,
  type InteractionMatrix,
  type LorenzPoint,
  lorenzCurve,
  stepWindows,
} from '../dashboard/figures.js';
import type { DashboardScope } from '../dashboard/scope.js';
import { eligibleMembers, groupBy } from '../groups.js';
import type { MemberFigures, TeamMetrics } from '../metrics.js';
import type { NudgeState, OutboxStatus, Repositories, SubmissionStatus } from '../ports.js';
import { MIN_REPORT_GROUP } from '../programs/index.js';
import { isoWeekOf, isoWeekRange, previousWeeks } from '../time.js';
import type { Member, MemberState, RolloutPhase } from '../types.js';
import {
  figuresIn,
  figuresMetrics,
  figuresOf,
  participantsIn,
  participationIn,
  type RangeFigures,
  type Snapshot,
  sumFigures,
  teamOf,
} from './snapshot.js';

/** One request's view of the workspace: the snapshot and who is looking. */
export interface DashboardView {
  repos: Repositories;
  snapshot: Snapshot;
  scope: DashboardScope;
}

/** A week's figures of a group; `metrics` is null when the group had fewer than five people that week. */
export interface WeekFigures {
  week: string;
  members: number;
  metrics: TeamMetrics | null;
}

export interface Concentration {
  /** Over the whole window: posts, posters, top-10% share and Gini as the core defines them. */
  metrics: TeamMetrics;
  band: GiniBand;
  lorenz: LorenzPoint[];
}

export interface Overview {
  weeks: WeekFigures[];
  /** People in the group now. */
  groupSize: number;
  /** Null when the group is under five. */
  concentration: Concentration | null;
  /** Names of this week's new contributors when the viewer may see names; null otherwise. */
  newContributorNames: string[] | null;
}

/** The people a scope covers: everyone in the workspace, or the manager's reports who count now. */
export function scopeGroup(view: DashboardView): Member[] {
  return view.scope.kind === 'workspace' ? view.snapshot.members : teamOf(view.snapshot, view.scope.managerId);
}

/** Whether this viewer may see people's names (ops always; a manager when the workspace allows it). */
export function namesVisible(scope: DashboardScope): boolean {
  return scope.kind === 'workspace' || scope.names;
}

/** The dashboard's weeks: the 13 ISO weeks ending with the current one, oldest first. */
export function dashboardWeeks(snapshot: Snapshot): string[] {
  const tz = snapshot.workspace.settings.timezone;
  return previousWeeks(isoWeekOf(snapshot.now, tz), DASHBOARD_WEEKS);
}

interface Window {
  weeks: string[];
  ranges: Array<{ from: Date; to: Date }>;
  range: { from: Date; to: Date };
  /** Every member's figures per week, counted in one pass over the window's rows. */
  byWeek: Map<number, RangeFigures>[];
  /** The whole window's figures per member (the weeks added up). */
  total: Map<number, MemberFigures>;
}

const windowCache = new WeakMap<Snapshot, Window>();

/**
 * The 13-week window's per-member figures, read once per snapshot: pages, tables and the digest's
 * chart sum them per group instead of loading 13 weeks of raw activities.
 */
async function dashboardWindow(view: DashboardView): Promise<Window> {
  const found = windowCache.get(view.snapshot);
  if (found) return found;
  const tz = view.snapshot.workspace.settings.timezone;
  const weeks = dashboardWeeks(view.snapshot);
  const ranges = weeks.map((w) => isoWeekRange(w, tz));
  const range = { from: ranges[0]?.from ?? view.snapshot.now, to: ranges[ranges.length - 1]?.to ?? view.snapshot.now };
  // ISO weeks touch (each ends where the next begins), so their bounds split one span.
  const byWeek = await figuresIn(view.repos, view.snapshot, [range.from, ...ranges.map((r) => r.to)]);
  const window = { weeks, ranges, range, byWeek, total: sumFigures(byWeek) };
  windowCache.set(view.snapshot, window);
  return window;
}

/** A group's figures per week of the window; weeks with fewer than five people show none. */
export async function weeklyFigures(view: DashboardView, group: readonly Member[]): Promise<WeekFigures[]> {
  const w = await dashboardWindow(view);
  return w.weeks.map((week, i) => {
    const range = w.ranges[i] ?? w.range;
    const metrics = figuresMetrics(view.snapshot, group, w.byWeek[i] ?? new Map(), range);
    return { week, members: metrics.members, metrics: metrics.members < MIN_REPORT_GROUP ? null : metrics };
  });
}

/** A week's participation and reach of a group; null when fewer than five people counted that week. */
export interface WeekParticipation {
  week: string;
  members: number;
  rates: { participationRate: number; reach: number } | null;
}

/**
 * A group's participation and reach per week of the window (the digest's chart): the same figures as
 * `weeklyFigures`, from contributions and activities per member alone (no department lookups).
 */
export async function weeklyParticipation(view: DashboardView, group: readonly Member[]): Promise<WeekParticipation[]> {
  const { snapshot } = view;
  const tz = snapshot.workspace.settings.timezone;
  const weeks = dashboardWeeks(snapshot);
  const ranges = weeks.map((w) => isoWeekRange(w, tz));
  const perWeek = await participantsIn(view.repos, snapshot, [
    ranges[0]?.from ?? snapshot.now,
    ...ranges.map((r) => r.to),
  ]);
  return weeks.map((week, i) => {
    const p = participationIn(
      snapshot,
      group,
      perWeek[i] ?? { active: new Set(), contributors: new Set() },
      ranges[i] ?? { from: snapshot.now, to: snapshot.now },
    );
    return { week, members: p.members, rates: p.members < MIN_REPORT_GROUP ? null : p };
  });
}

/** The overview page: the group's 13 weeks, and how concentrated posting was over them. */
export async function overview(view: DashboardView): Promise<Overview> {
  const group = scopeGroup(view);
  const w = await dashboardWindow(view);
  const weeks = await weeklyFigures(view, group);
  const end = w.range.to.getTime() < view.snapshot.now.getTime() ? w.range.to : view.snapshot.now;
  const people = eligibleMembers(group, end);
  let concentration: Concentration | null = null;
  if (people.length >= MIN_REPORT_GROUP) {
    const metrics = figuresMetrics(view.snapshot, group, w.total, w.range);
    concentration = {
      metrics,
      band: giniBand(metrics.gini),
      lorenz: lorenzCurve(people.map((m) => w.total.get(m.id)?.posts ?? 0)),
    };
  }
  const latest = weeks[weeks.length - 1]?.metrics ?? null;
  const newContributorNames =
    latest && namesVisible(view.scope)
      ? latest.newContributors.map((id) => view.snapshot.byId.get(id)?.name ?? '?')
      : null;
  return { weeks, groupSize: people.length, concentration, newContributorNames };
}

/** One row of a group × weeks table (departments, locations). */
export interface GroupRow {
  /** The department or location; '' for people without one. */
  name: string;
  members: number;
  weeks: WeekFigures[];
}

export interface GroupTable {
  weeks: string[];
  rows: GroupRow[];
  /** Groups left out because they have fewer than five people. */
  hidden: number;
}

/** Departments or locations × the 13 weeks; groups under five are left out and counted. */
export async function groupTable(view: DashboardView, dimension: 'department' | 'location'): Promise<GroupTable> {
  const people = eligibleMembers(scopeGroup(view), view.snapshot.now);
  const groups = [...groupBy(people, dimension)].sort(([a], [b]) => a.localeCompare(b, 'ja'));
  const rows: GroupRow[] = [];
  let hidden = 0;
  for (const [name, members] of groups) {
    if (members.length < MIN_REPORT_GROUP) {
      hidden++;
      continue;
    }
    rows.push({ name, members: members.length, weeks: await weeklyFigures(view, members) });
  }
  return { weeks: dashboardWeeks(view.snapshot), rows, hidden };
}

/** The label of the column that gathers departments under five people (and people without one). */
export const OTHER_GROUP = '';

/**
 * The rows (or columns) of the connections page for these people: their departments of at least
 * five, in Japanese order, then `OTHER_GROUP` when the rest make five. Blank departments are never named.
 */
export function connectionLabels(people: readonly Member[]): string[] {
  const departmentOf = (m: Member): string => (m.department ?? '').trim();
  const sizes = new Map<string, number>();
  for (const m of people) sizes.set(departmentOf(m), (sizes.get(departmentOf(m)) ?? 0) + 1);
  const named = [...sizes]
    .filter(([name, n]) => name !== '' && n >= MIN_REPORT_GROUP)
    .map(([name]) => name)
    .sort((a, b) => a.localeCompare(b, 'ja'));
  const kept = new Set(named);
  const others = people.filter((m) => !kept.has(departmentOf(m))).length;
  return others >= MIN_REPORT_GROUP ? [...named, OTHER_GROUP] : named;
}

/**
 * Who connects with whom over the 13 weeks: replies and reactions from the scope's departments
 * (rows) to every department of the workspace (columns). Departments under five people are never a
 * row or column of their own; their people are gathered under `OTHER_GROUP` when that makes five.
 */
export async function departmentConnections(view: DashboardView): Promise<InteractionMatrix> {
  const now = view.snapshot.now;
  const everyone = eligibleMembers(view.snapshot.members, now);
  const actors = eligibleMembers(scopeGroup(view), now);
  const rows = connectionLabels(actors);
  const columns = connectionLabels(everyone);
  // A department is its own row or column, or falls under OTHER_GROUP when that is one, or is left out.
  const indexIn = (labels: readonly string[]) => {
    const index = new Map(labels.map((label, i) => [label, i]));
    const other = index.get(OTHER_GROUP);
    return (department: string): number | undefined =>
      department === OTHER_GROUP ? other : (index.get(department) ?? other);
  };
  const rowOf = indexIn(rows);
  const columnOf = indexIn(columns);
  const empty = (): number[][] => rows.map(() => columns.map(() => 0));
  const replies = empty();
  const reactions = empty();
  const range = connectionsRange(view.snapshot);
  const counts = await view.repos.activities.departmentConnections(
    view.snapshot.workspace.id,
    range.from.toISOString(),
    range.to.toISOString(),
    actors.map((m) => m.id),
    everyone.map((m) => m.id),
  );
  for (const pair of counts) {
    const r = rowOf(pair.from);
    const c = columnOf(pair.to);
    if (r === undefined || c === undefined) continue;
    const replyLine = replies[r];
    const reactionLine = reactions[r];
    if (replyLine) replyLine[c] = (replyLine[c] ?? 0) + pair.replies;
    if (reactionLine) reactionLine[c] = (reactionLine[c] ?? 0) + pair.reactions;
  }
  return { rows, columns, replies, reactions };
}

/**
 * The connections page's span: the dashboard's 13 ISO weeks (as `dashboardWindow` spans them),
 * without the per-member figures that window reads, which this page does not show.
 */
function connectionsRange(snapshot: Snapshot): { from: Date; to: Date } {
  const tz = snapshot.workspace.settings.timezone;
  const weeks = dashboardWeeks(snapshot);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  return {
    from: first === undefined ? snapshot.now : isoWeekRange(first, tz).from,
    to: last === undefined ? snapshot.now : isoWeekRange(last, tz).to,
  };
}

/** Pilot and the rest, side by side, in one window. A side under five people shows no figure. */
export interface Comparison {
  pilot: { members: number; metrics: TeamMetrics | null };
  rest: { members: number; metrics: TeamMetrics | null };
}

export interface RolloutStepView {
  phase: RolloutPhase;
  at: string;
  before: (Comparison & { from: string; to: string }) | null;
  after: (Comparison & { from: string; to: string }) | null;
}

/** Weeks compared on each side of a rollout step. */
export const ROLLOUT_COMPARE_WEEKS = 4;

/**
 * Each rollout step (the pilot's start, then every `rollout advance`) with the pilot group against
 * everyone else, over the four weeks before the step and the four weeks after it.
 */
export async function rolloutSteps(view: DashboardView): Promise<RolloutStepView[]> {
  const { snapshot } = view;
  const ws = snapshot.workspace;
  const steps: Array<{ phase: RolloutPhase; at: string }> = [
    { phase: 'pilot', at: ws.createdAt },
    ...ws.settings.rolloutSteps,
  ];
  const group = scopeGroup(view);
  const pilot = group.filter((m) => m.isPilot);
  const rest = group.filter((m) => !m.isPilot);
  const start = new Date(ws.createdAt);
  const compare = async (range: { from: Date; to: Date }): Promise<Comparison & { from: string; to: string }> => {
    const figures = await figuresOf(view.repos, snapshot, range);
    const side = (members: Member[]) => {
      const metrics = figuresMetrics(snapshot, members, figures, range);
      return { members: metrics.members, metrics: metrics.members < MIN_REPORT_GROUP ? null : metrics };
    };
    return { pilot: side(pilot), rest: side(rest), from: range.from.toISOString(), to: range.to.toISOString() };
  };
  const views: RolloutStepView[] = [];
  for (const [i, step] of steps.entries()) {
    const nextAt = steps[i + 1]?.at;
    const windows = stepWindows(
      new Date(step.at),
      nextAt === undefined ? null : new Date(nextAt),
      snapshot.now,
      start,
      ROLLOUT_COMPARE_WEEKS,
    );
    views.push({
      phase: step.phase,
      at: step.at,
      before: windows.before ? await compare(windows.before) : null,
      after: windows.after ? await compare(windows.after) : null,
    });
  }
  return views;
}

/** One nudge Hiroba queued for a member, as the outbox remembers it. */
export interface NudgeRecord {
  at: string;
  status: OutboxStatus;
  sentAt: string | null;
}

export interface InactiveMember {
  member: Member;
  state: MemberState;
  lastContribution: string | null;
  nudge: NudgeState | null;
  history: NudgeRecord[];
}

/** Ops only: members who are inactive or never contributed, with where they stand on the nudge ladder. */
export async function inactiveMembers(view: DashboardView): Promise<InactiveMember[]> {
  const { snapshot, repos } = view;
  const ws = snapshot.workspace;
  const nudges = new Map((await repos.nudges.list(ws.id)).map((n) => [n.memberId, n]));
  const history = new Map<string, NudgeRecord[]>();
  for (const row of await repos.outbox.list(ws.id, { job: 'nudges' })) {
    if (row.recipient.kind !== 'member') continue;
    const list = history.get(row.recipient.id) ?? [];
    list.push({ at: row.createdAt, status: row.status, sentAt: row.sentAt });
    history.set(row.recipient.id, list);
  }
  return snapshot.eligible
    .filter((m) => {
      const s = snapshot.states.get(m.id);
      return s === 'inactive' || s === 'never';
    })
    .map((m) => ({
      member: m,
      state: snapshot.states.get(m.id) ?? 'never',
      lastContribution: snapshot.bounds.get(m.id)?.last ?? null,
      nudge: nudges.get(m.id) ?? null,
      history: (m.platformId === null ? [] : (history.get(m.platformId) ?? [])).sort((a, b) =>
        a.at.localeCompare(b.at),
      ),
    }))
    .sort(
      (a, b) =>
        (a.member.department ?? '').localeCompare(b.member.department ?? '', 'ja') ||
        a.member.name.localeCompare(b.member.name, 'ja'),
    );
}

export interface SharedStory {
  id: number;
  kind: 'story' | 'idea' | 'first_post';
  /** Null when the viewer may not see names. */
  authorName: string | null;
  department: string | null;
  createdAt: string;
  status: SubmissionStatus;
  fields: Record<string, string>;
  /** Where the post went, when the outbox sent it (the adapter's message id). */
  posted: { channelId: string; messageId: string; at: string | null } | null;
}

/** Stories and ideas shared through Hiroba in the 13 weeks, newest first (a manager: their reports' only). */
export async function sharedStories(view: DashboardView): Promise<SharedStory[]> {
  const { snapshot, repos } = view;
  const ws = snapshot.workspace;
  const since = (await dashboardWindow(view)).range.from.toISOString();
  const inScope = new Set(scopeGroup(view).map((m) => m.id));
  const posts = new Map(
    (await repos.outbox.list(ws.id, { job: 'story-post' }))
      .filter((row) => row.recipient.kind === 'channel')
      .map((row) => [row.period, row]),
  );
  const names = namesVisible(view.scope);
  return (await repos.submissions.list(ws.id))
    .filter(
      (s) => (s.status === 'posted' || s.status === 'approved') && s.createdAt >= since && inScope.has(s.memberId),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
    .map((s) => {
      const author = snapshot.byId.get(s.memberId);
      const row = posts.get(String(s.id));
      return {
        id: s.id,
        kind: s.kind,
        authorName: names ? (author?.name ?? null) : null,
        department: author?.department ?? null,
        createdAt: s.createdAt,
        status: s.status,
        fields: s.fields,
        posted:
          row && row.status === 'sent' && row.platformMessageId
            ? { channelId: row.recipient.id, messageId: row.platformMessageId, at: row.sentAt }
            : null,
      };
    });
}

export { lastCompleteWeek } from './snapshot.js';
