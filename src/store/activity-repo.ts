import type { Statement, Transaction } from 'better-sqlite3';
import type {
  ActivityRepo,
  DailyPoints,
  MemberBounds,
  MemberRangeActivity,
  MemberRangeFigures,
  NewActivity,
  RepliedPost,
  ScoreScale,
} from '../core/ports.js';
import type { Activity, ActivityKind } from '../core/types.js';
import { ActivityPrune } from './activity-prune.js';
import {
  CONTRIBUTION_SQL,
  INTERACTION_DEPARTMENTS,
  INTERACTION_JOINS,
  INTERACTION_SUMS,
  POST_SQL,
} from './activity-sql.js';
import { ConnectionReads } from './connection-reads.js';
import type { Database } from './database.js';
import { KeptFigures } from './kept-figures.js';
import { toDay, toInstant } from './row-values.js';
import {
  type ActivityRow,
  type BoundsRow,
  type ContributionRow,
  checkedBounds,
  contributionAt,
  type FigureRow,
  figureDelta,
  type RawBounds,
  type RollupRow,
  rangeInstants,
  retractedBounds,
  rollupDays,
  type ScaleRow,
  toActivity,
  toActivityParams,
  toContributionBounds,
  toCountsByKind,
  toDailyPoints,
  toLastActivity,
  toMemberBounds,
  toMemberFigures,
  toRangeActivity,
  toRepliedPost,
  toScaleParams,
  toScoreScale,
  touchesBounds,
} from './rows/activity-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** Kept here too for the callers that read rows straight from the file (the benchmark's baselines). */
export type { ActivityRow } from './rows/activity-row.js';

/**
 * Both span reads name the time index: with one workspace the planner rates `activities_member_kind`
 * (workspace_id = ?) as good and walks every activity ever stored instead of the span's.
 *
 * The figures of `memberFigures` for `ranges` consecutive ranges: one pass over the activities of the
 * whole span, each row put in its range by a CASE over the bounds (`@b0` … `@bN`), grouped per member
 * and range. Departments are compared as the core's `teamMetrics` compares them: trimmed, non-empty,
 * today's directory, the target looked up only for a reply or reaction to someone else.
 */
export function memberFiguresSql(ranges: number): string {
  const cases = Array.from({ length: ranges - 1 }, (_, i) => `WHEN a.occurred_at < @b${i + 1} THEN ${i}`).join(' ');
  const bucket = ranges > 1 ? `CASE ${cases} ELSE ${ranges - 1} END` : '0';
  return `SELECT a.member_id AS m, ${bucket} AS r,
      SUM(a.kind IN (${CONTRIBUTION_SQL})) AS c, COUNT(*) AS n, SUM(a.kind IN (${POST_SQL})) AS p,
      ${INTERACTION_SUMS},
      MIN(CASE WHEN a.kind IN (${POST_SQL}) THEN a.occurred_at END) AS fp
    FROM (SELECT a.member_id, a.kind, a.occurred_at, ${INTERACTION_DEPARTMENTS}
          FROM activities a INDEXED BY activities_time
          ${INTERACTION_JOINS}
          WHERE a.workspace_id = @w AND a.occurred_at >= @b0 AND a.occurred_at < @b${ranges}) AS a
    GROUP BY a.member_id, r`;
}

/**
 * `contributionsIn`: contributions and activities per member and range, from the time index alone
 * (no department lookups: participation and reach trends over many weeks).
 */
export function contributionsSql(ranges: number): string {
  const cases = Array.from({ length: ranges - 1 }, (_, i) => `WHEN occurred_at < @b${i + 1} THEN ${i}`).join(' ');
  const bucket = ranges > 1 ? `CASE ${cases} ELSE ${ranges - 1} END` : '0';
  return `SELECT member_id AS m, ${bucket} AS r, SUM(kind IN (${CONTRIBUTION_SQL})) AS c, COUNT(*) AS n
    FROM activities INDEXED BY activities_time
    WHERE workspace_id = @w AND occurred_at >= @b0 AND occurred_at < @b${ranges}
    GROUP BY member_id, r`;
}

/**
 * The reads that scores and metrics run over months of activity, exported so a test can check that
 * SQLite answers each from an index (parameters: workspace id, then the range).
 */
export const ACTIVITY_READS = {
  between:
    'SELECT * FROM activities WHERE workspace_id = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id',
  dailyPoints: `SELECT member_id, day, points, contributions, activities FROM daily_rollups
    WHERE workspace_id = ? AND day >= ? AND day <= ? ORDER BY day, member_id`,
  contributionBounds: `SELECT member_id, first_contribution AS first, last_contribution AS last FROM member_bounds
    WHERE workspace_id = ? AND first_contribution IS NOT NULL`,
  lastActivity: 'SELECT member_id, last_activity AS last FROM member_bounds WHERE workspace_id = ?',
  memberBetween:
    'SELECT * FROM activities WHERE member_id = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id',
  countsByKind:
    'SELECT kind, COUNT(*) AS n FROM activities WHERE member_id = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY kind',
  firstContribution: 'SELECT first_contribution AS first FROM member_bounds WHERE member_id = ?',
  // The primary key, named: the day index also covers these columns and tempts the planner into
  // walking every member's days for one member's.
  memberDailyPoints: `SELECT member_id, day, points, contributions, activities FROM daily_rollups INDEXED BY sqlite_autoindex_daily_rollups_1
    WHERE workspace_id = ? AND member_id = ? AND day >= ? AND day <= ? ORDER BY day`,
} as const;

/**
 * The week's posts most replied to from other departments (`mostRepliedAcross`). Parameters: the
 * range (for the replies: a reply comes after its post, so the range bounds both), the workspace, the
 * range again (for the posts), the limit. SQLite reads the range's replies from the time index and
 * finds each parent by its event id: one pass over the range, never the whole history. Departments
 * compare trimmed and must be known on both sides, as the cross-department ratio counts them.
 */
export const MOST_REPLIED_ACROSS = `SELECT p.*, COUNT(*) AS replies, COUNT(DISTINCT trim(rm.department)) AS departments
  FROM activities p
  JOIN members pm ON pm.id = p.member_id
  JOIN activities r ON r.workspace_id = p.workspace_id AND r.parent_event_id = p.event_id
    AND r.kind = 'reply' AND r.occurred_at >= ? AND r.occurred_at < ?
  JOIN members rm ON rm.id = r.member_id
  WHERE p.workspace_id = ? AND p.kind = 'post' AND p.occurred_at >= ? AND p.occurred_at < ?
    AND trim(coalesce(pm.department, '')) <> '' AND trim(coalesce(rm.department, '')) <> ''
    AND trim(rm.department) <> trim(pm.department)
  GROUP BY p.id
  ORDER BY replies DESC, departments DESC, p.occurred_at, p.id
  LIMIT ?`;

/**
 * Activities and the per-member daily rollups derived from them. The rollups are what scores and
 * metrics read (one row per member and day instead of every event), so every write here changes both
 * tables in one transaction: they never drift apart.
 */
export class SqliteActivityRepo implements Synchronous<ActivityRepo> {
  private readonly insertActivity: () => Statement<[Omit<ActivityRow, 'id'>]>;
  private readonly kept: KeptFigures;
  private readonly deleteActivity: Statement<[number]>;
  private readonly byEvent: Statement<[number, string], ActivityRow>;
  private readonly inRange: Statement<[number, string, string], ActivityRow>;
  private readonly rollups: Statement<[number, string, string], RollupRow>;
  private readonly bounds: () => Statement<[number], { member_id: number; first: string; last: string }>;
  private readonly latest: () => Statement<[number], { member_id: number; last: string }>;
  private readonly firstOf: () => Statement<[number], { first: string | null }>;
  private readonly kindCounts: Statement<[number, string, string], { kind: string; n: number }>;
  private readonly memberRange: Statement<[number, string, string], ActivityRow>;
  private readonly keepBounds: () => Statement<[BoundsDelta]>;
  private readonly storedBounds: () => Statement<[number], BoundsRow>;
  private readonly rawBounds: Statement<[number], RawBounds>;
  private readonly putBounds: () => Statement<[BoundsRow]>;
  private readonly dropBounds: () => Statement<[number]>;
  private readonly memberRollups: Statement<[number, number, string, string], RollupRow>;
  private readonly estimates: Statement<Record<string, string | number>, { m: number; raw: number }>;
  private readonly scaleOf: () => Statement<[number, string], ScaleRow>;
  private readonly putScale: () => Statement<[ScaleRow]>;
  private readonly figureReads = new Map<number, Statement<Record<string, string | number>, FigureRow>>();
  private readonly contributionReads = new Map<number, Statement<Record<string, string | number>, ContributionRow>>();
  private readonly db: Database;
  private readonly tombstoned: Statement<[number, string], { one: number }>;
  private readonly addTombstone: Statement<[number, string, string]>;
  private readonly oldTombstones: Statement<[number, string]>;
  private readonly repliedAcross: () => Statement<
    [string, string, number, string, string, number],
    ActivityRow & { replies: number; departments: number }
  >;
  private readonly insertTx: Transaction<
    (activity: NewActivity) => { inserted: true; activity: Activity } | { inserted: false }
  >;
  private readonly retractTx: Transaction<(workspaceId: number, eventId: string, at: string) => Activity | null>;
  private readonly prune: ActivityPrune;

  constructor(db: Database) {
    this.db = db;
    this.keepBounds = lazy(() =>
      db.prepare(
        `INSERT INTO member_bounds (member_id, workspace_id, first_contribution, last_contribution, last_activity)
       VALUES (@member_id, @workspace_id, @contribution, @contribution, @occurred_at)
       ON CONFLICT (member_id) DO UPDATE SET
         first_contribution = coalesce(min(first_contribution, excluded.first_contribution), first_contribution, excluded.first_contribution),
         last_contribution = coalesce(max(last_contribution, excluded.last_contribution), last_contribution, excluded.last_contribution),
         last_activity = max(last_activity, excluded.last_activity)`,
      ),
    );
    this.storedBounds = lazy(() =>
      db.prepare(
        'SELECT member_id, workspace_id, first_contribution, last_contribution, last_activity FROM member_bounds WHERE member_id = ?',
      ),
    );
    this.rawBounds = db.prepare(
      `SELECT MIN(CASE WHEN kind IN (${CONTRIBUTION_SQL}) THEN occurred_at END) AS first,
              MAX(CASE WHEN kind IN (${CONTRIBUTION_SQL}) THEN occurred_at END) AS last,
              MAX(occurred_at) AS latest
       FROM activities WHERE member_id = ?`,
    );
    this.putBounds = lazy(() =>
      db.prepare(
        `INSERT OR REPLACE INTO member_bounds (member_id, workspace_id, first_contribution, last_contribution, last_activity)
       VALUES (@member_id, @workspace_id, @first_contribution, @last_contribution, @last_activity)`,
      ),
    );
    this.dropBounds = lazy(() => db.prepare('DELETE FROM member_bounds WHERE member_id = ?'));
    this.memberRollups = db.prepare(ACTIVITY_READS.memberDailyPoints);
    // The rollups' primary key walks members in order: one pass, no sort.
    this.estimates = db.prepare(
      `SELECT member_id AS m,
              SUM(min(@cap, max(0, points)) * pow(0.5, (julianday(@today) - julianday(day)) / @half)) AS raw
       FROM daily_rollups INDEXED BY sqlite_autoindex_daily_rollups_1
       WHERE workspace_id = @w AND day >= @from AND day <= @today GROUP BY member_id`,
    );
    this.scaleOf = lazy(() =>
      db.prepare(
        'SELECT workspace_id, day, p90, scored, computed_at FROM score_scales WHERE workspace_id = ? AND day = ?',
      ),
    );
    this.putScale = lazy(() =>
      db.prepare(
        `INSERT INTO score_scales (workspace_id, day, p90, scored, computed_at)
       VALUES (@workspace_id, @day, @p90, @scored, @computed_at) ON CONFLICT (workspace_id, day) DO NOTHING`,
      ),
    );
    this.insertActivity = lazy(() =>
      db.prepare(
        `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points,
         parent_event_id)
       VALUES (@workspace_id, @event_id, @kind, @member_id, @channel_id, @target_member_id, @occurred_at, @day, @points,
         @parent_event_id)
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
      ),
    );
    this.kept = new KeptFigures(db);
    this.deleteActivity = db.prepare('DELETE FROM activities WHERE id = ?');
    this.byEvent = db.prepare('SELECT * FROM activities WHERE workspace_id = ? AND event_id = ?');
    this.inRange = db.prepare(ACTIVITY_READS.between);
    this.rollups = db.prepare(ACTIVITY_READS.dailyPoints);
    this.bounds = lazy(() => db.prepare(ACTIVITY_READS.contributionBounds));
    this.latest = lazy(() => db.prepare(ACTIVITY_READS.lastActivity));
    this.firstOf = lazy(() => db.prepare(ACTIVITY_READS.firstContribution));
    this.kindCounts = db.prepare(ACTIVITY_READS.countsByKind);
    this.memberRange = db.prepare(ACTIVITY_READS.memberBetween);

    this.tombstoned = db.prepare('SELECT 1 AS one FROM activity_tombstones WHERE workspace_id = ? AND event_id = ?');
    this.addTombstone = db.prepare(
      `INSERT INTO activity_tombstones (workspace_id, event_id, removed_at) VALUES (?, ?, ?)
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
    );
    this.oldTombstones = db.prepare('DELETE FROM activity_tombstones WHERE workspace_id = ? AND removed_at < ?');
    this.prune = new ActivityPrune(db);
    this.repliedAcross = lazy(() => db.prepare(MOST_REPLIED_ACROSS));

    this.insertTx = db.transaction((activity: NewActivity) => {
      const row = toActivityParams(activity);
      // Removed before (a late redelivery of the add, or the add arriving after its removal): not counted.
      if (this.tombstoned.get(row.workspace_id, row.event_id)) return { inserted: false as const };
      const result = this.insertActivity().run(row);
      if (result.changes === 0) return { inserted: false as const };
      this.kept.add(this.deltaOf(row, activity.kind));
      this.keepBounds().run({
        member_id: row.member_id,
        workspace_id: row.workspace_id,
        occurred_at: row.occurred_at,
        contribution: contributionAt(row, activity.kind),
      });
      return { inserted: true as const, activity: toActivity({ ...row, id: Number(result.lastInsertRowid) }) };
    });

    this.retractTx = db.transaction((workspaceId: number, eventId: string, at: string) => {
      this.addTombstone.run(workspaceId, eventId, at);
      const row = this.byEvent.get(workspaceId, eventId);
      if (!row) return null;
      const activity = toActivity(row);
      this.deleteActivity.run(row.id);
      this.kept.take(this.deltaOf(row, activity.kind), row.occurred_at);
      this.retractBounds(row);
      return activity;
    });
  }

  /**
   * Keeps the member's bounds right after a retraction (`retractedBounds`); the member index answers
   * what their remaining raw rows say.
   */
  private retractBounds(row: ActivityRow): void {
    const kept = this.storedBounds().get(row.member_id);
    if (!kept || !touchesBounds(kept, row.occurred_at)) return;
    const bounds = retractedBounds(kept, row.occurred_at, this.rawBounds.get(row.member_id));
    if (bounds === 'drop') this.dropBounds().run(row.member_id);
    else this.putBounds().run(bounds);
  }

  /** What an activity adds to its member's kept day and week (departments as the directory has them now). */
  private deltaOf(row: Omit<ActivityRow, 'id'>, kind: ActivityKind) {
    return figureDelta(row, kind, this.kept.crossingOf(kind, row.member_id, row.target_member_id));
  }

  keptFigures(workspaceId: number, days: readonly string[]): MemberRangeFigures[] {
    return this.kept.figures(workspaceId, days);
  }

  keptParticipants(workspaceId: number, days: readonly string[]): Array<{ active: number[]; contributors: number[] }> {
    return this.kept.participants(workspaceId, days);
  }

  insert(activity: NewActivity): { inserted: true; activity: Activity } | { inserted: false } {
    return this.insertTx(activity);
  }

  /**
   * Takes an activity back out of the counts and leaves a tombstone for its event key (even when the
   * add was never seen: removals can overtake adds), so the add delivered later is not counted.
   */
  retract(workspaceId: number, eventId: string, at: string = new Date().toISOString()): Activity | null {
    return this.retractTx(workspaceId, eventId, toInstant(at, 'activity_tombstones', 'removed_at'));
  }

  /** Retention: tombstones older than any redelivery could be; returns how many were deleted. */
  deleteTombstonesBefore(workspaceId: number, before: string): number {
    return this.oldTombstones.run(workspaceId, toInstant(before, 'activity_tombstones', 'before')).changes;
  }

  countBefore(workspaceId: number, before: string): number {
    return this.prune.count(workspaceId, before);
  }

  deleteBefore(workspaceId: number, before: string): number {
    return this.prune.delete(workspaceId, before);
  }

  byEventId(workspaceId: number, eventId: string): Activity | null {
    const row = this.byEvent.get(workspaceId, eventId);
    return row ? toActivity(row) : null;
  }

  between(workspaceId: number, from: string, to: string): Activity[] {
    return this.inRange.all(workspaceId, ...rangeInstants(from, to)).map(toActivity);
  }

  dailyPoints(workspaceId: number, fromDay: string, toDayInclusive: string): DailyPoints[] {
    return this.rollups.all(workspaceId, ...rollupDays(fromDay, toDayInclusive)).map(toDailyPoints);
  }

  contributionBounds(workspaceId: number): Map<number, { first: string; last: string }> {
    return toContributionBounds(this.bounds().all(workspaceId));
  }

  memberBetween(memberId: number, from: string, to: string): Activity[] {
    return this.memberRange.all(memberId, ...rangeInstants(from, to, 'occurred_at')).map(toActivity);
  }

  countsByKind(memberId: number, from: string, to: string): Partial<Record<ActivityKind, number>> {
    return toCountsByKind(this.kindCounts.all(memberId, ...rangeInstants(from, to, 'occurred_at')));
  }

  firstContributionAt(memberId: number): string | null {
    const row = this.firstOf().get(memberId);
    return row?.first ?? null;
  }

  mostRepliedAcross(workspaceId: number, from: string, to: string, limit: number): RepliedPost[] {
    const [start, end] = rangeInstants(from, to);
    return this.repliedAcross().all(start, end, workspaceId, start, end, limit).map(toRepliedPost);
  }

  private connectionReads: ConnectionReads | undefined;

  /** The dashboard's department × department counts, read in `connection-reads.ts`. */
  departmentConnections(...args: Parameters<ActivityRepo['departmentConnections']>) {
    this.connectionReads ??= new ConnectionReads(this.db);
    return this.connectionReads.departmentConnections(...args);
  }

  lastActivity(workspaceId: number): Map<number, string> {
    return toLastActivity(this.latest().all(workspaceId));
  }

  memberFigures(workspaceId: number, bounds: readonly string[]): MemberRangeFigures[] {
    const params = boundParams(workspaceId, bounds);
    const ranges = bounds.length - 1;
    if (ranges < 1) return [];
    return preparedFor(this.figureReads, ranges, () => this.db.prepare(memberFiguresSql(ranges)))
      .all(params)
      .map(toMemberFigures);
  }

  contributionsIn(workspaceId: number, bounds: readonly string[]): MemberRangeActivity[] {
    const params = boundParams(workspaceId, bounds);
    const ranges = bounds.length - 1;
    if (ranges < 1) return [];
    return preparedFor(this.contributionReads, ranges, () => this.db.prepare(contributionsSql(ranges)))
      .all(params)
      .map(toRangeActivity);
  }

  boundsOf(memberId: number): MemberBounds | null {
    const row = this.storedBounds().get(memberId);
    return row ? toMemberBounds(row) : null;
  }

  memberDailyPoints(memberId: number, fromDay: string, toDayInclusive: string): DailyPoints[] {
    const member = this.storedBounds().get(memberId);
    if (!member) return [];
    return this.memberRollups
      .all(member.workspace_id, memberId, ...rollupDays(fromDay, toDayInclusive))
      .map(toDailyPoints);
  }

  scoreEstimates(
    workspaceId: number,
    fromDay: string,
    today: string,
    rule: { cap: number; halfLifeDays: number },
  ): Map<number, number> {
    const out = new Map<number, number>();
    for (const row of this.estimates.all({
      w: workspaceId,
      from: toDay(fromDay, 'daily_rollups', 'fromDay'),
      today: toDay(today, 'daily_rollups', 'today'),
      cap: rule.cap,
      half: rule.halfLifeDays,
    }))
      out.set(row.m, row.raw);
    return out;
  }

  scoreScale(workspaceId: number, day: string): ScoreScale | null {
    const row = this.scaleOf().get(workspaceId, toDay(day, 'score_scales', 'day'));
    return row ? toScoreScale(row) : null;
  }

  saveScoreScale(workspaceId: number, scale: ScoreScale): void {
    this.putScale().run(toScaleParams(workspaceId, scale));
  }
}

interface BoundsDelta {
  member_id: number;
  workspace_id: number;
  occurred_at: string;
  contribution: string | null;
}

/** `@w` and `@b0` … `@bN` of a ranged read. */
function boundParams(workspaceId: number, bounds: readonly string[]): Record<string, string | number> {
  const params: Record<string, string | number> = { w: workspaceId };
  checkedBounds(bounds).forEach((at, i) => {
    params[`b${i}`] = at;
  });
  return params;
}

/** The statement for a number of ranges, prepared once per number (the SQL has one column per range). */
function preparedFor<T>(cache: Map<number, T>, ranges: number, prepare: () => T): T {
  let statement = cache.get(ranges);
  if (statement === undefined) {
    statement = prepare();
    cache.set(ranges, statement);
  }
  return statement;
}

/**
 * A statement prepared on first use: the tables of migration 0011 (bounds, scales) may not exist yet
 * in a database opened at an older schema (the benchmark generates its companies at one, then applies
 * the newer migrations as an upgrade would).
 */
function lazy<T>(prepare: () => T): () => T {
  let statement: T | undefined;
  return () => {
    statement ??= prepare();
    return statement;
  };
}
