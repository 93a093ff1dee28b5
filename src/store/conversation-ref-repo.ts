import type { Statement } from 'better-sqlite3';
import type { ConversationRefRepo } from '../core/ports.js';
import type { Database } from './database.js';
import { readJson, toInstant } from './row-values.js';
import { type RefRow, referenceSchema, TABLE, toJsonText } from './rows/conversation-ref-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** Platform conversation references (Teams proactive messaging), one per workspace and key. */
export class SqliteConversationRefRepo implements Synchronous<ConversationRefRepo> {
  private readonly upsert: Statement<[RefRow]>;
  private readonly one: Statement<[number, string], RefRow>;
  private readonly prune: Statement<[number, string, string, string]>;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO conversation_refs (workspace_id, key, reference, updated_at)
       VALUES (@workspace_id, @key, @reference, @updated_at)
       ON CONFLICT (workspace_id, key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
    );
    this.one = db.prepare('SELECT * FROM conversation_refs WHERE workspace_id = ? AND key = ?');
    this.prune = db.prepare(
      'DELETE FROM conversation_refs WHERE workspace_id = ? AND substr(key, 1, length(?)) = ? AND updated_at < ?',
    );
  }

  /** Saves or replaces the reference (the newest one a platform sent is the one that works). */
  save(workspaceId: number, key: string, reference: unknown, at: string): void {
    this.upsert.run({
      workspace_id: workspaceId,
      key,
      reference: toJsonText(reference),
      updated_at: toInstant(at, TABLE, 'updated_at'),
    });
  }

  deleteBefore(workspaceId: number, prefix: string, before: string): number {
    return this.prune.run(workspaceId, prefix, prefix, toInstant(before, TABLE, 'updated_at')).changes;
  }

  get(workspaceId: number, key: string): unknown | null {
    const row = this.one.get(workspaceId, key);
    return row ? readJson(referenceSchema, row.reference, TABLE, `${workspaceId}/${key}`, 'reference') : null;
  }
}
