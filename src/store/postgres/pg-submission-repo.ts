import type { Submission, SubmissionRepo, SubmissionStatus } from '../../core/ports.js';
import { RowNotFoundError } from '../errors.js';
import { toInstant } from '../row-values.js';
import {
  type NewSubmission,
  type SubmissionRow,
  TABLE,
  toSubmission,
  toSubmissionParams,
} from '../rows/submission-row.js';
import type { PgDb } from './pg-db.js';

/** Stories and ideas members handed over to be posted (the one place message text is stored). */
export class PgSubmissionRepo implements SubmissionRepo {
  constructor(private readonly db: PgDb) {}

  async create(input: NewSubmission): Promise<Submission> {
    const params = toSubmissionParams(input);
    const row = await this.db.one<SubmissionRow>(
      `INSERT INTO submissions (workspace_id, member_id, kind, fields, status, created_at, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        params.workspace_id,
        params.member_id,
        params.kind,
        params.fields,
        params.status,
        params.created_at,
        params.event_id,
      ],
    );
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return toSubmission(row);
  }

  async get(id: number): Promise<Submission | null> {
    const row = await this.db.one<SubmissionRow>('SELECT * FROM submissions WHERE id = $1', [id]);
    return row ? toSubmission(row) : null;
  }

  async decide(id: number, status: 'approved' | 'rejected', by: number, at: string): Promise<Submission> {
    const row = await this.db.one<SubmissionRow>(
      'UPDATE submissions SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 RETURNING *',
      [status, by, toInstant(at, TABLE, 'decided_at'), id],
    );
    if (!row) throw new RowNotFoundError(TABLE, id);
    return toSubmission(row);
  }

  /** Oldest first; all statuses unless one is given. */
  async list(workspaceId: number, status?: SubmissionStatus): Promise<Submission[]> {
    const rows =
      status === undefined
        ? await this.db.rows<SubmissionRow>('SELECT * FROM submissions WHERE workspace_id = $1 ORDER BY id', [
            workspaceId,
          ])
        : await this.db.rows<SubmissionRow>(
            'SELECT * FROM submissions WHERE workspace_id = $1 AND status = $2 ORDER BY id',
            [workspaceId, status],
          );
    return rows.map(toSubmission);
  }
}
