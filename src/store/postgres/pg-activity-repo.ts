import type {
  ActivityRepo,
  DailyPoints,
  DepartmentConnection,
  MemberBounds,
  MemberRangeActivity,
  MemberRangeFigures,
  NewActivity,
  RepliedPost,
  ScoreScale,
} from '../../core/ports.js';
import type { Activity, ActivityKind } from '../../core/types.js';
import {
  CONTRIBUTION_SQL,
  INTERACTION_JOINS,
  PG_INTERACTION_DEPARTMENTS,
  PG_INTERACTION_SUMS,
  PG_TRIM_SQL,
  POST_SQL,
  pgBit,
} from '../activity-sql.js';
import { toDay, toInstant } from '../row-values.js';
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
} from '../rows/activity-row.js';
import { mayInteract, NO_INTERACTION, weekOfDay } from '../rows/kept-figures-row.js';
import { PgActivityPrune } from './pg-activity-prune.js';
import { PgConnectionReads } from './pg-connection-reads.js';
import type { PgDb } from './pg-db.js';
import { PgKeptFigures } from './pg-kept-figures.js';

/**
 * The advisory lock class of one event key (`pg_advisory_xact_lock(class, hash)`), taken by an insert
 * and a retraction of the same event: the add checks for a tombstone and the removal deletes the row,
 * and with both running at once on two instances each would miss the other's uncommitted write.
 */
const EVENT_LOCK = 0x48697265;

/**
 * The whole insert in one statement, after the event lock (`insertScript`): both members' rows locked
 * and their departments read, the row inserted unless a tombstone or the same event is there, then
 * the member's bounds, day and week. Each step reads the one before it, which makes PostgreSQL run them
 * in that order, the order every other writer locks them in (members, bounds, day, week): a
 * data-modifying WITH that nothing reads would run after the main statement. `$12` the members to
 * lock, `$13` whether the activity may be an interaction (`mayInteract`), `$14` … `$17` its delta
 * (`figureDelta` without the crossing, which is computed here from the departments as
 * `crossingOfDepartments` does), `$18` its week. Returns the new row's id and the member's first
 * contribution after it, or no row when nothing was inserted. LEAST/GREATEST skip nulls, as the
 * SQLite statement's coalesce(min(…)) does. Every value is cast: the script writes them as untyped
 * literals, and an INSERT … SELECT reads an untyped one as text.
 */
function insertSql(lock: 'FOR SHARE' | 'FOR KEY SHARE'): string {
  const known = (column: string) => `nullif(trim(${column}, ${PG_TRIM_SQL}), '')`;
  return `WITH people AS MATERIALIZED (
    SELECT id, department FROM members WHERE id = ANY($12::bigint[]) ORDER BY id ${lock}),
  deps AS (
    SELECT ${known('max(department) FILTER (WHERE id = $4::bigint)')} AS own,
      ${known('max(department) FILTER (WHERE id = $6::bigint)')} AS theirs,
      coalesce(bool_or(id = $6::bigint), false) AS target_exists
    FROM people),
  fig AS (
    SELECT ($13::boolean AND target_exists AND own IS NOT NULL AND theirs IS NOT NULL)::int AS i,
      ($13::boolean AND target_exists AND own IS NOT NULL AND theirs IS NOT NULL AND own <> theirs)::int AS x
    FROM deps),
  ins AS (
    INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points,
      parent_event_id)
    SELECT $1::bigint, $2::text, $3::text, $4::bigint, $5::text, $6::bigint, $7::text, $8::text, $9::integer, $10::text
    FROM fig
    WHERE NOT EXISTS (SELECT 1 FROM activity_tombstones WHERE workspace_id = $1::bigint AND event_id = $2::text)
    ON CONFLICT (workspace_id, event_id) DO NOTHING
    RETURNING id),
  bounds AS (
    INSERT INTO member_bounds AS b (member_id, workspace_id, first_contribution, last_contribution, last_activity)
    SELECT $4::bigint, $1::bigint, $11::text, $11::text, $7::text FROM ins
    ON CONFLICT (member_id) DO UPDATE SET
      first_contribution = LEAST(b.first_contribution, excluded.first_contribution),
      last_contribution = GREATEST(b.last_contribution, excluded.last_contribution),
      last_activity = GREATEST(b.last_activity, excluded.last_activity)
    RETURNING first_contribution),
  day AS (
    INSERT INTO daily_rollups AS r (workspace_id, member_id, day, points, contributions, activities, posts, interactions,
      crossing, first_post)
    SELECT $1::bigint, $4::bigint, $8::text, $14::integer, $15::integer, 1, $16::integer, fig.i, fig.x, $17::text
    FROM bounds CROSS JOIN fig
    ON CONFLICT (workspace_id, member_id, day) DO UPDATE SET
      points = r.points + excluded.points, contributions = r.contributions + excluded.contributions,
      activities = r.activities + 1, posts = r.posts + excluded.posts,
      interactions = r.interactions + excluded.interactions, crossing = r.crossing + excluded.crossing,
      first_post = LEAST(r.first_post, excluded.first_post)
    RETURNING workspace_id),
  week AS (
    INSERT INTO member_weeks AS w (workspace_id, week, member_id, contributions, activities, posts, interactions, crossing,
      first_post)
    SELECT $1::bigint, $18::text, $4::bigint, $15::integer, 1, $16::integer, fig.i, fig.x, $17::text
    FROM day CROSS JOIN fig
    ON CONFLICT (workspace_id, week, member_id) DO UPDATE SET
      contributions = w.contributions + excluded.contributions, activities = w.activities + 1,
      posts = w.posts + excluded.posts, interactions = w.interactions + excluded.interactions,
      crossing = w.crossing + excluded.crossing, first_post = LEAST(w.first_post, excluded.first_post)
    RETURNING workspace_id)
  SELECT ins.id, bounds.first_contribution AS first FROM week CROSS JOIN ins CROSS JOIN bounds`;
}

const INSERT_SHARING = insertSql('FOR SHARE');
const INSERT_KEY_SHARING = insertSql('FOR KEY SHARE');

/** The event lock of `lockEvent` as a script statement. */
const LOCK_EVENT = 'SELECT pg_advisory_xact_lock($1::integer, hashtext($2::text))';

/** The key an event's lock is taken on, by an insert and a retraction alike. */
function eventKey(workspaceId: number, eventId: string): string {
  return `${workspaceId}:${eventId}`;
}

/** A retraction: the tombstone (even when the add was never seen) and the row, if any, deleted. */
const RETRACT = `WITH tomb AS (
    INSERT INTO activity_tombstones (workspace_id, event_id, removed_at) VALUES ($1::bigint, $2::text, $3::text)
    ON CONFLICT (workspace_id, event_id) DO NOTHING)
  DELETE FROM activities WHERE workspace_id = $1::bigint AND event_id = $2::text RETURNING *`;

const BOUNDS_COLUMNS = 'member_id, workspace_id, first_contribution, last_contribution, last_activity';

/** The reads of `ACTIVITY_READS` (activity-repo.ts) in PostgreSQL's terms. */
const READS = {
  byEvent: 'SELECT * FROM activities WHERE workspace_id = $1 AND event_id = $2',
  between:
    'SELECT * FROM activities WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY occurred_at, id',
  dailyPoints: `SELECT member_id, day, points, contributions, activities FROM daily_rollups
    WHERE workspace_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, member_id`,
  contributionBounds: `SELECT member_id, first_contribution AS first, last_contribution AS last FROM member_bounds
    WHERE workspace_id = $1 AND first_contribution IS NOT NULL ORDER BY member_id`,
  lastActivity: 'SELECT member_id, last_activity AS last FROM member_bounds WHERE workspace_id = $1 ORDER BY member_id',
  memberBetween:
    'SELECT * FROM activities WHERE member_id = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY occurred_at, id',
  countsByKind: `SELECT kind, COUNT(*) AS n FROM activities WHERE member_id = $1 AND occurred_at >= $2 AND occurred_at < $3
    GROUP BY kind ORDER BY kind`,
  firstContribution: 'SELECT first_contribution AS first FROM member_bounds WHERE member_id = $1',
  memberDailyPoints: `SELECT member_id, day, points, contributions, activities FROM daily_rollups
    WHERE workspace_id = $1 AND member_id = $2 AND day >= $3 AND day <= $4 ORDER BY day`,
  // Days are YYYY-MM-DD text: as dates their difference is whole days, as julianday()'s is in SQLite.
  scoreEstimates: `SELECT member_id AS m,
      SUM(LEAST($4::float8, GREATEST(0, points)) * power(0.5::float8, (($3::text)::date - day::date)::float8 / $5::float8)) AS raw
    FROM daily_rollups WHERE workspace_id = $1 AND day >= $2 AND day <= $3 GROUP BY member_id ORDER BY member_id`,
  scoreScale:
    'SELECT workspace_id, day, p90, scored, computed_at FROM score_scales WHERE workspace_id = $1 AND day = $2',
  // MOST_REPLIED_ACROSS (activity-repo.ts): one-argument trim() removes spaces only, in both stores.
  mostRepliedAcross: `SELECT p.*, COUNT(*) AS replies, COUNT(DISTINCT trim(rm.department)) AS departments
    FROM activities p
    JOIN members pm ON pm.id = p.member_id
    JOIN activities r ON r.workspace_id = p.workspace_id AND r.parent_event_id = p.event_id
      AND r.kind = 'reply' AND r.occurred_at >= $1 AND r.occurred_at < $2
    JOIN members rm ON rm.id = r.member_id
    WHERE p.workspace_id = $3 AND p.kind = 'post' AND p.occurred_at >= $1 AND p.occurred_at < $2
      AND trim(coalesce(pm.department, '')) <> '' AND trim(coalesce(rm.department, '')) <> ''
      AND trim(rm.department) <> trim(pm.department)
    GROUP BY p.id
    ORDER BY replies DESC, departments DESC, p.occurred_at, p.id
    LIMIT $4`,
} as const;

/** The range of a row among `ranges` consecutive ones, the bounds being `$2` … `$(ranges + 2)`. */
function rangeOf(column: string, ranges: number): string {
  const cases = Array.from({ length: ranges - 1 }, (_, i) => `WHEN ${column} < $${i + 3} THEN ${i}`).join(' ');
  return ranges > 1 ? `CASE ${cases} ELSE ${ranges - 1} END` : '0';
}

/** `memberFiguresSql` (activity-repo.ts) for PostgreSQL: `$1` the workspace, `$2` … the bounds. */
export function pgMemberFiguresSql(ranges: number): string {
  return `SELECT a.member_id AS m, ${rangeOf('a.occurred_at', ranges)} AS r,
      SUM(${pgBit(`a.kind IN (${CONTRIBUTION_SQL})`)}) AS c, COUNT(*) AS n, SUM(${pgBit(`a.kind IN (${POST_SQL})`)}) AS p,
      ${PG_INTERACTION_SUMS},
      MIN(CASE WHEN a.kind IN (${POST_SQL}) THEN a.occurred_at END) AS fp
    FROM (SELECT a.member_id, a.kind, a.occurred_at, ${PG_INTERACTION_DEPARTMENTS}
          FROM activities a
          ${INTERACTION_JOINS}
          WHERE a.workspace_id = $1 AND a.occurred_at >= $2 AND a.occurred_at < $${ranges + 2}) AS a
    GROUP BY a.member_id, r ORDER BY m, r`;
}

/** `contributionsSql` (activity-repo.ts) for PostgreSQL. */
export function pgContributionsSql(ranges: number): string {
  return `SELECT member_id AS m, ${rangeOf('occurred_at', ranges)} AS r, SUM(${pgBit(`kind IN (${CONTRIBUTION_SQL})`)}) AS c,
      COUNT(*) AS n
    FROM activities
    WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $${ranges + 2}
    GROUP BY member_id, r ORDER BY m, r`;
}

/**
 * `SqliteActivityRepo` (activity-repo.ts) on PostgreSQL, for several instances writing one database.
 * Every write is idempotent where several instances may repeat it (an event delivered to two of them
 * is stored once: `ON CONFLICT DO NOTHING`) and adds to the kept figures instead of reading and writing
 * them back (`ON CONFLICT DO UPDATE SET x = x + excluded.x`), so concurrent events add up exactly.
 */
export class PgActivityRepo implements ActivityRepo {
  private readonly kept: PgKeptFigures;
  private readonly prune: PgActivityPrune;
  private readonly connections: PgConnectionReads;

  constructor(private readonly db: PgDb) {
    this.kept = new PgKeptFigures(db);
    this.prune = new PgActivityPrune(db);
    this.connections = new PgConnectionReads(db);
  }

  /**
   * One round trip: the event lock, then the insert statement (`insertSql`) in a snapshot taken after
   * the lock, so a retraction committed while this waited is seen (its tombstone). Outside a
   * transaction the two run as one implicit transaction (the lock held to its end), which is all a
   * single statement needs.
   */
  async insert(
    activity: NewActivity,
  ): Promise<{ inserted: true; activity: Activity; firstContributionAt: string | null } | { inserted: false }> {
    const row = toActivityParams(activity);
    const interacts = mayInteract(activity.kind, row.member_id, row.target_member_id);
    const ids =
      row.target_member_id === null || row.target_member_id === row.member_id
        ? [row.member_id]
        : [row.member_id, row.target_member_id];
    const delta = figureDelta(row, activity.kind, NO_INTERACTION);
    const rows = await this.db.script<{ id: number; first: string | null }>([
      { sql: LOCK_EVENT, params: [EVENT_LOCK, eventKey(row.workspace_id, row.event_id)] },
      {
        // Interactions count departments: a move waits for this (FOR SHARE) or goes first; else the
        // lock the foreign key checks would take anyway, taken first (see `PgKeptFigures.crossingOf`).
        sql: interacts ? INSERT_SHARING : INSERT_KEY_SHARING,
        params: [
          row.workspace_id,
          row.event_id,
          row.kind,
          row.member_id,
          row.channel_id,
          row.target_member_id,
          row.occurred_at,
          row.day,
          row.points,
          row.parent_event_id,
          contributionAt(row, activity.kind),
          ids,
          interacts,
          delta.points,
          delta.contributions,
          delta.posts,
          delta.first_post,
          weekOfDay(row.day),
        ],
      },
    ]);
    const inserted = rows[0];
    // Removed before (a late redelivery of the add, or the add arriving after its removal): not counted.
    if (inserted === undefined) return { inserted: false };
    return {
      inserted: true,
      activity: toActivity({ ...row, id: inserted.id }),
      firstContributionAt: inserted.first,
    };
  }

  /**
   * Takes an activity back out of the counts and leaves a tombstone for its event key (even when the
   * add was never seen: removals can overtake adds), so the add delivered later is not counted.
   */
  retract(workspaceId: number, eventId: string, at: string = new Date().toISOString()): Promise<Activity | null> {
    const removedAt = toInstant(at, 'activity_tombstones', 'removed_at');
    return this.db.transaction(async () => {
      // The lock and the retraction in one round trip, the retraction's snapshot taken after the lock.
      const [row] = await this.db.script<ActivityRow>([
        { sql: LOCK_EVENT, params: [EVENT_LOCK, eventKey(workspaceId, eventId)] },
        { sql: RETRACT, params: [workspaceId, eventId, removedAt] },
      ]);
      if (row === undefined) return null;
      const activity = toActivity(row);
      const delta = await this.deltaOf(row, activity.kind);
      // Locked in the order an insert locks them (bounds, day, week): the other order deadlocks with
      // an insert of the same member's on another instance.
      const bounds = await this.db.one<BoundsRow>(
        `SELECT ${BOUNDS_COLUMNS} FROM member_bounds WHERE member_id = $1 FOR UPDATE`,
        [row.member_id],
      );
      await this.kept.take(delta, row.occurred_at);
      await this.retractBounds(row, bounds);
      return activity;
    });
  }

  /**
   * Keeps the member's bounds right after a retraction (`retractedBounds`), `kept` read with the row
   * locked: an insert's bounds upsert for the same member waits, then applies LEAST/GREATEST to what
   * this writes.
   */
  private async retractBounds(row: ActivityRow, kept: BoundsRow | null): Promise<void> {
    if (kept === null || !touchesBounds(kept, row.occurred_at)) return;
    const raw = await this.db.one<RawBounds>(
      `SELECT MIN(CASE WHEN kind IN (${CONTRIBUTION_SQL}) THEN occurred_at END) AS first,
              MAX(CASE WHEN kind IN (${CONTRIBUTION_SQL}) THEN occurred_at END) AS last,
              MAX(occurred_at) AS latest
       FROM activities WHERE member_id = $1`,
      [row.member_id],
    );
    const bounds = retractedBounds(kept, row.occurred_at, raw);
    if (bounds === 'drop') {
      await this.db.run('DELETE FROM member_bounds WHERE member_id = $1', [row.member_id]);
      return;
    }
    await this.db.run(
      'UPDATE member_bounds SET first_contribution = $2, last_contribution = $3, last_activity = $4 WHERE member_id = $1',
      [row.member_id, bounds.first_contribution, bounds.last_contribution, bounds.last_activity],
    );
  }

  /** What an activity adds to its member's kept day and week (departments as the directory has them now). */
  private async deltaOf(row: Omit<ActivityRow, 'id'>, kind: ActivityKind) {
    return figureDelta(row, kind, await this.kept.crossingOf(kind, row.member_id, row.target_member_id));
  }

  keptFigures(workspaceId: number, days: readonly string[]): Promise<MemberRangeFigures[]> {
    return this.kept.figures(workspaceId, days);
  }

  keptParticipants(
    workspaceId: number,
    days: readonly string[],
  ): Promise<Array<{ active: number[]; contributors: number[] }>> {
    return this.kept.participants(workspaceId, days);
  }

  /** Retention: tombstones older than any redelivery could be; returns how many were deleted. */
  async deleteTombstonesBefore(workspaceId: number, before: string): Promise<number> {
    return this.db.run('DELETE FROM activity_tombstones WHERE workspace_id = $1 AND removed_at < $2', [
      workspaceId,
      toInstant(before, 'activity_tombstones', 'before'),
    ]);
  }

  countBefore(workspaceId: number, before: string): Promise<number> {
    return this.prune.count(workspaceId, before);
  }

  deleteBefore(workspaceId: number, before: string): Promise<number> {
    return this.prune.delete(workspaceId, before);
  }

  async byEventId(workspaceId: number, eventId: string): Promise<Activity | null> {
    const row = await this.db.one<ActivityRow>(READS.byEvent, [workspaceId, eventId]);
    return row ? toActivity(row) : null;
  }

  async between(workspaceId: number, from: string, to: string): Promise<Activity[]> {
    const rows = await this.db.rows<ActivityRow>(READS.between, [workspaceId, ...rangeInstants(from, to)]);
    return rows.map(toActivity);
  }

  async dailyPoints(workspaceId: number, fromDay: string, toDayInclusive: string): Promise<DailyPoints[]> {
    const rows = await this.db.rows<RollupRow>(READS.dailyPoints, [
      workspaceId,
      ...rollupDays(fromDay, toDayInclusive),
    ]);
    return rows.map(toDailyPoints);
  }

  async contributionBounds(workspaceId: number): Promise<Map<number, { first: string; last: string }>> {
    const rows = await this.db.rows<{ member_id: number; first: string; last: string }>(READS.contributionBounds, [
      workspaceId,
    ]);
    return toContributionBounds(rows);
  }

  async memberBetween(memberId: number, from: string, to: string): Promise<Activity[]> {
    const rows = await this.db.rows<ActivityRow>(READS.memberBetween, [
      memberId,
      ...rangeInstants(from, to, 'occurred_at'),
    ]);
    return rows.map(toActivity);
  }

  async countsByKind(memberId: number, from: string, to: string): Promise<Partial<Record<ActivityKind, number>>> {
    const rows = await this.db.rows<{ kind: string; n: number }>(READS.countsByKind, [
      memberId,
      ...rangeInstants(from, to, 'occurred_at'),
    ]);
    return toCountsByKind(rows);
  }

  async firstContributionAt(memberId: number): Promise<string | null> {
    const row = await this.db.one<{ first: string | null }>(READS.firstContribution, [memberId]);
    return row?.first ?? null;
  }

  async mostRepliedAcross(workspaceId: number, from: string, to: string, limit: number): Promise<RepliedPost[]> {
    const rows = await this.db.rows<ActivityRow & { replies: number; departments: number }>(READS.mostRepliedAcross, [
      ...rangeInstants(from, to),
      workspaceId,
      // SQLite reads a negative limit as none; PostgreSQL refuses one, and reads null as none.
      limit < 0 ? null : limit,
    ]);
    return rows.map(toRepliedPost);
  }

  /** The dashboard's department × department counts, read in `pg-connection-reads.ts`. */
  departmentConnections(...args: Parameters<ActivityRepo['departmentConnections']>): Promise<DepartmentConnection[]> {
    return this.connections.departmentConnections(...args);
  }

  async lastActivity(workspaceId: number): Promise<Map<number, string>> {
    const rows = await this.db.rows<{ member_id: number; last: string }>(READS.lastActivity, [workspaceId]);
    return toLastActivity(rows);
  }

  async memberFigures(workspaceId: number, bounds: readonly string[]): Promise<MemberRangeFigures[]> {
    const at = checkedBounds(bounds);
    const ranges = bounds.length - 1;
    if (ranges < 1) return [];
    const rows = await this.db.rows<FigureRow>(pgMemberFiguresSql(ranges), [workspaceId, ...at]);
    return rows.map(toMemberFigures);
  }

  async contributionsIn(workspaceId: number, bounds: readonly string[]): Promise<MemberRangeActivity[]> {
    const at = checkedBounds(bounds);
    const ranges = bounds.length - 1;
    if (ranges < 1) return [];
    const rows = await this.db.rows<ContributionRow>(pgContributionsSql(ranges), [workspaceId, ...at]);
    return rows.map(toRangeActivity);
  }

  async boundsOf(memberId: number): Promise<MemberBounds | null> {
    const row = await this.storedBounds(memberId);
    return row ? toMemberBounds(row) : null;
  }

  async memberDailyPoints(memberId: number, fromDay: string, toDayInclusive: string): Promise<DailyPoints[]> {
    const member = await this.storedBounds(memberId);
    if (!member) return [];
    const rows = await this.db.rows<RollupRow>(READS.memberDailyPoints, [
      member.workspace_id,
      memberId,
      ...rollupDays(fromDay, toDayInclusive),
    ]);
    return rows.map(toDailyPoints);
  }

  private storedBounds(memberId: number): Promise<BoundsRow | null> {
    return this.db.one<BoundsRow>(`SELECT ${BOUNDS_COLUMNS} FROM member_bounds WHERE member_id = $1`, [memberId]);
  }

  async scoreEstimates(
    workspaceId: number,
    fromDay: string,
    today: string,
    rule: { cap: number; halfLifeDays: number },
  ): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    const rows = await this.db.rows<{ m: number; raw: number }>(READS.scoreEstimates, [
      workspaceId,
      toDay(fromDay, 'daily_rollups', 'fromDay'),
      toDay(today, 'daily_rollups', 'today'),
      rule.cap,
      rule.halfLifeDays,
    ]);
    for (const row of rows) out.set(row.m, row.raw);
    return out;
  }

  async scoreScale(workspaceId: number, day: string): Promise<ScoreScale | null> {
    const row = await this.db.one<{ day: string; p90: number; scored: number; computed_at: string }>(READS.scoreScale, [
      workspaceId,
      toDay(day, 'score_scales', 'day'),
    ]);
    return row ? toScoreScale(row) : null;
  }

  async saveScoreScale(workspaceId: number, scale: ScoreScale): Promise<void> {
    const row = toScaleParams(workspaceId, scale);
    await this.db.run(
      `INSERT INTO score_scales (workspace_id, day, p90, scored, computed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workspace_id, day) DO NOTHING`,
      [row.workspace_id, row.day, row.p90, row.scored, row.computed_at],
    );
  }
}
