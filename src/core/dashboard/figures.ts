import type { Activity, Member } from '../types.js';
import { POST_KINDS } from '../types.js';

/** How many ISO weeks the dashboard and the digest chart cover: one quarter. */
export const DASHBOARD_WEEKS = 13;

/** One point of a Lorenz curve: the poorest `population` share of members wrote `share` of the posts. */
export interface LorenzPoint {
  population: number;
  share: number;
}

/**
 * The Lorenz curve of posts over members (zeros included), from (0, 0) to (1, 1), members sorted from
 * fewest posts to most. Its area gap to the diagonal is what the Gini coefficient measures
 * (G = 1 − 2·area under the curve). At most `maxPoints` + 1 points: a 10,000-member curve is sampled
 * at even population steps, always keeping both ends. Empty or all-zero input gives the diagonal.
 */
export function lorenzCurve(values: readonly number[], maxPoints = 100): LorenzPoint[] {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n === 0 || total <= 0)
    return [
      { population: 0, share: 0 },
      { population: 1, share: 1 },
    ];
  const sorted = [...values].sort((a, b) => a - b);
  const cumulative = [0];
  for (const x of sorted) cumulative.push((cumulative[cumulative.length - 1] ?? 0) + x);
  const steps = Math.min(n, Math.max(1, maxPoints));
  const out: LorenzPoint[] = [];
  for (let s = 0; s <= steps; s++) {
    const k = Math.round((s * n) / steps);
    out.push({ population: k / n, share: (cumulative[k] ?? total) / total });
  }
  return out;
}

/** How the Gini coefficient of posts reads in words (dashboard): thresholds are the usual reading of G. */
export type GiniBand = 'even' | 'moderate' | 'concentrated' | 'very';

export function giniBand(gini: number): GiniBand {
  if (gini < 0.3) return 'even';
  if (gini < 0.5) return 'moderate';
  if (gini < 0.7) return 'concentrated';
  return 'very';
}

const postKinds = new Set(POST_KINDS);

/** Top-level posts per member of `members` (same order, zeros included): the input of the Lorenz curve and Gini. */
export function postsPerMember(members: readonly Member[], activities: readonly Activity[]): number[] {
  const counts = new Map<number, number>();
  for (const a of activities) if (postKinds.has(a.kind)) counts.set(a.memberId, (counts.get(a.memberId) ?? 0) + 1);
  return members.map((m) => counts.get(m.id) ?? 0);
}

/** Replies and reactions from one group of people to another (who connects with whom). */
export interface InteractionMatrix {
  /** Row labels: the actors' groups. */
  rows: string[];
  /** Column labels: the receivers' groups. */
  columns: string[];
  /** replies[r][c]: replies by members of rows[r] to members of columns[c]. */
  replies: number[][];
  reactions: number[][];
}

/**
 * Counts replies and reactions by group of the actor and group of the receiver. `rowOf` and
 * `columnOf` give a member's row or column label, or null to leave them out (not in the group
 * reported on, or in a group too small to report). Activity on oneself is not a connection.
 */
export function interactionMatrix(
  activities: readonly Activity[],
  rows: readonly string[],
  columns: readonly string[],
  rowOf: (memberId: number) => string | null,
  columnOf: (memberId: number) => string | null,
): InteractionMatrix {
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(columns.map((c, i) => [c, i]));
  const empty = (): number[][] => rows.map(() => columns.map(() => 0));
  const replies = empty();
  const reactions = empty();
  for (const a of activities) {
    if ((a.kind !== 'reply' && a.kind !== 'reaction') || a.targetMemberId === null || a.targetMemberId === a.memberId)
      continue;
    const rowLabel = rowOf(a.memberId);
    const colLabel = columnOf(a.targetMemberId);
    if (rowLabel === null || colLabel === null) continue;
    const r = rowIndex.get(rowLabel);
    const c = colIndex.get(colLabel);
    if (r === undefined || c === undefined) continue;
    const table = a.kind === 'reply' ? replies : reactions;
    const line = table[r];
    if (line) line[c] = (line[c] ?? 0) + 1;
  }
  return { rows: [...rows], columns: [...columns], replies, reactions };
}

/** A window around a rollout step: `before` ends and `after` starts at the step. */
export interface StepWindows {
  before: { from: Date; to: Date } | null;
  after: { from: Date; to: Date } | null;
}

/**
 * The comparison windows of a rollout step: `weeks` weeks before it, and `weeks` weeks after it
 * (cut at `now`, and at the next step so one step's effect is not credited to the next). A step
 * in the future, or at the very start of the data (`notBefore`), has no window on that side.
 */
export function stepWindows(at: Date, next: Date | null, now: Date, notBefore: Date, weeks = 4): StepWindows {
  const span = weeks * 7 * 86_400_000;
  const beforeFrom = new Date(Math.max(at.getTime() - span, notBefore.getTime()));
  const afterEnd = Math.min(at.getTime() + span, now.getTime(), next?.getTime() ?? Number.POSITIVE_INFINITY);
  return {
    before: beforeFrom.getTime() < at.getTime() && at.getTime() <= now.getTime() ? { from: beforeFrom, to: at } : null,
    after: afterEnd > at.getTime() ? { from: at, to: new Date(afterEnd) } : null,
  };
}
