import type { PendingActivity, PendingActivityRepo } from '../../core/ports.js';
import { toInstant, writeJson } from '../row-values.js';
import { activitySchema, fromRow, type PendingRow, TABLE } from '../rows/pending-activity-row.js';
import type { PgDb } from './pg-db.js';

/** Activities waiting for their member to be looked up (`pending_activities`). */
export class PgPendingActivityRepo implements PendingActivityRepo {
  constructor(private readonly db: PgDb) {}

  async add(row: Omit<PendingActivity, 'id' | 'attempts' | 'status'>): Promise<boolean> {
    const inserted = await this.db.run(
      `INSERT INTO pending_activities
         (workspace_id, event_id, member_platform_id, activity, next_attempt_at, last_error, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (workspace_id, event_id) DO NOTHING`,
      [
        row.workspaceId,
        row.eventId,
        row.memberPlatformId,
        writeJson(activitySchema, row.activity, TABLE, 'activity'),
        toInstant(row.nextAttemptAt, TABLE, 'next_attempt_at'),
        row.lastError,
        toInstant(row.createdAt, TABLE, 'created_at'),
      ],
    );
    return inserted > 0;
  }

  async due(now: string, limit: number): Promise<PendingActivity[]> {
    const rows = await this.db.rows<PendingRow>(
      `SELECT * FROM pending_activities WHERE status = 'waiting' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id LIMIT $2`,
      [toInstant(now, TABLE, 'now'), limit],
    );
    return rows.map(fromRow);
  }

  async list(workspaceId: number): Promise<PendingActivity[]> {
    const rows = await this.db.rows<PendingRow>(
      'SELECT * FROM pending_activities WHERE workspace_id = $1 ORDER BY id',
      [workspaceId],
    );
    return rows.map(fromRow);
  }

  async update(
    id: number,
    patch: { attempts: number; nextAttemptAt: string; lastError: string; status: 'waiting' | 'failed' },
  ): Promise<void> {
    await this.db.run(
      'UPDATE pending_activities SET attempts = $1, next_attempt_at = $2, last_error = $3, status = $4 WHERE id = $5',
      [patch.attempts, toInstant(patch.nextAttemptAt, TABLE, 'next_attempt_at'), patch.lastError, patch.status, id],
    );
  }

  async remove(id: number): Promise<void> {
    await this.db.run('DELETE FROM pending_activities WHERE id = $1', [id]);
  }

  async removeEvent(workspaceId: number, eventId: string): Promise<boolean> {
    return (
      (await this.db.run('DELETE FROM pending_activities WHERE workspace_id = $1 AND event_id = $2', [
        workspaceId,
        eventId,
      ])) > 0
    );
  }
}
