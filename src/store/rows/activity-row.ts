import type {
  DailyPoints,
  DepartmentConnection,
  MemberBounds,
  MemberRangeActivity,
  MemberRangeFigures,
  NewActivity,
  RepliedPost,
  ScoreScale,
} from '../../core/ports.js';
import { ACTIVITY_KINDS, type Activity, type ActivityKind, CONTRIBUTION_KINDS, POST_KINDS } from '../../core/types.js';
import { InvalidValueError } from '../errors.js';
import { oneOf, toDay, toInstant } from '../row-values.js';
import type { FigureDelta } from './kept-figures-row.js';

/**
 * Activity rows and the rows derived from them (daily rollups, member bounds, score scales): how a
 * row becomes a record and back, and the rules both stores apply around their statements, shared by
 * the SQLite and PostgreSQL stores.
 */

export interface ActivityRow {
  id: number;
  workspace_id: number;
  event_id: string;
  kind: string;
  member_id: number;
  channel_id: string;
  target_member_id: number | null;
  occurred_at: string;
  day: string;
  points: number;
  /** Migration 0013: a reply's parent post (its event id). */
  parent_event_id: string | null;
}

export interface RollupRow {
  member_id: number;
  day: string;
  points: number;
  contributions: number;
  activities: number;
}

export interface BoundsRow {
  member_id: number;
  workspace_id: number;
  first_contribution: string | null;
  last_contribution: string | null;
  last_activity: string;
}

/** What the raw rows left of a member say after a retraction (null where none is left). */
export interface RawBounds {
  first: string | null;
  last: string | null;
  latest: string | null;
}

export interface ScaleRow {
  workspace_id: number;
  day: string;
  p90: number;
  scored: number;
  computed_at: string;
}

/** One member and range of `memberFigures`. */
export interface FigureRow {
  m: number;
  r: number;
  c: number;
  n: number;
  p: number;
  i: number;
  x: number;
  fp: string | null;
}

/** One member and range of `contributionsIn`. */
export interface ContributionRow {
  m: number;
  r: number;
  c: number;
  n: number;
}

/** One department pair of `departmentConnections`. */
export interface ConnectionRow {
  f: string;
  t: string;
  r: number;
  x: number;
}

export const TABLE = 'activities';

export function isPost(kind: ActivityKind): boolean {
  return (POST_KINDS as readonly string[]).includes(kind);
}

export function isContribution(kind: ActivityKind): boolean {
  return CONTRIBUTION_KINDS.includes(kind);
}

export function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    eventId: row.event_id,
    kind: oneOf(ACTIVITY_KINDS, row.kind, TABLE, row.id, 'kind'),
    memberId: row.member_id,
    channelId: row.channel_id,
    targetMemberId: row.target_member_id,
    occurredAt: row.occurred_at,
    day: row.day,
    ...(row.parent_event_id ? { parentEventId: row.parent_event_id } : {}),
  };
}

/** A new activity as the insert binds it, its kind, instant, day and points checked. */
export function toActivityParams(activity: NewActivity): Omit<ActivityRow, 'id'> {
  return {
    workspace_id: activity.workspaceId,
    event_id: activity.eventId,
    kind: oneOfInput(activity.kind),
    member_id: activity.memberId,
    channel_id: activity.channelId,
    target_member_id: activity.targetMemberId,
    occurred_at: toInstant(activity.occurredAt, TABLE, 'occurred_at'),
    day: toDay(activity.day, TABLE, 'day'),
    points: pointsOf(activity.points),
    parent_event_id: activity.parentEventId ?? null,
  };
}

/** The instant an activity moves its member's contribution bounds to: null when it is no contribution. */
export function contributionAt(row: Omit<ActivityRow, 'id'>, kind: ActivityKind): string | null {
  return isContribution(kind) ? row.occurred_at : null;
}

/**
 * What an activity adds to its member's kept day and week, given whether it is an interaction and
 * one across departments (read by each store from the directory as it is now).
 */
export function figureDelta(
  row: Omit<ActivityRow, 'id'>,
  kind: ActivityKind,
  crossing: { interactions: 0 | 1; crossing: 0 | 1 },
): FigureDelta {
  const post = isPost(kind);
  return {
    workspace_id: row.workspace_id,
    member_id: row.member_id,
    day: row.day,
    points: row.points,
    contributions: isContribution(kind) ? 1 : 0,
    posts: post ? 1 : 0,
    ...crossing,
    first_post: post ? row.occurred_at : null,
  };
}

/** Whether the retraction of a member's activity at `at` can move any of their kept bounds. */
export function touchesBounds(kept: BoundsRow, at: string): boolean {
  return kept.first_contribution === at || kept.last_contribution === at || kept.last_activity === at;
}

/**
 * A member's bounds after the retraction of their activity at `at` (`'drop'` when nothing of the
 * member is left). Only a bound equal to the removed instant can move, and it moves to what the
 * member's remaining raw rows say (`raw`). Rows retention already pruned are older than any raw row
 * left, so a first contribution is always exact; a last one whose later rows are all gone falls back
 * to the first (both are then older than retention, which is all the states need to know).
 */
export function retractedBounds(kept: BoundsRow, at: string, raw: RawBounds | null | undefined): BoundsRow | 'drop' {
  const first = kept.first_contribution === at ? (raw?.first ?? null) : kept.first_contribution;
  const last = kept.last_contribution === at ? (raw?.last ?? first) : kept.last_contribution;
  const latest = kept.last_activity === at ? (raw?.latest ?? last ?? kept.last_activity) : kept.last_activity;
  if (raw?.latest === null && first === null && latest === at) return 'drop';
  return { ...kept, first_contribution: first, last_contribution: last, last_activity: latest };
}

export function toDailyPoints(row: RollupRow): DailyPoints {
  return {
    memberId: row.member_id,
    day: row.day,
    points: row.points,
    contributions: row.contributions,
    activities: row.activities,
  };
}

/** The days of a rollup read, checked (`fromDay` … `toDay` inclusive). */
export function rollupDays(fromDay: string, toDayInclusive: string): [string, string] {
  return [toDay(fromDay, 'daily_rollups', 'fromDay'), toDay(toDayInclusive, 'daily_rollups', 'toDay')];
}

/** The instants of a range read, checked; errors name `field`, or `from` and `to`. */
export function rangeInstants(from: string, to: string, field?: string): [string, string] {
  return [toInstant(from, TABLE, field ?? 'from'), toInstant(to, TABLE, field ?? 'to')];
}

export function toMemberFigures(row: FigureRow): MemberRangeFigures {
  return {
    memberId: row.m,
    range: row.r,
    contributions: row.c,
    activities: row.n,
    posts: row.p,
    interactions: row.i,
    crossing: row.x,
    firstPost: row.fp,
  };
}

export function toRangeActivity(row: ContributionRow): MemberRangeActivity {
  return { memberId: row.m, range: row.r, contributions: row.c, activities: row.n };
}

export function toConnection(row: ConnectionRow): DepartmentConnection {
  return { from: row.f, to: row.t, replies: row.r, reactions: row.x };
}

/** The id lists a read is limited to, each id checked (`field` names the list in the error). */
export function checkedMemberIds(ids: readonly number[], field: string): readonly number[] {
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) throw new InvalidValueError('members', field, `${id} is not a member id`);
  }
  return ids;
}

export function toMemberBounds(row: BoundsRow): MemberBounds {
  return { first: row.first_contribution, last: row.last_contribution, lastActivity: row.last_activity };
}

export function toRepliedPost({
  replies,
  departments,
  ...row
}: ActivityRow & { replies: number; departments: number }): RepliedPost {
  return { post: toActivity(row), replies, departments };
}

export function toCountsByKind(rows: Iterable<{ kind: string; n: number }>): Partial<Record<ActivityKind, number>> {
  const out: Partial<Record<ActivityKind, number>> = {};
  for (const row of rows) out[oneOfInput(row.kind as ActivityKind)] = row.n;
  return out;
}

export function toContributionBounds(
  rows: Iterable<{ member_id: number; first: string; last: string }>,
): Map<number, { first: string; last: string }> {
  const bounds = new Map<number, { first: string; last: string }>();
  for (const row of rows) bounds.set(row.member_id, { first: row.first, last: row.last });
  return bounds;
}

export function toLastActivity(rows: Iterable<{ member_id: number; last: string }>): Map<number, string> {
  const last = new Map<number, string>();
  for (const row of rows) last.set(row.member_id, row.last);
  return last;
}

export function toScoreScale(row: Omit<ScaleRow, 'workspace_id'>): ScoreScale {
  return { day: row.day, p90: row.p90, scored: row.scored, computedAt: row.computed_at };
}

/** A score scale as the insert binds it; its p90 must be a number ≥ 0. */
export function toScaleParams(workspaceId: number, scale: ScoreScale): ScaleRow {
  if (!Number.isFinite(scale.p90) || scale.p90 < 0)
    throw new InvalidValueError('score_scales', 'p90', `${scale.p90} is not a number ≥ 0`);
  return {
    workspace_id: workspaceId,
    day: toDay(scale.day, 'score_scales', 'day'),
    p90: scale.p90,
    scored: scale.scored,
    computed_at: toInstant(scale.computedAt, 'score_scales', 'computed_at'),
  };
}

/** The bounds of a ranged read as stored instants; they must be ISO instants in ascending order. */
export function checkedBounds(bounds: readonly string[]): string[] {
  let previous = '';
  return bounds.map((b) => {
    const at = toInstant(b, TABLE, 'bounds');
    if (at < previous) throw new InvalidValueError(TABLE, 'bounds', 'the range bounds must be in ascending order');
    previous = at;
    return at;
  });
}

export function oneOfInput(kind: ActivityKind): ActivityKind {
  if (!ACTIVITY_KINDS.includes(kind))
    throw new InvalidValueError(TABLE, 'kind', `"${String(kind)}" is not an activity kind`);
  return kind;
}

export function pointsOf(points: number): number {
  if (!Number.isInteger(points) || points < 0)
    throw new InvalidValueError(TABLE, 'points', `${points} is not a whole number ≥ 0`);
  return points;
}
