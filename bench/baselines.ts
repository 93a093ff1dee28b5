import type { DailyPoints, Repositories } from '../src/core/ports.js';
import { POINTS, SCORE_LOOKBACK_DAYS, type ScoreBreakdown, scoreMembers } from '../src/core/scoring.js';
import type { Snapshot } from '../src/core/service/snapshot.js';
import { addDays, dayRange } from '../src/core/time.js';
import { CONTRIBUTION_KINDS } from '../src/core/types.js';
import type { Database } from '../src/store/database.js';

export type { ActivityRow } from '../src/store/activity-repo.js';

import type { ActivityRow } from '../src/store/activity-repo.js';

/**
 * Reads the rows `recordActivity` stored after row `afterId`, oldest first: the bare baseline
 * inserts exactly these.
 */
export function storedRowsAfter(db: Database): (afterId: number) => ActivityRow[] {
  const read = db.prepare<[number], ActivityRow>('SELECT * FROM activities WHERE id > ? ORDER BY id');
  return (afterId) => read.all(afterId);
}

/**
 * The floor under ingest: one prepared INSERT into `activities` per row, each its own implicit
 * transaction (as each live event is), with the same named parameters the store binds. No
 * validation, no member lookup, no dedupe answer, no rollup.
 */
export function bareInsert(db: Database): (row: ActivityRow) => void {
  const insert = db.prepare<[Omit<ActivityRow, 'id'>]>(
    `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points)
     VALUES (@workspace_id, @event_id, @kind, @member_id, @channel_id, @target_member_id, @occurred_at, @day, @points)`,
  );
  return ({ id: _id, ...row }) => {
    insert.run(row);
  };
}

/**
 * Scores recomputed without the rollups: every activity of the score's look-back window is read,
 * summed per member and day, and scored by the same `scoreMembers` (hence `decayedScore`) that
 * `scoresFor` uses, so the two answers must be identical and only the source differs.
 */
export async function naiveScores(repos: Repositories, snapshot: Snapshot): Promise<Map<number, ScoreBreakdown>> {
  const tz = snapshot.workspace.settings.timezone;
  const from = dayRange(addDays(snapshot.today, -SCORE_LOOKBACK_DAYS), tz).from;
  const to = dayRange(snapshot.today, tz).to;
  const sums = new Map<string, DailyPoints>();
  for (const activity of await repos.activities.between(snapshot.workspace.id, from.toISOString(), to.toISOString())) {
    const key = `${activity.memberId}|${activity.day}`;
    const day = sums.get(key) ?? {
      memberId: activity.memberId,
      day: activity.day,
      points: 0,
      contributions: 0,
      activities: 0,
    };
    day.points += POINTS[activity.kind];
    day.contributions += CONTRIBUTION_KINDS.includes(activity.kind) ? 1 : 0;
    day.activities += 1;
    sums.set(key, day);
  }
  return scoreMembers(
    snapshot.eligible.map((m) => m.id),
    [...sums.values()],
    snapshot.today,
  );
}

/** Member ids whose score or raw score differs between two score maps (the scoring line's check). */
export function scoreDifferences(
  a: ReadonlyMap<number, ScoreBreakdown>,
  b: ReadonlyMap<number, ScoreBreakdown>,
): number[] {
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].filter((id) => {
    const x = a.get(id);
    const y = b.get(id);
    return !x || !y || x.score !== y.score || Math.abs(x.raw - y.raw) > 1e-9;
  });
}
