import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_RETRY_DELAYS_MS, runDueJob } from '../../src/scheduler/catch-up.js';
import type { JobDefinition } from '../../src/scheduler/job-runner.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

const { SqliteError } = BetterSqlite3;

/** A job whose write meets a lock held elsewhere is run again a little later, without blocking. */
describe('job runs retried while the database is busy', () => {
  let db: TempStore;
  beforeEach(() => {
    db = tempStore();
  });
  afterEach(() => db.close());

  function busyJob(busyTimes: number): JobDefinition & { builds: number } {
    const job = {
      name: 'digest' as const,
      builds: 0,
      build() {
        job.builds++;
        if (job.builds <= busyTimes) throw new SqliteError('database is locked', 'SQLITE_BUSY');
        return { rows: [{ recipient: { kind: 'channel' as const, id: 'C1' }, message: textMessage('digest') }] };
      },
    };
    return job;
  }

  it('runs once the lock is gone, after the listed waits', async () => {
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-27T00:00:00.000Z' });
    const job = busyJob(2);
    const slept: number[] = [];
    const results = await runDueJob({ repos: db.repos }, job, ws, new Date('2026-11-27T07:05:00.000Z'), {
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    expect(results.map((r) => r.status)).toEqual(['ran']);
    expect(slept).toEqual(DB_RETRY_DELAYS_MS.slice(0, 2));
    expect(await db.repos.outbox.pending()).toHaveLength(1);
  });

  it('gives up after the last wait and leaves the period out of the ledger for catch-up', async () => {
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-27T00:00:00.000Z' });
    const job = busyJob(1000);
    const slept: number[] = [];
    const results = await runDueJob({ repos: db.repos }, job, ws, new Date('2026-11-27T07:05:00.000Z'), {
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    expect(results).toEqual([]);
    expect(slept).toEqual([...DB_RETRY_DELAYS_MS]);
    expect(await db.repos.ledger.list(ws.id)).toEqual([]);
  });
});
