import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewActivity, Repositories } from '../../../src/core/ports.js';
import type { Activity, Member } from '../../../src/core/types.js';
import { createRandom } from '../../../src/demo/random.js';
import { PgDb } from '../../../src/store/postgres/pg-db.js';
import { migratePostgres } from '../../../src/store/postgres/pg-migrate.js';
import { createPostgresRepositories } from '../../../src/store/postgres/pg-store.js';
import { openSqliteStore, type Store } from '../../../src/store/sqlite-store.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../../support/postgres.js';
import { DEPARTMENTS, randomActivity, seedDirectory, T0 } from '../activity-fixtures.js';
import { tempDir } from '../temp-dir.js';

const PEOPLE = 24;
const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const ODD_DAYS = ['2026-11-05', '2026-11-12', '2026-11-13', '2026-11-24'];
const instants = (days: string[]) => days.map((d) => `${d}T00:00:00.000Z`);

/** One random activity; a reply names an earlier post as its parent (the digest's "most replied"). */
function randomReply(wsId: number, members: Member[], random: ReturnType<typeof createRandom>, i: number) {
  const activity = randomActivity(wsId, members, random, i);
  return activity.kind === 'reply' && i > 10
    ? { ...activity, parentEventId: `E${Math.floor(random.next() * i)}` }
    : activity;
}

/**
 * The same script on any store: a directory, inserts (some delivered twice), retractions (some before
 * their add), department moves, more inserts, score scales. Everything through the async ports.
 */
async function play(repos: Repositories): Promise<{ wsId: number; members: Member[] }> {
  const { wsId, members } = await seedDirectory(repos, PEOPLE, (i) => ({
    email: `m${i}@example.com`,
    ...(i % 7 === 3 ? { managerId: 1 } : {}),
  }));
  const random = createRandom(23);
  const results: unknown[] = [];
  const insert = async (a: NewActivity) => {
    const result = await repos.activities.insert(a);
    results.push(result.inserted ? withoutId(result.activity) : result);
  };
  // Removals that overtake their adds: the add delivered later is not counted.
  for (let i = 900; i < 1000; i += 9) results.push(await repos.activities.retract(wsId, `E${i}`, T0));
  for (let i = 0; i < 1200; i++) {
    const a = randomReply(wsId, members, random, i);
    await insert(a);
    if (i % 50 === 0) await insert(a);
  }
  for (let i = 0; i < 1200; i += 11) {
    const gone = await repos.activities.retract(wsId, `E${i}`, T0);
    results.push(gone === null ? null : withoutId(gone));
  }
  for (const m of members.filter((_, i) => i % 3 === 0))
    await repos.members.update(m.id, {
      department: DEPARTMENTS[Math.floor(random.next() * DEPARTMENTS.length)] ?? null,
    });
  // A burst in one transaction, as ingest writes one.
  await repos.transaction(async () => {
    for (let i = 1200; i < 1500; i++) await insert(randomReply(wsId, members, random, i));
  });
  await repos.activities.saveScoreScale(wsId, { day: '2026-11-20', p90: 12.5, scored: 20, computedAt: T0 });
  await repos.activities.saveScoreScale(wsId, { day: '2026-11-20', p90: 99, scored: 1, computedAt: T0 });
  expect(results.length).toBeGreaterThan(1300);
  return { wsId, members: await repos.members.list(wsId) };
}

/** Row ids aside: SQLite may give a deleted row's id again, PostgreSQL never does. */
function withoutId(activity: Activity): Omit<Activity, 'id'> {
  const { id: _, ...rest } = activity;
  return rest;
}

/** Everything the ports read about activities, as plain values to compare. */
async function readAll(repos: Repositories, wsId: number, members: Member[]) {
  const a = repos.activities;
  const perMember: unknown[] = [];
  for (const m of members)
    perMember.push({
      between: (await a.memberBetween(m.id, T0, '2026-11-30T00:00:00.000Z')).map(withoutId),
      kinds: await a.countsByKind(m.id, '2026-11-05T00:00:00.000Z', '2026-11-19T00:00:00.000Z'),
      first: await a.firstContributionAt(m.id),
      bounds: await a.boundsOf(m.id),
      daily: await a.memberDailyPoints(m.id, '2026-11-01', '2026-11-30'),
    });
  const everyone = members.map((m) => m.id);
  const scores = await a.scoreEstimates(wsId, '2026-10-01', '2026-11-25', { cap: 4, halfLifeDays: 14 });
  const connections = await a.departmentConnections(wsId, T0, '2026-11-30T00:00:00.000Z', everyone, everyone);
  const someConnections = await a.departmentConnections(
    wsId,
    '2026-11-09T00:00:00.000Z',
    '2026-11-16T00:00:00.000Z',
    everyone.filter((id) => id % 2 === 0),
    everyone.filter((id) => id % 3 !== 0),
  );
  const sortPairs = (rows: typeof connections) =>
    [...rows].sort((x, y) => (x.from === y.from ? (x.to < y.to ? -1 : 1) : x.from < y.from ? -1 : 1));
  return {
    between: (await a.between(wsId, '2026-11-03T12:00:00.000Z', '2026-11-17T00:00:00.000Z')).map(withoutId),
    dailyPoints: await a.dailyPoints(wsId, '2026-11-01', '2026-11-30'),
    contributionBounds: [...(await a.contributionBounds(wsId))].sort(([x], [y]) => x - y),
    lastActivity: [...(await a.lastActivity(wsId))].sort(([x], [y]) => x - y),
    keptWeeks: await a.keptFigures(wsId, WEEKS),
    keptOdd: await a.keptFigures(wsId, ODD_DAYS),
    participants: await a.keptParticipants(wsId, WEEKS),
    participantsOdd: await a.keptParticipants(wsId, ODD_DAYS),
    figuresWeeks: await a.memberFigures(wsId, instants(WEEKS)),
    figuresOne: await a.memberFigures(wsId, instants(['2026-11-04', '2026-11-20'])),
    contributions: await a.contributionsIn(wsId, instants(WEEKS)),
    replied: (await a.mostRepliedAcross(wsId, T0, '2026-11-30T00:00:00.000Z', 5)).map((r) => ({
      ...r,
      post: withoutId(r.post),
    })),
    connections: sortPairs(connections),
    someConnections: sortPairs(someConnections),
    scoreMembers: [...scores.keys()].sort((x, y) => x - y),
    scores: [...scores].sort(([x], [y]) => x - y).map(([id, raw]) => [id, Math.round(raw * 1e9) / 1e9]),
    scale: await a.scoreScale(wsId, '2026-11-20'),
    noScale: await a.scoreScale(wsId, '2026-11-21'),
    perMember,
  };
}

describe.skipIf(postgresUrlForTests() === null)('the PostgreSQL activity store against SQLite', () => {
  let fresh: FreshDatabase;
  let pgDb: PgDb;
  let sqlite: Store;
  let removeDir: () => void;
  let pg: Repositories;
  let lite: Repositories;
  let wsId = 0;
  let members: Member[] = [];

  beforeAll(async () => {
    fresh = await freshDatabase('hiroba_pgact');
    pgDb = new PgDb(fresh.url, { poolSize: 4 });
    await migratePostgres(pgDb);
    pg = createPostgresRepositories(pgDb);
    const dir = tempDir();
    removeDir = dir.remove;
    sqlite = openSqliteStore(join(dir.path, 'hiroba.db'));
    lite = sqlite.repos;
    const playedLite = await play(lite);
    const playedPg = await play(pg);
    expect(playedPg).toEqual(playedLite);
    wsId = playedPg.wsId;
    members = playedPg.members;
  }, 120_000);

  afterAll(async () => {
    await sqlite?.close();
    removeDir?.();
    await pgDb?.close();
    await fresh?.drop();
  });

  it('answers every read as SQLite does after the same inserts, retractions and department moves', async () => {
    const [fromPg, fromLite] = [await readAll(pg, wsId, members), await readAll(lite, wsId, members)];
    expect(fromPg).toEqual(fromLite);
    // The script reached what it is meant to compare: crossings, connections, replied posts, bounds.
    expect(fromPg.keptWeeks.reduce((n, f) => n + f.crossing, 0)).toBeGreaterThan(0);
    expect(fromPg.connections.length).toBeGreaterThan(3);
    expect(fromPg.replied.length).toBeGreaterThan(0);
    expect(fromPg.scoreMembers.length).toBeGreaterThan(PEOPLE / 2);
    // And the kept figures equal the raw count in PostgreSQL too.
    const key = (rows: typeof fromPg.keptWeeks) => rows.map(({ memberId, range, ...f }) => [range, memberId, f]);
    expect(key(fromPg.keptWeeks).sort()).toEqual(key(fromPg.figuresWeeks).sort());
  });

  it('prunes the same rows, keeping each member’s bounds, and still answers alike', async () => {
    const before = '2026-11-16T00:00:00.000Z';
    const counted = await pg.activities.countBefore(wsId, before);
    expect(counted).toBe(await lite.activities.countBefore(wsId, before));
    expect(counted).toBeGreaterThan(100);
    expect(await pg.activities.deleteBefore(wsId, before)).toBe(counted);
    expect(await lite.activities.deleteBefore(wsId, before)).toBe(counted);
    expect(await pg.activities.countBefore(wsId, before)).toBe(0);
    expect(await pg.activities.deleteTombstonesBefore(wsId, '2026-11-03T00:00:00.000Z')).toBe(
      await lite.activities.deleteTombstonesBefore(wsId, '2026-11-03T00:00:00.000Z'),
    );
    expect(await readAll(pg, wsId, members)).toEqual(await readAll(lite, wsId, members));
  });

  it('erases a member as SQLite does: the same counts before and after, the same rows left', async () => {
    const forget = async (repos: Repositories) => {
      await repos.outbox.enqueue([
        {
          workspaceId: wsId,
          job: 'nudge',
          period: '2026-W47',
          recipient: { kind: 'member', id: 'U0' },
          message: { kind: 'nudge', blocks: [], fallback: 'hello' },
          notBefore: T0,
          createdAt: T0,
        },
      ]);
      await repos.conversationRefs.save(wsId, 'member:U0', { any: 'thing' }, T0);
      await repos.conversationRefs.save(wsId, 'AUTHOR:9', { platformId: 'U0' }, T0);
      await repos.conversationRefs.save(wsId, 'author:10', { platformId: 'U4' }, T0);
      // Pending activities: one of theirs, one of someone else's aimed at them, one aimed elsewhere.
      for (const [eventId, by, target] of [
        ['P1', 'U0', null],
        ['P2', 'U5', 'U0'],
        ['P3', 'U5', 'U6'],
      ] as const)
        await repos.pendingActivities.add({
          workspaceId: wsId,
          eventId,
          memberPlatformId: by,
          activity: {
            eventId,
            kind: 'reply',
            memberPlatformId: by,
            channelId: 'C1',
            targetPlatformId: target,
            occurredAt: T0,
          },
          nextAttemptAt: T0,
          lastError: null,
          createdAt: T0,
        });
      // A confirmation naming them by email, in another case.
      await repos.confirmations.create({
        workspaceId: wsId,
        memberId: 2,
        command: 'role',
        args: { email: 'M0@EXAMPLE.com' },
        createdAt: T0,
        expiresAt: '2026-12-01T00:00:00.000Z',
      });
      const counts = await repos.members.personalData(1);
      const erased = await repos.members.forget(1, '2026-11-27T00:00:00.000Z');
      return {
        counts,
        erased,
        after: await repos.members.personalData(1),
        member: await repos.members.get(1),
        reports: (await repos.members.list(wsId)).filter((m) => m.managerId !== null).length,
        refs: [await repos.conversationRefs.get(wsId, 'AUTHOR:9'), await repos.conversationRefs.get(wsId, 'author:10')],
        pending: (await repos.pendingActivities.list(wsId)).map((p) => ({ ...p.activity, id: p.id })),
        confirmation: await repos.confirmations.latestFor(2, T0),
        events: (await repos.activities.memberBetween(1, T0, '2026-12-01T00:00:00.000Z')).map((a) =>
          a.eventId.slice(0, 10),
        ),
      };
    };
    const fromPg = await forget(pg);
    expect(fromPg).toEqual(await forget(lite));
    expect(fromPg.counts.messages).toBe(1);
    expect(fromPg.counts.other).toBeGreaterThanOrEqual(2);
    expect(fromPg.counts.reports).toBe(3);
    expect(fromPg.counts.pendingActivities).toBe(1);
    expect(fromPg.pending.map((p) => p.targetPlatformId)).toEqual([null, 'U6']);
    expect(fromPg.confirmation).toBeNull();
    expect(fromPg.reports).toBe(0);
    expect(fromPg.erased).toEqual(fromPg.counts);
    expect(fromPg.refs[0]).toBeNull();
    expect(fromPg.member?.name).toBe('');
  });
});
