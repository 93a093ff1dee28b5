import { DatabaseUnreachableError } from './errors.js';
import { openSqliteStore } from './sqlite-store.js';
import { redactedUrl, type Store, type StoreTarget } from './store.js';

export type { Store, StoreTarget } from './store.js';

export interface OpenStoreOptions {
  /** SQLite: how long a statement waits for another process's write lock. */
  busyTimeoutMs?: number;
  /** The migrations folder (tests); the default is the one shipped next to `src/`. */
  migrationsDir?: string;
  /** PostgreSQL: the pool's size (connections this process may hold). */
  poolSize?: number;
}

/**
 * Opens the store Hiroba's configuration names: PostgreSQL when `HIROBA_DATABASE_URL` is set, else the
 * SQLite file at `HIROBA_DB`. Brings the schema up to date on either, refusing a database newer than
 * the code. Called by the composition root, the CLI, the demo and the job threads.
 */
export async function openStore(target: StoreTarget, options: OpenStoreOptions = {}): Promise<Store> {
  if (target.kind === 'sqlite') {
    return openSqliteStore(target.path, options.migrationsDir, {
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    });
  }
  const { openPostgresStore } = await import('./postgres/pg-store.js');
  try {
    return await openPostgresStore(target.url, options);
  } catch (error) {
    // The line a person reads when start-up stops: where, why, and what to check.
    if (DatabaseUnreachableError.fits(error)) throw new DatabaseUnreachableError(redactedUrl(target.url), error);
    throw error;
  }
}
