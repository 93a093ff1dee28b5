import { eligibleMembers } from './groups.js';
import { isoWeekRange } from './time.js';
import type { Activity, Member } from './types.js';
import { CONTRIBUTION_KINDS, POST_KINDS } from './types.js';

/** Below this many posts in a period the concentration warning stays off: two posts by one person is not a trend. */
export const CONCENTRATION_MIN_POSTS = 10;
/** The warning fires when the top 10% of posters wrote more than this share of the posts. */
export const CONCENTRATION_THRESHOLD = 0.5;

export interface TeamMetrics {
  /** Members in the group. */
  members: number;
  /** Members with at least one contribution (post, reply, story, idea) in the period. */
  contributors: number;
  /** contributors / members; 0 when the group is empty. */
  participationRate: number;
  /** Members with any activity in the period, reactions given included. */
  reached: number;
  /** reached / members; 0 when the group is empty. */
  reach: number;
  /** Top-level posts (post, story, idea) written by group members. */
  posts: number;
  /** Members who wrote at least one top-level post. */
  posters: number;
  /** Share of posts written by the top ⌈10% of posters⌉ posters; 0 when there are no posts. */
  top10Share: number;
  /** Gini coefficient of posts over all group members (zeros included); see `gini`. */
  gini: number;
  crossDepartment: {
    /** Replies and reactions by group members where both departments are known. */
    interactions: number;
    /** Those whose target is in another department than the actor. */
    crossing: number;
    /** crossing / interactions; 0 when there are none. */
    ratio: number;
  };
  executives: {
    total: number;
    /** Executives with at least one contribution in the period. */
    active: number;
    /** active / total; 0 when the group has no executives. */
    rate: number;
  };
  /** Group members whose first contribution ever falls in the period, ascending ids. */
  newContributors: number[];
}

export interface TeamMetricsInput {
  /** The group, already filtered by `eligibleMembers`. */
  members: readonly Member[];
  /** Workspace activities in [from, to); others are ignored. */
  activities: readonly Activity[];
  /** Member id → ISO instant of their first contribution, workspace-wide. */
  firstContribution: ReadonlyMap<number, string>;
  /** Member id → department, for reply/reaction targets outside the group. */
  memberDepartments: ReadonlyMap<number, string | null>;
  from: Date;
  to: Date;
}

const contributionKinds = new Set(CONTRIBUTION_KINDS);
const postKinds = new Set(POST_KINDS);

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function inRange(iso: string, from: number, to: number): boolean {
  const t = Date.parse(iso);
  return t >= from && t < to;
}

function knownDepartment(dept: string | null | undefined): string | null {
  const d = dept?.trim();
  return d ? d : null;
}

/**
 * Gini coefficient of non-negative values: the mean absolute difference over all ordered pairs
 * divided by twice the mean, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 · n² · mean). Computed in O(n log n) on the
 * ascending sort as G = 2 Σᵢ i·x₍ᵢ₎ / (n Σ x) − (n + 1) / n (i from 1).
 * Everyone equal → 0; one person of n holding everything → (n − 1) / n. 0 for no values or an all-zero list.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n === 0 || total <= 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  sorted.forEach((x, i) => {
    weighted += (i + 1) * x;
  });
  const g = (2 * weighted) / (n * total) - (n + 1) / n;
  // Guard against -1e-17 style float noise on equal values.
  return Math.max(0, g);
}

/**
 * Share of the posts written by the top ⌈10%⌉ of posters (at least one poster). `postCounts`
 * holds one count per poster; zeros are ignored.
 */
export function top10Share(postCounts: readonly number[]): number {
  const counts = postCounts.filter((c) => c > 0).sort((a, b) => b - a);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const top = Math.ceil(counts.length * 0.1);
  return counts.slice(0, top).reduce((a, b) => a + b, 0) / total;
}

/**
 * One member's activity over a period: everything a group's metrics need from that member. The
 * figures of a group are sums and sorts of these, so a period's figures are read once (from raw
 * activities here, or counted by the store in one pass over the period's rows) and every group of a
 * run (the company, each department, each manager's tree) is summed from them.
 */
export interface MemberFigures {
  /** Contributions (post, reply, story, idea). */
  contributions: number;
  /** Activities of any kind, reactions given included. */
  activities: number;
  /** Top-level posts (post, story, idea). */
  posts: number;
  /** Replies and reactions to someone else where both departments are known. */
  interactions: number;
  /** Those whose target is in another department. */
  crossing: number;
}

/**
 * The figures per member of `actors` from raw activities in [from, to): the definition the store's
 * `memberFigures` counts in SQL. `departmentOf` gives a reply's or reaction's target department
 * (undefined or blank: unknown, the interaction is not counted).
 */
export function memberFiguresOf(
  actors: readonly Member[],
  activities: readonly Activity[],
  departmentOf: (memberId: number) => string | null | undefined,
  from: Date,
  to: Date,
): Map<number, MemberFigures> {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const byId = new Map(actors.map((m) => [m.id, m]));
  const out = new Map<number, MemberFigures>();
  for (const a of activities) {
    const actor = byId.get(a.memberId);
    if (!actor || !inRange(a.occurredAt, fromMs, toMs)) continue;
    let f = out.get(a.memberId);
    if (!f) {
      f = { contributions: 0, activities: 0, posts: 0, interactions: 0, crossing: 0 };
      out.set(a.memberId, f);
    }
    f.activities++;
    if (contributionKinds.has(a.kind)) f.contributions++;
    if (postKinds.has(a.kind)) f.posts++;
    if ((a.kind === 'reply' || a.kind === 'reaction') && a.targetMemberId !== null && a.targetMemberId !== a.memberId) {
      const actorDept = knownDepartment(actor.department);
      const targetDept = knownDepartment(departmentOf(a.targetMemberId));
      if (actorDept !== null && targetDept !== null) {
        f.interactions++;
        if (actorDept !== targetDept) f.crossing++;
      }
    }
  }
  return out;
}

/** Adds `b` into `a` (figures of disjoint periods sum to the figures of their union). */
export function addFigures(a: MemberFigures, b: MemberFigures): MemberFigures {
  a.contributions += b.contributions;
  a.activities += b.activities;
  a.posts += b.posts;
  a.interactions += b.interactions;
  a.crossing += b.crossing;
  return a;
}

export interface FiguresMetricsInput {
  /** The group, already filtered by `eligibleMembers`. */
  members: readonly Member[];
  /** Member id → their figures over [from, to); members without an entry had no activity. */
  figures: ReadonlyMap<number, MemberFigures>;
  /** Member id → ISO instant of their first contribution, workspace-wide. */
  firstContribution: ReadonlyMap<number, string>;
  from: Date;
  to: Date;
}

/** A group's metrics over [from, to) from its members' figures (see `teamMetrics` for the definitions). */
export function metricsFromFigures(input: FiguresMetricsInput): TeamMetrics {
  const from = input.from.getTime();
  const to = input.to.getTime();
  let contributors = 0;
  let reached = 0;
  let posts = 0;
  let interactions = 0;
  let crossing = 0;
  let executives = 0;
  let activeExecutives = 0;
  const postCounts: number[] = [];
  const perMember: number[] = [];
  const newContributors: number[] = [];
  for (const m of input.members) {
    const f = input.figures.get(m.id);
    const contributed = f !== undefined && f.contributions > 0;
    if (m.isExecutive) {
      executives++;
      if (contributed) activeExecutives++;
    }
    const first = input.firstContribution.get(m.id);
    if (first !== undefined && inRange(first, from, to)) newContributors.push(m.id);
    perMember.push(f?.posts ?? 0);
    if (!f) continue;
    if (contributed) contributors++;
    if (f.activities > 0) reached++;
    if (f.posts > 0) postCounts.push(f.posts);
    posts += f.posts;
    interactions += f.interactions;
    crossing += f.crossing;
  }
  const n = input.members.length;
  return {
    members: n,
    contributors,
    participationRate: ratio(contributors, n),
    reached,
    reach: ratio(reached, n),
    posts,
    posters: postCounts.length,
    top10Share: top10Share(postCounts),
    gini: gini(perMember),
    crossDepartment: { interactions, crossing, ratio: ratio(crossing, interactions) },
    executives: { total: executives, active: activeExecutives, rate: ratio(activeExecutives, executives) },
    newContributors: newContributors.sort((a, b) => a - b),
  };
}

/**
 * A group's metrics over [from, to) (DESIGN.md "Team metrics"), from raw activities: the definition.
 * Reports and commands sum the same per-member figures the store counts (`metricsFromFigures`); this
 * is the reference they are tested against.
 */
export function teamMetrics(input: TeamMetricsInput): TeamMetrics {
  const byId = new Map(input.members.map((m) => [m.id, m]));
  const departmentOf = (id: number): string | null | undefined =>
    byId.has(id) ? byId.get(id)?.department : input.memberDepartments.get(id);
  return metricsFromFigures({
    members: input.members,
    figures: memberFiguresOf(input.members, input.activities, departmentOf, input.from, input.to),
    firstContribution: input.firstContribution,
    from: input.from,
    to: input.to,
  });
}

/**
 * True when the top 10% of posters wrote more than half of the posts and there were at least
 * `CONCENTRATION_MIN_POSTS` posts: the digest then says so.
 */
export function concentrationWarning(m: TeamMetrics): boolean {
  return m.top10Share > CONCENTRATION_THRESHOLD && m.posts >= CONCENTRATION_MIN_POSTS;
}

export interface TrendPoint {
  week: string;
  participationRate: number;
  contributors: number;
  members: number;
}

/**
 * Participation per ISO week (in `tz`), for the sparkline of the digest and manager reports.
 * Each week counts the members eligible at its end and their contributions inside it.
 * `members` is the group (any filter but eligibility); `activities` covers all the weeks.
 */
export function participationTrend(
  weeks: readonly string[],
  tz: string,
  members: readonly Member[],
  activities: readonly Activity[],
): TrendPoint[] {
  return weeks.map((week) => {
    const { from, to } = isoWeekRange(week, tz);
    const eligible = new Set(eligibleMembers(members, to).map((m) => m.id));
    const contributors = new Set<number>();
    for (const a of activities) {
      if (
        eligible.has(a.memberId) &&
        contributionKinds.has(a.kind) &&
        inRange(a.occurredAt, from.getTime(), to.getTime())
      ) {
        contributors.add(a.memberId);
      }
    }
    return {
      week,
      participationRate: ratio(contributors.size, eligible.size),
      contributors: contributors.size,
      members: eligible.size,
    };
  });
}
