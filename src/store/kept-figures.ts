import type { Database, Statement } from 'better-sqlite3';
import type { MemberRangeFigures } from '../core/ports.js';
import { INTERACTION_DEPARTMENTS, INTERACTION_JOINS, INTERACTION_SUMS, POST_SQL } from './activity-sql.js';
import {
  addDaysTo,
  crossingOfDepartments,
  type FigureDelta,
  keptRanges,
  mayInteract,
  NO_INTERACTION,
  touchedWeeks,
  weekOfDay,
} from './rows/kept-figures-row.js';

/**
 * The per-member figures kept per local day (`daily_rollups`) and per ISO week (`member_weeks`,
 * migration 0014): what reports sum instead of grouping raw activities. Kept in step with
 * `activities` by the activity repository (insert, retraction) and with the directory by the member
 * repository (a department move recounts the interactions it changes), always inside their
 * transactions, so a read equals the raw rows counted with today's departments.
 *
 * Statements are prepared on first use: a file still at an older schema (an upgrade in progress, the
 * benchmark's generator) opens without these tables.
 */
export class KeptFigures {
  private readonly db: Database;
  private statements: ReturnType<typeof prepare> | null = null;

  constructor(db: Database) {
    this.db = db;
  }

  private get s(): ReturnType<typeof prepare> {
    this.statements ??= prepare(this.db);
    return this.statements;
  }

  /** Whether a reply or reaction of `memberId` to `targetId` is an interaction, and one across departments. */
  crossingOf(kind: string, memberId: number, targetId: number | null): { interactions: 0 | 1; crossing: 0 | 1 } {
    if (!mayInteract(kind, memberId, targetId)) return NO_INTERACTION;
    return crossingOfDepartments(this.s.departments.get({ own: memberId, target: targetId as number }));
  }

  /** Adds one activity to its member's day and week. */
  add(delta: FigureDelta): void {
    const params = { ...delta, week: weekOfDay(delta.day) };
    this.s.addDay.run(params);
    this.s.addWeek.run(params);
  }

  /**
   * Takes one activity (already deleted from `activities`) out of its member's day and week; an
   * emptied row goes, and a first post equal to the removed one is found again among what is left.
   */
  take(delta: FigureDelta, occurredAt: string): void {
    const week = weekOfDay(delta.day);
    const params = { ...delta, week };
    this.s.takeDay.run(params);
    this.s.takeWeek.run(params);
    this.s.dropDay.run(params);
    this.s.dropWeek.run(params);
    if (delta.posts === 0) return;
    const key = { workspace_id: delta.workspace_id, member_id: delta.member_id, day: delta.day, week };
    const day = this.s.firstPostOfDay.get(key);
    if (day?.first_post === occurredAt) this.s.refirstDay.run(key);
    const kept = this.s.firstPostOfWeek.get(key);
    if (kept?.first_post === occurredAt) this.s.refirstWeek.run({ ...key, last: addDaysTo(week, 6) });
  }

  /**
   * Recounts interactions and crossings wherever a member's department takes part: their own replies
   * and reactions, and everyone's replies and reactions to them. Called after the department changed,
   * in the same transaction. Days whose raw rows retention pruned keep their counts.
   */
  refreshMember(workspaceId: number, memberId: number): void {
    const days = this.s.touchedDays.all({ w: workspaceId, m: memberId });
    for (const d of days) {
      const counts = this.s.recountDay.get({ w: workspaceId, m: d.member_id, d: d.day });
      this.s.setDay.run({
        workspace_id: workspaceId,
        member_id: d.member_id,
        day: d.day,
        interactions: counts?.i ?? 0,
        crossing: counts?.x ?? 0,
      });
    }
    for (const w of touchedWeeks(days))
      this.s.resumWeek.run({ workspace_id: workspaceId, member_id: w.member_id, week: w.week, last: w.last });
  }

  /**
   * Per-member figures over consecutive ranges of local days `[days[i], days[i + 1])`: a range that is
   * one whole ISO week (Monday to Monday) reads that week's rows, any other the days' rows.
   */
  figures(workspaceId: number, days: readonly string[]): MemberRangeFigures[] {
    const out: MemberRangeFigures[] = [];
    for (const { range, from, to, week, last } of keptRanges(days)) {
      if (from === to) continue;
      if (week) {
        for (const row of this.s.week.all({ w: workspaceId, week: from })) out.push(figureOf(row, range));
        continue;
      }
      // Any other range is summed per member by SQLite: one row per member instead of one per day.
      for (const row of this.s.days.all({ w: workspaceId, from, last })) out.push(figureOf(row, range));
    }
    return out;
  }

  /** Who took part in each range of local days: ids with any activity, and with a contribution. */
  participants(workspaceId: number, days: readonly string[]): Array<{ active: number[]; contributors: number[] }> {
    return keptRanges(days).map(({ from, week, last }) => {
      const encoded = week
        ? this.s.weekParticipants.all({ w: workspaceId, week: from })
        : this.s.daysParticipants.all({ w: workspaceId, from, last });
      const active: number[] = [];
      const contributors: number[] = [];
      for (const code of encoded) {
        const id = Math.floor(code / 2);
        active.push(id);
        if (code % 2 === 1) contributors.push(id);
      }
      return { active, contributors };
    });
  }
}

/** member_id, contributions, activities, posts, interactions, crossing, first_post. */
type FigureRow = [number, number, number, number, number, number, string | null];

type Key = { workspace_id: number; member_id: number; day: string; week: string };

function prepare(db: Database) {
  const dayFigures = 'member_id, contributions, activities, posts, interactions, crossing, first_post';
  return {
    departments: db.prepare(
      `SELECT (SELECT department FROM members WHERE id = @own) AS own,
              (SELECT department FROM members WHERE id = @target) AS theirs,
              EXISTS (SELECT 1 FROM members WHERE id = @target) AS target_exists`,
    ) as Statement<
      [{ own: number; target: number }],
      { own: string | null; theirs: string | null; target_exists: number }
    >,
    addDay: db.prepare(
      `INSERT INTO daily_rollups (workspace_id, member_id, day, points, contributions, activities, posts, interactions, crossing, first_post)
       VALUES (@workspace_id, @member_id, @day, @points, @contributions, 1, @posts, @interactions, @crossing, @first_post)
       ON CONFLICT (workspace_id, member_id, day) DO UPDATE SET
         points = points + excluded.points, contributions = contributions + excluded.contributions,
         activities = activities + 1, posts = posts + excluded.posts,
         interactions = interactions + excluded.interactions, crossing = crossing + excluded.crossing,
         first_post = CASE WHEN excluded.first_post IS NOT NULL AND (first_post IS NULL OR excluded.first_post < first_post)
                           THEN excluded.first_post ELSE first_post END`,
    ) as Statement<[FigureDelta & { week: string }]>,
    addWeek: db.prepare(
      `INSERT INTO member_weeks (workspace_id, week, member_id, contributions, activities, posts, interactions, crossing, first_post)
       VALUES (@workspace_id, @week, @member_id, @contributions, 1, @posts, @interactions, @crossing, @first_post)
       ON CONFLICT (workspace_id, week, member_id) DO UPDATE SET
         contributions = contributions + excluded.contributions, activities = activities + 1,
         posts = posts + excluded.posts, interactions = interactions + excluded.interactions,
         crossing = crossing + excluded.crossing,
         first_post = CASE WHEN excluded.first_post IS NOT NULL AND (first_post IS NULL OR excluded.first_post < first_post)
                           THEN excluded.first_post ELSE first_post END`,
    ) as Statement<[FigureDelta & { week: string }]>,
    takeDay: db.prepare(
      `UPDATE daily_rollups SET points = points - @points, contributions = contributions - @contributions,
         activities = activities - 1, posts = posts - @posts, interactions = interactions - @interactions,
         crossing = crossing - @crossing
       WHERE workspace_id = @workspace_id AND member_id = @member_id AND day = @day`,
    ) as Statement<[FigureDelta & { week: string }]>,
    takeWeek: db.prepare(
      `UPDATE member_weeks SET contributions = contributions - @contributions, activities = activities - 1,
         posts = posts - @posts, interactions = interactions - @interactions, crossing = crossing - @crossing
       WHERE workspace_id = @workspace_id AND week = @week AND member_id = @member_id`,
    ) as Statement<[FigureDelta & { week: string }]>,
    dropDay: db.prepare(
      `DELETE FROM daily_rollups
       WHERE workspace_id = @workspace_id AND member_id = @member_id AND day = @day AND activities <= 0`,
    ) as Statement<[FigureDelta & { week: string }]>,
    dropWeek: db.prepare(
      `DELETE FROM member_weeks
       WHERE workspace_id = @workspace_id AND week = @week AND member_id = @member_id AND activities <= 0`,
    ) as Statement<[FigureDelta & { week: string }]>,
    firstPostOfDay: db.prepare(
      'SELECT first_post FROM daily_rollups WHERE workspace_id = @workspace_id AND member_id = @member_id AND day = @day',
    ) as Statement<[Key], { first_post: string | null }>,
    firstPostOfWeek: db.prepare(
      'SELECT first_post FROM member_weeks WHERE workspace_id = @workspace_id AND week = @week AND member_id = @member_id',
    ) as Statement<[Key], { first_post: string | null }>,
    refirstDay: db.prepare(
      `UPDATE daily_rollups SET first_post = (
         SELECT MIN(occurred_at) FROM activities INDEXED BY activities_member
         WHERE member_id = @member_id AND workspace_id = @workspace_id AND kind IN (${POST_SQL}) AND day = @day)
       WHERE workspace_id = @workspace_id AND member_id = @member_id AND day = @day`,
    ) as Statement<[Omit<Key, 'week'> & { week: string }]>,
    refirstWeek: db.prepare(
      `UPDATE member_weeks SET first_post = (
         SELECT MIN(first_post) FROM daily_rollups
         WHERE workspace_id = @workspace_id AND member_id = @member_id AND day >= @week AND day <= @last)
       WHERE workspace_id = @workspace_id AND week = @week AND member_id = @member_id`,
    ) as Statement<[Key & { last: string }]>,
    touchedDays: db.prepare(
      `SELECT member_id, day FROM activities INDEXED BY activities_member
         WHERE member_id = @m AND workspace_id = @w AND kind IN ('reply', 'reaction')
           AND target_member_id IS NOT NULL AND target_member_id <> member_id
       UNION
       SELECT member_id, day FROM activities
         WHERE target_member_id = @m AND workspace_id = @w AND kind IN ('reply', 'reaction') AND member_id <> @m`,
    ) as Statement<[{ w: number; m: number }], { member_id: number; day: string }>,
    recountDay: db.prepare(
      `SELECT ${INTERACTION_SUMS}
       FROM (SELECT ${INTERACTION_DEPARTMENTS}
             FROM activities a INDEXED BY activities_member
             ${INTERACTION_JOINS}
             WHERE a.workspace_id = @w AND a.member_id = @m AND a.kind IN ('reply', 'reaction') AND a.day = @d)`,
    ) as Statement<[{ w: number; m: number; d: string }], { i: number | null; x: number | null }>,
    setDay: db.prepare(
      `UPDATE daily_rollups SET interactions = @interactions, crossing = @crossing
       WHERE workspace_id = @workspace_id AND member_id = @member_id AND day = @day`,
    ) as Statement<[{ workspace_id: number; member_id: number; day: string; interactions: number; crossing: number }]>,
    resumWeek: db.prepare(
      `UPDATE member_weeks SET
         interactions = (SELECT coalesce(SUM(interactions), 0) FROM daily_rollups
           WHERE workspace_id = @workspace_id AND member_id = @member_id AND day >= @week AND day <= @last),
         crossing = (SELECT coalesce(SUM(crossing), 0) FROM daily_rollups
           WHERE workspace_id = @workspace_id AND member_id = @member_id AND day >= @week AND day <= @last)
       WHERE workspace_id = @workspace_id AND week = @week AND member_id = @member_id`,
    ) as Statement<[{ workspace_id: number; member_id: number; week: string; last: string }]>,
    // Rows as arrays: a 100,000-member week is 100,000 of them, read in key order.
    week: db
      .prepare(`SELECT ${dayFigures} FROM member_weeks WHERE workspace_id = @w AND week = @week`)
      .raw() as unknown as Statement<[{ w: number; week: string }], FigureRow>,
    days: db
      .prepare(
        `SELECT member_id, SUM(contributions), SUM(activities), SUM(posts), SUM(interactions), SUM(crossing), MIN(first_post)
         FROM daily_rollups WHERE workspace_id = @w AND day >= @from AND day <= @last GROUP BY member_id`,
      )
      .raw() as unknown as Statement<[{ w: number; from: string; last: string }], FigureRow>,
    // One number per member (`pluck`): id × 2, plus 1 when they contributed. No row objects.
    weekParticipants: db
      .prepare(
        'SELECT member_id * 2 + (contributions > 0) FROM member_weeks WHERE workspace_id = @w AND week = @week AND activities > 0',
      )
      .pluck() as unknown as Statement<[{ w: number; week: string }], number>,
    daysParticipants: db
      .prepare(
        `SELECT member_id * 2 + (SUM(contributions) > 0) FROM daily_rollups
         WHERE workspace_id = @w AND day >= @from AND day <= @last AND activities > 0 GROUP BY member_id`,
      )
      .pluck() as unknown as Statement<[{ w: number; from: string; last: string }], number>,
  };
}

function figureOf(row: FigureRow, range: number): MemberRangeFigures {
  return {
    memberId: row[0],
    range,
    contributions: row[1],
    activities: row[2],
    posts: row[3],
    interactions: row[4],
    crossing: row[5],
    firstPost: row[6],
  };
}

/**
 * Computes a workspace's kept figures afresh from its raw activities and daily rollups, as migration
 * 0014 backfilled them: for rows written straight into `activities` and `daily_rollups` (the
 * benchmark's bulk loads), never by the running product, whose writes keep them in step.
 */
export function rebuildKeptFigures(db: Database, workspaceId: number): void {
  db.prepare(
    `UPDATE daily_rollups SET posts = f.p, interactions = f.i, crossing = f.x, first_post = f.fp
     FROM (
       SELECT a.member_id AS m, a.day AS d, SUM(a.kind IN (${POST_SQL})) AS p, ${INTERACTION_SUMS},
              MIN(CASE WHEN a.kind IN (${POST_SQL}) THEN a.occurred_at END) AS fp
       FROM (SELECT a.member_id, a.day, a.kind, a.occurred_at, ${INTERACTION_DEPARTMENTS}
             FROM activities a
             ${INTERACTION_JOINS}
             WHERE a.workspace_id = @w) AS a
       GROUP BY a.member_id, a.day) AS f
     WHERE daily_rollups.workspace_id = @w AND daily_rollups.member_id = f.m AND daily_rollups.day = f.d`,
  ).run({ w: workspaceId });
  db.prepare('DELETE FROM member_weeks WHERE workspace_id = ?').run(workspaceId);
  db.prepare(
    `INSERT INTO member_weeks (workspace_id, week, member_id, contributions, activities, posts, interactions, crossing, first_post)
     SELECT workspace_id, date(day, 'weekday 0', '-6 days') AS week, member_id,
            SUM(contributions), SUM(activities), SUM(posts), SUM(interactions), SUM(crossing), MIN(first_post)
     FROM daily_rollups WHERE workspace_id = ?
     GROUP BY week, member_id`,
  ).run(workspaceId);
}
