import type { ActivityRepo, DepartmentConnection } from '../../core/ports.js';
import { PG_TRIM_SQL } from '../activity-sql.js';
import { type ConnectionRow, checkedMemberIds, rangeInstants, toConnection } from '../rows/activity-row.js';
import type { PgDb } from './pg-db.js';

/**
 * `departmentConnections` (connection-reads.ts) on PostgreSQL: the window's replies and reactions by
 * `actors` to other members among `targets`, grouped by both departments as stored, then trimmed per
 * group. The id lists go in as arrays (`= ANY`, hashed by the server): SQLite was given the short
 * complement instead because its list lookups are linear, which this store does not need.
 */
const CONNECTIONS = `SELECT trim(coalesce(g.f, ''), ${PG_TRIM_SQL}) AS f, trim(coalesce(g.t, ''), ${PG_TRIM_SQL}) AS t,
    SUM(g.r) AS r, SUM(g.x) AS x
  FROM (SELECT am.department AS f, tm.department AS t,
               SUM((a.kind = 'reply')::int) AS r, SUM((a.kind = 'reaction')::int) AS x
        FROM activities a
        JOIN members am ON am.id = a.member_id
        JOIN members tm ON tm.id = a.target_member_id
        WHERE a.workspace_id = $1 AND a.occurred_at >= $2 AND a.occurred_at < $3
          AND a.kind IN ('reply', 'reaction') AND a.target_member_id <> a.member_id
          AND am.workspace_id = $1 AND tm.workspace_id = $1
          AND a.member_id = ANY($4::bigint[]) AND a.target_member_id = ANY($5::bigint[])
        GROUP BY am.department, tm.department) AS g
  GROUP BY 1, 2
  ORDER BY 1, 2`;

/** The department × department counts of the dashboard's connections page (see `ActivityRepo`). */
export class PgConnectionReads {
  constructor(private readonly db: PgDb) {}

  async departmentConnections(
    ...[workspaceId, from, to, actors, targets]: Parameters<ActivityRepo['departmentConnections']>
  ): Promise<DepartmentConnection[]> {
    const rows = await this.db.rows<ConnectionRow>(CONNECTIONS, [
      workspaceId,
      ...rangeInstants(from, to),
      [...checkedMemberIds(actors, 'actors')],
      [...checkedMemberIds(targets, 'targets')],
    ]);
    return rows.map(toConnection);
  }
}
