import type { AuditEntry, AuditRepo } from '../../core/ports.js';
import { type AuditRow, toAuditParams, toEntry } from '../rows/audit-row.js';
import type { PgDb } from './pg-db.js';

/** The audit trail of ops and admin commands and role changes; rows are only ever added. */
export class PgAuditRepo implements AuditRepo {
  constructor(private readonly db: PgDb) {}

  async record(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    const params = toAuditParams(entry);
    const row = await this.db.one<AuditRow>(
      `INSERT INTO audit_log (workspace_id, actor_member_id, command, target_member_id, summary, at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [params.workspace_id, params.actor_member_id, params.command, params.target_member_id, params.summary, params.at],
    );
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return toEntry(row);
  }

  async latest(workspaceId: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.rows<AuditRow>(
      'SELECT * FROM audit_log WHERE workspace_id = $1 ORDER BY at DESC, id DESC LIMIT $2',
      [workspaceId, Math.max(0, Math.floor(limit))],
    );
    return rows.map(toEntry);
  }
}
