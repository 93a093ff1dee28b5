import type { Statement, Transaction } from 'better-sqlite3';
import { messageSchema } from '../core/message.js';
import type { LedgerEntry, NewOutboxRow, OutboxRepo, OutboxRow, OutboxStatus, Recipient } from '../core/ports.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { prepareLedgerInsert } from './ledger-repo.js';
import { oneOf, readJson, toInstant, writeJson } from './row-values.js';
import type { Synchronous } from './sqlite-gate.js';

export interface OutboxDbRow {
  id: number;
  workspace_id: number;
  job: string;
  period: string;
  recipient_kind: string;
  recipient_id: string;
  message: string;
  status: string;
  attempts: number;
  not_before: string;
  last_error: string | null;
  platform_message_id: string | null;
  created_at: string;
  sent_at: string | null;
  claimed_by: string | null;
  lease_until: string | null;
  sending_since: string | null;
  possible_duplicates: number;
}

interface ClaimParams {
  holder: string;
  now: string;
  lease_until: string;
  limit: number;
  skip: string;
}

interface BeginParams {
  id: number;
  holder: string;
  now: string;
  lease_until: string;
}

export type OutboxInsertParams = Pick<
  OutboxDbRow,
  'workspace_id' | 'job' | 'period' | 'recipient_kind' | 'recipient_id' | 'message' | 'not_before' | 'created_at'
>;

interface ListFilter {
  workspace_id: number;
  job: string | null;
  status: string | null;
  recipient_id: string | null;
}

const TABLE = 'outbox';
const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed', 'cancelled'];
const RECIPIENT_KINDS: readonly Recipient['kind'][] = ['channel', 'member'];

/** The reads the worker and the frequency caps run often; exported so a test can check their plans. */
export const OUTBOX_READS = {
  due: "SELECT * FROM outbox WHERE status = 'pending' AND not_before <= ? ORDER BY not_before, id LIMIT ?",
  // The job list is one JSON parameter, so one prepared statement serves any number of jobs.
  countForMember: `SELECT COUNT(*) AS n FROM outbox
    WHERE workspace_id = ? AND recipient_id = ? AND created_at >= ? AND recipient_kind = 'member'
      AND status <> 'cancelled' AND job IN (SELECT value FROM json_each(?))`,
  // Due rows nobody holds: unclaimed, claimed by this holder, or whose lease lapsed. A row found with
  // `sending_since` set under another holder may already have been delivered: it is counted.
  claim: `UPDATE outbox SET claimed_by = @holder, lease_until = @lease_until,
      possible_duplicates = possible_duplicates
        + (CASE WHEN sending_since IS NOT NULL AND claimed_by IS NOT @holder THEN 1 ELSE 0 END)
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'pending' AND not_before <= @now
        AND (claimed_by IS NULL OR claimed_by = @holder OR lease_until <= @now)
        AND id NOT IN (SELECT value FROM json_each(@skip))
      ORDER BY not_before, id LIMIT @limit)
    RETURNING *`,
} as const;

/** The claim columns a finished or rescheduled row gives up. */
const UNCLAIM = 'claimed_by = NULL, lease_until = NULL, sending_since = NULL';

export function toOutboxRow(row: OutboxDbRow): OutboxRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    job: row.job,
    period: row.period,
    recipient: {
      kind: oneOf(RECIPIENT_KINDS, row.recipient_kind, TABLE, row.id, 'recipient_kind'),
      id: row.recipient_id,
    },
    message: readJson(messageSchema, row.message, TABLE, row.id, 'message'),
    status: oneOf(STATUSES, row.status, TABLE, row.id, 'status'),
    attempts: row.attempts,
    notBefore: row.not_before,
    lastError: row.last_error,
    platformMessageId: row.platform_message_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
    sendingSince: row.sending_since,
    possibleDuplicates: row.possible_duplicates,
  };
}

/**
 * Validates before writing: a message that would not read back would block the send queue, so it is
 * refused here, where the program that built it can still be named.
 */
export function toOutboxInsert(row: NewOutboxRow): OutboxInsertParams {
  return {
    workspace_id: row.workspaceId,
    job: row.job,
    period: row.period,
    recipient_kind: row.recipient.kind,
    recipient_id: row.recipient.id,
    message: writeJson(messageSchema, row.message, TABLE, 'message'),
    not_before: toInstant(row.notBefore, TABLE, 'not_before'),
    created_at: toInstant(row.createdAt, TABLE, 'created_at'),
  };
}

/** The outbox: every outgoing message, written before it is sent, keyed (job, period, recipient). */
export class SqliteOutboxRepo implements Synchronous<OutboxRepo> {
  private readonly insert: Statement<[OutboxInsertParams]>;
  private readonly dueRows: Statement<[string, number], OutboxDbRow>;
  private readonly allPending: Statement<[], OutboxDbRow>;
  private readonly pendingOf: Statement<[number], OutboxDbRow>;
  private readonly sent: Statement<[string, string, number]>;
  private readonly failed: Statement<[string, string, number]>;
  private readonly later: Statement<[string, string, number]>;
  private readonly postpone: Statement<[string, number]>;
  private readonly byId: Statement<[number], OutboxDbRow>;
  private readonly filtered: Statement<[ListFilter], OutboxDbRow>;
  private readonly memberCount: Statement<[number, string, string, string], { n: number }>;
  private readonly finishedCount: Statement<[number, string], { n: number }>;
  private readonly finishedDelete: Statement<[number, string]>;
  private readonly claimRows: Statement<[ClaimParams], OutboxDbRow>;
  private readonly begin: Statement<[BeginParams]>;
  private readonly releaseHeld: Statement<[string]>;
  private readonly backlogRead: Statement<[], { pending: number; oldest: string | null; duplicates: number }>;
  private readonly claimTx: Transaction<(params: ClaimParams) => OutboxDbRow[]>;
  private readonly enqueueTx: Transaction<(rows: NewOutboxRow[]) => number>;
  private readonly commitTx: Transaction<(entry: LedgerEntry, rows: NewOutboxRow[]) => boolean>;

  constructor(db: Database) {
    // The conflict target is the unique key only: a row breaking a CHECK still fails loudly.
    this.insert = db.prepare(
      `INSERT INTO outbox (workspace_id, job, period, recipient_kind, recipient_id, message, not_before, created_at)
       VALUES (@workspace_id, @job, @period, @recipient_kind, @recipient_id, @message, @not_before, @created_at)
       ON CONFLICT (workspace_id, job, period, recipient_kind, recipient_id) DO NOTHING`,
    );
    this.dueRows = db.prepare(OUTBOX_READS.due);
    this.allPending = db.prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY not_before, id");
    this.pendingOf = db.prepare(
      "SELECT * FROM outbox WHERE status = 'pending' AND workspace_id = ? ORDER BY not_before, id",
    );
    this.sent = db.prepare(
      `UPDATE outbox SET status = 'sent', platform_message_id = ?, sent_at = ?, last_error = NULL, ${UNCLAIM} WHERE id = ?`,
    );
    this.failed = db.prepare(
      `UPDATE outbox SET status = 'failed', last_error = ?, failed_at = ?, ${UNCLAIM} WHERE id = ?`,
    );
    this.later = db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?, ${UNCLAIM} WHERE id = ?`,
    );
    this.postpone = db.prepare(`UPDATE outbox SET not_before = ?, ${UNCLAIM} WHERE id = ? AND status = 'pending'`);
    this.byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.filtered = db.prepare(
      `SELECT * FROM outbox WHERE workspace_id = @workspace_id
         AND (@job IS NULL OR job = @job)
         AND (@status IS NULL OR status = @status)
         AND (@recipient_id IS NULL OR recipient_id = @recipient_id)
       ORDER BY id`,
    );
    this.memberCount = db.prepare(OUTBOX_READS.countForMember);
    // When a row finished: sent_at, failed_at, or (cancelled, or failed before failed_at existed) created_at.
    const finishedBefore = `workspace_id = ? AND status <> 'pending'
      AND COALESCE(CASE status WHEN 'sent' THEN sent_at WHEN 'failed' THEN failed_at END, created_at) < ?`;
    this.finishedCount = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE ${finishedBefore}`);
    this.finishedDelete = db.prepare(`DELETE FROM outbox WHERE ${finishedBefore}`);

    this.claimRows = db.prepare(OUTBOX_READS.claim);
    this.begin = db.prepare(
      `UPDATE outbox SET sending_since = @now, lease_until = @lease_until
       WHERE id = @id AND status = 'pending' AND claimed_by = @holder`,
    );
    this.releaseHeld = db.prepare(
      "UPDATE outbox SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = ? AND sending_since IS NULL AND status = 'pending'",
    );
    this.backlogRead = db.prepare(
      `SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS pending,
              (SELECT MIN(created_at) FROM outbox WHERE status = 'pending') AS oldest,
              (SELECT COUNT(*) FROM outbox WHERE possible_duplicates > 0) AS duplicates`,
    );
    // .all() steps the UPDATE to its end, so the rows come back only once every change is made.
    this.claimTx = db.transaction((params: ClaimParams) => this.claimRows.all(params));
    this.enqueueTx = db.transaction((rows: NewOutboxRow[]) => {
      let added = 0;
      for (const row of rows) added += this.insert.run(toOutboxInsert(row)).changes;
      return added;
    });
    const recordLedger = prepareLedgerInsert(db);
    this.commitTx = db.transaction((entry: LedgerEntry, rows: NewOutboxRow[]) => {
      if (!recordLedger(entry)) return false;
      this.enqueueTx(rows);
      return true;
    });
  }

  commitRun(entry: LedgerEntry, rows: NewOutboxRow[]): boolean {
    return this.commitTx(entry, rows);
  }

  /** Returns how many rows were new (rows already keyed the same way are left as they are). */
  enqueue(rows: NewOutboxRow[]): number {
    return this.enqueueTx(rows);
  }

  due(now: string, limit: number): OutboxRow[] {
    return this.dueRows.all(toInstant(now, TABLE, 'now'), Math.max(0, Math.floor(limit))).map(toOutboxRow);
  }

  /**
   * Claims up to `limit` due rows for `holder` until `leaseUntil`, in one IMMEDIATE transaction (the
   * write lock is taken before the rows are chosen, so two processes never claim one row). Rows in
   * `skip` are left alone. Oldest first.
   */
  claim(holder: string, now: string, leaseUntil: string, limit: number, skip: readonly number[] = []): OutboxRow[] {
    const rows = this.claimTx.immediate({
      holder,
      now: toInstant(now, TABLE, 'now'),
      lease_until: toInstant(leaseUntil, TABLE, 'lease_until'),
      limit: Math.max(0, Math.floor(limit)),
      skip: JSON.stringify(skip),
    });
    return rows
      .sort((a, b) => (a.not_before < b.not_before ? -1 : a.not_before > b.not_before ? 1 : a.id - b.id))
      .map(toOutboxRow);
  }

  /**
   * Written just before the platform call: true when `holder` still holds the row (its lease is
   * renewed to `leaseUntil`); false when another process took it over, which then sends it instead.
   */
  beginSend(id: number, holder: string, now: string, leaseUntil: string): boolean {
    const params = {
      id,
      holder,
      now: toInstant(now, TABLE, 'sending_since'),
      lease_until: toInstant(leaseUntil, TABLE, 'lease_until'),
    };
    return this.begin.run(params).changes === 1;
  }

  /** Gives back every row `holder` claimed but did not start sending (a drain that stopped early). */
  release(holder: string): number {
    return this.releaseHeld.run(holder).changes;
  }

  /** Pending rows, the oldest pending row's creation and rows that may have been delivered twice. */
  backlog(): { pending: number; oldestCreatedAt: string | null; possibleDuplicates: number } {
    const row = this.backlogRead.get();
    return {
      pending: row?.pending ?? 0,
      oldestCreatedAt: row?.oldest ?? null,
      possibleDuplicates: row?.duplicates ?? 0,
    };
  }

  pending(workspaceId?: number): OutboxRow[] {
    return (workspaceId === undefined ? this.allPending.all() : this.pendingOf.all(workspaceId)).map(toOutboxRow);
  }

  markSent(id: number, platformMessageId: string, at: string): void {
    this.mustChange(this.sent.run(platformMessageId, toInstant(at, TABLE, 'sent_at'), id).changes, id);
  }

  /** Permanent failure: the row leaves the queue with the reason; `at` is kept in `failed_at`. */
  markFailed(id: number, reason: string, at: string): void {
    this.mustChange(this.failed.run(reason, toInstant(at, TABLE, 'failed_at'), id).changes, id);
  }

  /** Transient failure: counts the attempt and keeps the row pending until `notBefore`. */
  reschedule(id: number, notBefore: string, error: string): void {
    this.mustChange(this.later.run(toInstant(notBefore, TABLE, 'not_before'), error, id).changes, id);
  }

  defer(id: number, notBefore: string): void {
    this.postpone.run(toInstant(notBefore, TABLE, 'not_before'), id);
  }

  get(id: number): OutboxRow | null {
    const row = this.byId.get(id);
    return row ? toOutboxRow(row) : null;
  }

  list(workspaceId: number, filter: { job?: string; status?: OutboxStatus; recipientId?: string } = {}): OutboxRow[] {
    return this.filtered
      .all({
        workspace_id: workspaceId,
        job: filter.job ?? null,
        status: filter.status ?? null,
        recipient_id: filter.recipientId ?? null,
      })
      .map(toOutboxRow);
  }

  countForMember(workspaceId: number, memberPlatformId: string, jobs: readonly string[], since: string): number {
    if (jobs.length === 0) return 0;
    const row = this.memberCount.get(
      workspaceId,
      memberPlatformId,
      toInstant(since, TABLE, 'since'),
      JSON.stringify(jobs),
    );
    return row?.n ?? 0;
  }

  countFinishedBefore(workspaceId: number, before: string): number {
    return this.finishedCount.get(workspaceId, toInstant(before, TABLE, 'before'))?.n ?? 0;
  }

  /** Retention: sent, failed and cancelled rows that finished before the instant; pending rows stay. */
  deleteFinishedBefore(workspaceId: number, before: string): number {
    return this.finishedDelete.run(workspaceId, toInstant(before, TABLE, 'before')).changes;
  }

  private mustChange(changes: number, id: number): void {
    if (changes === 0) throw new RowNotFoundError(TABLE, id);
  }
}
