import type { Statement } from 'better-sqlite3';
import type { ConfirmationRepo, PendingConfirmation } from '../core/ports.js';
import type { Database } from './database.js';
import { toInstant } from './row-values.js';
import { type ConfirmationRow, TABLE, toConfirmation, toConfirmationParams } from './rows/confirmation-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** Previews of bulk commands waiting for their caller's confirmation. */
export class SqliteConfirmationRepo implements Synchronous<ConfirmationRepo> {
  private readonly insert: Statement<Omit<ConfirmationRow, 'id'>>;
  private readonly one: Statement<[number], ConfirmationRow>;
  private readonly latest: Statement<[number, string], ConfirmationRow>;
  private readonly remove: Statement<[number]>;
  private readonly prune: Statement<[string]>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO command_confirmations (workspace_id, member_id, command, args, created_at, expires_at)
       VALUES (@workspace_id, @member_id, @command, @args, @created_at, @expires_at)`,
    );
    this.one = db.prepare('SELECT * FROM command_confirmations WHERE id = ?');
    this.latest = db.prepare(
      `SELECT * FROM command_confirmations WHERE member_id = ? AND expires_at > ?
       ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
    this.remove = db.prepare('DELETE FROM command_confirmations WHERE id = ?');
    this.prune = db.prepare('DELETE FROM command_confirmations WHERE expires_at <= ?');
  }

  create(input: Omit<PendingConfirmation, 'id'>): PendingConfirmation {
    const row = toConfirmationParams(input);
    const id = Number(this.insert.run(row).lastInsertRowid);
    return toConfirmation({ id, ...row });
  }

  get(id: number): PendingConfirmation | null {
    const row = this.one.get(id);
    return row ? toConfirmation(row) : null;
  }

  latestFor(memberId: number, now: string): PendingConfirmation | null {
    const row = this.latest.get(memberId, toInstant(now, TABLE, 'now'));
    return row ? toConfirmation(row) : null;
  }

  take(id: number): boolean {
    return this.remove.run(id).changes > 0;
  }

  deleteExpired(now: string): number {
    return this.prune.run(toInstant(now, TABLE, 'now')).changes;
  }
}
