import type { NudgeState, NudgeStep } from '../../core/ports.js';
import { CorruptRowError } from '../errors.js';

/** Nudge rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface NudgeRow {
  member_id: number;
  step: number;
  last_nudged_at: string | null;
  rest_until: string | null;
}

export const TABLE = 'nudge_states';

export function toState(row: NudgeRow): NudgeState {
  return {
    memberId: row.member_id,
    step: stepOf(row.step, row.member_id),
    lastNudgedAt: row.last_nudged_at,
    restUntil: row.rest_until,
  };
}

export function stepOf(step: number, memberId: number): NudgeStep {
  if (step === 0 || step === 1 || step === 2 || step === 3) return step;
  throw new CorruptRowError(TABLE, memberId, `step is ${step}, expected 0 to 3`);
}
