import { z } from 'zod';
import type { PendingActivity } from '../../core/ports.js';
import { ACTIVITY_KINDS } from '../../core/types.js';
import { oneOf, readJson } from '../row-values.js';

/** Pending activity rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface PendingRow {
  id: number;
  workspace_id: number;
  event_id: string;
  member_platform_id: string;
  activity: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  status: string;
  created_at: string;
}

export const TABLE = 'pending_activities';
export const STATUSES = ['waiting', 'failed'] as const;

/** The activity as the adapter gave it: ids, kind and time only (no message text ever reaches here). */
export const activitySchema = z.object({
  eventId: z.string().min(1).max(300),
  kind: z.enum(ACTIVITY_KINDS),
  memberPlatformId: z.string().min(1).max(200),
  channelId: z.string().min(1).max(200),
  targetPlatformId: z.string().min(1).max(200).nullable().optional(),
  parentEventId: z.string().min(1).max(300).nullable().optional(),
  occurredAt: z.string().min(1),
});

export function fromRow(row: PendingRow): PendingActivity {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    eventId: row.event_id,
    memberPlatformId: row.member_platform_id,
    activity: readJson(activitySchema, row.activity, TABLE, row.id, 'activity'),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    status: oneOf(STATUSES, row.status, TABLE, row.id, 'status'),
    createdAt: row.created_at,
  };
}
