import { toInstant } from '../row-values.js';
import type { LeaseRepo } from '../store.js';
import type { PgDb } from './pg-db.js';

/**
 * Named leases: one holder at a time. `acquire` takes a free or lapsed lease, or renews one the holder
 * already has, in one statement: PostgreSQL locks the conflicting row and evaluates the WHERE on its
 * newest version, so of two instances racing for one lease exactly one wins.
 */
export class PgLeaseRepo implements LeaseRepo {
  constructor(private readonly db: PgDb) {}

  /** True when `holder` holds `name` until `until` after the call (taken, or renewed). */
  async acquire(name: string, holder: string, now: string, until: string): Promise<boolean> {
    const changed = await this.db.run(
      `INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
       WHERE leases.holder = excluded.holder OR leases.until <= $4`,
      [name, holder, toInstant(until, 'leases', 'until'), toInstant(now, 'leases', 'now')],
    );
    return changed === 1;
  }

  /** Gives the lease up at once (a clean stop), so the next process need not wait for it to lapse. */
  async release(name: string, holder: string): Promise<void> {
    await this.db.run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  holder(name: string): Promise<{ holder: string; until: string } | null> {
    return this.db.one<{ holder: string; until: string }>('SELECT holder, until FROM leases WHERE name = $1', [name]);
  }
}
