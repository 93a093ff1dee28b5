import type { ConversationRefRepo } from '../../core/ports.js';
import { readJson, toInstant } from '../row-values.js';
import { type RefRow, referenceSchema, TABLE, toJsonText } from '../rows/conversation-ref-row.js';
import type { PgDb } from './pg-db.js';

/** Platform conversation references (Teams proactive messaging), one per workspace and key. */
export class PgConversationRefRepo implements ConversationRefRepo {
  constructor(private readonly db: PgDb) {}

  /** Saves or replaces the reference (the newest one a platform sent is the one that works). */
  async save(workspaceId: number, key: string, reference: unknown, at: string): Promise<void> {
    await this.db.run(
      `INSERT INTO conversation_refs (workspace_id, key, reference, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
      [workspaceId, key, toJsonText(reference), toInstant(at, TABLE, 'updated_at')],
    );
  }

  deleteBefore(workspaceId: number, prefix: string, before: string): Promise<number> {
    // starts_with, not LIKE: a prefix holding % or _ matches itself only.
    return this.db.run(
      'DELETE FROM conversation_refs WHERE workspace_id = $1 AND starts_with(key, $2) AND updated_at < $3',
      [workspaceId, prefix, toInstant(before, TABLE, 'updated_at')],
    );
  }

  async get(workspaceId: number, key: string): Promise<unknown | null> {
    const row = await this.db.one<RefRow>('SELECT * FROM conversation_refs WHERE workspace_id = $1 AND key = $2', [
      workspaceId,
      key,
    ]);
    return row ? readJson(referenceSchema, row.reference, TABLE, `${workspaceId}/${key}`, 'reference') : null;
  }
}
