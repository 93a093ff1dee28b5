import { CONTRIBUTION_SQL } from '../activity-sql.js';
import { toInstant } from '../row-values.js';
import type { PgDb } from './pg-db.js';

/**
 * The old rows retention deletes (`PRUNABLE` of activity-prune.ts): activities before the instant
 * (`$2`) in the workspace (`$1`), except, per member, the first and the last contribution and the last
 * activity of any kind, which member states, first-post thanks and the nudges read.
 */
const PRUNABLE = `
  WITH old_members AS (
    SELECT DISTINCT member_id FROM activities WHERE workspace_id = $1 AND occurred_at < $2
  ),
  kept AS (
    SELECT (SELECT a.id FROM activities a WHERE a.member_id = m.member_id AND a.workspace_id = $1
              AND a.kind IN (${CONTRIBUTION_SQL}) ORDER BY a.occurred_at, a.id LIMIT 1) AS id FROM old_members m
    UNION ALL
    SELECT (SELECT a.id FROM activities a WHERE a.member_id = m.member_id AND a.workspace_id = $1
              AND a.kind IN (${CONTRIBUTION_SQL}) ORDER BY a.occurred_at DESC, a.id DESC LIMIT 1) FROM old_members m
    UNION ALL
    SELECT (SELECT a.id FROM activities a WHERE a.member_id = m.member_id AND a.workspace_id = $1
              ORDER BY a.occurred_at DESC, a.id DESC LIMIT 1) FROM old_members m
  )
  SELECT id FROM activities WHERE workspace_id = $1 AND occurred_at < $2
    AND id NOT IN (SELECT id FROM kept WHERE id IS NOT NULL)`;

/**
 * Retention of raw activities (`ActivityPrune` on PostgreSQL). The daily rollups and weekly figures
 * are not touched: scores and reports read them, so they stay exact after the raw rows are gone.
 */
export class PgActivityPrune {
  constructor(private readonly db: PgDb) {}

  async count(workspaceId: number, before: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM (${PRUNABLE}) AS prunable`, [
      workspaceId,
      toInstant(before, 'activities', 'before'),
    ]);
    return row?.n ?? 0;
  }

  delete(workspaceId: number, before: string): Promise<number> {
    return this.db.run(`DELETE FROM activities WHERE id IN (${PRUNABLE})`, [
      workspaceId,
      toInstant(before, 'activities', 'before'),
    ]);
  }
}
