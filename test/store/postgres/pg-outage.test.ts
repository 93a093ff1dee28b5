import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHirobaCore } from '../../../src/core/service.js';
import { holdEventsOnFailure } from '../../../src/held-events.js';
import { createLogger } from '../../../src/logger.js';
import { DatabaseUnreachableError, isDatabaseUnavailable } from '../../../src/store/errors.js';
import { openStore, type Store } from '../../../src/store/open-store.js';
import { freshDatabase, postgresUrlForTests } from '../../support/postgres.js';

/**
 * A TCP hop between Hiroba and PostgreSQL that the test can cut and restore: what a failover or a
 * network cut looks like from the application (connections reset, new ones refused).
 */
class CuttableLink {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address === 'object' && address !== null) this.port = address.port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe.skipIf(postgresUrlForTests() === null)('PostgreSQL going away and coming back', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('names the database (never its password) and what to check when it cannot be opened', async () => {
    const closed = new CuttableLink({ host: '127.0.0.1', port: 9 });
    await closed.open();
    const port = closed.port;
    await closed.cut();
    const refused = await openStore({
      kind: 'postgres',
      url: `postgres://hiroba:Secret77@127.0.0.1:${port}/hiroba`,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseUnreachableError);
    expect(String((refused as Error).message)).toContain(
      `postgres://hiroba@127.0.0.1:${port}/hiroba: connect ECONNREFUSED`,
    );
    expect(String((refused as Error).message)).toContain('Check HIROBA_DATABASE_URL');
    expect(String((refused as Error).message)).not.toContain('Secret77');
    const admin = new URL(postgresUrlForTests() ?? '');
    admin.pathname = '/hiroba_no_such_database';
    await expect(openStore({ kind: 'postgres', url: admin.toString() })).rejects.toThrow(
      /does not exist\. Check HIROBA_DATABASE_URL/u,
    );
  });

  it('holds the events it cannot store while the database is unreachable, and stores each once when it is back', async () => {
    const database = await freshDatabase('hiroba_outage');
    cleanups.push(() => database.drop());
    const server = new URL(database.url);
    const link = new CuttableLink({ host: server.hostname, port: Number(server.port) });
    await link.open();
    cleanups.push(() => link.cut());
    const viaLink = new URL(database.url);
    viaLink.port = String(link.port);
    const store: Store = await openStore({ kind: 'postgres', url: viaLink.toString() });
    cleanups.push(() => store.close());

    const core = createHirobaCore({ repos: store.repos, clock: { now: () => new Date() } });
    const ws = await core.workspace('slack', 'T0OUTAGE1', 'Outage Co.');
    await store.repos.workspaces.updateSettings(ws.id, { ...ws.settings, countedChannels: ['C1'] });
    await store.repos.members.create({
      workspaceId: ws.id,
      name: '山田 太郎',
      joinedAt: new Date().toISOString(),
      platformId: 'U1',
    });
    const dir = mkdtempSync(join(tmpdir(), 'hiroba-outage-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'held-events.jsonl');
    const held = holdEventsOnFailure({ core, file, logger: createLogger('error', () => undefined), retryMs: 60_000 });
    cleanups.push(() => held.stop());
    const event = (n: number) => ({
      workspaceId: ws.id,
      eventId: `msg:C1:${n}`,
      kind: 'post' as const,
      memberPlatformId: 'U1',
      channelId: 'C1',
      occurredAt: new Date().toISOString(),
    });

    expect(await held.core.recordActivity(event(1))).toMatchObject({ status: 'recorded' });
    await link.cut();
    // The pooled connection is reset and a new one is refused: both are "not now", never "never".
    const refusal = await store.repos.workspaces.get(ws.id).catch((error: unknown) => error);
    expect(isDatabaseUnavailable(refusal)).toBe(true);
    expect(await held.core.recordActivity(event(2))).toEqual({ status: 'ignored', reason: 'held' });
    expect(await held.core.recordActivities([event(3), event(2)])).toEqual([
      { status: 'ignored', reason: 'held' },
      { status: 'ignored', reason: 'held' },
    ]);
    expect(held.held()).toBe(3);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);

    await link.open();
    expect(await held.flush()).toBe(0);
    const stored = await store.repos.activities.between(ws.id, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    expect(stored.map((a) => a.eventId).sort()).toEqual(['msg:C1:1', 'msg:C1:2', 'msg:C1:3']);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
