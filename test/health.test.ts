import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewOutboxRow } from '../src/core/ports.js';
import { createHirobaCore } from '../src/core/service.js';
import { readHealth } from '../src/health.js';
import { holdEventsOnFailure } from '../src/held-events.js';
import { boundPort, createHttpServer, type HttpServer } from '../src/http-server.js';
import { createLogger } from '../src/logger.js';
import { SERVER_BUSY_TIMEOUT_MS } from '../src/main.js';
import { openSqliteStore, type Store } from '../src/store/sqlite-store.js';
import { tempDir } from './store/temp-dir.js';
import { FakeClock } from './support/fake-clock.js';

const T0 = '2026-11-27T07:00:00.000Z';

/** /healthz answers at once while another connection holds the database, and says what is wrong. */
describe('/healthz', () => {
  let dir: { path: string; remove(): void };
  let store: Store;
  let server: HttpServer;
  let url: string;
  const clock = new FakeClock(T0);
  let held: { held: number; lastError: string | null };

  beforeEach(async () => {
    dir = tempDir();
    store = openSqliteStore(join(dir.path, 'hiroba.db'), undefined, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
    held = { held: 0, lastError: null };
    server = createHttpServer({
      health: () =>
        readHealth({ store, platforms: {}, clock, held: () => held, unrecorded: () => 0, leading: () => true }),
    });
    url = `http://127.0.0.1:${boundPort(await server.listen(0, '127.0.0.1'))}/healthz`;
  });
  afterEach(async () => {
    await server.close();
    if (store.sqlite!.open) await store.close();
    dir.remove();
  });

  async function get(): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
    const started = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, body, ms: performance.now() - started };
  }

  it('reports the backlog, the oldest pending age, possible duplicates and each job last run', async () => {
    const ws = await store.repos.workspaces.create({
      platform: 'memory',
      externalId: 'T1',
      name: 'Acme',
      settings: (await import('../src/core/types.js')).defaultSettings({}),
      createdAt: T0,
    });
    const rows: NewOutboxRow[] = ['U1', 'U2'].map((id) => ({
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W48',
      recipient: { kind: 'member', id },
      message: { kind: 't', blocks: [], fallback: 'x' },
      notBefore: T0,
      createdAt: T0,
    }));
    await store.repos.outbox.commitRun(
      { workspaceId: ws.id, job: 'digest', period: '2026-W48', status: 'done', at: T0, detail: null },
      rows,
    );
    store.sqlite!.prepare('UPDATE outbox SET possible_duplicates = 1 WHERE recipient_id = ?').run('U2');
    clock.set('2026-11-27T07:01:30.000Z');
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      db: 'ok',
      adapters: { slack: 'off', teams: 'off' },
      outbox: { pending: 2, oldestPendingAgeSeconds: 90, possibleDuplicates: 1, unrecorded: 0 },
      events: { held: 0 },
      scheduler: { leader: true },
      jobs: { digest: T0 },
    });
  });

  it('while another connection holds the write lock: 503 "locked" at once, and events are held without waiting', async () => {
    const core = createHirobaCore({ repos: store.repos, clock, admins: [], validateCron: () => ({ ok: true }) });
    const ws = await core.workspace('memory', 'T9', 'Locked Co');
    const locker = new BetterSqlite3(store.sqlite!.name);
    locker.exec('BEGIN IMMEDIATE');
    try {
      const { status, body, ms } = await get();
      expect(status).toBe(503);
      expect(body.db).toBe('locked');
      // The old server waited out a 5 s busy timeout here; a generous bound far below it.
      expect(ms).toBeLessThan(1000);

      const events = holdEventsOnFailure({ core, file: null, logger: createLogger('error', () => undefined) });
      const started = performance.now();
      const result = await events.core.retractActivity(ws.id, 'm:C1:1');
      const blocked = performance.now() - started;
      events.stop();
      expect(result).toBe(false);
      expect(events.held()).toBe(1);
      expect(blocked).toBeLessThan(1000);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect((await get()).status).toBe(200);
  });

  it('a full disk (events held after SQLITE_FULL) is 503 "full"; an unreadable database is 503 "error"', async () => {
    held = { held: 3, lastError: 'SQLITE_FULL' };
    const full = await get();
    expect([full.status, full.body.db, full.body.events]).toEqual([503, 'full', { held: 3 }]);
    await store.close();
    const gone = await get();
    expect([gone.status, gone.body.db, gone.body.status]).toEqual([503, 'error', 'error']);
  });
});

describe('readHealth adapters', () => {
  it('shows Teams as insecure when it runs without credentials on purpose, and Slack as degraded while it waits', async () => {
    const dir = tempDir();
    const store = openSqliteStore(join(dir.path, 'hiroba.db'));
    try {
      const platform = { platform: 'teams' } as never;
      const states = { slack: 'degraded', teams: 'insecure' } as const;
      const report = await readHealth({
        store,
        platforms: { slack: platform, teams: platform },
        clock: new FakeClock(T0),
        adapterState: (name) => states[name as 'slack' | 'teams'],
      });
      expect(report.adapters).toEqual({ slack: 'degraded', teams: 'insecure' });
      const plain = await readHealth({ store, platforms: { teams: platform }, clock: new FakeClock(T0) });
      expect(plain.adapters).toEqual({ slack: 'off', teams: 'on' });
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
