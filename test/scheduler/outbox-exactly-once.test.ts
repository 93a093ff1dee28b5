import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewOutboxRow, OutboxRepo, Recipient, Repositories } from '../../src/core/ports.js';
import type { Workspace } from '../../src/core/types.js';
import { MemoryPlatform } from '../../src/memory/memory-platform.js';
import { createOutboxWorker, DEFAULT_LEASE_MS, type OutboxWorkerOptions } from '../../src/scheduler/outbox-worker.js';
import { openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { FakeClock } from '../support/fake-clock.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

const { SqliteError } = BetterSqlite3;
const T0 = '2026-11-27T07:00:00.000Z';

/** An outbox whose recording writes fail while `failures.left > 0` (disk full), as after a send. */
function failingOutbox(outbox: OutboxRepo, failures: { left: number }): OutboxRepo {
  const wrapper = Object.create(outbox) as OutboxRepo;
  const refuse = (): void => {
    if (failures.left > 0) {
      failures.left--;
      throw new SqliteError('database or disk is full', 'SQLITE_FULL');
    }
  };
  wrapper.markSent = async (...args) => {
    refuse();
    await outbox.markSent(...args);
  };
  wrapper.reschedule = async (...args) => {
    refuse();
    await outbox.reschedule(...args);
  };
  return wrapper;
}

describe('outbox exactly once under faults', () => {
  let db: TempStore;
  let clock: FakeClock;
  let platform: MemoryPlatform;
  let workspace: Workspace;
  const extraStores: Store[] = [];

  beforeEach(async () => {
    db = tempStore();
    clock = new FakeClock(T0);
    platform = new MemoryPlatform({ clock });
    workspace = await addWorkspace(db.repos);
  });
  afterEach(async () => {
    for (const store of extraStores.splice(0)) await store.close();
    await db.close();
  });

  function worker(repos: Repositories, extra: Partial<OutboxWorkerOptions> = {}) {
    return createOutboxWorker({
      repos,
      platforms: { memory: platform },
      clock,
      random: () => 0.5,
      sleep: async (ms) => {
        clock.advance(ms);
      },
      ...extra,
    });
  }

  async function enqueue(recipients: Recipient[]): Promise<void> {
    const rows: NewOutboxRow[] = recipients.map((recipient) => ({
      workspaceId: workspace.id,
      job: 'digest',
      period: '2026-W48',
      recipient,
      message: textMessage(`for ${recipient.id}`),
      notBefore: T0,
      createdAt: T0,
    }));
    await db.repos.outbox.enqueue(rows);
  }

  const members = (n: number): Recipient[] =>
    Array.from({ length: n }, (_, i) => ({ kind: 'member', id: `U${i + 1}` }));
  const sentTo = (id: string) => platform.sent.filter((s) => s.to.id === id).length;

  it('a send whose result cannot be written is not sent again: the result is written once the disk has room', async () => {
    await enqueue(members(1));
    const failures = { left: 3 };
    const w = worker({ ...db.repos, outbox: failingOutbox(db.repos.outbox, failures) });
    await w.drain();
    expect(sentTo('U1')).toBe(1);
    expect(w.unrecorded()).toBe(1);
    const [row] = await db.repos.outbox.pending();
    expect(row?.sendingSince).toBe(T0);
    expect(row?.claimedBy).not.toBeNull();
    // Polls while the disk stays full, past the lease: still one send.
    for (let i = 0; i < 2; i++) {
      clock.advance(DEFAULT_LEASE_MS);
      await w.drain();
    }
    expect(sentTo('U1')).toBe(1);
    expect(w.unrecorded()).toBe(1);
    await w.drain(); // the disk has room again
    expect(w.unrecorded()).toBe(0);
    expect(sentTo('U1')).toBe(1);
    expect(await db.repos.outbox.list(workspace.id, { status: 'sent' })).toHaveLength(1);
    expect(await db.repos.outbox.backlog()).toEqual({ pending: 0, oldestCreatedAt: null, possibleDuplicates: 0 });
  });

  it('a crash between send and record: another process re-sends only after the lease, once, counted', async () => {
    await enqueue(members(2));
    const crashed = worker(
      { ...db.repos, outbox: failingOutbox(db.repos.outbox, { left: Number.POSITIVE_INFINITY }) },
      { holder: 'A' },
    );
    await crashed.drain(); // both sent, neither recorded; then the process dies
    expect(platform.sent).toHaveLength(2);

    const other = openSqliteStore(db.path);
    extraStores.push(other);
    const successor = worker(other.repos, { holder: 'B' });
    expect(await successor.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 }); // lease still held
    expect(platform.sent).toHaveLength(2);

    clock.advance(DEFAULT_LEASE_MS + 1);
    expect(await successor.drain()).toEqual({ sent: 2, failed: 0, deferred: 0 });
    expect(sentTo('U1')).toBe(2);
    expect(sentTo('U2')).toBe(2);
    expect((await other.repos.outbox.backlog()).possibleDuplicates).toBe(2);
    const rows = await other.repos.outbox.list(workspace.id);
    expect(rows.map((r) => [r.status, r.possibleDuplicates, r.claimedBy, r.sendingSince])).toEqual([
      ['sent', 1, null, null],
      ['sent', 1, null, null],
    ]);
  });

  it('is re-sent at most once: a second lost result fails the row instead of a third copy', async () => {
    await enqueue(members(1));
    const lost = () => failingOutbox(db.repos.outbox, { left: Number.POSITIVE_INFINITY });
    await worker({ ...db.repos, outbox: lost() }, { holder: 'A' }).drain();
    clock.advance(DEFAULT_LEASE_MS + 1);
    await worker({ ...db.repos, outbox: lost() }, { holder: 'B' }).drain();
    expect(sentTo('U1')).toBe(2);
    clock.advance(DEFAULT_LEASE_MS + 1);
    expect(await worker(db.repos, { holder: 'C' }).drain()).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect(sentTo('U1')).toBe(2);
    const [row] = await db.repos.outbox.list(workspace.id);
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toMatch(/^unconfirmed:/u);
    expect(row?.possibleDuplicates).toBe(2);
  });

  it('a write lock held by another connection during the send: recorded after it is released, sent once', async () => {
    await enqueue(members(3));
    db.store.sqlite!.pragma('busy_timeout = 20');
    const locker = new BetterSqlite3(db.path);
    locker.pragma('busy_timeout = 20');
    let locked = false;
    const unsubscribe = platform.onSend((sent) => {
      if (sent.to.id === 'U2' && !locked) {
        locker.exec('BEGIN IMMEDIATE');
        locked = true;
      }
    });
    const w = worker(db.repos);
    // U2's result cannot be written; the drain itself fails at the next claim and is tried again later.
    await w.drain().catch(() => undefined);
    expect(w.unrecorded()).toBe(1);
    expect(platform.sent.map((s) => s.to.id)).toEqual(['U1', 'U2']);
    await w.drain().catch(() => undefined);
    expect(platform.sent.map((s) => s.to.id)).toEqual(['U1', 'U2']);
    locker.exec('COMMIT');
    locker.close();
    unsubscribe();
    await w.drain();
    expect(w.unrecorded()).toBe(0);
    expect(platform.sent.map((s) => s.to.id)).toEqual(['U1', 'U2', 'U3']);
    expect(await db.repos.outbox.list(workspace.id, { status: 'sent' })).toHaveLength(3);
  });

  it('two workers on two connections draining at once send each row once', async () => {
    await enqueue(members(100));
    const other = openSqliteStore(db.path);
    extraStores.push(other);
    const a = worker(db.repos, { holder: 'A', batchSize: 7 });
    const b = worker(other.repos, { holder: 'B', batchSize: 5 });
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(ra.sent + rb.sent).toBe(100);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    const ids = platform.sent.map((s) => s.to.id);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
  });

  it('a stop in the middle gives unsent claims back at once', async () => {
    await enqueue(members(10));
    const first = worker(db.repos, { holder: 'A' });
    const unsubscribe = platform.onSend(() => {
      if (platform.sent.length === 3) void first.stop();
    });
    await first.drain();
    unsubscribe();
    expect((await db.repos.outbox.pending()).filter((r) => r.claimedBy !== null)).toEqual([]);
    expect(await worker(db.repos, { holder: 'B' }).drain()).toEqual({ sent: 7, failed: 0, deferred: 0 });
  });
});
