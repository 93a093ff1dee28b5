import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatPlatform, NewOutboxRow, Recipient, SendResult } from '../../src/core/ports.js';
import type { Workspace } from '../../src/core/types.js';
import { MemoryPlatform } from '../../src/memory/memory-platform.js';
import { createOutboxWorker, type OutboxWorkerOptions } from '../../src/scheduler/outbox-worker.js';
import { FakeClock } from '../support/fake-clock.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

const T0 = '2026-11-27T07:00:00.000Z';

describe('outbox worker', () => {
  let db: TempStore;
  let clock: FakeClock;
  let platform: MemoryPlatform;
  let workspace: Workspace;
  let slept: number[];

  beforeEach(async () => {
    db = tempStore();
    clock = new FakeClock(T0);
    platform = new MemoryPlatform({ clock });
    workspace = await addWorkspace(db.repos);
    slept = [];
  });
  afterEach(() => db.close());

  function worker(extra: Partial<OutboxWorkerOptions> = {}) {
    return createOutboxWorker({
      repos: db.repos,
      platforms: { memory: platform },
      clock,
      random: () => 0.5,
      sleep: async (ms) => {
        slept.push(ms);
        clock.advance(ms);
      },
      ...extra,
    });
  }

  async function enqueue(recipients: Recipient[], ws: Workspace = workspace, job = 'digest'): Promise<void> {
    const rows: NewOutboxRow[] = recipients.map((recipient) => ({
      workspaceId: ws.id,
      job,
      period: '2026-W48',
      recipient,
      message: textMessage(`for ${recipient.id}`),
      notBefore: T0,
      createdAt: T0,
    }));
    await db.repos.outbox.commitRun(
      { workspaceId: ws.id, job, period: '2026-W48', status: 'done', at: T0, detail: null },
      rows,
    );
  }

  const members = (n: number): Recipient[] =>
    Array.from({ length: n }, (_, i) => ({ kind: 'member', id: `U${i + 1}` }));

  it('a restart in the middle of a 500-recipient digest sends each recipient exactly once', async () => {
    await enqueue(members(500));
    const first = worker();
    // The process goes down after 200 sends.
    const unsubscribe = platform.onSend(() => {
      if (platform.sent.length === 200) void first.stop();
    });
    expect(await first.drain()).toEqual({ sent: 200, failed: 0, deferred: 0 });
    unsubscribe();
    expect(await db.repos.outbox.pending()).toHaveLength(300);

    await db.reopen(); // a new process over the same database file
    const second = worker();
    expect(await second.drain()).toEqual({ sent: 300, failed: 0, deferred: 0 });

    const ids = platform.sent.map((s) => s.to.id);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(ids).toEqual(members(500).map((m) => m.id)); // in order
    expect(await db.repos.outbox.pending()).toEqual([]);
    expect(await db.repos.outbox.list(workspace.id, { status: 'sent' })).toHaveLength(500);
    expect(await second.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });
  });

  it('a 429 with Retry-After is waited out and nothing is lost', async () => {
    await enqueue([
      { kind: 'channel', id: 'C1' },
      { kind: 'channel', id: 'C2' },
      { kind: 'channel', id: 'C3' },
    ]);
    platform.respondRateLimited(1, 30_000);
    const w = worker();

    expect(await w.drain()).toEqual({ sent: 2, failed: 0, deferred: 1 });
    expect(slept).toEqual([30_000]); // the workspace paused for Retry-After before the next send
    expect(platform.sent.map((s) => [s.to.id, s.at.toISOString()])).toEqual([
      ['C2', '2026-11-27T07:00:30.000Z'],
      ['C3', '2026-11-27T07:00:30.000Z'],
    ]);
    const c1 = (await db.repos.outbox.list(workspace.id, { recipientId: 'C1' }))[0];
    expect(c1).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'rate_limited',
      notBefore: '2026-11-27T07:00:30.000Z',
    });

    expect(await w.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(platform.sentTo('C1')).toHaveLength(1);
    expect(platform.sent).toHaveLength(3);
    expect(platform.attempts).toHaveLength(4);
  });

  it('a permanent error is recorded with its reason and does not block the queue', async () => {
    await db.repos.members.create({ workspaceId: workspace.id, name: 'Blocker', joinedAt: T0, platformId: 'U2' });
    platform.failFor('U2', { kind: 'permanent', code: 'cannot_dm_bot', blocked: true });
    platform.failFor('C9', { kind: 'permanent', code: 'is_archived' });
    await enqueue([...members(3), { kind: 'channel', id: 'C9' }, { kind: 'member', id: 'U4' }]);

    expect(await worker().drain()).toEqual({ sent: 3, failed: 2, deferred: 0 });
    expect(platform.sent.map((s) => s.to.id)).toEqual(['U1', 'U3', 'U4']);
    expect(
      (await db.repos.outbox.list(workspace.id, { status: 'failed' })).map((r) => [r.recipient.id, r.lastError]),
    ).toEqual([
      ['U2', 'cannot_dm_bot'],
      ['C9', 'is_archived'],
    ]);
    expect((await db.repos.members.byPlatformId(workspace.id, 'U2'))?.blockedBot).toBe(true);

    // Later messages to a member who blocked the bot are not even attempted.
    platform.clearFailures();
    await enqueue([{ kind: 'member', id: 'U2' }], workspace, 'nudges');
    const attemptsBefore = platform.attempts.length;
    expect(await worker().drain()).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(platform.attempts).toHaveLength(attemptsBefore);
  });

  it('transient failures back off exponentially with full jitter and give up after 8 attempts', async () => {
    await enqueue([{ kind: 'channel', id: 'C1' }]);
    platform.failNext(8, { kind: 'transient', code: 'timeout' });
    const w = worker();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const before = clock.now().getTime();
      expect(await w.drain()).toEqual({ sent: 0, failed: 0, deferred: 1 });
      const row = (await db.repos.outbox.list(workspace.id))[0]!;
      expect(row.attempts).toBe(attempt);
      delays.push(new Date(row.notBefore).getTime() - before);
      clock.set(row.notBefore);
    }
    // random() = 0.5 of min(15 min, 2 s · 2^(n−1))
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000]);
    expect(await w.drain()).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect((await db.repos.outbox.list(workspace.id))[0]).toMatchObject({
      status: 'failed',
      lastError: 'gave_up: timeout',
    });
  });

  it('the backoff never waits more than 15 minutes', async () => {
    await enqueue([{ kind: 'channel', id: 'C1' }]);
    platform.failNext(1, { kind: 'transient', code: 'timeout' });
    const w = worker({ random: () => 0.999999, backoff: { baseMs: 2000, capMs: 900_000, maxAttempts: 20 } });
    // Pretend many attempts already happened.
    const id = (await db.repos.outbox.list(workspace.id))[0]!.id;
    for (let i = 0; i < 12; i++) await db.repos.outbox.reschedule(id, T0, 'earlier');
    await w.drain();
    const row = (await db.repos.outbox.get(id))!;
    expect(new Date(row.notBefore).getTime() - new Date(T0).getTime()).toBe(899_999);
  });

  it('a send that throws is treated as transient and the row stays', async () => {
    await enqueue([
      { kind: 'channel', id: 'C1' },
      { kind: 'channel', id: 'C2' },
    ]);
    const original = platform.send.bind(platform);
    let thrown = false;
    vi.spyOn(platform, 'send').mockImplementation(async (ws, to, message) => {
      if (!thrown) {
        thrown = true;
        throw new Error('socket hang up');
      }
      return original(ws, to, message);
    });
    expect(await worker().drain()).toEqual({ sent: 1, failed: 0, deferred: 1 });
    expect((await db.repos.outbox.list(workspace.id, { recipientId: 'C1' }))[0]).toMatchObject({
      status: 'pending',
      lastError: 'unexpected_error',
    });
  });

  it('rows of a platform that is not running wait; the others go', async () => {
    const slackWs = await addWorkspace(db.repos, { platform: 'slack', externalId: 'T1' });
    await enqueue([{ kind: 'channel', id: 'C-slack' }], slackWs);
    await enqueue([{ kind: 'channel', id: 'C-mem' }]);
    expect(await worker().drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect((await db.repos.outbox.pending()).map((r) => r.recipient.id)).toEqual(['C-slack']);
  });

  it('rows not yet due (quiet hours) are left for later', async () => {
    await db.repos.outbox.enqueue([
      {
        workspaceId: workspace.id,
        job: 'nudges',
        period: '2026-W48',
        recipient: { kind: 'member', id: 'U1' },
        message: textMessage('hi'),
        notBefore: '2026-11-29T23:00:00.000Z',
        createdAt: T0,
      },
    ]);
    const w = worker();
    expect(await w.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    clock.set('2026-11-29T23:00:00.000Z'); // Monday 08:00 JST
    expect(await w.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
  });

  it('a DM queued for now during quiet hours waits for the next allowed time; a channel post does not', async () => {
    clock.set('2026-11-26T12:00:00.000Z'); // Thursday 21:00 JST
    const now = clock.now().toISOString();
    await db.repos.outbox.enqueue([
      {
        workspaceId: workspace.id,
        job: 'welcome',
        period: 'once',
        recipient: { kind: 'member', id: 'U1' },
        message: textMessage('hi'),
        notBefore: now,
        createdAt: now,
      },
      {
        workspaceId: workspace.id,
        job: 'story-post',
        period: '1',
        recipient: { kind: 'channel', id: 'C1' },
        message: textMessage('story'),
        notBefore: now,
        createdAt: now,
      },
    ]);
    const w = worker();
    expect(await w.drain()).toEqual({ sent: 1, failed: 0, deferred: 1 });
    const dm = (await db.repos.outbox.list(workspace.id, { job: 'welcome' }))[0];
    expect(dm).toMatchObject({ status: 'pending', attempts: 0, notBefore: '2026-11-26T23:00:00.000Z' }); // Friday 08:00 JST
    clock.set('2026-11-26T23:00:00.000Z');
    expect(await w.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
  });

  it('honours the Slack limit of one message per second per channel', async () => {
    const slackWs = await addWorkspace(db.repos, { platform: 'slack', externalId: 'T1' });
    await db.repos.outbox.enqueue(
      ['a', 'b', 'c'].map((key) => ({
        workspaceId: slackWs.id,
        job: `command-reply-${key}`,
        period: 'now',
        recipient: { kind: 'channel' as const, id: 'C1' },
        message: textMessage(key),
        notBefore: T0,
        createdAt: T0,
      })),
    );
    expect(await worker({ platforms: { slack: platform } }).drain()).toEqual({ sent: 3, failed: 0, deferred: 0 });
    expect(platform.sent.map((s) => s.at.toISOString())).toEqual([
      '2026-11-27T07:00:00.000Z',
      '2026-11-27T07:00:01.000Z',
      '2026-11-27T07:00:02.000Z',
    ]);
  });

  it('start() resumes pending rows and stop() ends the loop', async () => {
    await enqueue(members(3));
    const w = worker({ pollMs: 5 });
    w.start();
    await vi.waitFor(() => expect(platform.sent).toHaveLength(3));
    await enqueue([{ kind: 'member', id: 'U9' }], workspace, 'nudges');
    w.notify();
    await vi.waitFor(() => expect(platform.sentTo('U9')).toHaveLength(1));
    await w.stop();
    await enqueue([{ kind: 'member', id: 'U10' }], workspace, 'story-prompts');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(platform.sentTo('U10')).toHaveLength(0);
  });

  describe('several sends in flight (a platform that answers after a network round trip)', () => {
    /** A platform whose every send takes `ms` of real time; it records overlap and order. */
    function slowPlatform(ms: number, answer: (to: Recipient, n: number) => SendResult = () => ok) {
      const log = { inFlight: 0, maxInFlight: 0, started: [] as string[], overlapSameTo: 0 };
      const busy = new Set<string>();
      let n = 0;
      const slow: ChatPlatform = {
        platform: 'memory',
        async send(_ws, to) {
          const result = answer(to, n++);
          if (busy.has(to.id)) log.overlapSameTo += 1;
          busy.add(to.id);
          log.inFlight += 1;
          log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
          log.started.push(to.id);
          await new Promise((resolve) => setTimeout(resolve, ms));
          log.inFlight -= 1;
          busy.delete(to.id);
          return result;
        },
        async listMembers() {
          return [];
        },
      };
      return { slow, log };
    }
    const ok: SendResult = { ok: true, messageId: 'm' };

    it('keeps up to `concurrency` sends waiting on the network at once, each row sent once', async () => {
      await enqueue(members(40));
      const { slow, log } = slowPlatform(20);
      const started = performance.now();
      const w = worker({ platforms: { memory: slow }, concurrency: 8 });
      expect(await w.drain()).toEqual({ sent: 40, failed: 0, deferred: 0 });
      expect(log.maxInFlight).toBe(8);
      expect(log.started).toEqual(members(40).map((m) => m.id)); // begun in queue order
      // One at a time would take 40 × 20 ms; eight at a time about five round trips.
      expect(performance.now() - started).toBeLessThan(400);
      expect(await db.repos.outbox.list(workspace.id, { status: 'sent' })).toHaveLength(40);
    });

    it('rows to one conversation go one after another, in order, between the others', async () => {
      const recipients: Recipient[] = [];
      for (let i = 0; i < 10; i++) recipients.push({ kind: 'member', id: 'U1' }, { kind: 'member', id: `V${i}` });
      const rows: NewOutboxRow[] = recipients.map((recipient, i) => ({
        workspaceId: workspace.id,
        job: `command-reply-${i}`,
        period: 'now',
        recipient,
        message: textMessage(`m${i}`),
        notBefore: T0,
        createdAt: T0,
      }));
      await db.repos.outbox.enqueue(rows);
      const texts: string[] = [];
      const { slow, log } = slowPlatform(10);
      const recording: ChatPlatform = {
        ...slow,
        async send(ws, to, message) {
          if (to.id === 'U1') texts.push(message.fallback);
          return slow.send(ws, to, message);
        },
      };
      expect(await worker({ platforms: { memory: recording }, concurrency: 4 }).drain()).toMatchObject({ sent: 20 });
      expect(log.overlapSameTo).toBe(0);
      expect(texts).toEqual(['m0', 'm2', 'm4', 'm6', 'm8', 'm10', 'm12', 'm14', 'm16', 'm18']);
      expect(log.maxInFlight).toBeGreaterThan(1);
    });

    it('a 429 pauses every send not yet begun until Retry-After; those in flight finish', async () => {
      await enqueue(members(12));
      const { slow, log } = slowPlatform(10, (_to, n) =>
        n === 2 ? { ok: false, failure: { kind: 'transient', code: 'ratelimited', retryAfterMs: 5000 } } : ok,
      );
      const w = worker({ platforms: { memory: slow }, concurrency: 4 });
      expect(await w.drain()).toEqual({ sent: 11, failed: 0, deferred: 1 });
      // Sends after the 429 came back waited out the pause (the fake clock moved 5 s in one sleep).
      expect(slept).toContain(5000);
      expect(log.started).toHaveLength(12);
      expect((await db.repos.outbox.list(workspace.id, { recipientId: 'U3' }))[0]).toMatchObject({
        status: 'pending',
        lastError: 'ratelimited',
      });
    });
  });
});
