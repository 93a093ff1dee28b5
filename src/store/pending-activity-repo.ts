import type { Statement } from 'better-sqlite3';
import type { PendingActivity, PendingActivityRepo } from '../core/ports.js';
import type { Database } from './database.js';
import { toInstant, writeJson } from './row-values.js';
import { activitySchema, fromRow, type PendingRow, TABLE } from './rows/pending-activity-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** Activities waiting for their member to be looked up (`pending_activities`, migration 0006). */
export class SqlitePendingActivityRepo implements Synchronous<PendingActivityRepo> {
  private readonly insert: Statement<Omit<PendingRow, 'id' | 'attempts' | 'status'>>;
  private readonly dueRows: Statement<[string, number], PendingRow>;
  private readonly all: Statement<[number], PendingRow>;
  private readonly patch: Statement<[number, string, string, string, number]>;
  private readonly deleteOne: Statement<[number]>;
  private readonly deleteEvent: Statement<[number, string]>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO pending_activities
         (workspace_id, event_id, member_platform_id, activity, next_attempt_at, last_error, created_at)
       VALUES (@workspace_id, @event_id, @member_platform_id, @activity, @next_attempt_at, @last_error, @created_at)
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
    );
    this.dueRows = db.prepare(
      `SELECT * FROM pending_activities WHERE status = 'waiting' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.all = db.prepare('SELECT * FROM pending_activities WHERE workspace_id = ? ORDER BY id');
    this.patch = db.prepare(
      'UPDATE pending_activities SET attempts = ?, next_attempt_at = ?, last_error = ?, status = ? WHERE id = ?',
    );
    this.deleteOne = db.prepare('DELETE FROM pending_activities WHERE id = ?');
    this.deleteEvent = db.prepare('DELETE FROM pending_activities WHERE workspace_id = ? AND event_id = ?');
  }

  add(row: Omit<PendingActivity, 'id' | 'attempts' | 'status'>): boolean {
    return (
      this.insert.run({
        workspace_id: row.workspaceId,
        event_id: row.eventId,
        member_platform_id: row.memberPlatformId,
        activity: writeJson(activitySchema, row.activity, TABLE, 'activity'),
        next_attempt_at: toInstant(row.nextAttemptAt, TABLE, 'next_attempt_at'),
        last_error: row.lastError,
        created_at: toInstant(row.createdAt, TABLE, 'created_at'),
      }).changes > 0
    );
  }

  due(now: string, limit: number): PendingActivity[] {
    return this.dueRows.all(toInstant(now, TABLE, 'now'), limit).map(fromRow);
  }

  list(workspaceId: number): PendingActivity[] {
    return this.all.all(workspaceId).map(fromRow);
  }

  update(
    id: number,
    patch: { attempts: number; nextAttemptAt: string; lastError: string; status: 'waiting' | 'failed' },
  ): void {
    this.patch.run(
      patch.attempts,
      toInstant(patch.nextAttemptAt, TABLE, 'next_attempt_at'),
      patch.lastError,
      patch.status,
      id,
    );
  }

  remove(id: number): void {
    this.deleteOne.run(id);
  }

  removeEvent(workspaceId: number, eventId: string): boolean {
    return this.deleteEvent.run(workspaceId, eventId).changes > 0;
  }
}
