import type { Repositories } from '../core/ports.js';
import type { Database } from './database.js';

/** What the migration runner did on open (the CLI's `migrate` prints it). */
export interface MigrationResult {
  /** File names applied by this call, in order (empty when the schema was already current). */
  applied: string[];
  /** Schema version after the call. */
  current: number;
}

/**
 * Named leases in the database: one holder at a time. Used for the scheduler, so that only one
 * process (of one machine or of several behind a load balancer) runs jobs at a time.
 */
export interface LeaseRepo {
  /** True when `holder` holds `name` until `until` after the call (taken when free or lapsed, or renewed). */
  acquire(name: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Gives the lease up at once (a clean stop), so the next process need not wait for it to lapse. */
  release(name: string, holder: string): Promise<void>;
  holder(name: string): Promise<{ holder: string; until: string } | null>;
}

/** Keys of signed platform requests already acted on, each until it expires (replay protection). */
export interface ReplayRepo {
  /** True the first time `key` is seen (and records it until `expiresAt`); false for a replay. */
  firstSeen(key: string, expiresAt: string): Promise<boolean>;
  /** True when `key` was recorded and has not expired by `now`. */
  seen(key: string, now: string): Promise<boolean>;
  /** Records every key in one transaction; returns the keys that were there already. */
  recordMany(entries: ReadonlyArray<{ key: string; expiresAt: string }>): Promise<string[]>;
  /** Deletes keys that expired before `now`; returns how many. */
  deleteExpired(now: string): Promise<number>;
}

/** Where the data lives: a SQLite file (the default), or a PostgreSQL database shared by several instances. */
export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** An open store of either kind. Built by `openStore` (`src/store/open-store.ts`). */
export interface Store {
  readonly kind: StoreTarget['kind'];
  /** Where it is, for messages: the file path, or the URL without its password. */
  readonly location: string;
  repos: Repositories;
  /** Named leases (the scheduler's: one process runs jobs at a time). */
  leases: LeaseRepo;
  /** Signed platform requests already acted on (replay protection). */
  replays: ReplayRepo;
  /** What the migration runner did on open. */
  migration: MigrationResult;
  /** The SQLite connection (WAL checkpoints, the write-lock probe of `/healthz`); null on PostgreSQL. */
  sqlite: Database | null;
  /** The newest ledger instant per job (`/healthz`). */
  lastJobRuns(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Query parameters of a PostgreSQL URL that carry secrets (`?password=…` is as valid as `user:pw@`). */
const SECRET_PARAMETERS = ['password', 'sslpassword'];

/**
 * A PostgreSQL URL as messages and logs may show it: without the password, wherever the URL carries
 * it. Something that is not a URL at all shows as the kind of store only, nothing of its contents.
 */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '';
    for (const name of [...parsed.searchParams.keys()])
      if (SECRET_PARAMETERS.includes(name.toLowerCase())) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return 'postgres (connection string)';
  }
}
