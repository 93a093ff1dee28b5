import type { Statement } from 'better-sqlite3';
import type { Database } from './database.js';
import { toInstant } from './row-values.js';
import type { Synchronous } from './sqlite-gate.js';
import type { ReplayRepo } from './store.js';

/**
 * Keys of signed requests already seen, each until it expires. `firstSeen` records and answers in one
 * statement, so two processes behind one load balancer agree on which copy was first; `recordMany`
 * writes a batch of keys in one transaction and `seen` reads one without writing.
 */
export class SqliteReplayRepo implements Synchronous<ReplayRepo> {
  private readonly add: Statement<[string, string]>;
  private readonly prune: Statement<[string]>;
  private readonly find: Statement<[string, string]>;

  constructor(private readonly db: Database) {
    this.add = db.prepare('INSERT INTO request_replays (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
    this.prune = db.prepare('DELETE FROM request_replays WHERE expires_at < ?');
    this.find = db.prepare('SELECT 1 FROM request_replays WHERE key = ? AND expires_at >= ?').pluck();
  }

  /** True the first time `key` is seen (and records it until `expiresAt`); false for a replay. */
  firstSeen(key: string, expiresAt: string): boolean {
    return this.add.run(key, toInstant(expiresAt, 'request_replays', 'expires_at')).changes === 1;
  }

  /** True when `key` was recorded and has not expired by `now`. */
  seen(key: string, now: string): boolean {
    return this.find.get(key, toInstant(now, 'request_replays', 'now')) !== undefined;
  }

  /** Records every key in one transaction; returns the keys that were there already. */
  recordMany(entries: ReadonlyArray<{ key: string; expiresAt: string }>): string[] {
    return this.db.transaction(() => {
      const present: string[] = [];
      for (const { key, expiresAt } of entries) if (!this.firstSeen(key, expiresAt)) present.push(key);
      return present;
    })();
  }

  /** Deletes keys that expired before `now`; returns how many. */
  deleteExpired(now: string): number {
    return this.prune.run(toInstant(now, 'request_replays', 'now')).changes;
  }
}
