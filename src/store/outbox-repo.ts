import type { Statement, Transaction } from 'better-sqlite3';
import { messageSchema } from '../core/message.js';
import type { LedgerEntry, NewOutboxRow, OutboxRepo, OutboxRow, OutboxStatus, Recipient } from '../core/ports.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { prepareLedgerInsert } from './ledger-repo.js';
import { oneOf, readJson, toInstant, writeJson } from './row-values.js';

interface OutboxDbRow {
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
}

type InsertParams = Pick<
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
} as const;

function toRow(row: OutboxDbRow): OutboxRow {
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
  };
}

/**
 * Validates before writing: a message that would not read back would block the send queue, so it is
 * refused here, where the program that built it can still be named.
 */
function toInsert(row: NewOutboxRow): InsertParams {
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
export class SqliteOutboxRepo implements OutboxRepo {
  private readonly insert: Statement<[InsertParams]>;
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
      "UPDATE outbox SET status = 'sent', platform_message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
    );
    this.failed = db.prepare("UPDATE outbox SET status = 'failed', last_error = ?, failed_at = ? WHERE id = ?");
    this.later = db.prepare('UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ? WHERE id = ?');
    this.postpone = db.prepare("UPDATE outbox SET not_before = ? WHERE id = ? AND status = 'pending'");
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

    this.enqueueTx = db.transaction((rows: NewOutboxRow[]) => {
      let added = 0;
      for (const row of rows) added += this.insert.run(toInsert(row)).changes;
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
    return this.dueRows.all(toInstant(now, TABLE, 'now'), Math.max(0, Math.floor(limit))).map(toRow);
  }

  pending(workspaceId?: number): OutboxRow[] {
    return (workspaceId === undefined ? this.allPending.all() : this.pendingOf.all(workspaceId)).map(toRow);
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
    return row ? toRow(row) : null;
  }

  list(workspaceId: number, filter: { job?: string; status?: OutboxStatus; recipientId?: string } = {}): OutboxRow[] {
    return this.filtered
      .all({
        workspace_id: workspaceId,
        job: filter.job ?? null,
        status: filter.status ?? null,
        recipient_id: filter.recipientId ?? null,
      })
      .map(toRow);
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
