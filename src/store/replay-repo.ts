import type { Statement } from 'better-sqlite3';
import type { Database } from './database.js';
import { toInstant } from './row-values.js';

/**
 * Keys of signed requests already seen, each until it expires. `firstSeen` records and answers in one
 * statement, so two processes behind one load balancer agree on which copy was first.
 */
export class SqliteReplayRepo {
  private readonly add: Statement<[string, string]>;
  private readonly prune: Statement<[string]>;

  constructor(db: Database) {
    this.add = db.prepare('INSERT INTO request_replays (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
    this.prune = db.prepare('DELETE FROM request_replays WHERE expires_at < ?');
  }

  /** True the first time `key` is seen (and records it until `expiresAt`); false for a replay. */
  firstSeen(key: string, expiresAt: string): boolean {
    return this.add.run(key, toInstant(expiresAt, 'request_replays', 'expires_at')).changes === 1;
  }

  /** Deletes keys that expired before `now`; returns how many. */
  deleteExpired(now: string): number {
    return this.prune.run(toInstant(now, 'request_replays', 'now')).changes;
  }
}
