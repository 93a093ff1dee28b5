import { z } from 'zod';
import { FORM_KINDS } from '../../core/message.js';
import type { Submission, SubmissionStatus } from '../../core/ports.js';
import { oneOf, readJson, toInstant, writeJson } from '../row-values.js';

/** Submission rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface SubmissionRow {
  id: number;
  workspace_id: number;
  member_id: number;
  kind: string;
  fields: string;
  status: string;
  created_at: string;
  decided_by: number | null;
  decided_at: string | null;
  event_id: string | null;
}

export const TABLE = 'submissions';
export const STATUSES: readonly SubmissionStatus[] = ['posted', 'pending', 'approved', 'rejected'];
/** A submission's fields: form field id → the text the member wrote. */
export const submissionFieldsSchema = z.record(z.string(), z.string());

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    memberId: row.member_id,
    kind: oneOf(FORM_KINDS, row.kind, TABLE, row.id, 'kind'),
    fields: readJson(submissionFieldsSchema, row.fields, TABLE, row.id, 'fields'),
    status: oneOf(STATUSES, row.status, TABLE, row.id, 'status'),
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    eventId: row.event_id,
  };
}

/** What `create` is given: a submission before its id, its decision and (when it has none) its event. */
export type NewSubmission = Omit<Submission, 'id' | 'decidedBy' | 'decidedAt' | 'eventId'> & {
  eventId?: string | null;
};

/** A new submission as the insert binds it, its fields and instant checked. */
export function toSubmissionParams(input: NewSubmission): Omit<SubmissionRow, 'id' | 'decided_by' | 'decided_at'> {
  return {
    workspace_id: input.workspaceId,
    member_id: input.memberId,
    kind: input.kind,
    fields: writeJson(submissionFieldsSchema, input.fields, TABLE, 'fields'),
    status: input.status,
    created_at: toInstant(input.createdAt, TABLE, 'created_at'),
    event_id: input.eventId ?? null,
  };
}
