import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/core-harness.js';

/** Removals stick: a removed reaction or deleted message is not counted again when its add comes late. */
describe('removal tombstones', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await h.settings({ countedChannels: ['C1'] });
    await h.member({ name: 'Aiko', platformId: 'U1' });
    await h.member({ name: 'Ben', platformId: 'U2' });
  });
  afterEach(() => h.close());

  const reaction = (eventId: string) => ({
    workspaceId: h.workspace.id,
    eventId,
    kind: 'reaction' as const,
    memberPlatformId: 'U1',
    channelId: 'C1',
    targetPlatformId: 'U2',
    occurredAt: '2026-11-24T02:00:00.000Z',
  });

  async function points(): Promise<number> {
    const days = await h.repos.activities.dailyPoints(h.workspace.id, '2026-11-24', '2026-11-24');
    return days.reduce((sum, day) => sum + day.points, 0);
  }

  it('a reaction added, removed, then its add redelivered stays removed', async () => {
    expect((await h.core.recordActivity(reaction('r:U1:C1:1.0:+1'))).status).toBe('recorded');
    expect(await points()).toBe(1);
    expect(await h.core.retractActivity(h.workspace.id, 'r:U1:C1:1.0:+1')).toBe(true);
    expect(await points()).toBe(0);
    expect(await h.core.recordActivity(reaction('r:U1:C1:1.0:+1'))).toEqual({ status: 'ignored', reason: 'duplicate' });
    expect(await h.repos.activities.byEventId(h.workspace.id, 'r:U1:C1:1.0:+1')).toBeNull();
    expect(await points()).toBe(0);
  });

  it('a deletion that overtakes its add still wins', async () => {
    expect(await h.core.retractActivity(h.workspace.id, 'm:C1:2.0')).toBe(false);
    const post = { ...reaction('m:C1:2.0'), kind: 'post' as const, targetPlatformId: null };
    expect((await h.core.recordActivity(post)).status).toBe('ignored');
    expect(await points()).toBe(0);
    // Other events are untouched.
    expect((await h.core.recordActivity({ ...post, eventId: 'm:C1:3.0' })).status).toBe('recorded');
    expect(await points()).toBe(3);
  });

  it('retention prunes only tombstones older than the cut-off', async () => {
    await h.repos.activities.retract(h.workspace.id, 'old', '2026-01-01T00:00:00.000Z');
    await h.repos.activities.retract(h.workspace.id, 'new', '2026-11-20T00:00:00.000Z');
    expect(await h.repos.activities.deleteTombstonesBefore(h.workspace.id, '2026-06-01T00:00:00.000Z')).toBe(1);
    const left = h.db.prepare('SELECT event_id FROM activity_tombstones ORDER BY event_id').pluck().all();
    expect(left).toEqual(['new']);
  });
});
