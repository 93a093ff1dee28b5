import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Workspace } from '../../../src/core/types.js';
import { PgConfirmationRepo } from '../../../src/store/postgres/pg-confirmation-repo.js';
import { PgConversationRefRepo } from '../../../src/store/postgres/pg-conversation-ref-repo.js';
import { PgDashboardAuthRepo } from '../../../src/store/postgres/pg-dashboard-auth-repo.js';
import { PgDb, pgCode, UNIQUE_VIOLATION } from '../../../src/store/postgres/pg-db.js';
import { PgLeaseRepo } from '../../../src/store/postgres/pg-lease-repo.js';
import { PgLedgerRepo } from '../../../src/store/postgres/pg-ledger-repo.js';
import { PgMemberRepo } from '../../../src/store/postgres/pg-member-repo.js';
import { migratePostgres } from '../../../src/store/postgres/pg-migrate.js';
import { PgPendingActivityRepo } from '../../../src/store/postgres/pg-pending-activity-repo.js';
import { PgReplayRepo } from '../../../src/store/postgres/pg-replay-repo.js';
import { PgWorkspaceRepo } from '../../../src/store/postgres/pg-workspace-repo.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../../support/postgres.js';

/**
 * What only PostgreSQL makes possible: several instances (here two pools, each its own connections)
 * writing the same rows at once. Each race is run many times over so that a read-then-write would lose.
 */
describe.skipIf(postgresUrlForTests() === null)('PostgreSQL repositories shared by two instances', () => {
  let fresh: FreshDatabase;
  let a: PgDb;
  let b: PgDb;
  let ws: Workspace;
  let memberId: number;
  const T0 = '2026-11-02T00:00:00.000Z';
  const T1 = '2026-11-02T00:01:00.000Z';
  const T2 = '2026-11-02T00:02:00.000Z';
  const ROUNDS = 20;

  beforeAll(async () => {
    fresh = await freshDatabase('hiroba_pgbase');
    a = new PgDb(fresh.url, { poolSize: 6 });
    b = new PgDb(fresh.url, { poolSize: 6 });
    await migratePostgres(a);
    ws = await new PgWorkspaceRepo(a).create({
      platform: 'memory',
      externalId: 'acme',
      name: 'Acme',
      settings: defaultSettings(),
      createdAt: T0,
    });
    const row = await a.one<{ id: number }>(
      "INSERT INTO members (workspace_id, name, joined_at) VALUES ($1, 'Alice', $2) RETURNING id",
      [ws.id, T0],
    );
    memberId = row?.id ?? 0;
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fresh?.drop();
  });

  /** Runs `race(pool, i)` for both pools, `ROUNDS` times each, all at once; the answers, pool a first. */
  async function both<T>(race: (db: PgDb, i: number) => Promise<T>): Promise<T[]> {
    const runs: Array<Promise<T>> = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(race(a, i), race(b, i));
    return Promise.all(runs);
  }

  const winners = (answers: boolean[]) => answers.filter(Boolean).length;

  it('gives a free lease to exactly one of many racing holders, renews it for its holder only, and frees it when it lapses', async () => {
    const answers = await both((db, i) =>
      new PgLeaseRepo(db).acquire('scheduler', `holder-${db === a ? 'a' : 'b'}-${i}`, T0, T1),
    );
    expect(winners(answers)).toBe(1);
    const leases = new PgLeaseRepo(a);
    const held = await leases.holder('scheduler');
    expect(held?.until).toBe(T1);
    const holder = held?.holder ?? '';
    expect(await leases.acquire('scheduler', 'someone-else', T0, T2)).toBe(false);
    expect(await leases.acquire('scheduler', holder, T0, T2)).toBe(true);
    expect(await leases.holder('scheduler')).toEqual({ holder, until: T2 });
    // Lapsed at T2: of the racers, again exactly one takes it over.
    const takeovers = await both((db, i) =>
      new PgLeaseRepo(db).acquire('scheduler', `late-${db === a ? 'a' : 'b'}-${i}`, T2, '2026-11-02T00:03:00.000Z'),
    );
    expect(winners(takeovers)).toBe(1);
    const taker = (await leases.holder('scheduler'))?.holder ?? '';
    await leases.release('scheduler', holder);
    expect((await leases.holder('scheduler'))?.holder).toBe(taker);
    await leases.release('scheduler', taker);
    expect(await leases.holder('scheduler')).toBeNull();
  });

  it('sees a signed request first exactly once across instances, and forgets it when it expires', async () => {
    const answers = await both((db) => new PgReplayRepo(db).firstSeen('req-1', T1));
    expect(winners(answers)).toBe(1);
    const replays = new PgReplayRepo(b);
    expect(await replays.seen('req-1', T0)).toBe(true);
    expect(await replays.seen('req-1', T1)).toBe(true);
    expect(await replays.seen('req-1', T2)).toBe(false);
    expect(
      await replays.recordMany([
        { key: 'req-1', expiresAt: T1 },
        { key: 'req-2', expiresAt: T2 },
      ]),
    ).toEqual(['req-1']);
    expect(await replays.deleteExpired(T2)).toBe(1);
    expect(await replays.seen('req-2', T0)).toBe(true);
  });

  it('signs in once with a login link, however many requests race with it', async () => {
    const grant = { workspaceId: ws.id, memberId, createdAt: T0, expiresAt: T1 };
    const dashboard = new PgDashboardAuthRepo(a);
    await dashboard.createLoginToken('hash-1', grant);
    const uses = await both((db) => new PgDashboardAuthRepo(db).useLoginToken('hash-1', T0));
    expect(uses.filter((use) => use.status === 'ok')).toHaveLength(1);
    expect(uses.filter((use) => use.status === 'used')).toHaveLength(2 * ROUNDS - 1);
    await dashboard.createLoginToken('hash-2', grant);
    expect(await dashboard.useLoginToken('hash-2', T1)).toEqual({ status: 'expired', grant });
    expect(await dashboard.useLoginToken('nope', T0)).toEqual({ status: 'unknown' });
    await dashboard.createSession('session-1', grant);
    expect(await new PgDashboardAuthRepo(b).session('session-1', T0)).toEqual(grant);
    expect(await dashboard.session('session-1', T1)).toBeNull();
    expect(await dashboard.deleteExpired(T2)).toBe(3);
  });

  it('runs a confirmed command once: one instance takes the confirmation', async () => {
    const confirmation = await new PgConfirmationRepo(a).create({
      workspaceId: ws.id,
      memberId,
      command: 'prompt',
      args: { text: 'x' },
      createdAt: T0,
      expiresAt: T1,
    });
    const takes = await both((db) => new PgConfirmationRepo(db).take(confirmation.id));
    expect(winners(takes)).toBe(1);
  });

  it('records a ledger period and keeps a pending activity once, whoever writes it', async () => {
    const entry = {
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W45',
      status: 'done' as const,
      at: T0,
      detail: null,
    };
    expect(winners(await both((db) => new PgLedgerRepo(db).record(entry)))).toBe(1);
    const pending = {
      workspaceId: ws.id,
      eventId: 'msg:C1:1',
      memberPlatformId: 'U9',
      activity: { eventId: 'msg:C1:1', kind: 'post' as const, memberPlatformId: 'U9', channelId: 'C1', occurredAt: T0 },
      nextAttemptAt: T0,
      lastError: null,
      createdAt: T0,
    };
    expect(winners(await both((db) => new PgPendingActivityRepo(db).add(pending)))).toBe(1);
    expect(await new PgPendingActivityRepo(b).list(ws.id)).toHaveLength(1);
  });

  it('deletes conversation references by a literal prefix (LIKE wildcards in it match themselves)', async () => {
    const refs = new PgConversationRefRepo(a);
    await refs.save(ws.id, 'member:1', { id: 1 }, T0);
    await refs.save(ws.id, 'member%x', { id: 2 }, T0);
    await refs.save(ws.id, 'members', { id: 3 }, T0);
    await refs.save(ws.id, 'member:2', { id: 4 }, T2);
    expect(await refs.deleteBefore(ws.id, 'member%', T1)).toBe(1);
    expect(await refs.deleteBefore(ws.id, 'member:', T1)).toBe(1);
    expect(await refs.get(ws.id, 'member%x')).toBeNull();
    expect(await refs.get(ws.id, 'member:1')).toBeNull();
    expect(await refs.get(ws.id, 'members')).toEqual({ id: 3 });
    expect(await refs.get(ws.id, 'member:2')).toEqual({ id: 4 });
  });
  it("matches emails as SQLite's NOCASE does: ASCII letters in any case, other letters as written", async () => {
    const members = new PgMemberRepo(a);
    const carol = await members.create({
      workspaceId: ws.id,
      name: 'Carol',
      joinedAt: T0,
      email: 'Carol.É@Example.com',
    });
    expect((await members.byEmail(ws.id, 'carol.É@EXAMPLE.COM'))?.id).toBe(carol.id);
    expect(await members.byEmail(ws.id, 'carol.é@example.com')).toBeNull();
    const duplicate = await members
      .create({ workspaceId: ws.id, name: 'Carol 2', joinedAt: T0, email: 'CAROL.É@example.COM' })
      .catch((error: unknown) => error);
    expect(pgCode(duplicate)).toBe(UNIQUE_VIOLATION);
    // Another workspace, or another non-ASCII case, is another email.
    expect(
      (await members.create({ workspaceId: ws.id, name: 'Carol 3', joinedAt: T0, email: 'carol.é@example.com' })).email,
    ).toBe('carol.é@example.com');
  });

  it('keeps both of two updates of one member made at once by two instances (no lost update)', async () => {
    const id = (await new PgMemberRepo(a).create({ workspaceId: ws.id, name: 'Dan', joinedAt: T0 })).id;
    for (let i = 0; i < ROUNDS; i++) {
      await Promise.all([
        new PgMemberRepo(a).update(id, { name: `name-${i}` }),
        new PgMemberRepo(b).update(id, { location: `place-${i}` }),
      ]);
      const member = await new PgMemberRepo(a).get(id);
      expect([member?.name, member?.location]).toEqual([`name-${i}`, `place-${i}`]);
    }
  });
});
