import type { Statement } from 'better-sqlite3';
import type { NudgeRepo, NudgeState } from '../core/ports.js';
import type { Database } from './database.js';
import { InvalidValueError } from './errors.js';
import { toInstantOrNull } from './row-values.js';
import { type NudgeRow, TABLE, toState } from './rows/nudge-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** Where each member stands on the nudge ladder; a member never nudged has no row. */
export class SqliteNudgeRepo implements Synchronous<NudgeRepo> {
  private readonly one: Statement<[number], NudgeRow>;
  private readonly upsert: Statement<[NudgeRow]>;
  private readonly ofWorkspace: Statement<[number], NudgeRow>;

  constructor(db: Database) {
    this.one = db.prepare('SELECT * FROM nudge_states WHERE member_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO nudge_states (member_id, step, last_nudged_at, rest_until)
       VALUES (@member_id, @step, @last_nudged_at, @rest_until)
       ON CONFLICT (member_id) DO UPDATE SET
         step = excluded.step, last_nudged_at = excluded.last_nudged_at, rest_until = excluded.rest_until`,
    );
    this.ofWorkspace = db.prepare(
      `SELECT n.* FROM nudge_states n JOIN members m ON m.id = n.member_id
       WHERE m.workspace_id = ? ORDER BY n.member_id`,
    );
  }

  /** The member's state; a member with no row is at the bottom of the ladder. */
  get(memberId: number): NudgeState {
    const row = this.one.get(memberId);
    return row ? toState(row) : { memberId, step: 0, lastNudgedAt: null, restUntil: null };
  }

  save(state: NudgeState): void {
    if (!Number.isInteger(state.step) || state.step < 0 || state.step > 3) {
      throw new InvalidValueError(TABLE, 'step', `${state.step} is not a ladder step (0 to 3)`);
    }
    this.upsert.run({
      member_id: state.memberId,
      step: state.step,
      last_nudged_at: toInstantOrNull(state.lastNudgedAt, TABLE, 'last_nudged_at'),
      rest_until: toInstantOrNull(state.restUntil, TABLE, 'rest_until'),
    });
  }

  /** Saved states of the workspace's members (members never nudged are left out). */
  list(workspaceId: number): NudgeState[] {
    return this.ofWorkspace.all(workspaceId).map(toState);
  }
}
