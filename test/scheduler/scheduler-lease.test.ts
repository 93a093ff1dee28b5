import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobName } from '../../src/core/types.js';
import { MemoryPlatform } from '../../src/memory/memory-platform.js';
import { createJobRegistry, type JobDefinition } from '../../src/scheduler/job-runner.js';
import { createScheduler, SCHEDULER_LEASE_MS, type Scheduler } from '../../src/scheduler/scheduler.js';
import { namedLease } from '../../src/store/lease-repo.js';
import { openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { FakeClock } from '../support/fake-clock.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

function countingJob(name: JobName, runs: string[], who: string): JobDefinition {
  return {
    name,
    build: ({ period }) => {
      runs.push(`${who}:${period}`);
      return { rows: [{ recipient: { kind: 'channel', id: 'C-sns' }, message: textMessage(period) }] };
    },
  };
}

/** Two processes on one database: only the lease holder runs jobs; the other takes over when it lapses. */
describe('scheduler lease', () => {
  let db: TempStore;
  let second: Store;
  let clock: FakeClock;
  const platforms = { memory: new MemoryPlatform() };
  const schedulers: Scheduler[] = [];
  const runs: string[] = [];

  beforeEach(async () => {
    db = tempStore();
    second = openSqliteStore(db.path);
    clock = new FakeClock('2026-11-27T07:05:00.000Z');
    await addWorkspace(db.repos, { createdAt: '2026-11-27T00:00:00.000Z' });
    runs.length = 0;
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    await second.close();
    await db.close();
  });

  function scheduler(store: Store, who: string): Scheduler {
    const s = createScheduler({
      repos: store.repos,
      jobs: createJobRegistry([countingJob('digest', runs, who)]),
      clock,
      platforms,
      lease: namedLease(store.leases, 'scheduler', who),
    });
    schedulers.push(s);
    return s;
  }

  it('one leader; a standby takes over only after the leader stops renewing, and the old leader stands down', async () => {
    const a = scheduler(db.store, 'A');
    const b = scheduler(second, 'B');
    await a.start();
    expect(await b.start()).toEqual([]);
    expect([a.leading(), b.leading()]).toEqual([true, false]);
    expect(runs).toEqual(['A:2026-W48']);
    expect(b.armed().size).toBe(0);

    // A renews; B keeps standing by.
    clock.advance(SCHEDULER_LEASE_MS / 2);
    await a.checkLease();
    await b.checkLease();
    expect([a.leading(), b.leading()]).toEqual([true, false]);

    // A hangs (no renewal) past its lease: B takes over and arms; A, when it wakes, stands down.
    clock.advance(SCHEDULER_LEASE_MS + 1);
    await b.checkLease();
    expect(b.leading()).toBe(true);
    expect(b.armed().size).toBeGreaterThan(0);
    await a.checkLease();
    expect(a.leading()).toBe(false);
    expect(a.armed().size).toBe(0);
    expect((await second.leases.holder('scheduler'))?.holder).toBe('B');
    // The period already ran under A: B's catch-up does not run it again.
    expect(runs).toEqual(['A:2026-W48']);
  });

  it('a clean stop gives the lease up at once', async () => {
    const a = scheduler(db.store, 'A');
    const b = scheduler(second, 'B');
    await a.start();
    await b.start();
    await a.stop();
    await b.checkLease();
    expect(b.leading()).toBe(true);
  });
  it('a catch-up that failed (the database refused the workspace list) is tried again at the next lease check', async () => {
    const list = db.repos.workspaces.list.bind(db.repos.workspaces);
    let refusals = 1;
    const repos = {
      ...db.repos,
      workspaces: Object.assign(Object.create(db.repos.workspaces), {
        list: () => {
          if (refusals-- > 0) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
          return list();
        },
      }),
    };
    const s = createScheduler({
      repos,
      jobs: createJobRegistry([countingJob('digest', runs, 'A')]),
      clock,
      platforms,
      lease: namedLease(db.store.leases, 'scheduler', 'A'),
    });
    schedulers.push(s);
    await expect(s.start()).rejects.toThrow('disk I/O error');
    expect(s.leading()).toBe(false);
    expect(s.armed().size).toBe(0);
    await s.checkLease();
    expect(s.leading()).toBe(true);
    expect(runs).toEqual(['A:2026-W48']);
    expect(s.armed().size).toBe(1);
  });
});
