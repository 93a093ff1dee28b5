import { beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import type { NewActivity, NewOutboxRow, Repositories } from '../../src/core/ports.js';
import { type ActivityKind, defaultSettings, type Member, type Workspace } from '../../src/core/types.js';

/**
 * The behaviour every implementation of `Repositories` must have (SQLite, and any in-memory double).
 * Everything goes through the ports; implementation details (SQL, JSON columns) are tested elsewhere.
 * `makeRepos` is called before each test and must return empty, ready repositories.
 */
export function runRepositoryContract(makeRepos: () => Repositories): void {
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

  beforeEach(() => {
    repos = makeRepos();
    ws = repos.workspaces.create({
      platform: 'memory',
      externalId: 'acme',
      name: 'Acme',
      settings: defaultSettings(),
      createdAt: T0,
    });
    alice = repos.members.create({
      workspaceId: ws.id,
      name: 'Alice',
      joinedAt: T0,
      platformId: 'U1',
      email: 'alice@example.com',
    });
    bob = repos.members.create({
      workspaceId: ws.id,
      name: 'Bob',
      joinedAt: T0,
      platformId: 'U2',
      department: 'Sales',
    });
  });

  describe('workspaces', () => {
    it('creates, finds and lists workspaces', () => {
      expect(ws).toEqual({
        id: ws.id,
        platform: 'memory',
        externalId: 'acme',
        name: 'Acme',
        settings: defaultSettings(),
        createdAt: T0,
      });
      expect(repos.workspaces.get(ws.id)).toEqual(ws);
      expect(repos.workspaces.find('memory', 'acme')).toEqual(ws);
      expect(repos.workspaces.find('slack', 'acme')).toBeNull();
      expect(repos.workspaces.get(ws.id + 1000)).toBeNull();
      const other = repos.workspaces.create({
        platform: 'slack',
        externalId: 'T1',
        name: 'T',
        settings: defaultSettings(),
        createdAt: T0,
      });
      expect(repos.workspaces.list().map((w) => w.id)).toEqual([ws.id, other.id]);
    });

    it('round-trips every setting, nested ones included', () => {
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
      const updated = repos.workspaces.updateSettings(ws.id, settings);
      expect(updated.settings).toEqual(settings);
      expect(repos.workspaces.get(ws.id)?.settings).toEqual(settings);
    });

    it('throws when updating the settings of an unknown workspace', () => {
      expect(() => repos.workspaces.updateSettings(ws.id + 1000, defaultSettings())).toThrow();
    });
  });

  describe('members', () => {
    it('creates a member with defaults for every field not given', () => {
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

    it('finds members by id, platform id and email (any case)', () => {
      expect(repos.members.get(alice.id)).toEqual(alice);
      expect(repos.members.byPlatformId(ws.id, 'U2')).toEqual(bob);
      expect(repos.members.byPlatformId(ws.id, 'U404')).toBeNull();
      expect(repos.members.byEmail(ws.id, 'ALICE@Example.com')).toEqual(alice);
      expect(repos.members.byEmail(ws.id, 'nobody@example.com')).toBeNull();
      expect(repos.members.list(ws.id).map((m) => m.name)).toEqual(['Alice', 'Bob']);
    });

    it('lists the members holding given roles only', () => {
      repos.members.update(bob.id, { role: 'ops' });
      expect(repos.members.withRoles(ws.id, ['ops', 'admin']).map((m) => m.name)).toEqual(['Bob']);
      expect(repos.members.withRoles(ws.id, ['member']).map((m) => m.name)).toEqual(['Alice']);
      expect(repos.members.withRoles(ws.id, [])).toEqual([]);
    });

    it('tells whether anyone reports to a member, deactivated reports included, themselves not', () => {
      expect(repos.members.hasReports(bob.id)).toBe(false);
      repos.members.update(alice.id, { managerId: bob.id, deactivatedAt: T0 });
      expect(repos.members.hasReports(bob.id)).toBe(true);
      expect(repos.members.hasReports(alice.id)).toBe(false);
      repos.members.update(alice.id, { managerId: alice.id });
      expect(repos.members.hasReports(alice.id)).toBe(false);
      expect(repos.members.hasReports(bob.id)).toBe(false);
      expect(repos.members.hasReports(999_999)).toBe(false);
    });

    it('updates only the fields of the patch; null clears', () => {
      const updated = repos.members.update(alice.id, {
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
      expect(repos.members.get(alice.id)).toEqual(updated);
      expect(repos.members.update(alice.id, { reachable: null }).reachable).toBeNull();
    });

    it('returns the member unchanged for an empty patch, and throws for an unknown id', () => {
      expect(repos.members.update(alice.id, {})).toEqual(alice);
      expect(repos.members.update(alice.id, { name: undefined })).toEqual(alice);
      expect(() => repos.members.update(alice.id + 1000, {})).toThrow();
      expect(() => repos.members.update(alice.id + 1000, { name: 'X' })).toThrow();
    });
  });

  describe('activities', () => {
    it('stores an event id once: a redelivery changes nothing', () => {
      const first = repos.activities.insert(activity({ eventId: 'E1', kind: 'post', points: 3 }));
      expect(first.inserted).toBe(true);
      const again = repos.activities.insert(activity({ eventId: 'E1', kind: 'reply', points: 2, day: '2026-11-03' }));
      expect(again).toEqual({ inserted: false });
      expect(repos.activities.byEventId(ws.id, 'E1')).toEqual(first.inserted ? first.activity : null);
      expect(repos.activities.dailyPoints(ws.id, '2026-11-01', '2026-11-30')).toEqual([
        { memberId: alice.id, day: '2026-11-02', points: 3, contributions: 1, activities: 1 },
      ]);
    });

    it('returns the stored activity', () => {
      const result = repos.activities.insert(
        activity({
          eventId: 'E1',
          kind: 'reaction',
          points: 1,
          memberId: bob.id,
          targetMemberId: alice.id,
          channelId: 'C7',
        }),
      );
      expect(result).toEqual({
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

    it('keeps the daily rollups in step with inserts and retractions', () => {
      repos.activities.insert(
        activity({ eventId: 'E1', kind: 'post', points: 3, occurredAt: '2026-11-02T01:00:00.000Z', day: '2026-11-02' }),
      );
      repos.activities.insert(
        activity({
          eventId: 'E2',
          kind: 'reaction',
          points: 1,
          occurredAt: '2026-11-02T02:00:00.000Z',
          day: '2026-11-02',
        }),
      );
      repos.activities.insert(
        activity({
          eventId: 'E3',
          kind: 'reply',
          points: 2,
          occurredAt: '2026-11-03T01:00:00.000Z',
          day: '2026-11-03',
        }),
      );
      expect(repos.activities.dailyPoints(ws.id, '2026-11-02', '2026-11-03')).toEqual([
        { memberId: alice.id, day: '2026-11-02', points: 4, contributions: 1, activities: 2 },
        { memberId: alice.id, day: '2026-11-03', points: 2, contributions: 1, activities: 1 },
      ]);

      const retracted = repos.activities.retract(ws.id, 'E2');
      expect(retracted?.eventId).toBe('E2');
      expect(repos.activities.byEventId(ws.id, 'E2')).toBeNull();
      expect(repos.activities.dailyPoints(ws.id, '2026-11-02', '2026-11-03')).toEqual([
        { memberId: alice.id, day: '2026-11-02', points: 3, contributions: 1, activities: 1 },
        { memberId: alice.id, day: '2026-11-03', points: 2, contributions: 1, activities: 1 },
      ]);

      // The day's last activity goes: its rollup row goes too.
      repos.activities.retract(ws.id, 'E1');
      expect(repos.activities.dailyPoints(ws.id, '2026-11-02', '2026-11-03')).toEqual([
        { memberId: alice.id, day: '2026-11-03', points: 2, contributions: 1, activities: 1 },
      ]);
      expect(repos.activities.retract(ws.id, 'E1')).toBeNull();
      expect(repos.activities.retract(ws.id, 'never-seen')).toBeNull();
    });

    it('keeps rollups apart per member and per workspace, and bounds the day range inclusively', () => {
      const other = repos.workspaces.create({
        platform: 'slack',
        externalId: 'T2',
        name: 'Other',
        settings: defaultSettings(),
        createdAt: T0,
      });
      const carol = repos.members.create({ workspaceId: other.id, name: 'Carol', joinedAt: T0, platformId: 'U1' });
      repos.activities.insert(activity({ eventId: 'E1', kind: 'idea', points: 4, day: '2026-11-01' }));
      repos.activities.insert(
        activity({ eventId: 'E2', kind: 'story', points: 5, memberId: bob.id, day: '2026-11-02' }),
      );
      repos.activities.insert(
        activity({ eventId: 'E3', kind: 'prompt_answer', points: 2, memberId: bob.id, day: '2026-11-02' }),
      );
      repos.activities.insert(activity({ eventId: 'E4', kind: 'post', points: 3, day: '2026-11-04' }));
      // Same event id in another workspace is another event.
      expect(
        repos.activities.insert(
          activity({ workspaceId: other.id, memberId: carol.id, eventId: 'E1', kind: 'post', day: '2026-11-02' }),
        ).inserted,
      ).toBe(true);

      expect(repos.activities.dailyPoints(ws.id, '2026-11-01', '2026-11-02')).toEqual([
        { memberId: alice.id, day: '2026-11-01', points: 4, contributions: 1, activities: 1 },
        { memberId: bob.id, day: '2026-11-02', points: 7, contributions: 1, activities: 2 },
      ]);
      expect(repos.activities.dailyPoints(other.id, '2026-11-01', '2026-11-30')).toEqual([
        { memberId: carol.id, day: '2026-11-02', points: 3, contributions: 1, activities: 1 },
      ]);
    });

    it('lists activities in a half-open instant range, oldest first', () => {
      repos.activities.insert(
        activity({ eventId: 'late', kind: 'post', occurredAt: '2026-11-09T00:00:00.000Z', day: '2026-11-09' }),
      );
      repos.activities.insert(activity({ eventId: 'start', kind: 'post', occurredAt: '2026-11-02T00:00:00.000Z' }));
      repos.activities.insert(
        activity({ eventId: 'mid', kind: 'reply', occurredAt: '2026-11-05T12:00:00.000Z', day: '2026-11-05' }),
      );
      repos.activities.insert(
        activity({ eventId: 'before', kind: 'reply', occurredAt: '2026-11-01T23:59:59.999Z', day: '2026-11-02' }),
      );
      const week = repos.activities.between(ws.id, '2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z');
      expect(week.map((a) => a.eventId)).toEqual(['start', 'mid']);
    });

    it("counts one member's activities by kind in a half-open range, and gives their first contribution", () => {
      repos.activities.insert(activity({ eventId: 'k1', kind: 'post', occurredAt: '2026-11-02T00:00:00.000Z' }));
      repos.activities.insert(
        activity({ eventId: 'k2', kind: 'post', occurredAt: '2026-11-03T00:00:00.000Z', day: '2026-11-03' }),
      );
      repos.activities.insert(
        activity({ eventId: 'k3', kind: 'reaction', occurredAt: '2026-11-01T00:00:00.000Z', day: '2026-11-01' }),
      );
      repos.activities.insert(
        activity({ eventId: 'k4', kind: 'reply', occurredAt: '2026-11-09T00:00:00.000Z', day: '2026-11-09' }),
      );
      repos.activities.insert(
        activity({
          eventId: 'k5',
          kind: 'reply',
          memberId: bob.id,
          occurredAt: '2026-11-04T00:00:00.000Z',
          day: '2026-11-04',
        }),
      );
      expect(repos.activities.countsByKind(alice.id, '2026-11-01T00:00:00.000Z', '2026-11-09T00:00:00.000Z')).toEqual({
        post: 2,
        reaction: 1,
      });
      expect(repos.activities.firstContributionAt(alice.id)).toBe('2026-11-02T00:00:00.000Z');
      expect(repos.activities.firstContributionAt(bob.id)).toBe('2026-11-04T00:00:00.000Z');
    });

    it('gives first and last contribution per member, ignoring reactions and prompt answers', () => {
      repos.activities.insert(
        activity({ eventId: 'a1', kind: 'reply', occurredAt: '2026-11-03T00:00:00.000Z', day: '2026-11-03' }),
      );
      repos.activities.insert(
        activity({ eventId: 'a2', kind: 'post', occurredAt: '2026-11-01T00:00:00.000Z', day: '2026-11-01' }),
      );
      repos.activities.insert(
        activity({ eventId: 'a3', kind: 'reaction', occurredAt: '2026-11-09T00:00:00.000Z', day: '2026-11-09' }),
      );
      repos.activities.insert(
        activity({
          eventId: 'b1',
          kind: 'reaction',
          memberId: bob.id,
          occurredAt: '2026-11-04T00:00:00.000Z',
          day: '2026-11-04',
        }),
      );
      repos.activities.insert(
        activity({
          eventId: 'b2',
          kind: 'prompt_answer',
          memberId: bob.id,
          occurredAt: '2026-11-05T00:00:00.000Z',
          day: '2026-11-05',
        }),
      );

      expect(repos.activities.contributionBounds(ws.id)).toEqual(
        new Map([[alice.id, { first: '2026-11-01T00:00:00.000Z', last: '2026-11-03T00:00:00.000Z' }]]),
      );
      expect(repos.activities.lastActivity(ws.id)).toEqual(
        new Map([
          [alice.id, '2026-11-09T00:00:00.000Z'],
          [bob.id, '2026-11-05T00:00:00.000Z'],
        ]),
      );
    });
  });

  describe('outbox and ledger', () => {
    const entry = { workspaceId: 0, job: 'digest', period: '2026-W45', status: 'done' as const, at: T0, detail: null };

    it('commits a run once: the second run for the period writes nothing', () => {
      const rows = [outboxRow({ recipientId: 'U1' }), outboxRow({ recipientId: 'U2' })];
      expect(repos.outbox.commitRun({ ...entry, workspaceId: ws.id }, rows)).toBe(true);
      expect(repos.outbox.list(ws.id)).toHaveLength(2);
      const second = [outboxRow({ recipientId: 'U1' }), outboxRow({ recipientId: 'U3' })];
      expect(repos.outbox.commitRun({ ...entry, workspaceId: ws.id, at: '2026-11-02T05:00:00.000Z' }, second)).toBe(
        false,
      );
      expect(repos.outbox.list(ws.id).map((r) => r.recipient.id)).toEqual(['U1', 'U2']);
      expect(repos.ledger.get(ws.id, 'digest', '2026-W45')).toEqual({ ...entry, workspaceId: ws.id });
      expect(repos.ledger.get(ws.id, 'digest', '2026-W46')).toBeNull();
    });

    it('enqueues a recipient once per job and period, and counts only new rows', () => {
      expect(
        repos.outbox.commitRun({ ...entry, workspaceId: ws.id }, [
          outboxRow({ recipientId: 'U1' }),
          outboxRow({ recipientId: 'U1' }),
        ]),
      ).toBe(true);
      expect(repos.outbox.list(ws.id)).toHaveLength(1);
      expect(repos.outbox.enqueue([outboxRow({ recipientId: 'U1' }), outboxRow({ recipientId: 'U2' })])).toBe(1);
      // A channel and a member may share an id; they are different recipients.
      expect(repos.outbox.enqueue([outboxRow({ recipient: { kind: 'channel', id: 'U2' } })])).toBe(1);
      expect(repos.outbox.enqueue([outboxRow({ recipientId: 'U2', period: '2026-W46' })])).toBe(1);
      expect(repos.outbox.enqueue([])).toBe(0);
      expect(repos.outbox.list(ws.id)).toHaveLength(4);
    });

    it('stores the row as given', () => {
      const msg: Message = {
        kind: 'digest',
        title: '今週のひろば',
        blocks: [
          { type: 'fields', fields: [{ label: '参加率', value: '42%' }] },
          { type: 'actions', buttons: [{ actionId: 'hiroba.digest.open', label: 'Open', value: '1' }] },
        ],
        fallback: '今週のひろば',
      };
      repos.outbox.enqueue([
        outboxRow({ recipient: { kind: 'channel', id: 'C9' }, message: msg, notBefore: '2026-11-06T07:00:00.000Z' }),
      ]);
      const [row] = repos.outbox.list(ws.id);
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
      expect(repos.outbox.get(row?.id ?? -1)).toEqual(row);
      expect(repos.outbox.get(-1)).toBeNull();
    });

    it('gives due rows by not_before then id, up to the limit', () => {
      repos.outbox.enqueue([
        outboxRow({ recipientId: 'late', notBefore: '2026-11-02T03:00:00.000Z' }),
        outboxRow({ recipientId: 'first', notBefore: '2026-11-02T01:00:00.000Z' }),
        outboxRow({ recipientId: 'second', notBefore: '2026-11-02T02:00:00.000Z' }),
        outboxRow({ recipientId: 'second-too', notBefore: '2026-11-02T02:00:00.000Z' }),
      ]);
      expect(repos.outbox.due('2026-11-02T00:59:59.999Z', 10)).toEqual([]);
      expect(repos.outbox.due('2026-11-02T02:00:00.000Z', 10).map((r) => r.recipient.id)).toEqual([
        'first',
        'second',
        'second-too',
      ]);
      expect(repos.outbox.due('2026-11-02T02:00:00.000Z', 2).map((r) => r.recipient.id)).toEqual(['first', 'second']);
      expect(repos.outbox.pending(ws.id).map((r) => r.recipient.id)).toEqual(['first', 'second', 'second-too', 'late']);
      expect(repos.outbox.pending().map((r) => r.recipient.id)).toEqual(['first', 'second', 'second-too', 'late']);
    });

    it('takes sent and failed rows out of the queue; reschedule counts the attempt and waits', () => {
      repos.outbox.enqueue([
        outboxRow({ recipientId: 'A' }),
        outboxRow({ recipientId: 'B' }),
        outboxRow({ recipientId: 'C' }),
      ]);
      const [a, b, c] = repos.outbox.due(T0, 10);
      if (!a || !b || !c) throw new Error('expected three due rows');

      repos.outbox.markSent(a.id, 'ts-1', '2026-11-02T00:00:05.000Z');
      expect(repos.outbox.get(a.id)).toMatchObject({
        status: 'sent',
        platformMessageId: 'ts-1',
        sentAt: '2026-11-02T00:00:05.000Z',
        lastError: null,
      });

      repos.outbox.reschedule(b.id, '2026-11-02T00:01:00.000Z', 'ratelimited');
      expect(repos.outbox.get(b.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        notBefore: '2026-11-02T00:01:00.000Z',
        lastError: 'ratelimited',
      });
      repos.outbox.reschedule(b.id, '2026-11-02T00:03:00.000Z', 'timeout');
      expect(repos.outbox.get(b.id)).toMatchObject({
        attempts: 2,
        notBefore: '2026-11-02T00:03:00.000Z',
        lastError: 'timeout',
      });

      repos.outbox.markFailed(c.id, 'user_not_found', '2026-11-02T00:00:06.000Z');
      expect(repos.outbox.get(c.id)).toMatchObject({
        status: 'failed',
        lastError: 'user_not_found',
        sentAt: null,
        platformMessageId: null,
      });

      expect(repos.outbox.due('2026-11-02T00:02:59.999Z', 10)).toEqual([]);
      expect(repos.outbox.due('2026-11-02T00:03:00.000Z', 10).map((r) => r.id)).toEqual([b.id]);
      expect(repos.outbox.pending(ws.id).map((r) => r.id)).toEqual([b.id]);
      expect(repos.outbox.list(ws.id, { status: 'failed' }).map((r) => r.id)).toEqual([c.id]);
    });

    it('throws when marking a row that does not exist', () => {
      expect(() => repos.outbox.markSent(4242, 'x', T0)).toThrow();
      expect(() => repos.outbox.markFailed(4242, 'x', T0)).toThrow();
      expect(() => repos.outbox.reschedule(4242, T0, 'x')).toThrow();
    });

    it('filters the list by job, status and recipient', () => {
      repos.outbox.enqueue([
        outboxRow({ recipientId: 'U1', job: 'digest' }),
        outboxRow({ recipientId: 'U1', job: 'nudges' }),
        outboxRow({ recipientId: 'U2', job: 'nudges' }),
      ]);
      expect(repos.outbox.list(ws.id, { job: 'nudges' }).map((r) => r.recipient.id)).toEqual(['U1', 'U2']);
      expect(repos.outbox.list(ws.id, { recipientId: 'U1' }).map((r) => r.job)).toEqual(['digest', 'nudges']);
      expect(repos.outbox.list(ws.id, { job: 'nudges', recipientId: 'U2', status: 'pending' })).toHaveLength(1);
      expect(repos.outbox.list(ws.id, { status: 'sent' })).toEqual([]);
      expect(repos.outbox.list(ws.id + 1000)).toEqual([]);
    });

    it('counts the rows a member was sent or has queued for some jobs since an instant', () => {
      repos.outbox.enqueue([
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
      expect(repos.outbox.countForMember(ws.id, 'U1', jobs, '2026-11-02T00:00:00.000Z')).toBe(2);
      expect(repos.outbox.countForMember(ws.id, 'U1', jobs, '2026-10-01T00:00:00.000Z')).toBe(3);
      expect(repos.outbox.countForMember(ws.id, 'U1', ['idea-call'], '2026-11-02T00:00:00.000Z')).toBe(1);
      expect(repos.outbox.countForMember(ws.id, 'U1', [], '2026-10-01T00:00:00.000Z')).toBe(0);
      expect(repos.outbox.countForMember(ws.id, 'U3', jobs, '2026-10-01T00:00:00.000Z')).toBe(0);

      // Sent and failed rows still count: the member was asked (or we tried to ask).
      const [first, second] = repos.outbox.list(ws.id, { recipientId: 'U1', job: 'story-prompts' });
      if (!first || !second) throw new Error('expected two rows');
      repos.outbox.markSent(first.id, 'ts', '2026-11-02T00:00:00.000Z');
      repos.outbox.markFailed(second.id, 'blocked', '2026-11-02T00:00:00.000Z');
      expect(repos.outbox.countForMember(ws.id, 'U1', jobs, '2026-10-01T00:00:00.000Z')).toBe(3);
    });

    it('records a skipped period once, and a skipped period is not run again', () => {
      const skipped = {
        workspaceId: ws.id,
        job: 'digest',
        period: '2026-W44',
        status: 'skipped' as const,
        at: T0,
        detail: 'missed while down',
      };
      expect(repos.ledger.record(skipped)).toBe(true);
      expect(repos.ledger.record({ ...skipped, status: 'done', detail: null })).toBe(false);
      expect(repos.ledger.get(ws.id, 'digest', '2026-W44')).toEqual(skipped);
      expect(repos.outbox.commitRun({ ...skipped, status: 'done', detail: null }, [outboxRow()])).toBe(false);
      expect(repos.outbox.list(ws.id)).toEqual([]);
    });

    it('lists ledger entries oldest first, all jobs or one', () => {
      repos.ledger.record({
        workspaceId: ws.id,
        job: 'nudges',
        period: 'W2',
        status: 'done',
        at: '2026-11-09T00:00:00.000Z',
        detail: null,
      });
      repos.ledger.record({
        workspaceId: ws.id,
        job: 'digest',
        period: 'W1',
        status: 'done',
        at: '2026-11-02T00:00:00.000Z',
        detail: null,
      });
      repos.ledger.record({
        workspaceId: ws.id,
        job: 'nudges',
        period: 'W1',
        status: 'skipped',
        at: '2026-11-03T00:00:00.000Z',
        detail: 'x',
      });
      expect(repos.ledger.list(ws.id).map((e) => `${e.job}/${e.period}`)).toEqual([
        'digest/W1',
        'nudges/W1',
        'nudges/W2',
      ]);
      expect(repos.ledger.list(ws.id, 'nudges').map((e) => e.period)).toEqual(['W1', 'W2']);
      expect(repos.ledger.list(ws.id + 1000)).toEqual([]);
    });
  });

  describe('nudges', () => {
    it('starts every member at step 0 and saves changes', () => {
      expect(repos.nudges.get(alice.id)).toEqual({ memberId: alice.id, step: 0, lastNudgedAt: null, restUntil: null });
      expect(repos.nudges.list(ws.id)).toEqual([]);
      repos.nudges.save({ memberId: alice.id, step: 1, lastNudgedAt: T0, restUntil: null });
      repos.nudges.save({
        memberId: alice.id,
        step: 3,
        lastNudgedAt: '2026-11-30T00:00:00.000Z',
        restUntil: '2027-02-28T00:00:00.000Z',
      });
      repos.nudges.save({ memberId: bob.id, step: 2, lastNudgedAt: T0, restUntil: null });
      expect(repos.nudges.get(alice.id)).toEqual({
        memberId: alice.id,
        step: 3,
        lastNudgedAt: '2026-11-30T00:00:00.000Z',
        restUntil: '2027-02-28T00:00:00.000Z',
      });
      expect(repos.nudges.list(ws.id).map((s) => [s.memberId, s.step])).toEqual([
        [alice.id, 3],
        [bob.id, 2],
      ]);
    });
  });

  describe('submissions', () => {
    it('creates, decides and lists submissions by status', () => {
      const fields = { situation: '問い合わせが多かった', action: 'FAQ を作成', result: '件数が半減' };
      const story = repos.submissions.create({
        workspaceId: ws.id,
        memberId: alice.id,
        kind: 'story',
        fields,
        status: 'pending',
        createdAt: T0,
        eventId: 'form:abc',
      });
      const idea = repos.submissions.create({
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
      expect(repos.submissions.get(story.id)).toEqual(story);
      expect(repos.submissions.list(ws.id, 'pending').map((s) => s.id)).toEqual([story.id]);

      const approved = repos.submissions.decide(story.id, 'approved', bob.id, '2026-11-02T05:00:00.000Z');
      expect(approved).toEqual({
        ...story,
        status: 'approved',
        decidedBy: bob.id,
        decidedAt: '2026-11-02T05:00:00.000Z',
      });
      expect(repos.submissions.list(ws.id, 'pending')).toEqual([]);
      expect(repos.submissions.list(ws.id).map((s) => s.id)).toEqual([story.id, idea.id]);
      expect(() => repos.submissions.decide(story.id + 1000, 'rejected', bob.id, T0)).toThrow();
      expect(repos.submissions.get(story.id + 1000)).toBeNull();
    });
  });

  describe('conversation references', () => {
    it('saves, replaces and reads opaque references', () => {
      const reference = {
        conversation: { id: 'a:1', tenantId: 't' },
        serviceUrl: 'http://127.0.0.1:1/',
        bot: { id: '28:b' },
      };
      expect(repos.conversationRefs.get(ws.id, 'member:29:x')).toBeNull();
      repos.conversationRefs.save(ws.id, 'member:29:x', reference, T0);
      expect(repos.conversationRefs.get(ws.id, 'member:29:x')).toEqual(reference);
      repos.conversationRefs.save(ws.id, 'member:29:x', { ...reference, serviceUrl: 'http://127.0.0.1:2/' }, T0);
      expect(repos.conversationRefs.get(ws.id, 'member:29:x')).toEqual({
        ...reference,
        serviceUrl: 'http://127.0.0.1:2/',
      });
    });
  });

  describe('transaction', () => {
    it('commits everything or nothing', () => {
      expect(() =>
        repos.transaction(() => {
          repos.activities.insert(activity({ eventId: 'E1', kind: 'post' }));
          repos.members.update(alice.id, { optedOut: true });
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(repos.activities.byEventId(ws.id, 'E1')).toBeNull();
      expect(repos.activities.dailyPoints(ws.id, '2026-11-01', '2026-11-30')).toEqual([]);
      expect(repos.members.get(alice.id)?.optedOut).toBe(false);

      const value = repos.transaction(() => {
        repos.activities.insert(activity({ eventId: 'E1', kind: 'post' }));
        return 42;
      });
      expect(value).toBe(42);
      expect(repos.activities.byEventId(ws.id, 'E1')?.kind).toBe('post');
    });
  });
}
