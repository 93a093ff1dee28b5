import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { createOutboxWorker, DEFAULT_LEASE_MS } from '../../src/scheduler/outbox-worker.js';
import { FakeClock } from '../support/fake-clock.js';
import { Harness, PEOPLE, SNS } from './harness.js';

// The fake Slack stamps its messages from 2025-11-24T16:00:00Z (ts 1764000000.000001 on).
const T0 = '2025-11-24T16:00:00.000Z';

describe('a sender that dies mid-send (real platform, fake Slack on 127.0.0.1)', () => {
  let h: Harness;
  let clock: FakeClock;
  beforeEach(async () => {
    h = await Harness.start({ retries: 0 });
    clock = new FakeClock(T0);
    // T0 is 01:00 in Tokyo: DMs are let through at any hour here, this test is about the take-over.
    const ws = await h.workspace();
    await h.store.repos.workspaces.updateSettings(ws.id, {
      ...ws.settings,
      quietHours: { start: '00:00', end: '00:00', weekends: false },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  const message: Message = {
    kind: 'command-reply',
    blocks: [{ type: 'text', text: '今週のお知らせです。' }],
    fallback: '今週のお知らせです。',
  };

  function worker(holder: string) {
    return createOutboxWorker({
      repos: h.store.repos,
      platforms: { slack: h.handle.platform },
      clock,
      holder,
      sleep: async (ms) => clock.advance(ms),
      random: () => 0.5,
    });
  }

  /** A row the dead sender `A` claimed and began sending (`delivered`: Slack got it before A died). */
  async function diedMidSend(to: { kind: 'member' | 'channel'; id: string }, delivered: boolean): Promise<number> {
    const ws = await h.workspace();
    await h.store.repos.outbox.enqueue([
      {
        workspaceId: ws.id,
        job: 'story-prompts',
        period: '2025-W48',
        recipient: to,
        message,
        notBefore: T0,
        createdAt: T0,
      },
    ]);
    const lease = new Date(clock.now().getTime() + DEFAULT_LEASE_MS).toISOString();
    const [row] = await h.store.repos.outbox.claim('A', T0, lease, 10, []);
    if (!row) throw new Error('no row claimed');
    expect(await h.store.repos.outbox.beginSend(row.id, 'A', T0, lease)).toBe(true);
    if (delivered) expect((await h.handle.platform.send(ws, to, message)).ok).toBe(true);
    clock.advance(DEFAULT_LEASE_MS + 1);
    return row.id;
  }

  it('a DM that reached Slack before its sender died is found in the DM history and not sent again', async () => {
    const id = await diedMidSend({ kind: 'member', id: PEOPLE.alice }, true);
    expect(await worker('B').drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.callsTo('conversations.history').map((c) => c.params.channel)).toEqual([h.fake.dmOf(PEOPLE.alice)]);
    expect(await h.store.repos.outbox.get(id)).toMatchObject({
      status: 'sent',
      platformMessageId: `${h.fake.dmOf(PEOPLE.alice)}:1764000000.000001`,
    });
    expect(h.fake.violations).toEqual([]);
  });

  it('a channel post that never left is sent once by the process that took it over', async () => {
    const id = await diedMidSend({ kind: 'channel', id: SNS }, false);
    expect(await worker('B').drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(h.fake.callsTo('conversations.history').map((c) => c.params.channel)).toEqual([SNS]);
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.params.channel)).toEqual([SNS]);
    expect((await h.store.repos.outbox.get(id))?.status).toBe('sent');
  });

  it('when Slack will not say (a missing scope), the row is sent again as before, counted', async () => {
    const id = await diedMidSend({ kind: 'member', id: PEOPLE.bob }, true);
    h.fake.failNext('conversations.history', { kind: 'error', error: 'missing_scope' });
    expect(await worker('B').drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(await h.store.repos.outbox.get(id)).toMatchObject({ status: 'sent', possibleDuplicates: 1 });
  });
});
