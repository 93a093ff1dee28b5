import type { DashboardGrant } from '../../core/ports.js';

/** Dashboard rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface GrantRow {
  workspace_id: number;
  member_id: number;
  created_at: string;
  expires_at: string;
}

export interface TokenRow extends GrantRow {
  used_at: string | null;
}

export function toGrant(row: GrantRow): DashboardGrant {
  return {
    workspaceId: row.workspace_id,
    memberId: row.member_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
