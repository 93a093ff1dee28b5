import type { LedgerEntry, LedgerStatus } from '../../core/ports.js';
import { oneOf, toInstant } from '../row-values.js';

/** Ledger rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface LedgerRow {
  workspace_id: number;
  job: string;
  period: string;
  status: string;
  at: string;
  detail: string | null;
}

export const TABLE = 'job_ledger';
export const STATUSES: readonly LedgerStatus[] = ['done', 'skipped'];

export function toEntry(row: LedgerRow): LedgerEntry {
  return {
    workspaceId: row.workspace_id,
    job: row.job,
    period: row.period,
    status: oneOf(STATUSES, row.status, TABLE, `${row.workspace_id}/${row.job}/${row.period}`, 'status'),
    at: row.at,
    detail: row.detail,
  };
}

/** An entry as the insert binds it, its instant checked. */
export function toLedgerParams(entry: LedgerEntry): LedgerRow {
  return {
    workspace_id: entry.workspaceId,
    job: entry.job,
    period: entry.period,
    status: entry.status,
    at: toInstant(entry.at, TABLE, 'at'),
    detail: entry.detail,
  };
}
