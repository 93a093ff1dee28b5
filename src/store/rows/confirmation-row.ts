import { z } from 'zod';
import type { PendingConfirmation } from '../../core/ports.js';
import { readJson, toInstant } from '../row-values.js';

/** Confirmation rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface ConfirmationRow {
  id: number;
  workspace_id: number;
  member_id: number;
  command: string;
  args: string;
  created_at: string;
  expires_at: string;
}

export const TABLE = 'command_confirmations';
/** The arguments are validated again by the command's own schema before it runs. */
export const argsSchema = z.record(z.string(), z.unknown());

export function toConfirmation(row: ConfirmationRow): PendingConfirmation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    memberId: row.member_id,
    command: row.command,
    args: readJson(argsSchema, row.args, TABLE, row.id, 'args'),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** A new confirmation as the insert binds it, its arguments and instants checked. */
export function toConfirmationParams(input: Omit<PendingConfirmation, 'id'>): Omit<ConfirmationRow, 'id'> {
  return {
    workspace_id: input.workspaceId,
    member_id: input.memberId,
    command: input.command,
    args: JSON.stringify(argsSchema.parse(input.args)),
    created_at: toInstant(input.createdAt, TABLE, 'created_at'),
    expires_at: toInstant(input.expiresAt, TABLE, 'expires_at'),
  };
}
