import type { ConfirmationRepo, PendingConfirmation } from '../../core/ports.js';
import { toInstant } from '../row-values.js';
import { type ConfirmationRow, TABLE, toConfirmation, toConfirmationParams } from '../rows/confirmation-row.js';
import type { PgDb } from './pg-db.js';

/** Previews of bulk commands waiting for their caller's confirmation. */
export class PgConfirmationRepo implements ConfirmationRepo {
  constructor(private readonly db: PgDb) {}

  async create(input: Omit<PendingConfirmation, 'id'>): Promise<PendingConfirmation> {
    const params = toConfirmationParams(input);
    const row = await this.db.one<ConfirmationRow>(
      `INSERT INTO command_confirmations (workspace_id, member_id, command, args, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [params.workspace_id, params.member_id, params.command, params.args, params.created_at, params.expires_at],
    );
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return toConfirmation(row);
  }

  async get(id: number): Promise<PendingConfirmation | null> {
    const row = await this.db.one<ConfirmationRow>('SELECT * FROM command_confirmations WHERE id = $1', [id]);
    return row ? toConfirmation(row) : null;
  }

  async latestFor(memberId: number, now: string): Promise<PendingConfirmation | null> {
    const row = await this.db.one<ConfirmationRow>(
      `SELECT * FROM command_confirmations WHERE member_id = $1 AND expires_at > $2
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [memberId, toInstant(now, TABLE, 'now')],
    );
    return row ? toConfirmation(row) : null;
  }

  /** One DELETE: of two instances taking the same confirmation at once, one deletes it and runs it. */
  async take(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM command_confirmations WHERE id = $1', [id])) > 0;
  }

  deleteExpired(now: string): Promise<number> {
    return this.db.run('DELETE FROM command_confirmations WHERE expires_at <= $1', [toInstant(now, TABLE, 'now')]);
  }
}
