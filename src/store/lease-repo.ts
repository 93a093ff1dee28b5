import type { Statement } from 'better-sqlite3';
import type { Database } from './database.js';
import { toInstant } from './row-values.js';
import type { Synchronous } from './sqlite-gate.js';
import type { LeaseRepo } from './store.js';

interface AcquireParams {
  name: string;
  holder: string;
  now: string;
  until: string;
}

/**
 * Named leases in the database: one holder at a time. `acquire` takes a free or lapsed lease, or
 * renews one the holder already has, in one statement (SQLite serialises writers, so two processes
 * never both win). Used for the scheduler, so only one process runs jobs at a time.
 */
export class SqliteLeaseRepo implements Synchronous<LeaseRepo> {
  private readonly take: Statement<[AcquireParams]>;
  private readonly give: Statement<[string, string]>;
  private readonly read: Statement<[string], { holder: string; until: string }>;

  constructor(db: Database) {
    this.take = db.prepare(
      `INSERT INTO leases (name, holder, until) VALUES (@name, @holder, @until)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
       WHERE leases.holder = excluded.holder OR leases.until <= @now`,
    );
    this.give = db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
    this.read = db.prepare('SELECT holder, until FROM leases WHERE name = ?');
  }

  /** True when `holder` holds `name` until `until` after the call (taken, or renewed). */
  acquire(name: string, holder: string, now: string, until: string): boolean {
    const params = { name, holder, now: toInstant(now, 'leases', 'now'), until: toInstant(until, 'leases', 'until') };
    return this.take.run(params).changes === 1;
  }

  /** Gives the lease up at once (a clean stop), so the next process need not wait for it to lapse. */
  release(name: string, holder: string): void {
    this.give.run(name, holder);
  }

  holder(name: string): { holder: string; until: string } | null {
    return this.read.get(name) ?? null;
  }
}

/** One named lease as the scheduler uses it (`SchedulerLease`), held by `holder`. */
export function namedLease(
  leases: LeaseRepo,
  name: string,
  holder: string,
): { acquire(now: Date, until: Date): Promise<boolean>; release(): Promise<void> } {
  return {
    acquire: (now, until) => leases.acquire(name, holder, now.toISOString(), until.toISOString()),
    release: () => leases.release(name, holder),
  };
}
