import { directReports, eligibleMembers } from '../groups.js';
import { addFigures, type MemberFigures, metricsFromFigures, type TeamMetrics, teamMetrics } from '../metrics.js';
import type { Repositories } from '../ports.js';
import {
  DAILY_CAP,
  decayedScore,
  HALF_LIFE_DAYS,
  percentile90Refined,
  percentile90RefineIds,
  SCORE_LOOKBACK_DAYS,
  type ScoreBreakdown,
  scoreBreakdown,
  scoreMembers,
} from '../scoring.js';
import { memberState, memberStates } from '../states.js';
import { addDays, type InstantRange, isoWeekOf, localDay, midnightDay, shiftWeek } from '../time.js';
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

export async function loadSnapshot(repos: Repositories, workspace: Workspace, now: Date): Promise<Snapshot> {
  const members = await repos.members.list(workspace.id);
  const eligible = eligibleMembers(members, now);
  const bounds = await repos.activities.contributionBounds(workspace.id);
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
export async function activitiesIn(repos: Repositories, snapshot: Snapshot, range: InstantRange): Promise<Activity[]> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const key = `${from}|${to}`;
  let found = snapshot.activityCache.get(key);
  if (!found) {
    found = await repos.activities.between(snapshot.workspace.id, from, to);
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

/**
 * Scores of every eligible member, scaled by the same p90 they give (the reference: a recompute over
 * the whole workspace). Answers a person waits for use `memberScore` and the day's kept scale.
 */
export async function scoresFor(repos: Repositories, snapshot: Snapshot): Promise<Map<number, ScoreBreakdown>> {
  const daily = await repos.activities.dailyPoints(
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

/**
 * The workspace's score scale (p90 of the positive raw scores of who counts) for the local day
 * `today`: kept once computed that day, so a member's score reads their own rollups and this one
 * number instead of scoring the whole company per request. The first read of a day computes it in one
 * pass over the rollups in SQL (`scoreEstimates`), the few scores next to the percentile recomputed
 * exactly (`percentile90Refined`), with the directory's eligible members; a kept 0
 * (nobody had points yet when it was computed) is computed again, so a new workspace's first posts
 * score at once. Scores within a day are therefore against the scale as it was at its first read.
 */
export async function scoreScaleOf(
  repos: Repositories,
  workspace: Workspace,
  today: string,
  now: Date,
  eligibleIds: () => readonly number[] | Promise<readonly number[]>,
): Promise<number> {
  const kept = await repos.activities.scoreScale(workspace.id, today);
  if (kept && kept.p90 > 0) return kept.p90;
  const wanted = new Set(await eligibleIds());
  const from = addDays(today, -SCORE_LOOKBACK_DAYS);
  const estimates = await repos.activities.scoreEstimates(workspace.id, from, today, {
    cap: DAILY_CAP,
    halfLifeDays: HALF_LIFE_DAYS,
  });
  const estimated = [...wanted].map((id): [number, number] => [id, estimates.get(id) ?? 0]);
  // The few members next to the percentile are scored exactly from their own rollups, read first.
  const exact = new Map<number, number>();
  for (const id of percentile90RefineIds(estimated))
    exact.set(id, decayedScore(await repos.activities.memberDailyPoints(id, from, today), today));
  const p90 = percentile90Refined(estimated, (id) => exact.get(id) ?? 0);
  if (p90 > 0)
    await repos.activities.saveScoreScale(workspace.id, {
      day: today,
      p90,
      scored: wanted.size,
      computedAt: now.toISOString(),
    });
  return p90;
}

/** One member's score against the day's kept scale, from that member's rollups only. */
export async function memberScore(
  repos: Repositories,
  workspace: Workspace,
  member: Member,
  now: Date,
  eligibleIds: () => readonly number[] | Promise<readonly number[]>,
): Promise<ScoreBreakdown> {
  const today = localDay(now, workspace.settings.timezone);
  const p90 = await scoreScaleOf(repos, workspace, today, now, eligibleIds);
  const days = await repos.activities.memberDailyPoints(member.id, addDays(today, -SCORE_LOOKBACK_DAYS), today);
  return scoreBreakdown(days, today, p90);
}

/** One member's state now from their kept bounds (the snapshot's `states` for one member, without it). */
export async function stateOf(
  repos: Repositories,
  workspace: Workspace,
  member: Member,
  now: Date,
): Promise<MemberState> {
  return memberState({
    joinedAt: member.includedAt ?? now.toISOString(),
    lastContribution: (await repos.activities.boundsOf(member.id))?.last ?? null,
    now,
    inactiveAfterDays: workspace.settings.inactiveAfterDays,
  });
}

interface TreeIndex {
  reports: Map<number, number[]>;
  /** Member id → position in `snapshot.members` (teams keep the directory's order). */
  position: Map<number, number>;
  /** Manager id → everyone under them, in directory order (whoever counts). */
  subtrees: Map<number, Member[]>;
}

const treeCache = new WeakMap<Snapshot, TreeIndex>();

function treeIndex(snapshot: Snapshot): TreeIndex {
  let index = treeCache.get(snapshot);
  if (!index) {
    index = {
      reports: directReports(snapshot.members),
      position: new Map(snapshot.members.map((m, i) => [m.id, i])),
      subtrees: new Map(),
    };
    treeCache.set(snapshot, index);
  }
  return index;
}

/**
 * Everyone under a manager, direct and indirect, in directory order (`reportsOf`'s answer: a loop
 * is walked once, the manager is never their own report), found by walking only the subtree: a run
 * over every manager costs the sum of their teams (members × tree depth), not managers × members.
 */
function subtree(snapshot: Snapshot, managerId: number): Member[] {
  const index = treeIndex(snapshot);
  let found = index.subtrees.get(managerId);
  if (!found) {
    const seen = new Set<number>();
    const queue = [managerId];
    for (let i = 0; i < queue.length; i++) {
      for (const id of index.reports.get(queue[i] ?? managerId) ?? []) {
        if (id === managerId || seen.has(id)) continue;
        seen.add(id);
        queue.push(id);
      }
    }
    found = [...seen]
      .sort((a, b) => (index.position.get(a) ?? 0) - (index.position.get(b) ?? 0))
      .map((id) => snapshot.byId.get(id))
      .filter((m): m is Member => m !== undefined);
    index.subtrees.set(managerId, found);
  }
  return found;
}

/** `eligibleMembers` with each member's instants parsed once per snapshot (trends ask per week and team). */
export function eligibleAt(snapshot: Snapshot, group: readonly Member[], at: Date): Member[] {
  const counts = countsAt(snapshot, at);
  return group.filter(counts);
}

/** Whether a member counts at an instant (not a bot, joined before it, not deactivated by it). */
function countsAt(snapshot: Snapshot, at: Date): (m: Member) => boolean {
  const { joined, left } = timesOf(snapshot);
  const t = at.getTime();
  return (m) => {
    if (m.isBot) return false;
    const j = joined[m.id];
    if (j === undefined || Number.isNaN(j))
      return Date.parse(m.joinedAt) < t && (m.deactivatedAt === null || Date.parse(m.deactivatedAt) > t);
    return j < t && (left[m.id] ?? Number.POSITIVE_INFINITY) > t;
  };
}

/**
 * Every member's joined and deactivated instants (ms) by id, parsed once per snapshot: a run asks
 * whether 100,000 people counted at each of twenty week ends, and an array read is the cheapest
 * answer. Ids not in the directory read NaN (parsed from the member then).
 */
function timesOf(snapshot: Snapshot): { joined: Float64Array; left: Float64Array } {
  let found = timesCache.get(snapshot);
  if (!found) {
    let max = 0;
    for (const m of snapshot.members) if (m.id > max) max = m.id;
    const joined = new Float64Array(max + 1).fill(Number.NaN);
    const left = new Float64Array(max + 1).fill(Number.POSITIVE_INFINITY);
    for (const m of snapshot.members) {
      joined[m.id] = Date.parse(m.joinedAt);
      if (m.deactivatedAt !== null) left[m.id] = Date.parse(m.deactivatedAt);
    }
    found = { joined, left };
    timesCache.set(snapshot, found);
  }
  return found;
}

const timesCache = new WeakMap<Snapshot, { joined: Float64Array; left: Float64Array }>();

/**
 * The manager's direct and indirect reports who count now. The tree is indexed once per snapshot and
 * each manager's subtree walked once, so asking for every manager's team stays cheap.
 */
export function teamOf(snapshot: Snapshot, managerId: number): Member[] {
  return eligibleAt(snapshot, subtree(snapshot, managerId), snapshot.now);
}

/**
 * The manager's reports as they were at an instant (a report on last week covers last week's team,
 * including someone who left this morning).
 */
export function teamAt(snapshot: Snapshot, managerId: number, at: Date): Member[] {
  return eligibleAt(snapshot, subtree(snapshot, managerId), at);
}

/** Per-member figures with the instant of their first top-level post in the range. */
export type RangeFigures = MemberFigures & { firstPost: string | null };

/** A cache that lives as long as its snapshot: one run of a job, one request. */
export function perSnapshot<K, V>(): (snapshot: Snapshot) => Map<K, V> {
  const caches = new WeakMap<Snapshot, Map<K, V>>();
  return (snapshot) => {
    let cache = caches.get(snapshot);
    if (!cache) {
      cache = new Map();
      caches.set(snapshot, cache);
    }
    return cache;
  };
}

const figureCache = new WeakMap<Snapshot, Map<string, Map<number, RangeFigures>[]>>();
const keptCache = perSnapshot<string, Map<number, RangeFigures>>();

/**
 * Per-member figures for the consecutive ranges between `bounds` (ascending instants), kept for the
 * snapshot: a run's reports, whatever their group, sum these instead of reading activities again.
 * Ranges between local midnights (days, ISO weeks) come from the figures the store keeps per member
 * and day or week, each range read once per snapshot (the digest's chart, its trend and every manager
 * report share the weeks); other ranges are counted from the raw activities in one pass.
 */
export async function figuresIn(
  repos: Repositories,
  snapshot: Snapshot,
  bounds: readonly Date[],
): Promise<Map<number, RangeFigures>[]> {
  const days = dayBounds(snapshot, bounds);
  if (days) {
    const ranges: Map<number, RangeFigures>[] = [];
    for (const [i, to] of days.slice(1).entries()) ranges.push(await keptRange(repos, snapshot, days[i] ?? to, to));
    return ranges;
  }
  const iso = bounds.map((b) => b.toISOString());
  const key = iso.join('|');
  let cache = figureCache.get(snapshot);
  if (!cache) {
    cache = new Map();
    figureCache.set(snapshot, cache);
  }
  let found = cache.get(key);
  if (!found) {
    const ranges: Map<number, RangeFigures>[] = iso.slice(1).map(() => new Map());
    for (const row of await repos.activities.memberFigures(snapshot.workspace.id, iso))
      ranges[row.range]?.set(row.memberId, row);
    found = ranges;
    cache.set(key, found);
  }
  return found;
}

/** The kept figures of the local days `[from, to)`, read once per snapshot. */
async function keptRange(
  repos: Repositories,
  snapshot: Snapshot,
  from: string,
  to: string,
): Promise<Map<number, RangeFigures>> {
  const cache = keptCache(snapshot);
  const key = `${from}|${to}`;
  let found = cache.get(key);
  if (!found) {
    found = new Map();
    for (const row of await repos.activities.keptFigures(snapshot.workspace.id, [from, to]))
      found.set(row.memberId, row);
    cache.set(key, found);
  }
  return found;
}

/**
 * The local days of bounds that all fall on local midnights (days, ISO weeks), else null: such ranges
 * are read from the figures the store keeps per day and week, any other from the raw activities.
 */
function dayBounds(snapshot: Snapshot, bounds: readonly Date[]): string[] | null {
  const tz = snapshot.workspace.settings.timezone;
  const known = midnightCache(snapshot);
  const days: string[] = [];
  for (const b of bounds) {
    const ms = b.getTime();
    let day = known.get(ms);
    if (day === undefined) {
      day = midnightDay(b, tz);
      known.set(ms, day);
    }
    if (day === null) return null;
    days.push(day);
  }
  return days;
}

/** Instant (ms) → the local day it is the midnight of, or null; the same bounds recur per manager. */
const midnightCache = perSnapshot<number, string | null>();

/** Member ids one can ask about. */
export interface IdSet {
  has(id: number): boolean;
}

/** Who took part in one range: members with any activity, and those with a contribution among them. */
export interface Participants {
  active: IdSet;
  contributors: IdSet;
}

/**
 * Ids as bits in an array indexed by id: a trend asks 100,000 members × 13 weeks whether they took
 * part, and a byte lookup is several times cheaper than hashing into a Set.
 */
function idSet(ids: readonly number[]): IdSet {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  const bits = new Uint8Array(max + 1);
  for (const id of ids) if (id >= 0) bits[id] = 1;
  return { has: (id) => bits[id] === 1 };
}

const participantCache = perSnapshot<string, Participants>();

/**
 * Who took part in each consecutive range between `bounds`, read once per snapshot and range: the
 * participation and reach trends of a run (eight or thirteen weeks, every group). Ranges between local
 * midnights read member ids alone from the kept figures (a week of a 100,000-member company in
 * milliseconds); others count the raw activities.
 */
export async function participantsIn(
  repos: Repositories,
  snapshot: Snapshot,
  bounds: readonly Date[],
): Promise<Participants[]> {
  const cache = participantCache(snapshot);
  const days = dayBounds(snapshot, bounds);
  const keys = bounds
    .slice(1)
    .map((to, i) => `${days?.[i] ?? (bounds[i] ?? to).toISOString()}|${days?.[i + 1] ?? to.toISOString()}`);
  if (keys.some((k) => !cache.has(k))) {
    if (days) {
      (await repos.activities.keptParticipants(snapshot.workspace.id, days)).forEach((p, i) => {
        cache.set(keys[i] ?? '', { active: idSet(p.active), contributors: idSet(p.contributors) });
      });
    } else {
      const ranges = keys.map(() => ({ active: new Set<number>(), contributors: new Set<number>() }));
      const iso = bounds.map((b) => b.toISOString());
      for (const row of await repos.activities.contributionsIn(snapshot.workspace.id, iso)) {
        const range = ranges[row.range];
        if (!range) continue;
        if (row.activities > 0) range.active.add(row.memberId);
        if (row.contributions > 0) range.contributors.add(row.memberId);
      }
      for (const [i, r] of ranges.entries()) cache.set(keys[i] ?? '', r);
    }
  }
  return keys.map((k) => cache.get(k) ?? { active: new Set(), contributors: new Set() });
}

/**
 * A group's participation and reach over a range from who took part: the same fields of
 * `figuresMetrics` (same eligibility at the range end), for trends.
 */
export function participationIn(
  snapshot: Snapshot,
  group: readonly Member[],
  participants: Participants,
  range: InstantRange,
): { members: number; contributors: number; participationRate: number; reached: number; reach: number } {
  const end = range.to.getTime() < snapshot.now.getTime() ? range.to : snapshot.now;
  // Counted in place: no list of the eligible is built (twenty weeks × the whole company per run).
  const counts = countsAt(snapshot, end);
  let n = 0;
  let contributors = 0;
  let reached = 0;
  for (const m of group) {
    if (!counts(m)) continue;
    n++;
    if (participants.contributors.has(m.id)) contributors++;
    if (participants.active.has(m.id)) reached++;
  }
  return {
    members: n,
    contributors,
    participationRate: n === 0 ? 0 : contributors / n,
    reached,
    reach: n === 0 ? 0 : reached / n,
  };
}

/** The figures of one range, read once per snapshot. */
export async function figuresOf(
  repos: Repositories,
  snapshot: Snapshot,
  range: InstantRange,
): Promise<Map<number, RangeFigures>> {
  return (await figuresIn(repos, snapshot, [range.from, range.to]))[0] ?? new Map();
}

/** Figures of adjacent ranges added up: the figures of their union. */
export function sumFigures(parts: readonly ReadonlyMap<number, MemberFigures>[]): Map<number, MemberFigures> {
  const out = new Map<number, MemberFigures>();
  for (const part of parts) {
    for (const [id, f] of part) {
      const sum = out.get(id);
      if (sum) addFigures(sum, f);
      else
        out.set(id, {
          contributions: f.contributions,
          activities: f.activities,
          posts: f.posts,
          interactions: f.interactions,
          crossing: f.crossing,
        });
    }
  }
  return out;
}

/**
 * Team metrics of a group over a range from per-member figures; the group is filtered to members
 * eligible at the range end (as `metricsFor`).
 */
export function figuresMetrics(
  snapshot: Snapshot,
  group: readonly Member[],
  figures: ReadonlyMap<number, MemberFigures>,
  range: InstantRange,
): TeamMetrics {
  const end = range.to.getTime() < snapshot.now.getTime() ? range.to : snapshot.now;
  return metricsFromFigures({
    members: eligibleAt(snapshot, group, end),
    figures,
    firstContribution: lookups(snapshot).firstContribution,
    from: range.from,
    to: range.to,
  });
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
  return phaseMembers(eligibleAt(snapshot, snapshot.members, at), snapshot.workspace.settings).filter(
    (m) => m.includedAt !== null && m.includedAt <= t,
  );
}

/**
 * The last complete ISO week before `now` in the workspace's time zone: what manager reports, the
 * dashboard's location figures and their CSVs speak of.
 */
export function lastCompleteWeek(snapshot: Pick<Snapshot, 'now' | 'workspace'>): string {
  return shiftWeek(isoWeekOf(snapshot.now, snapshot.workspace.settings.timezone), -1);
}
