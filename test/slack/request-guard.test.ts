import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReplayGuard, type ReplayStore } from '../../src/slack/request-guard.js';
import { openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { tempDir } from '../store/temp-dir.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const TS = String(NOW.getTime() / 1000);

describe('Slack replay guard (seen keys in memory, written in batches)', () => {
  let dir: { path: string; remove(): void };
  let stores: Store[];
  let warnings: string[];

  beforeEach(() => {
    dir = tempDir('hiroba-guard-');
    stores = [];
    warnings = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    dir.remove();
  });

  /** A guard over its own connection to the shared database, as each process has. */
  const peer = (replays?: ReplayStore) => {
    const store = openSqliteStore(join(dir.path, 'hiroba.db'));
    stores.push(store);
    const guard = createReplayGuard({
      replays: replays ?? store.replays,
      now: () => NOW,
      warn: (message) => warnings.push(message),
      batchMs: 60_000,
    });
    const rows = () => Number(store.sqlite!.prepare('SELECT COUNT(*) FROM request_replays').pluck().get());
    return { guard, store, rows };
  };

  it('refuses a replay in the same process before anything is written, and writes the keys in one batch', async () => {
    const a = peer();
    expect(await a.guard.check('v0=aaa', TS)).toBe('pass');
    expect(await a.guard.check('v0=bbb', TS)).toBe('pass');
    expect(await a.guard.check('v0=aaa', TS)).toBe('replay');
    expect(a.rows()).toBe(0);
    await a.guard.flush();
    expect(a.rows()).toBe(2);
    expect(await a.guard.check('v0=aaa', TS)).toBe('replay');
    expect(warnings.filter((w) => w.includes('seen before'))).toHaveLength(2);
  });

  it('refuses in another process sharing the database once the batch is written; within the batch window both pass, and the late one is logged', async () => {
    const a = peer();
    const b = peer();
    expect(await a.guard.check('v0=aaa', TS)).toBe('pass');
    await a.guard.flush();
    expect(await b.guard.check('v0=aaa', TS)).toBe('replay');

    // The documented window: the same request at both processes before either wrote its batch.
    expect(await a.guard.check('v0=ccc', TS)).toBe('pass');
    expect(await b.guard.check('v0=ccc', TS)).toBe('pass');
    await a.guard.flush();
    await b.guard.flush();
    expect(warnings.filter((w) => w.includes('another process'))).toHaveLength(1);
  });

  it('refuses a timestamp more than five minutes ahead, and keeps answering from memory while the database refuses', async () => {
    let refusing = true;
    const a = peer();
    const flaky: ReplayStore = {
      seen: async (key, now) => {
        if (refusing) throw new Error('SQLITE_BUSY');
        return a.store.replays.seen(key, now);
      },
      recordMany: async (entries) => {
        if (refusing) throw new Error('SQLITE_BUSY');
        return a.store.replays.recordMany(entries);
      },
      deleteExpired: (now) => a.store.replays.deleteExpired(now),
    };
    const guard = createReplayGuard({ replays: flaky, now: () => NOW, warn: () => undefined, batchMs: 60_000 });
    expect(await guard.check('v0=ddd', String(NOW.getTime() / 1000 + 6 * 60))).toBe('future');
    expect(await guard.check('v0=ddd', TS)).toBe('pass');
    await guard.flush();
    expect(await guard.check('v0=ddd', TS)).toBe('replay');
    expect(a.rows()).toBe(0);
    // The keys the database refused are written with the next batch.
    refusing = false;
    await guard.flush();
    expect(a.rows()).toBe(1);
  });
});
