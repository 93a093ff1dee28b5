import type { Statement, Transaction } from 'better-sqlite3';
import type { ActivityRepo, DailyPoints, NewActivity, RepliedPost } from '../core/ports.js';
import { ACTIVITY_KINDS, type Activity, type ActivityKind, CONTRIBUTION_KINDS } from '../core/types.js';
import { ActivityPrune } from './activity-prune.js';
import type { Database } from './database.js';
import { InvalidValueError } from './errors.js';
import { oneOf, toDay, toInstant } from './row-values.js';

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

interface RollupRow {
  member_id: number;
  day: string;
  points: number;
  contributions: number;
  activities: number;
}

interface RollupDelta {
  workspace_id: number;
  member_id: number;
  day: string;
  points: number;
  contributions: number;
}

const TABLE = 'activities';

/** The contribution kinds as an SQL list; they are constants of the core, never user input. */
const CONTRIBUTION_SQL = CONTRIBUTION_KINDS.map((kind) => `'${kind}'`).join(', ');

/**
 * The reads that scores and metrics run over months of activity, exported so a test can check that
 * SQLite answers each from an index (parameters: workspace id, then the range).
 */
export const ACTIVITY_READS = {
  between:
    'SELECT * FROM activities WHERE workspace_id = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id',
  dailyPoints: `SELECT member_id, day, points, contributions, activities FROM daily_rollups
    WHERE workspace_id = ? AND day >= ? AND day <= ? ORDER BY day, member_id`,
  contributionBounds: `SELECT member_id, MIN(occurred_at) AS first, MAX(occurred_at) AS last FROM activities
    WHERE workspace_id = ? AND kind IN (${CONTRIBUTION_SQL}) GROUP BY member_id`,
  lastActivity: 'SELECT member_id, MAX(occurred_at) AS last FROM activities WHERE workspace_id = ? GROUP BY member_id',
  countsByKind:
    'SELECT kind, COUNT(*) AS n FROM activities WHERE member_id = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY kind',
  firstContribution: `SELECT MIN(occurred_at) AS first FROM activities WHERE member_id = ? AND kind IN (${CONTRIBUTION_SQL})`,
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

function isContribution(kind: ActivityKind): boolean {
  return CONTRIBUTION_KINDS.includes(kind);
}

function toActivity(row: ActivityRow): Activity {
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

/**
 * Activities and the per-member daily rollups derived from them. The rollups are what scores and
 * metrics read (one row per member and day instead of every event), so every write here changes both
 * tables in one transaction: they never drift apart.
 */
export class SqliteActivityRepo implements ActivityRepo {
  private readonly insertActivity: Statement<[Omit<ActivityRow, 'id'>]>;
  private readonly addToRollup: Statement<[RollupDelta]>;
  private readonly takeFromRollup: Statement<[RollupDelta]>;
  private readonly dropEmptyRollup: Statement<[RollupDelta]>;
  private readonly deleteActivity: Statement<[number]>;
  private readonly byEvent: Statement<[number, string], ActivityRow>;
  private readonly inRange: Statement<[number, string, string], ActivityRow>;
  private readonly rollups: Statement<[number, string, string], RollupRow>;
  private readonly bounds: Statement<[number], { member_id: number; first: string; last: string }>;
  private readonly latest: Statement<[number], { member_id: number; last: string }>;
  private readonly firstOf: Statement<[number], { first: string | null }>;
  private readonly kindCounts: Statement<[number, string, string], { kind: string; n: number }>;
  private readonly tombstoned: Statement<[number, string], { one: number }>;
  private readonly addTombstone: Statement<[number, string, string]>;
  private readonly oldTombstones: Statement<[number, string]>;
  private readonly repliedAcross: Statement<
    [string, string, number, string, string, number],
    ActivityRow & { replies: number; departments: number }
  >;
  private readonly insertTx: Transaction<
    (activity: NewActivity) => { inserted: true; activity: Activity } | { inserted: false }
  >;
  private readonly retractTx: Transaction<(workspaceId: number, eventId: string, at: string) => Activity | null>;
  private readonly prune: ActivityPrune;

  constructor(db: Database) {
    this.insertActivity = db.prepare(
      `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points,
         parent_event_id)
       VALUES (@workspace_id, @event_id, @kind, @member_id, @channel_id, @target_member_id, @occurred_at, @day, @points,
         @parent_event_id)
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
    );
    this.addToRollup = db.prepare(
      `INSERT INTO daily_rollups (workspace_id, member_id, day, points, contributions, activities)
       VALUES (@workspace_id, @member_id, @day, @points, @contributions, 1)
       ON CONFLICT (workspace_id, member_id, day) DO UPDATE SET
         points = points + excluded.points,
         contributions = contributions + excluded.contributions,
         activities = activities + 1`,
    );
    this.takeFromRollup = db.prepare(
      `UPDATE daily_rollups SET points = points - @points, contributions = contributions - @contributions,
         activities = activities - 1
       WHERE workspace_id = @workspace_id AND member_id = @member_id AND day = @day`,
    );
    this.dropEmptyRollup = db.prepare(
      `DELETE FROM daily_rollups
       WHERE workspace_id = @workspace_id AND member_id = @member_id AND day = @day AND activities <= 0`,
    );
    this.deleteActivity = db.prepare('DELETE FROM activities WHERE id = ?');
    this.byEvent = db.prepare('SELECT * FROM activities WHERE workspace_id = ? AND event_id = ?');
    this.inRange = db.prepare(ACTIVITY_READS.between);
    this.rollups = db.prepare(ACTIVITY_READS.dailyPoints);
    this.bounds = db.prepare(ACTIVITY_READS.contributionBounds);
    this.latest = db.prepare(ACTIVITY_READS.lastActivity);
    this.firstOf = db.prepare(ACTIVITY_READS.firstContribution);
    this.kindCounts = db.prepare(ACTIVITY_READS.countsByKind);

    this.tombstoned = db.prepare('SELECT 1 AS one FROM activity_tombstones WHERE workspace_id = ? AND event_id = ?');
    this.addTombstone = db.prepare(
      `INSERT INTO activity_tombstones (workspace_id, event_id, removed_at) VALUES (?, ?, ?)
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
    );
    this.oldTombstones = db.prepare('DELETE FROM activity_tombstones WHERE workspace_id = ? AND removed_at < ?');
    this.prune = new ActivityPrune(db);
    this.repliedAcross = db.prepare(MOST_REPLIED_ACROSS);

    this.insertTx = db.transaction((activity: NewActivity) => {
      const row: Omit<ActivityRow, 'id'> = {
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
      // Removed before (a late redelivery of the add, or the add arriving after its removal): not counted.
      if (this.tombstoned.get(row.workspace_id, row.event_id)) return { inserted: false as const };
      const result = this.insertActivity.run(row);
      if (result.changes === 0) return { inserted: false as const };
      this.addToRollup.run(deltaOf(row, activity.kind));
      return { inserted: true as const, activity: toActivity({ ...row, id: Number(result.lastInsertRowid) }) };
    });

    this.retractTx = db.transaction((workspaceId: number, eventId: string, at: string) => {
      this.addTombstone.run(workspaceId, eventId, at);
      const row = this.byEvent.get(workspaceId, eventId);
      if (!row) return null;
      const activity = toActivity(row);
      this.deleteActivity.run(row.id);
      const delta = deltaOf(row, activity.kind);
      this.takeFromRollup.run(delta);
      this.dropEmptyRollup.run(delta);
      return activity;
    });
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
    return this.inRange.all(workspaceId, toInstant(from, TABLE, 'from'), toInstant(to, TABLE, 'to')).map(toActivity);
  }

  dailyPoints(workspaceId: number, fromDay: string, toDayInclusive: string): DailyPoints[] {
    return this.rollups
      .all(workspaceId, toDay(fromDay, 'daily_rollups', 'fromDay'), toDay(toDayInclusive, 'daily_rollups', 'toDay'))
      .map((row) => ({
        memberId: row.member_id,
        day: row.day,
        points: row.points,
        contributions: row.contributions,
        activities: row.activities,
      }));
  }

  contributionBounds(workspaceId: number): Map<number, { first: string; last: string }> {
    const bounds = new Map<number, { first: string; last: string }>();
    for (const row of this.bounds.all(workspaceId)) bounds.set(row.member_id, { first: row.first, last: row.last });
    return bounds;
  }

  countsByKind(memberId: number, from: string, to: string): Partial<Record<ActivityKind, number>> {
    const out: Partial<Record<ActivityKind, number>> = {};
    for (const row of this.kindCounts.all(
      memberId,
      toInstant(from, TABLE, 'occurred_at'),
      toInstant(to, TABLE, 'occurred_at'),
    )) {
      out[oneOfInput(row.kind as ActivityKind)] = row.n;
    }
    return out;
  }

  firstContributionAt(memberId: number): string | null {
    const row = this.firstOf.get(memberId);
    return row?.first ?? null;
  }

  mostRepliedAcross(workspaceId: number, from: string, to: string, limit: number): RepliedPost[] {
    const start = toInstant(from, TABLE, 'from');
    const end = toInstant(to, TABLE, 'to');
    return this.repliedAcross
      .all(start, end, workspaceId, start, end, limit)
      .map(({ replies, departments, ...row }) => ({ post: toActivity(row), replies, departments }));
  }

  lastActivity(workspaceId: number): Map<number, string> {
    const last = new Map<number, string>();
    for (const row of this.latest.all(workspaceId)) last.set(row.member_id, row.last);
    return last;
  }
}

function oneOfInput(kind: ActivityKind): ActivityKind {
  if (!ACTIVITY_KINDS.includes(kind))
    throw new InvalidValueError(TABLE, 'kind', `"${String(kind)}" is not an activity kind`);
  return kind;
}

function pointsOf(points: number): number {
  if (!Number.isInteger(points) || points < 0)
    throw new InvalidValueError(TABLE, 'points', `${points} is not a whole number ≥ 0`);
  return points;
}

function deltaOf(row: Omit<ActivityRow, 'id'>, kind: ActivityKind): RollupDelta {
  return {
    workspace_id: row.workspace_id,
    member_id: row.member_id,
    day: row.day,
    points: row.points,
    contributions: isContribution(kind) ? 1 : 0,
  };
}
