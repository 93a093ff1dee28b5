import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityInput } from '../../../src/core/ports.js';
import { ACTIVITY_KINDS } from '../../../src/core/types.js';
import { createHarness, type Harness } from '../../support/core-harness.js';
import { hostileString, hostileValue } from '../../support/hostile.js';

const REASONS = [
  'duplicate',
  'channel_not_counted',
  'bot',
  'deactivated',
  'unknown_member',
  'self_target',
  'held',
  'malformed',
];

let h: Harness;
const totals = () =>
  h.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM activities) AS activities,
              (SELECT COALESCE(SUM(points), 0) FROM daily_rollups) AS points,
              (SELECT COALESCE(SUM(activities), 0) FROM daily_rollups) AS rolled`,
    )
    .get() as { activities: number; points: number; rolled: number };

beforeAll(async () => {
  h = await createHarness();
  await h.settings({ countedChannels: ['C1', '\u202eC2🎉'] });
  await h.member({ name: 'A', platformId: 'U1' });
  await h.member({ name: 'B', platformId: "U2'; DROP TABLE members; --" });
  await h.member({ name: 'Bot', platformId: 'B1', isBot: true });
  const gone = await h.member({ name: 'Gone', platformId: 'U9' });
  await h.repos.members.update(gone.id, { deactivatedAt: '2026-01-02T00:00:00.000Z' });
});
afterAll(() => h.close());

/** Mostly plausible values with hostile ones mixed in, so both the happy path and every refusal are reached. */
const id = (known: string[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: hostileString(500) });
const input = fc.record({
  workspaceId: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: hostileValue() }),
  eventId: fc.oneof(hostileString(600), fc.constantFrom('e1', 'e2', 'msg:C1:1.0')),
  kind: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ACTIVITY_KINDS) },
    { weight: 1, arbitrary: hostileValue() },
  ),
  memberPlatformId: id(['U1', "U2'; DROP TABLE members; --", 'B1', 'U9']),
  channelId: id(['C1', '\u202eC2🎉', 'C3']),
  targetPlatformId: fc.option(id(['U1', "U2'; DROP TABLE members; --"]), { nil: undefined }),
  occurredAt: fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    },
    { weight: 1, arbitrary: hostileValue() },
  ),
});

describe('recordActivity on hostile input', () => {
  it('never throws; records exactly one activity with its points, or ignores it with a reason and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        const candidate = { ...raw, workspaceId: raw.workspaceId === 0 ? h.workspace.id : raw.workspaceId };
        const before = totals();
        let result: Awaited<ReturnType<Harness['core']['recordActivity']>>;
        try {
          result = await h.core.recordActivity(candidate as ActivityInput);
        } catch (error) {
          // Only a workspace that does not exist is refused by throwing (an adapter bug, never a member's input).
          expect(candidate.workspaceId).not.toBe(h.workspace.id);
          expect(String(error)).toMatch(/workspace/u);
          expect(totals()).toEqual(before);
          return;
        }
        const after = totals();
        if (result.status === 'recorded') {
          expect(after.activities).toBe(before.activities + 1);
          expect(after.rolled).toBe(before.rolled + 1);
          expect(after.points).toBeGreaterThan(before.points);
          expect(await h.repos.activities.byEventId(h.workspace.id, result.activity.eventId)).toEqual(result.activity);
        } else {
          expect(REASONS).toContain(result.reason);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
