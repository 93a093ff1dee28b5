import type { Repositories } from '../../core/ports.js';
import type { OpenStoreOptions } from '../open-store.js';
import { redactedUrl, type Store } from '../store.js';
import { PgActivityRepo } from './pg-activity-repo.js';
import { PgAuditRepo } from './pg-audit-repo.js';
import { PgConfirmationRepo } from './pg-confirmation-repo.js';
import { PgConversationRefRepo } from './pg-conversation-ref-repo.js';
import { PgDashboardAuthRepo } from './pg-dashboard-auth-repo.js';
import { PgDb } from './pg-db.js';
import { PgLeaseRepo } from './pg-lease-repo.js';
import { PgLedgerRepo } from './pg-ledger-repo.js';
import { PgMemberRepo } from './pg-member-repo.js';
import { DEFAULT_PG_MIGRATIONS_DIR, migratePostgres } from './pg-migrate.js';
import { PgNudgeRepo } from './pg-nudge-repo.js';
import { PgOutboxRepo } from './pg-outbox-repo.js';
import { PgPendingActivityRepo } from './pg-pending-activity-repo.js';
import { PgReplayRepo } from './pg-replay-repo.js';
import { PgSubmissionRepo } from './pg-submission-repo.js';
import { PgWorkspaceRepo } from './pg-workspace-repo.js';

/**
 * The repositories over one pool whose schema is already current. Every call awaited inside
 * `transaction` runs on that transaction's connection (`PgDb` follows the async context).
 */
export function createPostgresRepositories(db: PgDb): Repositories {
  return {
    workspaces: new PgWorkspaceRepo(db),
    members: new PgMemberRepo(db),
    activities: new PgActivityRepo(db),
    outbox: new PgOutboxRepo(db),
    ledger: new PgLedgerRepo(db),
    nudges: new PgNudgeRepo(db),
    submissions: new PgSubmissionRepo(db),
    conversationRefs: new PgConversationRefRepo(db),
    confirmations: new PgConfirmationRepo(db),
    pendingActivities: new PgPendingActivityRepo(db),
    dashboard: new PgDashboardAuthRepo(db),
    audit: new PgAuditRepo(db),
    transaction: (fn) => db.transaction(fn),
  };
}

/**
 * Opens a pool on the PostgreSQL database at `url`, brings its schema up to date (several instances
 * may start at once: the runner takes an advisory lock) and builds the store. Called through
 * `openStore`. Throws the migration runner's errors (`SchemaTooNewError`, …) with the pool ended again.
 */
export async function openPostgresStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const db = new PgDb(url, options.poolSize === undefined ? {} : { poolSize: options.poolSize });
  try {
    const migration = await migratePostgres(db, options.migrationsDir ?? DEFAULT_PG_MIGRATIONS_DIR);
    let closed = false;
    return {
      kind: 'postgres',
      location: redactedUrl(url),
      sqlite: null,
      repos: createPostgresRepositories(db),
      leases: new PgLeaseRepo(db),
      replays: new PgReplayRepo(db),
      migration,
      lastJobRuns: async () => {
        const rows = await db.rows<{ job: string; at: string }>(
          'SELECT job, MAX(at) AS at FROM job_ledger GROUP BY job ORDER BY job',
        );
        return Object.fromEntries(rows.map((row) => [row.job, row.at] as const));
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
