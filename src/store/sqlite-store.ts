import type { Repositories } from '../core/ports.js';
import { SqliteActivityRepo } from './activity-repo.js';
import { SqliteAuditRepo } from './audit-repo.js';
import { SqliteConfirmationRepo } from './confirmation-repo.js';
import { SqliteConversationRefRepo } from './conversation-ref-repo.js';
import { SqliteDashboardAuthRepo } from './dashboard-auth-repo.js';
import { type Database, openDatabase } from './database.js';
import { SqliteLeaseRepo } from './lease-repo.js';
import { SqliteLedgerRepo } from './ledger-repo.js';
import { SqliteMemberRepo } from './member-repo.js';
import { DEFAULT_MIGRATIONS_DIR, migrate } from './migrate.js';
import { SqliteNudgeRepo } from './nudge-repo.js';
import { SqliteOutboxRepo } from './outbox-repo.js';
import { SqlitePendingActivityRepo } from './pending-activity-repo.js';
import { SqliteReplayRepo } from './replay-repo.js';
import { asyncRepositories, gated, SqliteGate, type SynchronousRepositories } from './sqlite-gate.js';
import type { LeaseRepo, ReplayRepo, Store } from './store.js';
import { SqliteSubmissionRepo } from './submission-repo.js';
import { SqliteWorkspaceRepo } from './workspace-repo.js';

export type { Store } from './store.js';

/** The SQLite repositories as better-sqlite3 serves them (synchronously), over one connection. */
export function createSyncSqliteRepositories(db: Database): SynchronousRepositories {
  return {
    workspaces: new SqliteWorkspaceRepo(db),
    members: new SqliteMemberRepo(db),
    activities: new SqliteActivityRepo(db),
    outbox: new SqliteOutboxRepo(db),
    ledger: new SqliteLedgerRepo(db),
    nudges: new SqliteNudgeRepo(db),
    submissions: new SqliteSubmissionRepo(db),
    conversationRefs: new SqliteConversationRefRepo(db),
    confirmations: new SqliteConfirmationRepo(db),
    pendingActivities: new SqlitePendingActivityRepo(db),
    dashboard: new SqliteDashboardAuthRepo(db),
    audit: new SqliteAuditRepo(db),
  };
}

/**
 * The repositories over one connection whose schema is already current. Called by `openSqliteStore`,
 * and by tests that build the database themselves. Every call goes through one `SqliteGate`, so a
 * transaction that awaits keeps other callers' statements out of it; `transaction` nests (savepoints).
 */
export function createSqliteRepositories(db: Database, gate: SqliteGate = new SqliteGate(db)): Repositories {
  return asyncRepositories(createSyncSqliteRepositories(db), gate);
}

/**
 * Opens the database file, brings its schema up to date and builds the repositories. Called through
 * `openStore` by the composition root (`src/main.ts`), the CLI and the demo. Throws the migration
 * runner's errors (`SchemaTooNewError`, …) with the database closed again.
 */
export function openSqliteStore(
  path: string,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
  options: { busyTimeoutMs?: number } = {},
): Store {
  const db = openDatabase(path);
  try {
    const migration = migrate(db, migrationsDir);
    // Migrations may wait for another process; the running server then waits briefly, because the
    // driver is synchronous and every millisecond of waiting is the event loop standing still.
    if (options.busyTimeoutMs !== undefined)
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    const gate = new SqliteGate(db);
    const lastRuns = db.prepare<[], { job: string; at: string }>(
      'SELECT job, MAX(at) AS at FROM job_ledger GROUP BY job ORDER BY job',
    );
    return {
      kind: 'sqlite',
      location: path,
      sqlite: db,
      repos: createSqliteRepositories(db, gate),
      leases: gated<LeaseRepo>(new SqliteLeaseRepo(db), gate),
      replays: gated<ReplayRepo>(new SqliteReplayRepo(db), gate),
      migration,
      lastJobRuns: () => gate.run(() => Object.fromEntries(lastRuns.all().map((row) => [row.job, row.at] as const))),
      close: async () => {
        if (!db.open) return;
        // Refreshes the planner's statistics where they have gone stale, as SQLite advises on close.
        db.pragma('optimize');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
