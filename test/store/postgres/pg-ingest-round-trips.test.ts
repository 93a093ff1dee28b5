import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityInput, HirobaCore } from '../../../src/core/ports.js';
import { createHirobaCore } from '../../../src/core/service.js';
import { defaultSettings } from '../../../src/core/types.js';
import { PgDb } from '../../../src/store/postgres/pg-db.js';
import { migratePostgres } from '../../../src/store/postgres/pg-migrate.js';
import { createPostgresRepositories } from '../../../src/store/postgres/pg-store.js';
import { FakeClock } from '../../support/fake-clock.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../../support/postgres.js';
import { acmeWorkspace, directoryMember } from '../activity-fixtures.js';

/**
 * On PostgreSQL every statement is a round trip, so what one recorded event costs is counted here:
 * every `query` a pooled connection sends (a script of several statements is one), and the
 * statements in them. The counts are the ingest path's design; a change that adds a round trip
 * has to change them here.
 */
describe.skipIf(postgresUrlForTests() === null)('round trips per recorded event on PostgreSQL', () => {
  let fresh: FreshDatabase;
  let db: PgDb;
  let core: HirobaCore;
  let wsId: number;
  const sent: string[] = [];
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    fresh = await freshDatabase('hiroba_pgtrips');
    db = new PgDb(fresh.url, { poolSize: 2 });
    await migratePostgres(db);
    const repos = createPostgresRepositories(db);
    const ws = await repos.workspaces.create(
      acmeWorkspace({ ...defaultSettings(), timezone: 'UTC', countedChannels: ['C1'] }),
    );
    wsId = ws.id;
    for (let i = 0; i < 3; i++) await repos.members.create(directoryMember(ws.id, i));
    core = createHirobaCore({ repos, clock: new FakeClock('2026-11-24T03:00:00.000Z'), admins: [] });
    // Each member's first contribution (thanked, with the kick-off) goes before the counted events.
    for (let i = 0; i < 3; i++) await core.recordActivity(event(`W${i}`, 'post', `U${i}`, 'T1'));
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
      sent.push(text ?? '');
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });

  afterAll(async () => {
    pg.Client.prototype.query = original;
    await db?.close();
    await fresh?.drop();
  });

  function event(eventId: string, kind: ActivityInput['kind'], from: string, at: string, to?: string): ActivityInput {
    return {
      workspaceId: wsId,
      eventId,
      kind,
      memberPlatformId: from,
      channelId: 'C1',
      occurredAt: `2026-11-23T${at === 'T1' ? '01' : at}:00:00.000Z`,
      ...(to === undefined ? {} : { targetPlatformId: to, parentEventId: 'W0' }),
    };
  }

  /** Round trips and statements `fn` sends. */
  async function counted(fn: () => Promise<unknown>): Promise<{ trips: number; statements: number }> {
    sent.length = 0;
    await fn();
    const statements = sent.reduce((n, text) => n + text.split(';\n').length, 0);
    return { trips: sent.length, statements };
  }

  it('a plain post: the workspace, the member, then the insert with the lock in one round trip', async () => {
    let status = '';
    const cost = await counted(async () => {
      status = (await core.recordActivity(event('E1', 'post', 'U0', '05'))).status;
    });
    expect(status).toBe('recorded');
    expect(cost).toEqual({ trips: 3, statements: 4 });
  });

  it('a reply: the target is looked up too', async () => {
    let status = '';
    const cost = await counted(async () => {
      status = (await core.recordActivity(event('E2', 'reply', 'U1', '06', 'U0'))).status;
    });
    expect(status).toBe('recorded');
    expect(cost).toEqual({ trips: 4, statements: 5 });
  });

  it('a duplicate costs what a post does and changes nothing', async () => {
    let result: unknown;
    const cost = await counted(async () => {
      result = await core.recordActivity(event('E1', 'post', 'U0', '05'));
    });
    expect(result).toEqual({ status: 'ignored', reason: 'duplicate' });
    expect(cost).toEqual({ trips: 3, statements: 4 });
  });

  it('a retraction: the lock and the delete in one round trip inside its transaction', async () => {
    let removed = false;
    const cost = await counted(async () => {
      removed = await core.retractActivity(wsId, 'E2');
    });
    expect(removed).toBe(true);
    expect(cost).toEqual({ trips: 11, statements: 12 });
  });

  it('a first contribution is still thanked, told by the insert', async () => {
    const before = await db.one<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE job = 'first-post-thanks'");
    await core.recordActivity(event('F1', 'post', 'U9', '07'));
    const repos = createPostgresRepositories(db);
    const member = await repos.members.create(directoryMember(wsId, 9));
    await core.recordActivity(event('F2', 'idea', `U${9}`, '08'));
    const after = await db.one<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE job = 'first-post-thanks'");
    expect(member.platformId).toBe('U9');
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(1);
  });
});
