import type { Statement } from 'better-sqlite3';
import { CONTRIBUTION_KINDS } from '../core/types.js';
import type { Database } from './database.js';
import { toInstant } from './row-values.js';

/** The contribution kinds as an SQL list; they are constants of the core, never user input. */
const CONTRIBUTION_SQL = CONTRIBUTION_KINDS.map((kind) => `'${kind}'`).join(', ');

/**
 * The old rows retention deletes: activities before the instant, except, per member, the first and
 * the last contribution and the last activity of any kind. Those three rows are what member states
 * (`contributionBounds`), first-post thanks (`firstContributionAt`) and the nudges (`lastActivity`)
 * read, so pruning never turns someone who posted a year ago into someone who "never posted", and
 * never thanks anyone twice for a first post. Each lookup walks one member's rows in time order
 * (`activities_member`), named: with one workspace the planner would rather walk the whole of it.
 */
const PRUNABLE = `
  WITH old_members AS (
    SELECT DISTINCT member_id FROM activities WHERE workspace_id = @workspace AND occurred_at < @before
  ),
  kept AS (
    SELECT (SELECT a.id FROM activities a INDEXED BY activities_member WHERE a.member_id = m.member_id AND a.workspace_id = @workspace
              AND a.kind IN (${CONTRIBUTION_SQL}) ORDER BY a.occurred_at, a.id LIMIT 1) AS id FROM old_members m
    UNION ALL
    SELECT (SELECT a.id FROM activities a INDEXED BY activities_member WHERE a.member_id = m.member_id AND a.workspace_id = @workspace
              AND a.kind IN (${CONTRIBUTION_SQL}) ORDER BY a.occurred_at DESC, a.id DESC LIMIT 1) FROM old_members m
    UNION ALL
    SELECT (SELECT a.id FROM activities a INDEXED BY activities_member WHERE a.member_id = m.member_id AND a.workspace_id = @workspace
              ORDER BY a.occurred_at DESC, a.id DESC LIMIT 1) FROM old_members m
  )
  SELECT id FROM activities WHERE workspace_id = @workspace AND occurred_at < @before
    AND id NOT IN (SELECT id FROM kept WHERE id IS NOT NULL)`;

interface PruneParams {
  workspace: number;
  before: string;
}

/**
 * Retention of raw activities (`retentionDays`). The daily rollups are not touched: scores and the
 * weekly figures read them, so they stay exact after the raw rows are gone.
 */
export class ActivityPrune {
  private readonly counter: Statement<[PruneParams], { n: number }>;
  private readonly remover: Statement<[PruneParams]>;

  constructor(db: Database) {
    this.counter = db.prepare(`SELECT COUNT(*) AS n FROM (${PRUNABLE})`);
    this.remover = db.prepare(`DELETE FROM activities WHERE id IN (${PRUNABLE})`);
  }

  count(workspaceId: number, before: string): number {
    return this.counter.get(params(workspaceId, before))?.n ?? 0;
  }

  delete(workspaceId: number, before: string): number {
    return this.remover.run(params(workspaceId, before)).changes;
  }
}

function params(workspace: number, before: string): PruneParams {
  return { workspace, before: toInstant(before, 'activities', 'before') };
}
