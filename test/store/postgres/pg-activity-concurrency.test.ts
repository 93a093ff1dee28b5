import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NewActivity, Repositories } from '../../../src/core/ports.js';
import type { Member } from '../../../src/core/types.js';
import { createRandom } from '../../../src/demo/random.js';
import { PgDb } from '../../../src/store/postgres/pg-db.js';
import { migratePostgres } from '../../../src/store/postgres/pg-migrate.js';
import { createPostgresRepositories } from '../../../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../../support/postgres.js';
import { DEPARTMENTS, randomActivity, seedDirectory, T0 } from '../activity-fixtures.js';
import { tempDir } from '../temp-dir.js';

const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];

/** `count` random events over three weeks (the same for a given seed), every reply or reaction to a member. */
function events(wsId: number, members: Member[], count: number, seedValue: number, prefix = 'E'): NewActivity[] {
  const random = createRandom(seedValue);
  return Array.from({ length: count }, (_, i) =>
    randomActivity(wsId, members, random, i, { oddTargets: false, prefix }),
  );
}

/** What the kept figures and the rollups say, to compare between stores. */
async function figures(repos: Repositories, wsId: number) {
  const a = repos.activities;
  return {
    kept: await a.keptFigures(wsId, WEEKS),
    raw: await a.memberFigures(
      wsId,
      WEEKS.map((d) => `${d}T00:00:00.000Z`),
    ),
    daily: await a.dailyPoints(wsId, '2026-11-01', '2026-11-30'),
    bounds: [...(await a.contributionBounds(wsId))].sort(([x], [y]) => x - y),
    last: [...(await a.lastActivity(wsId))].sort(([x], [y]) => x - y),
  };
}

/** The kept figures and the raw count over the same weeks, each row keyed by range and member. */
function keyed(rows: Array<{ memberId: number; range: number }>): Map<string, unknown> {
  return new Map(rows.map(({ memberId, range, ...rest }) => [`${range}|${memberId}`, rest]));
}

describe.skipIf(postgresUrlForTests() === null)('the PostgreSQL activity store under two instances', () => {
  let fresh: FreshDatabase;
  let a: PgDb;
  let b: PgDb;
  let repoA: Repositories;
  let repoB: Repositories;
  const closers: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    fresh = await freshDatabase('hiroba_pgact');
    const setup = new PgDb(fresh.url, { poolSize: 1 });
    await migratePostgres(setup);
    await setup.close();
  });

  // Each test gets an empty schema and two pools on it: two instances, each with its own connections.
  afterEach(async () => {
    await a.exec(
      'TRUNCATE activities, activity_tombstones, daily_rollups, member_weeks, member_bounds, members, workspaces RESTART IDENTITY CASCADE',
    );
    await a.close();
    await b.close();
    for (const close of closers.splice(0)) await close();
  });

  afterAll(async () => {
    await fresh?.drop();
  });

  function pools(): void {
    a = new PgDb(fresh.url, { poolSize: 8 });
    b = new PgDb(fresh.url, { poolSize: 8 });
    repoA = createPostgresRepositories(a);
    repoB = createPostgresRepositories(b);
  }

  /** The same directory and events in a temp SQLite store, for the answers to compare with. */
  function sqliteWith() {
    const dir = tempDir();
    const store = openSqliteStore(join(dir.path, 'hiroba.db'));
    closers.push(async () => {
      await store.close();
      dir.remove();
    });
    return store.repos;
  }

  it('counts each of 1,000 events once when two instances insert all of them at the same time', async () => {
    pools();
    const { wsId, members } = await seedDirectory(repoA, 40);
    const all = events(wsId, members, 1000, 31);
    // Pool a from the first event, pool b from the last: they meet in the middle and cross over.
    const results = await Promise.all([
      ...all.map((e) => repoA.activities.insert(e)),
      ...[...all].reverse().map((e) => repoB.activities.insert(e)),
    ]);
    expect(results.filter((r) => r.inserted)).toHaveLength(1000);
    const lite = sqliteWith();
    const liteWorld = await seedDirectory(lite, 40);
    for (const e of events(liteWorld.wsId, liteWorld.members, 1000, 31)) await lite.activities.insert(e);
    const fromPg = await figures(repoA, wsId);
    expect(fromPg).toEqual(await figures(lite, liteWorld.wsId));
    expect(fromPg.daily.reduce((n, d) => n + d.activities, 0)).toBe(1000);
    expect(fromPg.daily.reduce((n, d) => n + d.points, 0)).toBe(all.reduce((n, e) => n + e.points, 0));
    expect(keyed(fromPg.kept)).toEqual(keyed(fromPg.raw));
  });

  it('lets no add slip past a removal of the same event made at the same moment on the other instance', async () => {
    pools();
    const { wsId, members } = await seedDirectory(repoA, 10);
    const kept = events(wsId, members, 200, 7, 'K');
    const removed = events(wsId, members, 300, 8, 'R');
    for (const e of kept) await repoA.activities.insert(e);
    // Every removed event's add and removal race: whichever commits first, the event ends up uncounted.
    await Promise.all([
      ...removed.map((e) => repoA.activities.insert(e)),
      ...removed.map((e) => repoB.activities.retract(wsId, e.eventId, T0)),
    ]);
    for (const e of removed) expect(await repoA.activities.byEventId(wsId, e.eventId)).toBeNull();
    const lite = sqliteWith();
    const liteWorld = await seedDirectory(lite, 10);
    for (const e of events(liteWorld.wsId, liteWorld.members, 200, 7, 'K')) await lite.activities.insert(e);
    expect(await figures(repoA, wsId)).toEqual(await figures(lite, liteWorld.wsId));
  });

  it('keeps the figures equal to the raw count while departments move on both instances and events come and go', async () => {
    pools();
    const { wsId, members } = await seedDirectory(repoA, 12);
    const all = events(wsId, members, 600, 41);
    const random = createRandom(3);
    const moves = Array.from({ length: 60 }, (_, i) => ({
      id: (members[i % members.length] as Member).id,
      department: DEPARTMENTS[Math.floor(random.next() * DEPARTMENTS.length)] ?? null,
    }));
    await Promise.all([
      ...all.map((e) => repoB.activities.insert(e)),
      // Removals of a third of them from the other instance, some before their add, some after.
      ...all.filter((_, i) => i % 3 === 0).map((e) => repoA.activities.retract(wsId, e.eventId, T0)),
      ...moves.map((m) => repoA.members.update(m.id, { department: m.department })),
      // A second stream of moves from the other instance: moves recount one after the other.
      ...moves.map((m, i) =>
        repoB.members.update((members[(i * 5) % members.length] as Member).id, { department: m.department }),
      ),
    ]);
    const now = await figures(repoA, wsId);
    expect(keyed(now.kept)).toEqual(keyed(now.raw));
    expect(now.kept.reduce((n, f) => n + f.interactions, 0)).toBeGreaterThan(20);
  });
});
