import type { NudgeRepo, NudgeState } from '../../core/ports.js';
import { InvalidValueError } from '../errors.js';
import { toInstantOrNull } from '../row-values.js';
import { type NudgeRow, TABLE, toState } from '../rows/nudge-row.js';
import type { PgDb } from './pg-db.js';

/** Where each member stands on the nudge ladder; a member never nudged has no row. */
export class PgNudgeRepo implements NudgeRepo {
  constructor(private readonly db: PgDb) {}

  /** The member's state; a member with no row is at the bottom of the ladder. */
  async get(memberId: number): Promise<NudgeState> {
    const row = await this.db.one<NudgeRow>('SELECT * FROM nudge_states WHERE member_id = $1', [memberId]);
    return row ? toState(row) : { memberId, step: 0, lastNudgedAt: null, restUntil: null };
  }

  async save(state: NudgeState): Promise<void> {
    if (!Number.isInteger(state.step) || state.step < 0 || state.step > 3) {
      throw new InvalidValueError(TABLE, 'step', `${state.step} is not a ladder step (0 to 3)`);
    }
    await this.db.run(
      `INSERT INTO nudge_states (member_id, step, last_nudged_at, rest_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id) DO UPDATE SET
         step = excluded.step, last_nudged_at = excluded.last_nudged_at, rest_until = excluded.rest_until`,
      [
        state.memberId,
        state.step,
        toInstantOrNull(state.lastNudgedAt, TABLE, 'last_nudged_at'),
        toInstantOrNull(state.restUntil, TABLE, 'rest_until'),
      ],
    );
  }

  /** Saved states of the workspace's members (members never nudged are left out). */
  async list(workspaceId: number): Promise<NudgeState[]> {
    const rows = await this.db.rows<NudgeRow>(
      `SELECT n.* FROM nudge_states n JOIN members m ON m.id = n.member_id
       WHERE m.workspace_id = $1 ORDER BY n.member_id`,
      [workspaceId],
    );
    return rows.map(toState);
  }
}
