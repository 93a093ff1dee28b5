import type { Statement } from 'better-sqlite3';
import type { LedgerEntry, LedgerRepo } from '../core/ports.js';
import type { Database } from './database.js';
import { toInstant } from './row-values.js';
import { type LedgerRow, TABLE, toEntry, toLedgerParams } from './rows/ledger-row.js';
import type { Synchronous } from './sqlite-gate.js';

/**
 * Writes one ledger row if (workspace, job, period) is new; the statement is shared with the outbox,
 * whose `commitRun` records the entry in the same transaction as the rows it enqueues.
 */
export function prepareLedgerInsert(db: Database): (entry: LedgerEntry) => boolean {
  const insert: Statement<[LedgerRow]> = db.prepare(
    `INSERT INTO job_ledger (workspace_id, job, period, status, at, detail)
     VALUES (@workspace_id, @job, @period, @status, @at, @detail)
     ON CONFLICT (workspace_id, job, period) DO NOTHING`,
  );
  return (entry) => insert.run(toLedgerParams(entry)).changes > 0;
}

/** The job ledger: one row per job, workspace and period, so a period never runs twice. */
export class SqliteLedgerRepo implements Synchronous<LedgerRepo> {
  private readonly one: Statement<[number, string, string], LedgerRow>;
  private readonly ofWorkspace: Statement<[number], LedgerRow>;
  private readonly ofJob: Statement<[number, string], LedgerRow>;
  private readonly insert: (entry: LedgerEntry) => boolean;
  private readonly olderCount: Statement<[number, string], { n: number }>;
  private readonly olderDelete: Statement<[number, string]>;

  constructor(db: Database) {
    this.olderCount = db.prepare('SELECT COUNT(*) AS n FROM job_ledger WHERE workspace_id = ? AND at < ?');
    this.olderDelete = db.prepare('DELETE FROM job_ledger WHERE workspace_id = ? AND at < ?');
    this.one = db.prepare('SELECT * FROM job_ledger WHERE workspace_id = ? AND job = ? AND period = ?');
    this.ofWorkspace = db.prepare('SELECT * FROM job_ledger WHERE workspace_id = ? ORDER BY at, job, period');
    this.ofJob = db.prepare('SELECT * FROM job_ledger WHERE workspace_id = ? AND job = ? ORDER BY at, period');
    this.insert = prepareLedgerInsert(db);
  }

  get(workspaceId: number, job: string, period: string): LedgerEntry | null {
    const row = this.one.get(workspaceId, job, period);
    return row ? toEntry(row) : null;
  }

  /** Entries oldest first (by the instant they were recorded). */
  list(workspaceId: number, job?: string): LedgerEntry[] {
    const rows = job === undefined ? this.ofWorkspace.all(workspaceId) : this.ofJob.all(workspaceId, job);
    return rows.map(toEntry);
  }

  /** Records an entry (a skipped period, a run that enqueued nothing); false if the period is already in. */
  record(entry: LedgerEntry): boolean {
    return this.insert(entry);
  }

  countBefore(workspaceId: number, before: string): number {
    return this.olderCount.get(workspaceId, toInstant(before, TABLE, 'before'))?.n ?? 0;
  }

  /** Retention: entries recorded before the instant. */
  deleteBefore(workspaceId: number, before: string): number {
    return this.olderDelete.run(workspaceId, toInstant(before, TABLE, 'before')).changes;
  }
}
