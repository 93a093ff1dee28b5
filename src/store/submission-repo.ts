import type { Statement } from 'better-sqlite3';
import type { Submission, SubmissionRepo, SubmissionStatus } from '../core/ports.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { toInstant } from './row-values.js';
import {
  type NewSubmission,
  type SubmissionRow,
  TABLE,
  toSubmission,
  toSubmissionParams,
} from './rows/submission-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** Stories and ideas members handed over to be posted (the one place message text is stored). */
export class SqliteSubmissionRepo implements Synchronous<SubmissionRepo> {
  private readonly insert: Statement<[Omit<SubmissionRow, 'id' | 'decided_by' | 'decided_at'>], SubmissionRow>;
  private readonly byId: Statement<[number], SubmissionRow>;
  private readonly decision: Statement<[string, number, string, number], SubmissionRow>;
  private readonly ofWorkspace: Statement<[number], SubmissionRow>;
  private readonly ofStatus: Statement<[number, string], SubmissionRow>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO submissions (workspace_id, member_id, kind, fields, status, created_at, event_id)
       VALUES (@workspace_id, @member_id, @kind, @fields, @status, @created_at, @event_id) RETURNING *`,
    );
    this.byId = db.prepare('SELECT * FROM submissions WHERE id = ?');
    this.decision = db.prepare(
      'UPDATE submissions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? RETURNING *',
    );
    this.ofWorkspace = db.prepare('SELECT * FROM submissions WHERE workspace_id = ? ORDER BY id');
    this.ofStatus = db.prepare('SELECT * FROM submissions WHERE workspace_id = ? AND status = ? ORDER BY id');
  }

  create(input: NewSubmission): Submission {
    // .all(): see SqliteMemberRepo.create (a .get() on RETURNING loses the commit's error).
    const [row] = this.insert.all(toSubmissionParams(input));
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return toSubmission(row);
  }

  get(id: number): Submission | null {
    const row = this.byId.get(id);
    return row ? toSubmission(row) : null;
  }

  decide(id: number, status: 'approved' | 'rejected', by: number, at: string): Submission {
    const [row] = this.decision.all(status, by, toInstant(at, TABLE, 'decided_at'), id);
    if (!row) throw new RowNotFoundError(TABLE, id);
    return toSubmission(row);
  }

  /** Oldest first; all statuses unless one is given. */
  list(workspaceId: number, status?: SubmissionStatus): Submission[] {
    const rows = status === undefined ? this.ofWorkspace.all(workspaceId) : this.ofStatus.all(workspaceId, status);
    return rows.map(toSubmission);
  }
}
