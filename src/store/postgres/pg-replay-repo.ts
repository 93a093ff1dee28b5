import { toInstant } from '../row-values.js';
import type { ReplayRepo } from '../store.js';
import type { PgDb } from './pg-db.js';

const TABLE = 'request_replays';

/**
 * Keys of signed requests already seen, each until it expires. `firstSeen` records and answers in one
 * statement (`ON CONFLICT DO NOTHING`), so instances behind one load balancer agree on which copy was
 * first; `recordMany` writes a batch in one transaction.
 */
export class PgReplayRepo implements ReplayRepo {
  constructor(private readonly db: PgDb) {}

  /** True the first time `key` is seen (and records it until `expiresAt`); false for a replay. */
  async firstSeen(key: string, expiresAt: string): Promise<boolean> {
    const inserted = await this.db.run(
      'INSERT INTO request_replays (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, toInstant(expiresAt, TABLE, 'expires_at')],
    );
    return inserted === 1;
  }

  /** True when `key` was recorded and has not expired by `now`. */
  async seen(key: string, now: string): Promise<boolean> {
    const row = await this.db.one('SELECT 1 AS one FROM request_replays WHERE key = $1 AND expires_at >= $2', [
      key,
      toInstant(now, TABLE, 'now'),
    ]);
    return row !== null;
  }

  /** Records every key in one transaction; returns the keys that were there already. */
  recordMany(entries: ReadonlyArray<{ key: string; expiresAt: string }>): Promise<string[]> {
    return this.db.transaction(async () => {
      const present: string[] = [];
      for (const { key, expiresAt } of entries) if (!(await this.firstSeen(key, expiresAt))) present.push(key);
      return present;
    });
  }

  /** Deletes keys that expired before `now`; returns how many. */
  deleteExpired(now: string): Promise<number> {
    return this.db.run('DELETE FROM request_replays WHERE expires_at < $1', [toInstant(now, TABLE, 'now')]);
  }
}
