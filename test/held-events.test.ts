import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityInput, HirobaCore } from '../src/core/ports.js';
import { createHirobaCore } from '../src/core/service.js';
import { heldEventsFile, holdEventsOnFailure } from '../src/held-events.js';
import { createLogger } from '../src/logger.js';
import { openSqliteStore, type Store } from '../src/store/sqlite-store.js';
import { FakeClock } from './support/fake-clock.js';
import { type FullDisk, fullDisk } from './support/full-disk.js';

const logger = createLogger('error', () => undefined);

function coreOver(store: Store): HirobaCore {
  return createHirobaCore({
    repos: store.repos,
    clock: new FakeClock('2026-11-24T03:00:00.000Z'),
    admins: ['U1'],
    validateCron: () => ({ ok: true }),
  });
}

/** Events acknowledged to a platform survive a database that refuses (a held lock, a full disk). */
describe('held events', () => {
  let disk: FullDisk;
  let path: string;
  let store: Store;
  let core: HirobaCore;
  let workspaceId: number;

  beforeEach(async () => {
    disk = fullDisk();
    path = join(disk.dir, 'hiroba.db');
    store = openSqliteStore(path);
    core = coreOver(store);
    const ws = await core.workspace('memory', 'T1', 'Test Co');
    workspaceId = ws.id;
    await store.repos.workspaces.updateSettings(ws.id, { ...ws.settings, countedChannels: ['C1'] });
    await core.upsertMember(ws.id, { platformId: 'U1', name: 'Aiko' });
    await core.upsertMember(ws.id, { platformId: 'U2', name: 'Ben' });
  });
  afterEach(async () => {
    try {
      disk.free(store.sqlite!);
      if (store.sqlite!.open) await store.close();
    } finally {
      disk.remove();
    }
  });

  const post = (n: number): ActivityInput => ({
    workspaceId,
    eventId: `m:C1:${n}`,
    kind: 'post',
    memberPlatformId: n % 2 === 0 ? 'U1' : 'U2',
    channelId: 'C1',
    occurredAt: '2026-11-24T02:00:00.000Z',
  });
  const counted = () =>
    Number(store.sqlite!.prepare('SELECT COUNT(*) FROM activities WHERE workspace_id = ?').pluck().get(workspaceId));

  it('a write lock held elsewhere: events are held in order, written to the dead-letter file, recorded once it is released', async () => {
    store.sqlite!.pragma('busy_timeout = 20');
    const file = heldEventsFile(path) as string;
    const held = holdEventsOnFailure({ core, file, logger, retryMs: 60_000 });
    const locker = new BetterSqlite3(path);
    locker.exec('BEGIN IMMEDIATE');
    expect(await held.core.recordActivity(post(1))).toEqual({ status: 'ignored', reason: 'held' });
    expect(await held.core.retractActivity(workspaceId, 'm:C1:1')).toBe(false);
    expect(await held.core.recordActivity(post(2))).toEqual({ status: 'ignored', reason: 'held' });
    expect(held.held()).toBe(3);
    expect(held.lastError()).toBe('SQLITE_BUSY');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(await held.flush()).toBe(3); // still locked
    locker.exec('COMMIT');
    locker.close();
    expect(await held.flush()).toBe(0);
    held.stop();
    // The removal came after its add: only post 2 counts, and the file is empty.
    expect(await store.repos.activities.byEventId(workspaceId, 'm:C1:1')).toBeNull();
    expect(await store.repos.activities.byEventId(workspaceId, 'm:C1:2')).not.toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('events held by a process that died are replayed from the file at the next start', async () => {
    store.sqlite!.pragma('busy_timeout = 20');
    const file = heldEventsFile(path) as string;
    const first = holdEventsOnFailure({ core, file, logger, retryMs: 60_000 });
    const locker = new BetterSqlite3(path);
    locker.exec('BEGIN IMMEDIATE');
    for (let n = 1; n <= 40; n++) await first.core.recordActivity(post(n));
    first.stop(); // the process goes down with 40 events held
    locker.exec('ROLLBACK');
    locker.close();
    await store.close();

    store = openSqliteStore(path);
    const next = holdEventsOnFailure({ core: coreOver(store), file, logger });
    expect(await next.replay()).toBe(40);
    expect(next.held()).toBe(0);
    expect(counted()).toBe(40);
    // A second replay (the file could not be emptied) counts nothing twice.
    expect(await next.replay()).toBe(0);
    expect(counted()).toBe(40);
    next.stop();
  });

  it(`a full disk: nothing acknowledged is lost, and "purpose set" says it failed instead of "updated"`, async () => {
    const held = holdEventsOnFailure({ core, file: heldEventsFile(path), logger, retryMs: 60_000 });
    disk.fill(store.sqlite!);
    const reply = await core.runCommand({ workspaceId, platformId: 'U1', text: 'purpose set share what works' });
    expect(reply.kind).toBe('command-error');
    expect((await store.repos.workspaces.get(workspaceId))?.settings.purpose).not.toBe('share what works');
    for (let n = 1; n <= 40; n++) await held.core.recordActivity(post(n));
    expect(held.held()).toBeGreaterThan(0);
    expect(held.lastError()).toBe('SQLITE_FULL');
    disk.free(store.sqlite!);
    expect(await held.flush()).toBe(0);
    held.stop();
    expect(counted()).toBe(40);
    const ok = await core.runCommand({ workspaceId, platformId: 'U1', text: 'purpose set share what works' });
    expect(ok.kind).toBe('command-reply');
  });
  it('a burst in one transaction: the results as one by one; when the commit is refused every event of it is held, none half-written', async () => {
    store.sqlite!.pragma('busy_timeout = 20');
    const file = heldEventsFile(path) as string;
    const held = holdEventsOnFailure({ core, file, logger, retryMs: 60_000 });
    expect(await held.core.recordActivities([post(1), post(2), post(1), { ...post(3), channelId: 'C9' }])).toEqual([
      expect.objectContaining({ status: 'recorded' }),
      expect.objectContaining({ status: 'recorded' }),
      { status: 'ignored', reason: 'duplicate' },
      { status: 'ignored', reason: 'channel_not_counted' },
    ]);
    expect(counted()).toBe(2);

    const locker = new BetterSqlite3(path);
    locker.exec('BEGIN IMMEDIATE');
    const HELD = { status: 'ignored', reason: 'held' };
    expect(await held.core.recordActivities([post(4), post(5), post(6)])).toEqual([HELD, HELD, HELD]);
    expect(held.held()).toBe(3);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    // Later events queue behind the held ones, one by one or in a burst.
    expect(await held.core.recordActivities([post(7)])).toEqual([HELD]);
    expect(await held.core.recordActivity(post(8))).toEqual(HELD);
    expect(held.held()).toBe(5);
    locker.exec('COMMIT');
    locker.close();
    expect(await held.flush()).toBe(0);
    held.stop();
    expect(counted()).toBe(7);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
