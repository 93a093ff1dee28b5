import type { Statement } from 'better-sqlite3';
import type { DepartmentConnection } from '../core/ports.js';
import { TRIM_SQL } from './activity-sql.js';
import type { Database } from './database.js';
import { type ConnectionRow, checkedMemberIds, rangeInstants, toConnection } from './rows/activity-row.js';

/**
 * `ActivityRepo.departmentConnections` as one statement. The inner query walks the window's replies
 * and reactions on the covering time index (CROSS JOIN keeps that order: driven from the members,
 * SQLite would fetch every row of a member's history from the table), looks both members up by id
 * and groups by their departments as stored; the outer one trims the few grouped names, so the
 * trim runs per department pair instead of twice per activity. Who counts is the caller's
 * (eligible people, a manager's reports); the statement is given the workspace's other members
 * (`@notActors`, `@notTargets`, JSON id lists), which for the usual ops view are a handful of bots
 * and leavers: a miss in a short list is cheaper per row than a hit in a list of everyone.
 */
export function departmentConnectionsSql(): string {
  return `SELECT trim(coalesce(f, ''), ${TRIM_SQL}) AS f, trim(coalesce(t, ''), ${TRIM_SQL}) AS t, SUM(r) AS r, SUM(x) AS x
    FROM (SELECT am.department AS f, tm.department AS t, SUM(a.kind = 'reply') AS r, SUM(a.kind = 'reaction') AS x
          FROM activities a INDEXED BY activities_time
          CROSS JOIN members am
          CROSS JOIN members tm
          WHERE a.workspace_id = @w AND a.occurred_at >= @from AND a.occurred_at < @to
            AND a.kind IN ('reply', 'reaction') AND a.target_member_id <> a.member_id
            AND am.id = a.member_id AND am.workspace_id = @w AND tm.id = a.target_member_id AND tm.workspace_id = @w
            AND a.member_id NOT IN (SELECT value FROM json_each(@notActors))
            AND a.target_member_id NOT IN (SELECT value FROM json_each(@notTargets))
          GROUP BY am.department, tm.department)
    GROUP BY 1, 2`;
}

/** The workspace's members not in `ids`, as a JSON list. */
function othersThan(everyone: readonly number[], ids: readonly number[], field: string): string {
  const given = new Set(checkedMemberIds(ids, field));
  return JSON.stringify(everyone.filter((id) => !given.has(id)));
}

/** The department × department counts of the dashboard's connections page (see `ActivityRepo`). */
export class ConnectionReads {
  private statement: Statement<Record<string, string | number>, ConnectionRow> | undefined;
  private members: Statement<[number], number> | undefined;

  constructor(private readonly db: Database) {}

  departmentConnections(
    workspaceId: number,
    from: string,
    to: string,
    actors: readonly number[],
    targets: readonly number[],
  ): DepartmentConnection[] {
    this.statement ??= this.db.prepare(departmentConnectionsSql());
    this.members ??= this.db.prepare<[number], number>('SELECT id FROM members WHERE workspace_id = ?').pluck();
    const everyone = this.members.all(workspaceId);
    const [start, end] = rangeInstants(from, to);
    return this.statement
      .all({
        w: workspaceId,
        from: start,
        to: end,
        notActors: othersThan(everyone, actors, 'actors'),
        notTargets: othersThan(everyone, targets, 'targets'),
      })
      .map(toConnection);
  }
}
