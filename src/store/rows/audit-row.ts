import { z } from 'zod';
import type { AuditEntry } from '../../core/ports.js';
import { readJson, toInstant } from '../row-values.js';

/** Audit rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface AuditRow {
  id: number;
  workspace_id: number;
  actor_member_id: number | null;
  command: string;
  target_member_id: number | null;
  summary: string;
  at: string;
}

export const TABLE = 'audit_log';
/** Flat values only: the summary holds ids, counts, switches and names of closed choices, never prose. */
export const summarySchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    actorMemberId: row.actor_member_id,
    command: row.command,
    targetMemberId: row.target_member_id,
    summary: readJson(summarySchema, row.summary, TABLE, row.id, 'summary'),
    at: row.at,
  };
}

/** An entry as the insert binds it, its summary and instant checked. */
export function toAuditParams(entry: Omit<AuditEntry, 'id'>): Omit<AuditRow, 'id'> {
  return {
    workspace_id: entry.workspaceId,
    actor_member_id: entry.actorMemberId,
    command: entry.command,
    target_member_id: entry.targetMemberId,
    summary: JSON.stringify(summarySchema.parse(entry.summary)),
    at: toInstant(entry.at, TABLE, 'at'),
  };
}
