import type { LedgerEntry, NewOutboxRow, OutboxRepo, OutboxRow, OutboxStatus } from '../../core/ports.js';
import { RowNotFoundError } from '../errors.js';
import { type OutboxDbRow, toOutboxInsert, toOutboxRow } from '../outbox-repo.js';
import { toInstant } from '../row-values.js';
import type { PgDb } from './pg-db.js';

const TABLE = 'outbox';

/** The claim columns a finished or rescheduled row gives up. */
const UNCLAIM = 'claimed_by = NULL, lease_until = NULL, sending_since = NULL';

/**
 * Many rows in one statement, one array per column (`unnest` keeps their order, so ids follow the
 * order given, as SQLite's row-by-row inserts do). The conflict target is the unique key only: a row
 * breaking a CHECK still fails loudly.
 */
const ENQUEUE = `INSERT INTO outbox (workspace_id, job, period, recipient_kind, recipient_id, message, not_before, created_at)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  ON CONFLICT (workspace_id, job, period, recipient_kind, recipient_id) DO NOTHING`;

/**
 * `OUTBOX_READS.claim` (outbox-repo.ts) for several instances: due rows nobody holds (unclaimed,
 * claimed by this holder, or whose lease lapsed), locked as they are chosen; a row another instance
 * is claiming at this moment is skipped rather than waited for, so two claims never share a row and
 * never queue behind each other. A row found with `sending_since` set under another holder may
 * already have been delivered: it is counted.
 */
const CLAIM = `UPDATE outbox o SET claimed_by = $1, lease_until = $3,
    possible_duplicates = o.possible_duplicates
      + (CASE WHEN o.sending_since IS NOT NULL AND o.claimed_by IS DISTINCT FROM $1 THEN 1 ELSE 0 END)
  WHERE o.id IN (
    SELECT id FROM outbox
    WHERE status = 'pending' AND not_before <= $2
      AND (claimed_by IS NULL OR claimed_by = $1 OR lease_until <= $2)
      AND id <> ALL($5::bigint[])
    ORDER BY not_before, id LIMIT $4
    FOR UPDATE SKIP LOCKED)
  RETURNING o.*`;

/** When a row finished: sent_at, failed_at, or (cancelled, or failed before failed_at existed) created_at. */
const FINISHED_BEFORE = `workspace_id = $1 AND status <> 'pending'
  AND COALESCE(CASE status WHEN 'sent' THEN sent_at WHEN 'failed' THEN failed_at END, created_at) < $2`;

/**
 * `SqliteOutboxRepo` (outbox-repo.ts) on PostgreSQL, for several instances draining one outbox: rows
 * keyed (workspace, job, period, recipient) and enqueued with `ON CONFLICT DO NOTHING`; a run's ledger
 * row and its messages written in one transaction, the messages only when the ledger row is new.
 */
export class PgOutboxRepo implements OutboxRepo {
  constructor(private readonly db: PgDb) {}

  commitRun(entry: LedgerEntry, rows: NewOutboxRow[]): Promise<boolean> {
    const at = toInstant(entry.at, 'job_ledger', 'at');
    return this.db.transaction(async () => {
      const recorded = await this.db.run(
        `INSERT INTO job_ledger (workspace_id, job, period, status, at, detail) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (workspace_id, job, period) DO NOTHING`,
        [entry.workspaceId, entry.job, entry.period, entry.status, at, entry.detail],
      );
      if (recorded === 0) return false;
      await this.enqueue(rows);
      return true;
    });
  }

  /** Returns how many rows were new (rows already keyed the same way are left as they are). */
  async enqueue(rows: NewOutboxRow[]): Promise<number> {
    const params = rows.map(toOutboxInsert);
    if (params.length === 0) return 0;
    return this.db.run(ENQUEUE, [
      params.map((p) => p.workspace_id),
      params.map((p) => p.job),
      params.map((p) => p.period),
      params.map((p) => p.recipient_kind),
      params.map((p) => p.recipient_id),
      params.map((p) => p.message),
      params.map((p) => p.not_before),
      params.map((p) => p.created_at),
    ]);
  }

  async due(now: string, limit: number): Promise<OutboxRow[]> {
    const rows = await this.db.rows<OutboxDbRow>(
      "SELECT * FROM outbox WHERE status = 'pending' AND not_before <= $1 ORDER BY not_before, id LIMIT $2",
      [toInstant(now, TABLE, 'now'), Math.max(0, Math.floor(limit))],
    );
    return rows.map(toOutboxRow);
  }

  /** Claims up to `limit` due rows for `holder` until `leaseUntil`; rows in `skip` are left alone. Oldest first. */
  async claim(
    holder: string,
    now: string,
    leaseUntil: string,
    limit: number,
    skip: readonly number[] = [],
  ): Promise<OutboxRow[]> {
    const rows = await this.db.rows<OutboxDbRow>(CLAIM, [
      holder,
      toInstant(now, TABLE, 'now'),
      toInstant(leaseUntil, TABLE, 'lease_until'),
      Math.max(0, Math.floor(limit)),
      [...skip],
    ]);
    return rows
      .sort((a, b) => (a.not_before < b.not_before ? -1 : a.not_before > b.not_before ? 1 : a.id - b.id))
      .map(toOutboxRow);
  }

  /**
   * Written just before the platform call: true when `holder` still holds the row with a live lease
   * (renewed to `leaseUntil`); false when the lease lapsed or another instance took the row over.
   * A lapsed lease is refused even when nobody took the row yet: another instance may be claiming it
   * at this moment, and whoever claims it next sends it.
   */
  async beginSend(id: number, holder: string, now: string, leaseUntil: string): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE outbox SET sending_since = $3, lease_until = $4
       WHERE id = $1 AND status = 'pending' AND claimed_by = $2 AND lease_until > $3`,
      [id, holder, toInstant(now, TABLE, 'sending_since'), toInstant(leaseUntil, TABLE, 'lease_until')],
    );
    return changed === 1;
  }

  /** Gives back every row `holder` claimed but did not start sending (a drain that stopped early). */
  release(holder: string): Promise<number> {
    return this.db.run(
      "UPDATE outbox SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = $1 AND sending_since IS NULL AND status = 'pending'",
      [holder],
    );
  }

  /** Pending rows, the oldest pending row's creation and rows that may have been delivered twice. */
  async backlog(): Promise<{ pending: number; oldestCreatedAt: string | null; possibleDuplicates: number }> {
    const row = await this.db.one<{ pending: number; oldest: string | null; duplicates: number }>(
      `SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS pending,
              (SELECT MIN(created_at) FROM outbox WHERE status = 'pending') AS oldest,
              (SELECT COUNT(*) FROM outbox WHERE possible_duplicates > 0) AS duplicates`,
    );
    return {
      pending: row?.pending ?? 0,
      oldestCreatedAt: row?.oldest ?? null,
      possibleDuplicates: row?.duplicates ?? 0,
    };
  }

  async pending(workspaceId?: number): Promise<OutboxRow[]> {
    const rows =
      workspaceId === undefined
        ? await this.db.rows<OutboxDbRow>("SELECT * FROM outbox WHERE status = 'pending' ORDER BY not_before, id")
        : await this.db.rows<OutboxDbRow>(
            "SELECT * FROM outbox WHERE status = 'pending' AND workspace_id = $1 ORDER BY not_before, id",
            [workspaceId],
          );
    return rows.map(toOutboxRow);
  }

  async markSent(id: number, platformMessageId: string, at: string): Promise<void> {
    const changed = await this.db.run(
      `UPDATE outbox SET status = 'sent', platform_message_id = $2, sent_at = $3, last_error = NULL, ${UNCLAIM} WHERE id = $1`,
      [id, platformMessageId, toInstant(at, TABLE, 'sent_at')],
    );
    mustChange(changed, id);
  }

  /** Permanent failure: the row leaves the queue with the reason; `at` is kept in `failed_at`. */
  async markFailed(id: number, reason: string, at: string): Promise<void> {
    const changed = await this.db.run(
      `UPDATE outbox SET status = 'failed', last_error = $2, failed_at = $3, ${UNCLAIM} WHERE id = $1`,
      [id, reason, toInstant(at, TABLE, 'failed_at')],
    );
    mustChange(changed, id);
  }

  /** Transient failure: counts the attempt and keeps the row pending until `notBefore`. */
  async reschedule(id: number, notBefore: string, error: string): Promise<void> {
    const changed = await this.db.run(
      `UPDATE outbox SET attempts = attempts + 1, not_before = $2, last_error = $3, ${UNCLAIM} WHERE id = $1`,
      [id, toInstant(notBefore, TABLE, 'not_before'), error],
    );
    mustChange(changed, id);
  }

  async defer(id: number, notBefore: string): Promise<void> {
    await this.db.run(`UPDATE outbox SET not_before = $2, ${UNCLAIM} WHERE id = $1 AND status = 'pending'`, [
      id,
      toInstant(notBefore, TABLE, 'not_before'),
    ]);
  }

  async get(id: number): Promise<OutboxRow | null> {
    const row = await this.db.one<OutboxDbRow>('SELECT * FROM outbox WHERE id = $1', [id]);
    return row ? toOutboxRow(row) : null;
  }

  async list(
    workspaceId: number,
    filter: { job?: string; status?: OutboxStatus; recipientId?: string } = {},
  ): Promise<OutboxRow[]> {
    const rows = await this.db.rows<OutboxDbRow>(
      `SELECT * FROM outbox WHERE workspace_id = $1
         AND ($2::text IS NULL OR job = $2)
         AND ($3::text IS NULL OR status = $3)
         AND ($4::text IS NULL OR recipient_id = $4)
       ORDER BY id`,
      [workspaceId, filter.job ?? null, filter.status ?? null, filter.recipientId ?? null],
    );
    return rows.map(toOutboxRow);
  }

  async countForMember(
    workspaceId: number,
    memberPlatformId: string,
    jobs: readonly string[],
    since: string,
  ): Promise<number> {
    if (jobs.length === 0) return 0;
    const row = await this.db.one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM outbox
       WHERE workspace_id = $1 AND recipient_id = $2 AND created_at >= $3 AND recipient_kind = 'member'
         AND status <> 'cancelled' AND job = ANY($4::text[])`,
      [workspaceId, memberPlatformId, toInstant(since, TABLE, 'since'), [...jobs]],
    );
    return row?.n ?? 0;
  }

  async countFinishedBefore(workspaceId: number, before: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE ${FINISHED_BEFORE}`, [
      workspaceId,
      toInstant(before, TABLE, 'before'),
    ]);
    return row?.n ?? 0;
  }

  /** Retention: sent, failed and cancelled rows that finished before the instant; pending rows stay. */
  deleteFinishedBefore(workspaceId: number, before: string): Promise<number> {
    return this.db.run(`DELETE FROM outbox WHERE ${FINISHED_BEFORE}`, [
      workspaceId,
      toInstant(before, TABLE, 'before'),
    ]);
  }
}

function mustChange(changes: number, id: number): void {
  if (changes === 0) throw new RowNotFoundError(TABLE, id);
}
