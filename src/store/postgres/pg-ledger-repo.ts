import type { LedgerEntry, LedgerRepo } from '../../core/ports.js';
import { toInstant } from '../row-values.js';
import { type LedgerRow, TABLE, toEntry, toLedgerParams } from '../rows/ledger-row.js';
import type { PgDb } from './pg-db.js';

/**
 * Writes one ledger row if (workspace, job, period) is new; true when it did. Shared with the outbox,
 * whose `commitRun` records the entry in the same transaction as the rows it enqueues. One statement,
 * so two instances running the same period at once record it once.
 */
export async function insertLedgerEntry(db: PgDb, entry: LedgerEntry): Promise<boolean> {
  const row = toLedgerParams(entry);
  const inserted = await db.run(
    `INSERT INTO job_ledger (workspace_id, job, period, status, at, detail) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id, job, period) DO NOTHING`,
    [row.workspace_id, row.job, row.period, row.status, row.at, row.detail],
  );
  return inserted > 0;
}

/** The job ledger: one row per job, workspace and period, so a period never runs twice. */
export class PgLedgerRepo implements LedgerRepo {
  constructor(private readonly db: PgDb) {}

  async get(workspaceId: number, job: string, period: string): Promise<LedgerEntry | null> {
    const row = await this.db.one<LedgerRow>(
      'SELECT * FROM job_ledger WHERE workspace_id = $1 AND job = $2 AND period = $3',
      [workspaceId, job, period],
    );
    return row ? toEntry(row) : null;
  }

  /** Entries oldest first (by the instant they were recorded). */
  async list(workspaceId: number, job?: string): Promise<LedgerEntry[]> {
    const rows =
      job === undefined
        ? await this.db.rows<LedgerRow>('SELECT * FROM job_ledger WHERE workspace_id = $1 ORDER BY at, job, period', [
            workspaceId,
          ])
        : await this.db.rows<LedgerRow>(
            'SELECT * FROM job_ledger WHERE workspace_id = $1 AND job = $2 ORDER BY at, period',
            [workspaceId, job],
          );
    return rows.map(toEntry);
  }

  /** Records an entry (a skipped period, a run that enqueued nothing); false if the period is already in. */
  record(entry: LedgerEntry): Promise<boolean> {
    return insertLedgerEntry(this.db, entry);
  }

  async countBefore(workspaceId: number, before: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      'SELECT COUNT(*) AS n FROM job_ledger WHERE workspace_id = $1 AND at < $2',
      [workspaceId, toInstant(before, TABLE, 'before')],
    );
    return row?.n ?? 0;
  }

  /** Retention: entries recorded before the instant. */
  deleteBefore(workspaceId: number, before: string): Promise<number> {
    return this.db.run('DELETE FROM job_ledger WHERE workspace_id = $1 AND at < $2', [
      workspaceId,
      toInstant(before, TABLE, 'before'),
    ]);
  }
}
