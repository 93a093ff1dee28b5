import type { Statement } from 'better-sqlite3';
import type { AuditEntry, AuditRepo } from '../core/ports.js';
import type { Database } from './database.js';
import { type AuditRow, toAuditParams, toEntry } from './rows/audit-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** The audit trail of ops and admin commands and role changes; rows are only ever added. */
export class SqliteAuditRepo implements Synchronous<AuditRepo> {
  private insertOf: Statement<Omit<AuditRow, 'id'>> | null = null;
  private newestOf: Statement<[number, number], AuditRow> | null = null;

  // Prepared on first use: a file still at an older schema (an upgrade, the bench's generator) opens.
  constructor(private readonly db: Database) {}

  private get insert(): Statement<Omit<AuditRow, 'id'>> {
    this.insertOf ??= this.db.prepare(
      `INSERT INTO audit_log (workspace_id, actor_member_id, command, target_member_id, summary, at)
       VALUES (@workspace_id, @actor_member_id, @command, @target_member_id, @summary, @at)`,
    );
    return this.insertOf;
  }

  private get newest(): Statement<[number, number], AuditRow> {
    this.newestOf ??= this.db.prepare(
      'SELECT * FROM audit_log WHERE workspace_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    );
    return this.newestOf;
  }

  record(entry: Omit<AuditEntry, 'id'>): AuditEntry {
    const row = toAuditParams(entry);
    const id = Number(this.insert.run(row).lastInsertRowid);
    return toEntry({ id, ...row });
  }

  latest(workspaceId: number, limit: number): AuditEntry[] {
    return this.newest.all(workspaceId, Math.max(0, Math.floor(limit))).map(toEntry);
  }
}
