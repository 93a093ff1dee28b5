import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import type { NewActivity, NewOutboxRow, Repositories } from '../../src/core/ports.js';
import { type ActivityKind, defaultSettings, type Member, type Workspace } from '../../src/core/types.js';

/** Fresh, empty repositories of one store, and how to put that store away after the test. */
export interface ContractStore {
  repos: Repositories;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every implementation of `Repositories` must have (SQLite, PostgreSQL, any in-memory
 * double). Everything goes through the ports; implementation details (SQL, JSON columns) are tested
 * elsewhere. `openStore` is called before each test and must give empty, ready repositories; its
 * `cleanup` is awaited after the test, failed or not.
 */
export function runRepositoryContract(openStore: () => Promise<ContractStore>): void {
  let store: ContractStore | undefined;
  let repos: Repositories;
  let ws: Workspace;
  let alice: Member;
  let bob: Member;

  const T0 = '2026-11-02T00:00:00.000Z';

  function message(text: string): Message {
    return { kind: 'test', blocks: [{ type: 'text', text }], fallback: text };
  }

  function activity(over: Partial<NewActivity> & { eventId: string; kind: ActivityKind }): NewActivity {
    return {
      workspaceId: ws.id,
      memberId: alice.id,
      channelId: 'C1',
      targetMemberId: null,
      occurredAt: '2026-11-02T01:00:00.000Z',
      day: '2026-11-02',
      points: 3,
      ...over,
    };
  }

  function outboxRow(over: Partial<NewOutboxRow> & { recipientId?: string } = {}): NewOutboxRow {
    const { recipientId, ...rest } = over;
    return {
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W45',
      recipient: { kind: 'member', id: recipientId ?? 'U1' },
      message: message(`hello ${recipientId ?? 'U1'}`),
      notBefore: T0,
      createdAt: T0,
      ...rest,
    };
  }

  beforeEach(async () => {
    store = await openStore();
    repos = store.repos;
    ws = await repos.workspaces.create({
      platform: 'memory',
      externalId: 'acme',
      name: 'Acme',
      settings: defaultSettings(),
      createdAt: T0,
    });
    alice = await repos.members.create({
      workspaceId: ws.id,
      name: 'Alice',
      joinedAt: T0,
      platformId: 'U1',
      email: 'alice@example.com',
    });
    bob = await repos.members.create({
      workspaceId: ws.id,
      name: 'Bob',
      joinedAt: T0,
      platformId: 'U2',
      department: 'Sales',
    });
  });

  afterEach(async () => {
    const done = store;
    store = undefined;
    await done?.cleanup();
  });

  describe('workspaces', () => {
    it('creates, finds and lists workspaces', async () => {
      expect(ws).toEqual({
        id: ws.id,
        platform: 'memory',
        externalId: 'acme',
        name: 'Acme',
        settings: defaultSettings(),
        createdAt: T0,
      });
      expect(await repos.workspaces.get(ws.id)).toEqual(ws);
      expect(await repos.workspaces.find('memory', 'acme')).toEqual(ws);
      expect(await repos.workspaces.find('slack', 'acme')).toBeNull();
      expect(await repos.workspaces.get(ws.id + 1000)).toBeNull();
      const other = await repos.workspaces.create({
        platform: 'slack',
        externalId: 'T1',
        name: 'T',
        settings: defaultSettings(),
        createdAt: T0,
      });
      expect((await repos.workspaces.list()).map((w) => w.id)).toEqual([ws.id, other.id]);
    });

    it('round-trips every setting, nested ones included', async () => {
      const settings = defaultSettings({
        locale: 'en',
        timezone: 'America/New_York',
        calendar: 'none',
        purpose: '部署を越えて知恵を共有する場です',
        rules: 'Be kind',
        countedChannels: ['C1', 'C2'],
        digestChannel: 'C9',
        schedules: { digest: '0 17 * * 5' },
        rolloutPhase: 'expansion',
        rolloutDepartments: ['Sales'],
        moderation: true,
        managerNames: true,
        quietHours: { start: '21:00', end: '07:30', weekends: false },
        inactiveAfterDays: 21,
        profileFields: { department: 'Xf01' },
      });
      const updated = await repos.workspaces.updateSettings(ws.id, settings);
      expect(updated.settings).toEqual(settings);
      expect((await repos.workspaces.get(ws.id))?.settings).toEqual(settings);
    });

    it('throws when updating the settings of an unknown workspace', async () => {
      await expect(repos.workspaces.updateSettings(ws.id + 1000, defaultSettings())).rejects.toThrow();
    });
  });

  describe('members', () => {
    it('creates a member with defaults for every field not given', async () => {
      expect(alice).toEqual({
        id: alice.id,
        workspaceId: ws.id,
        platformId: 'U1',
        name: 'Alice',
        email: 'alice@example.com',
        department: null,
        location: null,
        managerId: null,
        isExecutive: false,
        isBot: false,
        role: 'member',
        optedOut: false,
        locale: null,
        localeChosen: false,
        isPilot: false,
        blockedBot: false,
        reachable: null,
        joinedAt: T0,
        includedAt: null,
        deactivatedAt: null,
      });
    });

    it('finds members by id, platform id and email (any case)', async () => {
      expect(await repos.members.get(alice.id)).toEqual(alice);
      expect(await repos.members.byPlatformId(ws.id, 'U2')).toEqual(bob);
      expect(await repos.members.byPlatformId(ws.id, 'U404')).toBeNull();
      expect(await repos.members.byEmail(ws.id, 'ALICE@Example.com')).toEqual(alice);
      expect(await repos.members.byEmail(ws.id, 'nobody@example.com')).toBeNull();
      expect((await repos.members.list(ws.id)).map((m) => m.name)).toEqual(['Alice', 'Bob']);
    });

    it('lists the members holding given roles only', async () => {
      await repos.members.update(bob.id, { role: 'ops' });
      expect((await repos.members.withRoles(ws.id, ['ops', 'admin'])).map((m) => m.name)).toEqual(['Bob']);
      expect((await repos.members.withRoles(ws.id, ['member'])).map((m) => m.name)).toEqual(['Alice']);
      expect(await repos.members.withRoles(ws.id, [])).toEqual([]);
    });

    it('tells whether anyone reports to a member, deactivated reports included, themselves not', async () => {
      expect(await repos.members.hasReports(bob.id)).toBe(false);
      await repos.members.update(alice.id, { managerId: bob.id, deactivatedAt: T0 });
      expect(await repos.members.hasReports(bob.id)).toBe(true);
      expect(await repos.members.hasReports(alice.id)).toBe(false);
      await repos.members.update(alice.id, { managerId: alice.id });
      expect(await repos.members.hasReports(alice.id)).toBe(false);
      expect(await repos.members.hasReports(bob.id)).toBe(false);
      expect(await repos.members.hasReports(999_999)).toBe(false);
    });

    it('updates only the fields of the patch; null clears', async () => {
      const updated = await repos.members.update(alice.id, {
        managerId: bob.id,
        isExecutive: true,
        role: 'ops',
        locale: 'en',
        reachable: false,
        email: null,
        deactivatedAt: '2026-11-03T00:00:00.000Z',
      });
      expect(updated).toEqual({
        ...alice,
        managerId: bob.id,
        isExecutive: true,
        role: 'ops',
        locale: 'en',
        reachable: false,
        email: null,
        deactivatedAt: '2026-11-03T00:00:00.000Z',
      });
      expect(await repos.members.get(alice.id)).toEqual(updated);
      expect((await repos.members.update(alice.id, { reachable: null })).reachable).toBeNull();
    });

    it('returns the member unchanged for an empty patch, and throws for an unknown id', async () => {
      expect(await repos.members.update(alice.id, {})).toEqual(alice);
      expect(await repos.members.update(alice.id, { name: undefined })).toEqual(alice);
      await expect(repos.members.update(alice.id + 1000, {})).rejects.toThrow();
      await expect(repos.members.update(alice.id + 1000, { name: 'X' })).rejects.toThrow();
    });
  });

  describe('activities', () => {
    it('stores an event id once: a redelivery changes nothing', async () => {
      const first = await repos.activities.insert(activity({ eventId: 'E1', kind: 'post', points: 3 }));
      expect(first.inserted).toBe(true);
      const again = await repos.activities.insert(
        activity({ eventId: 'E1', kind: 'reply', points: 2, day: '2026-11-03' }),
      );
      expect(again).toEqual({ inserted: false });
      expect(await repos.activities.byEventId(ws.id, 'E1')).toEqual(first.inserted ? first.activity : null);
      expect(await repos.activities.dailyPoints(ws.id, '2026-11-01', '2026-11-30')).toEqual([
        { memberId: alice.id, day: '2026-11-02', points: 3, contributions: 1, activities: 1 },
      ]);
    });

    it('returns the stored activity', async () => {
      const result = await repos.activities.insert(
        activity({
          eventId: 'E1',
          kind: 'reaction',
          points: 1,
          memberId: bob.id,
          targetMemberId: alice.id,
          channelId: 'C7',
        }),
      );
      // The first contribution a store may tell with the insert is checked in the next test.
      const { firstContributionAt: _told, ...stored } = result as typeof result & { firstContributionAt?: unknown };
      expect(stored).toEqual({
        inserted: true,
        activity: {
          id: expect.any(Number) as number,
          workspaceId: ws.id,
          eventId: 'E1',
          kind: 'reaction',
          memberId: bob.id,
          channelId: 'C7',
          targetMemberId: alice.id,
          occurredAt: '2026-11-02T01:00:00.000Z',
          day: '2026-11-02',
        },
      });
    });

    it('tells with an insert, if at all, the first contribution a read gives after it', async () => {
      const later = await repos.activities.insert(
        activity({ eventId: 'E1', kind: 'post', points: 3, occurredAt: '2026-11-02T05:00:00.000Z', day: '2026-11-02' }),
      );
      const earlier = await repos.activities.insert(
        activity({ eventId: 'E2', kind: 'idea', points: 3, occurredAt: '2026-11-02T01:00:00.000Z', day: '2026-11-02' }),
      );
      const reaction = await repos.activities.insert(
        activity({
          eventId: 'E3',
          kind: 'reaction',
          points: 1,
          occurredAt: '2026-11-01T01:00:00.000Z',
          day: '2026-11-01',
        }),
      );
      const told = [later, earlier, reaction].map((r) => (r.inserted ? r.firstContributionAt : 'not inserted'));
      const read = await repos.activities.firstContributionAt(alice.id);
      expect(read).toBe('2026-11-02T01:00:00.000Z');
      if (told[0] !== undefined)
        expect(told).toEqual(['2026-11-02T05:00:00.000Z', '2026-11-02T01:00:00.000Z', '2026-11-02T01:00:00.000Z']);
    });

    it('keeps the daily rollups in step with inserts and retractions', async () => {
      await repos.activities.insert(
        activity({ eventId: 'E1', kind: 'post', points: 3, occurredAt: '2026-11-02T01:00:00.000Z', day: '2026-11-02' }),
      );
      await repos.activities.insert(
        activity({
          eventId: 'E2',
          kind: 'reaction',
          points: 1,
          occurredAt: '2026-11-02T02:00:00.000Z',
          day: '2026-11-02',
        }),
      );
      await repos.activities.insert(
        activity({
          eventId: 'E3',
          kind: 'reply',
          points: 2,
          occurredAt: '2026-11-03T01:00:00.000Z',
          day: '2026-11-03',
        }),
      );
      expect(await repos.activities.dailyPoints(ws.id, '2026-11-02', '2026-11-03')).toEqual([
        { memberId: alice.id, day: '2026-11-02', points: 4, contributions: 1, activities: 2 },
        { memberId: alice.id, day: '2026-11-03', points: 2, contributions: 1, activities: 1 },
      ]);

      const retracted = await repos.activities.retract(ws.id, 'E2');
      expect(retracted?.eventId).toBe('E2');
      expect(await repos.activities.byEventId(ws.id, 'E2')).toBeNull();
      expect(await repos.activities.dailyPoints(ws.id, '2026-11-02', '2026-11-03')).toEqual([
        { memberId: alice.id, day: '2026-11-02', points: 3, contributions: 1, activities: 1 },
        { memberId: alice.id, day: '2026-11-03', points: 2, contributions: 1, activities: 1 },
      ]);

      // The day's last activity goes: its rollup row goes too.
      await repos.activities.retract(ws.id, 'E1');
      expect(await repos.activities.dailyPoints(ws.id, '2026-11-02', '2026-11-03')).toEqual([
        { memberId: alice.id, day: '2026-11-03', points: 2, contributions: 1, activities: 1 },
      ]);
      expect(await repos.activities.retract(ws.id, 'E1')).toBeNull();
      expect(await repos.activities.retract(ws.id, 'never-seen')).toBeNull();
    });

    it('keeps rollups apart per member and per workspace, and bounds the day range inclusively', async () => {
      const other = await repos.workspaces.create({
        platform: 'slack',
        externalId: 'T2',
        name: 'Other',
        settings: defaultSettings(),
        createdAt: T0,
      });
      const carol = await repos.members.create({
        workspaceId: other.id,
        name: 'Carol',
        joinedAt: T0,
        platformId: 'U1',
      });
      await repos.activities.insert(activity({ eventId: 'E1', kind: 'idea', points: 4, day: '2026-11-01' }));
      await repos.activities.insert(
        activity({ eventId: 'E2', kind: 'story', points: 5, memberId: bob.id, day: '2026-11-02' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'E3', kind: 'prompt_answer', points: 2, memberId: bob.id, day: '2026-11-02' }),
      );
      await repos.activities.insert(activity({ eventId: 'E4', kind: 'post', points: 3, day: '2026-11-04' }));
      // Same event id in another workspace is another event.
      expect(
        (
          await repos.activities.insert(
            activity({ workspaceId: other.id, memberId: carol.id, eventId: 'E1', kind: 'post', day: '2026-11-02' }),
          )
        ).inserted,
      ).toBe(true);

      expect(await repos.activities.dailyPoints(ws.id, '2026-11-01', '2026-11-02')).toEqual([
        { memberId: alice.id, day: '2026-11-01', points: 4, contributions: 1, activities: 1 },
        { memberId: bob.id, day: '2026-11-02', points: 7, contributions: 1, activities: 2 },
      ]);
      expect(await repos.activities.dailyPoints(other.id, '2026-11-01', '2026-11-30')).toEqual([
        { memberId: carol.id, day: '2026-11-02', points: 3, contributions: 1, activities: 1 },
      ]);
    });

    it('lists activities in a half-open instant range, oldest first', async () => {
      await repos.activities.insert(
        activity({ eventId: 'late', kind: 'post', occurredAt: '2026-11-09T00:00:00.000Z', day: '2026-11-09' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'start', kind: 'post', occurredAt: '2026-11-02T00:00:00.000Z' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'mid', kind: 'reply', occurredAt: '2026-11-05T12:00:00.000Z', day: '2026-11-05' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'before', kind: 'reply', occurredAt: '2026-11-01T23:59:59.999Z', day: '2026-11-02' }),
      );
      const week = await repos.activities.between(ws.id, '2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z');
      expect(week.map((a) => a.eventId)).toEqual(['start', 'mid']);
    });

    it("counts one member's activities by kind in a half-open range, and gives their first contribution", async () => {
      await repos.activities.insert(activity({ eventId: 'k1', kind: 'post', occurredAt: '2026-11-02T00:00:00.000Z' }));
      await repos.activities.insert(
        activity({ eventId: 'k2', kind: 'post', occurredAt: '2026-11-03T00:00:00.000Z', day: '2026-11-03' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'k3', kind: 'reaction', occurredAt: '2026-11-01T00:00:00.000Z', day: '2026-11-01' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'k4', kind: 'reply', occurredAt: '2026-11-09T00:00:00.000Z', day: '2026-11-09' }),
      );
      await repos.activities.insert(
        activity({
          eventId: 'k5',
          kind: 'reply',
          memberId: bob.id,
          occurredAt: '2026-11-04T00:00:00.000Z',
          day: '2026-11-04',
        }),
      );
      expect(
        await repos.activities.countsByKind(alice.id, '2026-11-01T00:00:00.000Z', '2026-11-09T00:00:00.000Z'),
      ).toEqual({
        post: 2,
        reaction: 1,
      });
      expect(await repos.activities.firstContributionAt(alice.id)).toBe('2026-11-02T00:00:00.000Z');
      expect(await repos.activities.firstContributionAt(bob.id)).toBe('2026-11-04T00:00:00.000Z');
    });

    it('gives first and last contribution per member, ignoring reactions and prompt answers', async () => {
      await repos.activities.insert(
        activity({ eventId: 'a1', kind: 'reply', occurredAt: '2026-11-03T00:00:00.000Z', day: '2026-11-03' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'a2', kind: 'post', occurredAt: '2026-11-01T00:00:00.000Z', day: '2026-11-01' }),
      );
      await repos.activities.insert(
        activity({ eventId: 'a3', kind: 'reaction', occurredAt: '2026-11-09T00:00:00.000Z', day: '2026-11-09' }),
      );
      await repos.activities.insert(
        activity({
          eventId: 'b1',
          kind: 'reaction',
          memberId: bob.id,
          occurredAt: '2026-11-04T00:00:00.000Z',
          day: '2026-11-04',
        }),
      );
      await repos.activities.insert(
        activity({
          eventId: 'b2',
          kind: 'prompt_answer',
          memberId: bob.id,
          occurredAt: '2026-11-05T00:00:00.000Z',
          day: '2026-11-05',
        }),
      );

      expect(await repos.activities.contributionBounds(ws.id)).toEqual(
        new Map([[alice.id, { first: '2026-11-01T00:00:00.000Z', last: '2026-11-03T00:00:00.000Z' }]]),
      );
      expect(await repos.activities.lastActivity(ws.id)).toEqual(
        new Map([
          [alice.id, '2026-11-09T00:00:00.000Z'],
          [bob.id, '2026-11-05T00:00:00.000Z'],
        ]),
      );
    });
  });

  describe('outbox and ledger', () => {
    const entry = { workspaceId: 0, job: 'digest', period: '2026-W45', status: 'done' as const, at: T0, detail: null };

    it('commits a run once: the second run for the period writes nothing', async () => {
      const rows = [outboxRow({ recipientId: 'U1' }), outboxRow({ recipientId: 'U2' })];
      expect(await repos.outbox.commitRun({ ...entry, workspaceId: ws.id }, rows)).toBe(true);
      expect(await repos.outbox.list(ws.id)).toHaveLength(2);
      const second = [outboxRow({ recipientId: 'U1' }), outboxRow({ recipientId: 'U3' })];
      expect(
        await repos.outbox.commitRun({ ...entry, workspaceId: ws.id, at: '2026-11-02T05:00:00.000Z' }, second),
      ).toBe(false);
      expect((await repos.outbox.list(ws.id)).map((r) => r.recipient.id)).toEqual(['U1', 'U2']);
      expect(await repos.ledger.get(ws.id, 'digest', '2026-W45')).toEqual({ ...entry, workspaceId: ws.id });
      expect(await repos.ledger.get(ws.id, 'digest', '2026-W46')).toBeNull();
    });

    it('enqueues a recipient once per job and period, and counts only new rows', async () => {
      expect(
        await repos.outbox.commitRun({ ...entry, workspaceId: ws.id }, [
          outboxRow({ recipientId: 'U1' }),
          outboxRow({ recipientId: 'U1' }),
        ]),
      ).toBe(true);
      expect(await repos.outbox.list(ws.id)).toHaveLength(1);
      expect(await repos.outbox.enqueue([outboxRow({ recipientId: 'U1' }), outboxRow({ recipientId: 'U2' })])).toBe(1);
      // A channel and a member may share an id; they are different recipients.
      expect(await repos.outbox.enqueue([outboxRow({ recipient: { kind: 'channel', id: 'U2' } })])).toBe(1);
      expect(await repos.outbox.enqueue([outboxRow({ recipientId: 'U2', period: '2026-W46' })])).toBe(1);
      expect(await repos.outbox.enqueue([])).toBe(0);
      expect(await repos.outbox.list(ws.id)).toHaveLength(4);
    });

    it('stores the row as given', async () => {
      const msg: Message = {
        kind: 'digest',
        title: '今週のひろば',
        blocks: [
          { type: 'fields', fields: [{ label: '参加率', value: '42%' }] },
          { type: 'actions', buttons: [{ actionId: 'hiroba.digest.open', label: 'Open', value: '1' }] },
        ],
        fallback: '今週のひろば',
      };
      await repos.outbox.enqueue([
        outboxRow({ recipient: { kind: 'channel', id: 'C9' }, message: msg, notBefore: '2026-11-06T07:00:00.000Z' }),
      ]);
      const [row] = await repos.outbox.list(ws.id);
      expect(row).toEqual({
        id: expect.any(Number) as number,
        workspaceId: ws.id,
        job: 'digest',
        period: '2026-W45',
        recipient: { kind: 'channel', id: 'C9' },
        message: msg,
        status: 'pending',
        attempts: 0,
        notBefore: '2026-11-06T07:00:00.000Z',
        lastError: null,
        platformMessageId: null,
        createdAt: T0,
        sentAt: null,
        claimedBy: null,
        leaseUntil: null,
        sendingSince: null,
        possibleDuplicates: 0,
      });
      expect(await repos.outbox.get(row?.id ?? -1)).toEqual(row);
      expect(await repos.outbox.get(-1)).toBeNull();
    });

    it('gives due rows by not_before then id, up to the limit', async () => {
      await repos.outbox.enqueue([
        outboxRow({ recipientId: 'late', notBefore: '2026-11-02T03:00:00.000Z' }),
        outboxRow({ recipientId: 'first', notBefore: '2026-11-02T01:00:00.000Z' }),
        outboxRow({ recipientId: 'second', notBefore: '2026-11-02T02:00:00.000Z' }),
        outboxRow({ recipientId: 'second-too', notBefore: '2026-11-02T02:00:00.000Z' }),
      ]);
      expect(await repos.outbox.due('2026-11-02T00:59:59.999Z', 10)).toEqual([]);
      expect((await repos.outbox.due('2026-11-02T02:00:00.000Z', 10)).map((r) => r.recipient.id)).toEqual([
        'first',
        'second',
        'second-too',
      ]);
      expect((await repos.outbox.due('2026-11-02T02:00:00.000Z', 2)).map((r) => r.recipient.id)).toEqual([
        'first',
        'second',
      ]);
      expect((await repos.outbox.pending(ws.id)).map((r) => r.recipient.id)).toEqual([
        'first',
        'second',
        'second-too',
        'late',
      ]);
      expect((await repos.outbox.pending()).map((r) => r.recipient.id)).toEqual([
        'first',
        'second',
        'second-too',
        'late',
      ]);
    });

    it('takes sent and failed rows out of the queue; reschedule counts the attempt and waits', async () => {
      await repos.outbox.enqueue([
        outboxRow({ recipientId: 'A' }),
        outboxRow({ recipientId: 'B' }),
        outboxRow({ recipientId: 'C' }),
      ]);
      const [a, b, c] = await repos.outbox.due(T0, 10);
      if (!a || !b || !c) throw new Error('expected three due rows');

      await repos.outbox.markSent(a.id, 'ts-1', '2026-11-02T00:00:05.000Z');
      expect(await repos.outbox.get(a.id)).toMatchObject({
        status: 'sent',
        platformMessageId: 'ts-1',
        sentAt: '2026-11-02T00:00:05.000Z',
        lastError: null,
      });

      await repos.outbox.reschedule(b.id, '2026-11-02T00:01:00.000Z', 'ratelimited');
      expect(await repos.outbox.get(b.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        notBefore: '2026-11-02T00:01:00.000Z',
        lastError: 'ratelimited',
      });
      await repos.outbox.reschedule(b.id, '2026-11-02T00:03:00.000Z', 'timeout');
      expect(await repos.outbox.get(b.id)).toMatchObject({
        attempts: 2,
        notBefore: '2026-11-02T00:03:00.000Z',
        lastError: 'timeout',
      });

      await repos.outbox.markFailed(c.id, 'user_not_found', '2026-11-02T00:00:06.000Z');
      expect(await repos.outbox.get(c.id)).toMatchObject({
        status: 'failed',
        lastError: 'user_not_found',
        sentAt: null,
        platformMessageId: null,
      });

      expect(await repos.outbox.due('2026-11-02T00:02:59.999Z', 10)).toEqual([]);
      expect((await repos.outbox.due('2026-11-02T00:03:00.000Z', 10)).map((r) => r.id)).toEqual([b.id]);
      expect((await repos.outbox.pending(ws.id)).map((r) => r.id)).toEqual([b.id]);
      expect((await repos.outbox.list(ws.id, { status: 'failed' })).map((r) => r.id)).toEqual([c.id]);
    });

    it('throws when marking a row that does not exist', async () => {
      await expect(repos.outbox.markSent(4242, 'x', T0)).rejects.toThrow();
      await expect(repos.outbox.markFailed(4242, 'x', T0)).rejects.toThrow();
      await expect(repos.outbox.reschedule(4242, T0, 'x')).rejects.toThrow();
    });

    it('filters the list by job, status and recipient', async () => {
      await repos.outbox.enqueue([
        outboxRow({ recipientId: 'U1', job: 'digest' }),
        outboxRow({ recipientId: 'U1', job: 'nudges' }),
        outboxRow({ recipientId: 'U2', job: 'nudges' }),
      ]);
      expect((await repos.outbox.list(ws.id, { job: 'nudges' })).map((r) => r.recipient.id)).toEqual(['U1', 'U2']);
      expect((await repos.outbox.list(ws.id, { recipientId: 'U1' })).map((r) => r.job)).toEqual(['digest', 'nudges']);
      expect(await repos.outbox.list(ws.id, { job: 'nudges', recipientId: 'U2', status: 'pending' })).toHaveLength(1);
      expect(await repos.outbox.list(ws.id, { status: 'sent' })).toEqual([]);
      expect(await repos.outbox.list(ws.id + 1000)).toEqual([]);
    });

    it('counts the rows a member was sent or has queued for some jobs since an instant', async () => {
      await repos.outbox.enqueue([
        outboxRow({ recipientId: 'U1', job: 'story-prompts', period: 'p1', createdAt: '2026-11-02T00:00:00.000Z' }),
        outboxRow({ recipientId: 'U1', job: 'idea-call', period: 'p1', createdAt: '2026-11-03T00:00:00.000Z' }),
        // Before the window.
        outboxRow({ recipientId: 'U1', job: 'story-prompts', period: 'p0', createdAt: '2026-10-26T00:00:00.000Z' }),
        // Another job, another member, a channel with the same id.
        outboxRow({ recipientId: 'U1', job: 'digest', period: 'p1', createdAt: '2026-11-03T00:00:00.000Z' }),
        outboxRow({ recipientId: 'U2', job: 'story-prompts', period: 'p1', createdAt: '2026-11-03T00:00:00.000Z' }),
        outboxRow({
          recipient: { kind: 'channel', id: 'U1' },
          job: 'story-prompts',
          period: 'p2',
          createdAt: '2026-11-03T00:00:00.000Z',
        }),
      ]);
      const jobs = ['story-prompts', 'idea-call'];
      expect(await repos.outbox.countForMember(ws.id, 'U1', jobs, '2026-11-02T00:00:00.000Z')).toBe(2);
      expect(await repos.outbox.countForMember(ws.id, 'U1', jobs, '2026-10-01T00:00:00.000Z')).toBe(3);
      expect(await repos.outbox.countForMember(ws.id, 'U1', ['idea-call'], '2026-11-02T00:00:00.000Z')).toBe(1);
      expect(await repos.outbox.countForMember(ws.id, 'U1', [], '2026-10-01T00:00:00.000Z')).toBe(0);
      expect(await repos.outbox.countForMember(ws.id, 'U3', jobs, '2026-10-01T00:00:00.000Z')).toBe(0);

      // Sent and failed rows still count: the member was asked (or we tried to ask).
      const [first, second] = await repos.outbox.list(ws.id, { recipientId: 'U1', job: 'story-prompts' });
      if (!first || !second) throw new Error('expected two rows');
      await repos.outbox.markSent(first.id, 'ts', '2026-11-02T00:00:00.000Z');
      await repos.outbox.markFailed(second.id, 'blocked', '2026-11-02T00:00:00.000Z');
      expect(await repos.outbox.countForMember(ws.id, 'U1', jobs, '2026-10-01T00:00:00.000Z')).toBe(3);
    });

    it('records a skipped period once, and a skipped period is not run again', async () => {
      const skipped = {
        workspaceId: ws.id,
        job: 'digest',
        period: '2026-W44',
        status: 'skipped' as const,
        at: T0,
        detail: 'missed while down',
      };
      expect(await repos.ledger.record(skipped)).toBe(true);
      expect(await repos.ledger.record({ ...skipped, status: 'done', detail: null })).toBe(false);
      expect(await repos.ledger.get(ws.id, 'digest', '2026-W44')).toEqual(skipped);
      expect(await repos.outbox.commitRun({ ...skipped, status: 'done', detail: null }, [outboxRow()])).toBe(false);
      expect(await repos.outbox.list(ws.id)).toEqual([]);
    });

    it('lists ledger entries oldest first, all jobs or one', async () => {
      await repos.ledger.record({
        workspaceId: ws.id,
        job: 'nudges',
        period: 'W2',
        status: 'done',
        at: '2026-11-09T00:00:00.000Z',
        detail: null,
      });
      await repos.ledger.record({
        workspaceId: ws.id,
        job: 'digest',
        period: 'W1',
        status: 'done',
        at: '2026-11-02T00:00:00.000Z',
        detail: null,
      });
      await repos.ledger.record({
        workspaceId: ws.id,
        job: 'nudges',
        period: 'W1',
        status: 'skipped',
        at: '2026-11-03T00:00:00.000Z',
        detail: 'x',
      });
      expect((await repos.ledger.list(ws.id)).map((e) => `${e.job}/${e.period}`)).toEqual([
        'digest/W1',
        'nudges/W1',
        'nudges/W2',
      ]);
      expect((await repos.ledger.list(ws.id, 'nudges')).map((e) => e.period)).toEqual(['W1', 'W2']);
      expect(await repos.ledger.list(ws.id + 1000)).toEqual([]);
    });
  });

  describe('nudges', () => {
    it('starts every member at step 0 and saves changes', async () => {
      expect(await repos.nudges.get(alice.id)).toEqual({
        memberId: alice.id,
        step: 0,
        lastNudgedAt: null,
        restUntil: null,
      });
      expect(await repos.nudges.list(ws.id)).toEqual([]);
      await repos.nudges.save({ memberId: alice.id, step: 1, lastNudgedAt: T0, restUntil: null });
      await repos.nudges.save({
        memberId: alice.id,
        step: 3,
        lastNudgedAt: '2026-11-30T00:00:00.000Z',
        restUntil: '2027-02-28T00:00:00.000Z',
      });
      await repos.nudges.save({ memberId: bob.id, step: 2, lastNudgedAt: T0, restUntil: null });
      expect(await repos.nudges.get(alice.id)).toEqual({
        memberId: alice.id,
        step: 3,
        lastNudgedAt: '2026-11-30T00:00:00.000Z',
        restUntil: '2027-02-28T00:00:00.000Z',
      });
      expect((await repos.nudges.list(ws.id)).map((s) => [s.memberId, s.step])).toEqual([
        [alice.id, 3],
        [bob.id, 2],
      ]);
    });
  });

  describe('submissions', () => {
    it('creates, decides and lists submissions by status', async () => {
      const fields = { situation: '問い合わせが多かった', action: 'FAQ を作成', result: '件数が半減' };
      const story = await repos.submissions.create({
        workspaceId: ws.id,
        memberId: alice.id,
        kind: 'story',
        fields,
        status: 'pending',
        createdAt: T0,
        eventId: 'form:abc',
      });
      const idea = await repos.submissions.create({
        workspaceId: ws.id,
        memberId: bob.id,
        kind: 'idea',
        fields: { idea: 'x' },
        status: 'posted',
        createdAt: T0,
      });
      expect(story).toEqual({
        id: story.id,
        workspaceId: ws.id,
        memberId: alice.id,
        kind: 'story',
        fields,
        status: 'pending',
        createdAt: T0,
        decidedBy: null,
        decidedAt: null,
        eventId: 'form:abc',
      });
      expect(idea.eventId).toBeNull();
      expect(await repos.submissions.get(story.id)).toEqual(story);
      expect((await repos.submissions.list(ws.id, 'pending')).map((s) => s.id)).toEqual([story.id]);

      const approved = await repos.submissions.decide(story.id, 'approved', bob.id, '2026-11-02T05:00:00.000Z');
      expect(approved).toEqual({
        ...story,
        status: 'approved',
        decidedBy: bob.id,
        decidedAt: '2026-11-02T05:00:00.000Z',
      });
      expect(await repos.submissions.list(ws.id, 'pending')).toEqual([]);
      expect((await repos.submissions.list(ws.id)).map((s) => s.id)).toEqual([story.id, idea.id]);
      await expect(repos.submissions.decide(story.id + 1000, 'rejected', bob.id, T0)).rejects.toThrow();
      expect(await repos.submissions.get(story.id + 1000)).toBeNull();
    });
  });

  describe('conversation references', () => {
    it('saves, replaces and reads opaque references', async () => {
      const reference = {
        conversation: { id: 'a:1', tenantId: 't' },
        serviceUrl: 'http://127.0.0.1:1/',
        bot: { id: '28:b' },
      };
      expect(await repos.conversationRefs.get(ws.id, 'member:29:x')).toBeNull();
      await repos.conversationRefs.save(ws.id, 'member:29:x', reference, T0);
      expect(await repos.conversationRefs.get(ws.id, 'member:29:x')).toEqual(reference);
      await repos.conversationRefs.save(ws.id, 'member:29:x', { ...reference, serviceUrl: 'http://127.0.0.1:2/' }, T0);
      expect(await repos.conversationRefs.get(ws.id, 'member:29:x')).toEqual({
        ...reference,
        serviceUrl: 'http://127.0.0.1:2/',
      });
    });
  });

  describe('transaction', () => {
    it('commits everything or nothing', async () => {
      await expect(
        repos.transaction(async () => {
          await repos.activities.insert(activity({ eventId: 'E1', kind: 'post' }));
          await repos.members.update(alice.id, { optedOut: true });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await repos.activities.byEventId(ws.id, 'E1')).toBeNull();
      expect(await repos.activities.dailyPoints(ws.id, '2026-11-01', '2026-11-30')).toEqual([]);
      expect((await repos.members.get(alice.id))?.optedOut).toBe(false);

      const value = await repos.transaction(async () => {
        await repos.activities.insert(activity({ eventId: 'E1', kind: 'post' }));
        return 42;
      });
      expect(value).toBe(42);
      expect((await repos.activities.byEventId(ws.id, 'E1'))?.kind).toBe('post');
    });

    it('rolls a nested transaction back to where it began, and the outer one goes on', async () => {
      const result = await repos.transaction(async () => {
        await repos.activities.insert(activity({ eventId: 'outer', kind: 'post' }));
        const inner = repos.transaction(async () => {
          await repos.activities.insert(activity({ eventId: 'inner', kind: 'reply' }));
          await repos.members.update(bob.id, { role: 'ops' });
          throw new Error('inner failed');
        });
        await expect(inner).rejects.toThrow('inner failed');
        // The outer transaction sees its own write, and none of the inner one.
        expect(await repos.activities.byEventId(ws.id, 'inner')).toBeNull();
        expect((await repos.activities.byEventId(ws.id, 'outer'))?.kind).toBe('post');
        await repos.transaction(async () => {
          await repos.members.update(alice.id, { locale: 'en' });
        });
        return 'outer done';
      });
      expect(result).toBe('outer done');
      expect((await repos.activities.byEventId(ws.id, 'outer'))?.kind).toBe('post');
      expect(await repos.activities.byEventId(ws.id, 'inner')).toBeNull();
      expect((await repos.members.get(bob.id))?.role).toBe('member');
      expect((await repos.members.get(alice.id))?.locale).toBe('en');
      expect(await repos.activities.dailyPoints(ws.id, '2026-11-01', '2026-11-30')).toEqual([
        { memberId: alice.id, day: '2026-11-02', points: 3, contributions: 1, activities: 1 },
      ]);
    });

    it("keeps another caller's write out of a transaction: it survives the transaction's rollback", async () => {
      // The transaction pauses half-way (as it would awaiting a slow statement) while another caller,
      // outside its async context, writes.
      let entered: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      let resume: () => void = () => undefined;
      const paused = new Promise<void>((resolve) => {
        resume = resolve;
      });
      const transaction = repos.transaction(async () => {
        await repos.activities.insert(activity({ eventId: 'E1', kind: 'post' }));
        entered();
        await paused;
        throw new Error('boom');
      });
      await inside;
      const outside = repos.members.update(bob.id, { optedOut: true });
      resume();
      await expect(transaction).rejects.toThrow('boom');
      expect((await outside).optedOut).toBe(true);
      expect((await repos.members.get(bob.id))?.optedOut).toBe(true);
      expect(await repos.activities.byEventId(ws.id, 'E1')).toBeNull();
    });
  });
}
