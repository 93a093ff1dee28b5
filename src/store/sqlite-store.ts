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
import { DEFAULT_MIGRATIONS_DIR, type MigrationResult, migrate } from './migrate.js';
import { SqliteNudgeRepo } from './nudge-repo.js';
import { SqliteOutboxRepo } from './outbox-repo.js';
import { SqlitePendingActivityRepo } from './pending-activity-repo.js';
import { SqliteReplayRepo } from './replay-repo.js';
import { SqliteSubmissionRepo } from './submission-repo.js';
import { SqliteWorkspaceRepo } from './workspace-repo.js';

/**
 * The repositories over one connection whose schema is already current. Called by `openStore`, and by
 * tests that build the database themselves. `transaction` nests: a repository's own transaction inside
 * it becomes a savepoint, and everything commits or rolls back together. `fn` must be synchronous
 * (better-sqlite3 refuses a function that returns a promise).
 */
export function createSqliteRepositories(db: Database): Repositories {
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
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}

export interface Store {
  db: Database;
  repos: Repositories;
  /** Named leases (the scheduler's: one process runs jobs at a time). */
  leases: SqliteLeaseRepo;
  /** Signed platform requests already acted on (replay protection). */
  replays: SqliteReplayRepo;
  /** What the migration runner did on open (the CLI's `migrate` prints it). */
  migration: MigrationResult;
  close(): void;
}

/**
 * Opens the database file, brings its schema up to date and builds the repositories. Called once by
 * the composition root (`src/main.ts`), the CLI and the demo. Throws the migration runner's errors
 * (`SchemaTooNewError`, …) with the database closed again.
 */
export function openStore(
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
    const repos = createSqliteRepositories(db);
    return {
      db,
      repos,
      leases: new SqliteLeaseRepo(db),
      replays: new SqliteReplayRepo(db),
      migration,
      close: () => {
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
