import type { Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { ConversationRefRepo } from '../core/ports.js';
import type { Database } from './database.js';
import { InvalidValueError } from './errors.js';
import { readJson, toInstant } from './row-values.js';
import type { Synchronous } from './sqlite-gate.js';

interface RefRow {
  workspace_id: number;
  key: string;
  reference: string;
  updated_at: string;
}

const TABLE = 'conversation_refs';
/**
 * Opaque to the store: only that it is JSON is checked (the Teams adapter validates its shape). Written
 * with JSON.stringify, which drops the `undefined` fields SDK objects carry.
 */
const referenceSchema = z.unknown();

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

function toJsonText(reference: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(reference);
  } catch (error) {
    throw new InvalidValueError(
      TABLE,
      'reference',
      `it cannot be written as JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (text === undefined) throw new InvalidValueError(TABLE, 'reference', 'it has no JSON form');
  return text;
}
