import { directReports, eligibleMembers, reportsOf } from '../groups.js';
import { type TeamMetrics, teamMetrics } from '../metrics.js';
import type { Repositories } from '../ports.js';
import { SCORE_LOOKBACK_DAYS, type ScoreBreakdown, scoreMembers } from '../scoring.js';
import { memberStates } from '../states.js';
import { addDays, type InstantRange, localDay } from '../time.js';
import type { Activity, Member, MemberState, Workspace } from '../types.js';
import { phaseMembers } from './rollout-group.js';

/**
 * Everything the reports and commands read about a workspace at one instant, loaded once:
 * the directory, contribution bounds, states. Metrics for a range load their activities lazily.
 */
export interface Snapshot {
  workspace: Workspace;
  now: Date;
  today: string;
  members: Member[];
  byId: Map<number, Member>;
  /** People who count now: not bots, not deactivated, already joined. */
  eligible: Member[];
  bounds: Map<number, { first: string; last: string }>;
  states: Map<number, MemberState>;
  /** Activities already read for a range (`from|to`): many reports of one run share a range. */
  activityCache: Map<string, Activity[]>;
}

export function loadSnapshot(repos: Repositories, workspace: Workspace, now: Date): Snapshot {
  const members = repos.members.list(workspace.id);
  const eligible = eligibleMembers(members, now);
  const bounds = repos.activities.contributionBounds(workspace.id);
  const last = new Map([...bounds].map(([id, b]) => [id, b.last]));
  return {
    workspace,
    now,
    today: localDay(now, workspace.settings.timezone),
    members,
    byId: new Map(members.map((m) => [m.id, m])),
    eligible,
    bounds,
    // "Never posted" counts from the day the rollout included a member; someone it does not cover yet is new.
    states: memberStates(
      eligible.map((m) => ({ id: m.id, joinedAt: m.includedAt ?? now.toISOString() })),
      last,
      now,
      workspace.settings.inactiveAfterDays,
    ),
    activityCache: new Map(),
  };
}

/** Activities of the workspace inside a range, read once per snapshot and range. */
export function activitiesIn(repos: Repositories, snapshot: Snapshot, range: InstantRange): Activity[] {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const key = `${from}|${to}`;
  let found = snapshot.activityCache.get(key);
  if (!found) {
    found = repos.activities.between(snapshot.workspace.id, from, to);
    snapshot.activityCache.set(key, found);
  }
  return found;
}

/** Team metrics of a group over a range; the group is filtered to members eligible at the range end. */
export function metricsFor(
  snapshot: Snapshot,
  group: readonly Member[],
  activities: readonly Activity[],
  range: InstantRange,
): TeamMetrics {
  const end = range.to.getTime() < snapshot.now.getTime() ? range.to : snapshot.now;
  return teamMetrics({
    members: eligibleMembers(group, end),
    activities,
    firstContribution: lookups(snapshot).firstContribution,
    memberDepartments: lookups(snapshot).departments,
    from: range.from,
    to: range.to,
  });
}

const lookupCache = new WeakMap<
  Snapshot,
  { firstContribution: Map<number, string>; departments: Map<number, string | null> }
>();

/** Member id → first contribution and department, built once per snapshot. */
function lookups(snapshot: Snapshot): {
  firstContribution: Map<number, string>;
  departments: Map<number, string | null>;
} {
  let found = lookupCache.get(snapshot);
  if (!found) {
    found = {
      firstContribution: new Map([...snapshot.bounds].map(([id, b]) => [id, b.first])),
      departments: new Map(snapshot.members.map((m) => [m.id, m.department])),
    };
    lookupCache.set(snapshot, found);
  }
  return found;
}

const byMemberCache = new WeakMap<readonly Activity[], Map<number, Activity[]>>();

/**
 * Only the activities of a group's members, oldest first: a team's report need not scan the whole
 * company. The list is indexed by member once, so a run over every manager stays linear.
 */
export function activitiesOf(group: readonly Member[], activities: readonly Activity[]): Activity[] {
  let byMember = byMemberCache.get(activities);
  if (!byMember) {
    byMember = new Map();
    for (const a of activities) {
      const list = byMember.get(a.memberId);
      if (list) list.push(a);
      else byMember.set(a.memberId, [a]);
    }
    byMemberCache.set(activities, byMember);
  }
  const out: Activity[] = [];
  for (const m of group) out.push(...(byMember.get(m.id) ?? []));
  return out.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id - b.id));
}

/** Scores of every eligible member (the scale needs them all). */
export function scoresFor(repos: Repositories, snapshot: Snapshot): Map<number, ScoreBreakdown> {
  const daily = repos.activities.dailyPoints(
    snapshot.workspace.id,
    addDays(snapshot.today, -SCORE_LOOKBACK_DAYS),
    snapshot.today,
  );
  return scoreMembers(
    snapshot.eligible.map((m) => m.id),
    daily,
    snapshot.today,
  );
}

const teamCache = new WeakMap<Snapshot, Map<number, Member[]>>();

/**
 * The manager's direct and indirect reports who count now. The whole tree is resolved once per
 * snapshot, so asking for every manager's team stays cheap.
 */
export function teamOf(snapshot: Snapshot, managerId: number): Member[] {
  let teams = teamCache.get(snapshot);
  if (!teams) {
    teams = new Map();
    teamCache.set(snapshot, teams);
  }
  let team = teams.get(managerId);
  if (!team) {
    // The tree runs through everyone (a deactivated middle manager still links their reports up);
    // only people who count now are on the team.
    const eligible = new Set(snapshot.eligible.map((m) => m.id));
    team = reportsOf(managerId, snapshot.members, directReportsIndex(snapshot)).filter((m) => eligible.has(m.id));
    teams.set(managerId, team);
  }
  return team;
}

/**
 * The manager's reports as they were at an instant (a report on last week covers last week's team,
 * including someone who left this morning).
 */
export function teamAt(snapshot: Snapshot, managerId: number, at: Date): Member[] {
  return eligibleMembers(reportsOf(managerId, snapshot.members, directReportsIndex(snapshot)), at);
}

const indexCache = new WeakMap<Snapshot, Map<number, number[]>>();
function directReportsIndex(snapshot: Snapshot): Map<number, number[]> {
  let index = indexCache.get(snapshot);
  if (!index) {
    index = directReports(snapshot.members);
    indexCache.set(snapshot, index);
  }
  return index;
}

/** Members in a department (case-insensitive, trimmed). */
export function departmentMembers(snapshot: Snapshot, name: string): Member[] {
  const wanted = name.trim().toLowerCase();
  return snapshot.eligible.filter((m) => (m.department ?? '').trim().toLowerCase() === wanted);
}

/**
 * Who the programs address in the current rollout phase: the pilot group; then the pilot group and
 * the named departments; then everyone. Opted-out members, members who blocked the bot and members
 * without a platform account are never addressed.
 */
export function audience(snapshot: Snapshot): Member[] {
  return phaseGroup(snapshot).filter(
    (m) => !m.optedOut && !m.blockedBot && m.reachable !== false && m.platformId !== null,
  );
}

/**
 * Everyone the current rollout phase covers (reported on in the digest), whether or not they can be
 * messaged: the pilot group; then it and the named departments; then every eligible member.
 */
export function phaseGroup(snapshot: Snapshot): Member[] {
  return phaseMembers(snapshot.eligible, snapshot.workspace.settings);
}

/**
 * The group the rollout covered at an instant: members who counted then, whom the current phase
 * covers and who had been included by then. The digest reports on it week by week, so a widening
 * shows as a change of group, not of behaviour.
 */
export function includedGroupAt(snapshot: Snapshot, at: Date): Member[] {
  const t = at.toISOString();
  return phaseMembers(eligibleMembers(snapshot.members, at), snapshot.workspace.settings).filter(
    (m) => m.includedAt !== null && m.includedAt <= t,
  );
}
