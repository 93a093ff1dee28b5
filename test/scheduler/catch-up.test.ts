import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobName } from '../../src/core/types.js';
import { MemoryPlatform } from '../../src/memory/memory-platform.js';
import { catchUp, runDueJob } from '../../src/scheduler/catch-up.js';
import { createJobRegistry, type JobDefinition } from '../../src/scheduler/job-runner.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

function channelJob(name: JobName, runs: { period: string; now: string }[]): JobDefinition {
  return {
    name,
    build: ({ period, now }) => {
      runs.push({ period, now: now.toISOString() });
      return { rows: [{ recipient: { kind: 'channel', id: 'C-sns' }, message: textMessage(`${name} ${period}`) }] };
    },
  };
}

describe('catchUp', () => {
  let db: TempStore;
  beforeEach(() => {
    db = tempStore();
  });
  afterEach(() => db.close());

  it('runs a missed fire whose period is still current once, and records an over period as skipped', async () => {
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-01T00:00:00.000Z' });
    await db.repos.ledger.record({
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W46',
      status: 'done',
      at: '2026-11-13T07:00:00.000Z',
      detail: null,
    });
    const runs: { period: string; now: string }[] = [];
    const jobs = createJobRegistry([channelJob('digest', runs)]);
    // Down from Thu 11-19 to Sat 11-28 10:00 JST: W47's Friday is over, W48's Friday is this week.
    const now = new Date('2026-11-28T01:00:00.000Z');

    const results = await catchUp({ repos: db.repos, jobs }, now);
    expect(results).toEqual([
      expect.objectContaining({ job: 'digest', period: '2026-W47', status: 'skipped', enqueued: 0 }),
      expect.objectContaining({ job: 'digest', period: '2026-W48', status: 'ran', enqueued: 1 }),
    ]);
    expect(runs).toEqual([{ period: '2026-W48', now: now.toISOString() }]);
    expect(await db.repos.ledger.get(ws.id, 'digest', '2026-W47')).toMatchObject({ status: 'skipped' });
    expect((await db.repos.ledger.get(ws.id, 'digest', '2026-W47'))?.detail).toContain('not sent late');
    expect((await db.repos.outbox.list(ws.id)).map((r) => r.period)).toEqual(['2026-W48']);

    // A second start in the same period does nothing at all.
    expect(await catchUp({ repos: db.repos, jobs }, new Date('2026-11-28T05:00:00.000Z'))).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(await db.repos.outbox.list(ws.id)).toHaveLength(1);
  });

  it('a brand-new workspace is not flooded: fires before its creation are ignored', async () => {
    await addWorkspace(db.repos, { createdAt: '2026-11-27T08:00:00.000Z' });
    const runs: { period: string; now: string }[] = [];
    const results = await catchUp(
      { repos: db.repos, jobs: createJobRegistry([channelJob('digest', runs)]) },
      new Date('2026-11-28T01:00:00.000Z'),
    );
    expect(results).toEqual([]);
    expect(runs).toEqual([]);
  });

  it('serves only workspaces whose platform is running', async () => {
    await addWorkspace(db.repos, { platform: 'slack', externalId: 'T1', createdAt: '2026-11-01T00:00:00.000Z' });
    const runs: { period: string; now: string }[] = [];
    const jobs = createJobRegistry([channelJob('digest', runs)]);
    const now = new Date('2026-11-28T01:00:00.000Z');
    expect(await catchUp({ repos: db.repos, jobs, platforms: { memory: new MemoryPlatform() } }, now)).toEqual([]);
    expect((await catchUp({ repos: db.repos, jobs }, now)).map((r) => r.status)).toContain('ran');
  });

  it('a job due on 2027-01-01 10:00 JST runs on 2027-01-04 10:00 JST under jp, once', async () => {
    const ws = await addWorkspace(db.repos, {
      createdAt: '2026-12-01T00:00:00.000Z',
      settings: { schedules: { 'purpose-reminder': '0 10 1 * *' } },
    });
    await db.repos.ledger.record({
      workspaceId: ws.id,
      job: 'purpose-reminder',
      period: '2026-12',
      status: 'done',
      at: '2026-12-01T01:00:00.000Z',
      detail: null,
    });
    const runs: { period: string; now: string }[] = [];
    const job = channelJob('purpose-reminder', runs);
    const tick = async (iso: string) =>
      runDueJob({ repos: db.repos }, job, (await db.repos.workspaces.get(ws.id))!, new Date(iso), {
        maxLatenessMs: 900_000,
      });

    expect(await tick('2027-01-01T01:00:00.000Z')).toEqual([]); // 元日 10:00: not a business day
    expect(await tick('2027-01-02T01:00:00.000Z')).toEqual([]); // Saturday
    expect(await tick('2027-01-03T01:00:00.000Z')).toEqual([]); // Sunday
    expect(await tick('2027-01-04T01:00:00.000Z')).toEqual([
      expect.objectContaining({ period: '2027-01', status: 'ran', enqueued: 1 }),
    ]);
    expect(await tick('2027-01-05T01:00:00.000Z')).toEqual([]);
    expect(runs).toEqual([{ period: '2027-01', now: '2027-01-04T01:00:00.000Z' }]);
  });

  it('under calendar none the same job runs on 元日 itself', async () => {
    const ws = await addWorkspace(db.repos, {
      createdAt: '2026-12-01T00:00:00.000Z',
      settings: { calendar: 'none', schedules: { 'purpose-reminder': '0 10 1 * *' } },
    });
    const runs: { period: string; now: string }[] = [];
    await runDueJob(
      { repos: db.repos },
      channelJob('purpose-reminder', runs),
      ws,
      new Date('2027-01-01T01:00:00.000Z'),
    );
    expect(runs).toEqual([{ period: '2027-01', now: '2027-01-01T01:00:00.000Z' }]);
  });

  it('a tick does not run an older fire (maxLatenessMs) but catch-up on start does', async () => {
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-01T00:00:00.000Z' });
    await db.repos.ledger.record({
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W47',
      status: 'done',
      at: '2026-11-20T07:00:00.000Z',
      detail: null,
    });
    const runs: { period: string; now: string }[] = [];
    const job = channelJob('digest', runs);
    const saturday = new Date('2026-11-28T07:00:00.000Z');
    expect(await runDueJob({ repos: db.repos }, job, ws, saturday, { maxLatenessMs: 900_000 })).toEqual([]);
    expect(runs).toEqual([]);
    expect((await runDueJob({ repos: db.repos }, job, ws, saturday)).map((r) => r.status)).toEqual(['ran']);
  });

  it('a job that throws is logged, not recorded, and runs at the next start', async () => {
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-01T00:00:00.000Z' });
    await db.repos.ledger.record({
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W47',
      status: 'done',
      at: '2026-11-20T07:00:00.000Z',
      detail: null,
    });
    const errors: string[] = [];
    const logger = { info: () => undefined, warn: () => undefined, error: (m: string) => errors.push(m) };
    const broken: JobDefinition = {
      name: 'digest',
      build: () => {
        throw new Error('boom');
      },
    };
    const now = new Date('2026-11-27T07:00:00.000Z');
    expect(await runDueJob({ repos: db.repos, logger }, broken, ws, now)).toEqual([]);
    expect(errors).toEqual(['job failed; left out of the ledger so catch-up can run it while its period lasts']);
    expect(await db.repos.ledger.get(ws.id, 'digest', '2026-W48')).toBeNull();
  });
});
