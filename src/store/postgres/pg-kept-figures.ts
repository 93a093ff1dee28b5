import type { MemberRangeFigures } from '../../core/ports.js';
import { INTERACTION_JOINS, PG_INTERACTION_DEPARTMENTS, PG_INTERACTION_SUMS, POST_SQL } from '../activity-sql.js';
import {
  addDaysTo,
  crossingOfDepartments,
  type FigureDelta,
  keptRanges,
  mayInteract,
  NO_INTERACTION,
  touchedWeeks,
  weekOfDay,
} from '../rows/kept-figures-row.js';
import type { PgDb } from './pg-db.js';

/**
 * The advisory lock class of a workspace's department recounts (`pg_advisory_xact_lock(class, key)`;
 * the two-key space is apart from the migration runner's one-key lock).
 */
const RECOUNT_LOCK = 0x48697262;

interface FigureRow {
  member_id: number;
  contributions: number;
  activities: number;
  posts: number;
  interactions: number;
  crossing: number;
  first_post: string | null;
}

/**
 * Adds one activity to its member's day, then to its week, in one statement. The week reads the
 * day's RETURNING so that the day row is locked first, as retractions and recounts lock them: an
 * unreferenced data-modifying WITH would run after the main statement, and the opposite order
 * deadlocks with them.
 */
const ADD = `WITH day AS (
    INSERT INTO daily_rollups AS r (workspace_id, member_id, day, points, contributions, activities, posts, interactions, crossing, first_post)
    VALUES ($1, $2, $3, $5, $6, 1, $7, $8, $9, $10)
    ON CONFLICT (workspace_id, member_id, day) DO UPDATE SET
      points = r.points + excluded.points, contributions = r.contributions + excluded.contributions,
      activities = r.activities + 1, posts = r.posts + excluded.posts,
      interactions = r.interactions + excluded.interactions, crossing = r.crossing + excluded.crossing,
      first_post = LEAST(r.first_post, excluded.first_post)
    RETURNING workspace_id, member_id)
  INSERT INTO member_weeks AS w (workspace_id, week, member_id, contributions, activities, posts, interactions, crossing, first_post)
  SELECT workspace_id, $4, member_id, $6, 1, $7, $8, $9, $10 FROM day
  ON CONFLICT (workspace_id, week, member_id) DO UPDATE SET
    contributions = w.contributions + excluded.contributions, activities = w.activities + 1,
    posts = w.posts + excluded.posts, interactions = w.interactions + excluded.interactions,
    crossing = w.crossing + excluded.crossing, first_post = LEAST(w.first_post, excluded.first_post)`;

/**
 * Takes one activity (already deleted) out of its member's day; a first post equal to the removed
 * one ($10) is found again among the member's posts left that day. Returns what is left.
 */
const TAKE_DAY = `UPDATE daily_rollups SET points = points - $4, contributions = contributions - $5,
    activities = activities - 1, posts = posts - $6, interactions = interactions - $7, crossing = crossing - $8,
    first_post = CASE WHEN $6 = 1 AND first_post = $9 THEN (
      SELECT MIN(occurred_at) FROM activities
      WHERE member_id = $2 AND workspace_id = $1 AND kind IN (${POST_SQL}) AND day = $3) ELSE first_post END
  WHERE workspace_id = $1 AND member_id = $2 AND day = $3
  RETURNING activities`;

/** The same for the week (`$3` … `$4` its days), its first post found again among its days'. */
const TAKE_WEEK = `UPDATE member_weeks SET contributions = contributions - $5, activities = activities - 1,
    posts = posts - $6, interactions = interactions - $7, crossing = crossing - $8,
    first_post = CASE WHEN $6 = 1 AND first_post = $9 THEN (
      SELECT MIN(first_post) FROM daily_rollups
      WHERE workspace_id = $1 AND member_id = $2 AND day >= $3 AND day <= $4) ELSE first_post END
  WHERE workspace_id = $1 AND week = $3 AND member_id = $2
  RETURNING activities`;

/** Every (member, day) whose interactions the member's department takes part in. */
const TOUCHED_DAYS = `SELECT member_id, day FROM activities
    WHERE member_id = $2 AND workspace_id = $1 AND kind IN ('reply', 'reaction')
      AND target_member_id IS NOT NULL AND target_member_id <> member_id
  UNION
  SELECT member_id, day FROM activities
    WHERE target_member_id = $2 AND workspace_id = $1 AND kind IN ('reply', 'reaction') AND member_id <> $2`;

/** Recounts the interactions of the given (member, day) pairs from their raw replies and reactions. */
const RECOUNT_DAYS = `UPDATE daily_rollups r SET interactions = coalesce(c.i, 0), crossing = coalesce(c.x, 0)
  FROM (SELECT k.m, k.d, s.i, s.x
        FROM unnest($2::bigint[], $3::text[]) AS k(m, d)
        CROSS JOIN LATERAL (
          SELECT ${PG_INTERACTION_SUMS}
          FROM (SELECT ${PG_INTERACTION_DEPARTMENTS}
                FROM activities a
                ${INTERACTION_JOINS}
                WHERE a.workspace_id = $1 AND a.member_id = k.m AND a.kind IN ('reply', 'reaction') AND a.day = k.d) AS a
        ) AS s) AS c
  WHERE r.workspace_id = $1 AND r.member_id = c.m AND r.day = c.d`;

/** Sums the given (member, week) rows again from their days ($4: each week's last day). */
const RESUM_WEEKS = `UPDATE member_weeks w SET
    interactions = (SELECT coalesce(SUM(interactions), 0) FROM daily_rollups
      WHERE workspace_id = $1 AND member_id = k.m AND day >= k.w AND day <= k.l),
    crossing = (SELECT coalesce(SUM(crossing), 0) FROM daily_rollups
      WHERE workspace_id = $1 AND member_id = k.m AND day >= k.w AND day <= k.l)
  FROM unnest($2::bigint[], $3::text[], $4::text[]) AS k(m, w, l)
  WHERE w.workspace_id = $1 AND w.week = k.w AND w.member_id = k.m`;

const WEEK_FIGURES = `SELECT member_id, contributions, activities, posts, interactions, crossing, first_post
  FROM member_weeks WHERE workspace_id = $1 AND week = $2 ORDER BY member_id`;
const DAYS_FIGURES = `SELECT member_id, SUM(contributions) AS contributions, SUM(activities) AS activities,
    SUM(posts) AS posts, SUM(interactions) AS interactions, SUM(crossing) AS crossing, MIN(first_post) AS first_post
  FROM daily_rollups WHERE workspace_id = $1 AND day >= $2 AND day <= $3 GROUP BY member_id ORDER BY member_id`;
const WEEK_PARTICIPANTS = `SELECT member_id AS m, contributions > 0 AS c FROM member_weeks
  WHERE workspace_id = $1 AND week = $2 AND activities > 0 ORDER BY member_id`;
const DAYS_PARTICIPANTS = `SELECT member_id AS m, SUM(contributions) > 0 AS c FROM daily_rollups
  WHERE workspace_id = $1 AND day >= $2 AND day <= $3 AND activities > 0 GROUP BY member_id ORDER BY member_id`;

/**
 * `KeptFigures` (kept-figures.ts) on PostgreSQL: the per-member figures kept per local day and ISO
 * week, in step with `activities` (insert, retraction) and the directory (department moves). Every
 * change is an increment or a recount in SQL, never a value read and written back, so several
 * instances writing at once add up. Reading departments locks both members' rows (FOR SHARE) until
 * the caller's transaction ends: a department move (an UPDATE of that row) then either waits for the
 * activity, and recounts it, or goes first and the activity is counted with the new department.
 */
export class PgKeptFigures {
  constructor(private readonly db: PgDb) {}

  /**
   * Whether a reply or reaction of `memberId` to `targetId` is an interaction, and one across
   * departments. Locks the members' rows to the end of the transaction: FOR SHARE when their
   * departments count (a move waits, or goes first), else FOR KEY SHARE, which the insert's foreign
   * key checks would take anyway but only at the end of its statement, after the member's bounds
   * row: that order deadlocks with a move queued on the member and another insert of theirs.
   */
  async crossingOf(
    kind: string,
    memberId: number,
    targetId: number | null,
  ): Promise<{ interactions: 0 | 1; crossing: 0 | 1 }> {
    const interacts = mayInteract(kind, memberId, targetId);
    const ids = targetId === null || targetId === memberId ? [memberId] : [memberId, targetId];
    const rows = await this.db.rows<{ id: number; department: string | null }>(
      `SELECT id, department FROM members WHERE id = ANY($1::bigint[]) ORDER BY id ${interacts ? 'FOR SHARE' : 'FOR KEY SHARE'}`,
      [ids],
    );
    if (!interacts) return NO_INTERACTION;
    const own = rows.find((row) => row.id === memberId);
    const theirs = rows.find((row) => row.id === targetId);
    return crossingOfDepartments({
      own: own?.department ?? null,
      theirs: theirs?.department ?? null,
      target_exists: theirs !== undefined,
    });
  }

  /** Adds one activity to its member's day and week. */
  async add(delta: FigureDelta): Promise<void> {
    await this.db.run(ADD, [
      delta.workspace_id,
      delta.member_id,
      delta.day,
      weekOfDay(delta.day),
      delta.points,
      delta.contributions,
      delta.posts,
      delta.interactions,
      delta.crossing,
      delta.first_post,
    ]);
  }

  /**
   * Takes one activity (already deleted from `activities`) out of its member's day and week; an
   * emptied row goes, and a first post equal to the removed one is found again among what is left.
   */
  async take(delta: FigureDelta, occurredAt: string): Promise<void> {
    const { workspace_id: w, member_id: m, day } = delta;
    const counts = [delta.contributions, delta.posts, delta.interactions, delta.crossing];
    const left = await this.db.one<{ activities: number }>(TAKE_DAY, [w, m, day, delta.points, ...counts, occurredAt]);
    if (left !== null && left.activities <= 0)
      await this.db.run(
        'DELETE FROM daily_rollups WHERE workspace_id = $1 AND member_id = $2 AND day = $3 AND activities <= 0',
        [w, m, day],
      );
    const week = weekOfDay(day);
    const last = addDaysTo(week, 6);
    const weekLeft = await this.db.one<{ activities: number }>(TAKE_WEEK, [w, m, week, last, ...counts, occurredAt]);
    if (weekLeft !== null && weekLeft.activities <= 0)
      await this.db.run(
        'DELETE FROM member_weeks WHERE workspace_id = $1 AND week = $2 AND member_id = $3 AND activities <= 0',
        [w, week, m],
      );
  }

  /**
   * Recounts interactions and crossings wherever a member's department takes part: their own replies
   * and reactions, and everyone's replies and reactions to them. Called after the department changed,
   * in the same transaction. Moves in one workspace recount one after the other (an advisory lock
   * held to the end of the transaction): two moves counted side by side would each read the other
   * member's old department, and the days they share would keep one move only. Days whose raw rows
   * retention pruned keep their counts.
   */
  async refreshMember(workspaceId: number, memberId: number): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run('SELECT pg_advisory_xact_lock($1, hashtext($2::text))', [RECOUNT_LOCK, workspaceId]);
      const days = await this.db.rows<{ member_id: number; day: string }>(TOUCHED_DAYS, [workspaceId, memberId]);
      if (days.length === 0) return;
      await this.db.run(RECOUNT_DAYS, [workspaceId, days.map((d) => d.member_id), days.map((d) => d.day)]);
      const weeks = touchedWeeks(days);
      await this.db.run(RESUM_WEEKS, [
        workspaceId,
        weeks.map((w) => w.member_id),
        weeks.map((w) => w.week),
        weeks.map((w) => w.last),
      ]);
    });
  }

  /**
   * Per-member figures over consecutive ranges of local days `[days[i], days[i + 1])`: a range that is
   * one whole ISO week (Monday to Monday) reads that week's rows, any other the days' rows.
   */
  async figures(workspaceId: number, days: readonly string[]): Promise<MemberRangeFigures[]> {
    const out: MemberRangeFigures[] = [];
    for (const { range, from, to, week, last } of keptRanges(days)) {
      if (from === to) continue;
      const rows = week
        ? await this.db.rows<FigureRow>(WEEK_FIGURES, [workspaceId, from])
        : await this.db.rows<FigureRow>(DAYS_FIGURES, [workspaceId, from, last]);
      for (const row of rows) out.push(figureOf(row, range));
    }
    return out;
  }

  /** Who took part in each range of local days: ids with any activity, and with a contribution. */
  async participants(
    workspaceId: number,
    days: readonly string[],
  ): Promise<Array<{ active: number[]; contributors: number[] }>> {
    const out: Array<{ active: number[]; contributors: number[] }> = [];
    for (const { from, week, last } of keptRanges(days)) {
      const rows = week
        ? await this.db.rows<{ m: number; c: boolean }>(WEEK_PARTICIPANTS, [workspaceId, from])
        : await this.db.rows<{ m: number; c: boolean }>(DAYS_PARTICIPANTS, [workspaceId, from, last]);
      out.push({ active: rows.map((row) => row.m), contributors: rows.filter((row) => row.c).map((row) => row.m) });
    }
    return out;
  }
}

function figureOf(row: FigureRow, range: number): MemberRangeFigures {
  return {
    memberId: row.member_id,
    range,
    contributions: row.contributions,
    activities: row.activities,
    posts: row.posts,
    interactions: row.interactions,
    crossing: row.crossing,
    firstPost: row.first_post,
  };
}
