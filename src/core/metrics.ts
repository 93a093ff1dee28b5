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
 * A group's metrics over [from, to) (DESIGN.md "Team metrics"). Called per workspace, department,
 * location and manager tree by the digest, manager reports and `stats`, per ISO week or fiscal year.
 */
export function teamMetrics(input: TeamMetricsInput): TeamMetrics {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const byId = new Map(input.members.map((m) => [m.id, m]));

  const contributors = new Set<number>();
  const reached = new Set<number>();
  const postsBy = new Map<number, number>();
  let posts = 0;
  let interactions = 0;
  let crossing = 0;

  for (const a of input.activities) {
    const actor = byId.get(a.memberId);
    if (!actor || !inRange(a.occurredAt, from, to)) continue;
    reached.add(a.memberId);
    if (contributionKinds.has(a.kind)) contributors.add(a.memberId);
    if (postKinds.has(a.kind)) {
      posts++;
      postsBy.set(a.memberId, (postsBy.get(a.memberId) ?? 0) + 1);
    }
    if ((a.kind === 'reply' || a.kind === 'reaction') && a.targetMemberId !== null && a.targetMemberId !== a.memberId) {
      const actorDept = knownDepartment(actor.department);
      const targetDept = knownDepartment(
        byId.has(a.targetMemberId)
          ? byId.get(a.targetMemberId)?.department
          : input.memberDepartments.get(a.targetMemberId),
      );
      if (actorDept !== null && targetDept !== null) {
        interactions++;
        if (actorDept !== targetDept) crossing++;
      }
    }
  }

  const executives = input.members.filter((m) => m.isExecutive);
  const activeExecutives = executives.filter((m) => contributors.has(m.id)).length;

  const newContributors = input.members
    .filter((m) => {
      const first = input.firstContribution.get(m.id);
      return first !== undefined && inRange(first, from, to);
    })
    .map((m) => m.id)
    .sort((a, b) => a - b);

  const n = input.members.length;
  return {
    members: n,
    contributors: contributors.size,
    participationRate: ratio(contributors.size, n),
    reached: reached.size,
    reach: ratio(reached.size, n),
    posts,
    posters: postsBy.size,
    top10Share: top10Share([...postsBy.values()]),
    gini: gini(input.members.map((m) => postsBy.get(m.id) ?? 0)),
    crossDepartment: { interactions, crossing, ratio: ratio(crossing, interactions) },
    executives: {
      total: executives.length,
      active: activeExecutives,
      rate: ratio(activeExecutives, executives.length),
    },
    newContributors,
  };
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
