import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/core/ports.js';
import type { JobName } from '../../src/core/types.js';
import { MemoryPlatform } from '../../src/memory/memory-platform.js';
import { createJobRegistry, type JobDefinition } from '../../src/scheduler/job-runner.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

// Fake timers here test the node-cron wiring itself: tasks armed in the workspace's zone fire at
// the right local time. The rules behind a tick are tested without timers in catch-up/fires tests.

type Run = { job: JobName; period: string; now: string };

function recordingJob(name: JobName, runs: Run[]): JobDefinition {
  return {
    name,
    build: ({ period, now }) => {
      runs.push({ job: name, period, now: now.toISOString() });
      return { rows: [{ recipient: { kind: 'channel', id: 'C-sns' }, message: textMessage(`${name} ${period}`) }] };
    },
  };
}

describe('scheduler (node-cron wiring)', () => {
  let db: TempStore;
  let scheduler: Scheduler | null;
  const platforms = { memory: new MemoryPlatform() };

  beforeEach(() => {
    db = tempStore();
    scheduler = null;
  });
  afterEach(async () => {
    await scheduler?.stop();
    vi.useRealTimers();
    await db.close();
  });

  function start(jobs: JobDefinition[], now: string) {
    vi.useFakeTimers({ now: new Date(now) });
    scheduler = createScheduler({ repos: db.repos, jobs: createJobRegistry(jobs), clock: systemClock, platforms });
    return scheduler.start();
  }

  it('Asia/Tokyo: the digest fires Friday 16:00 JST (07:00Z) for the current ISO week', async () => {
    await addWorkspace(db.repos, { createdAt: '2026-11-27T00:00:00.000Z' });
    const runs: Run[] = [];
    expect(await start([recordingJob('digest', runs)], '2026-11-27T06:58:00.000Z')).toEqual([]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toEqual([{ job: 'digest', period: '2026-W48', now: '2026-11-27T07:00:00.000Z' }]);
  });

  it('America/New_York: Friday 16:00 is 20:00Z before 2026-11-01 and 21:00Z the week after', async () => {
    const ws = await addWorkspace(db.repos, {
      createdAt: '2026-10-01T00:00:00.000Z',
      settings: { timezone: 'America/New_York', calendar: 'none' },
    });
    await db.repos.ledger.record({
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W43',
      status: 'done',
      at: '2026-10-23T20:00:00.000Z',
      detail: null,
    });
    const runs: Run[] = [];
    await start([recordingJob('digest', runs)], '2026-10-30T19:30:00.000Z');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(runs.map((r) => r.now)).toEqual(['2026-10-30T20:00:00.000Z']);
    // On to the Friday after the change (2026-11-06 16:30 EST).
    await vi.advanceTimersByTimeAsync(new Date('2026-11-06T21:30:00.000Z').getTime() - Date.now());
    expect(runs).toEqual([
      { job: 'digest', period: '2026-W44', now: '2026-10-30T20:00:00.000Z' },
      { job: 'digest', period: '2026-W45', now: '2026-11-06T21:00:00.000Z' },
    ]);
  });

  it('a job due on 元日 2027 10:00 JST runs once, on 2027-01-04 10:00 JST', async () => {
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
    const runs: Run[] = [];
    await start([recordingJob('purpose-reminder', runs)], '2026-12-31T15:00:00.000Z');
    expect(scheduler!.armed().get(`${ws.id}:purpose-reminder`)).toEqual(['0 10 1 * *', '0 10 * * *']);
    await vi.advanceTimersByTimeAsync(5 * 24 * 3_600_000);
    expect(runs).toEqual([{ job: 'purpose-reminder', period: '2027-01', now: '2027-01-04T01:00:00.000Z' }]);
    expect((await db.repos.outbox.list(ws.id)).map((r) => r.period)).toEqual(['2027-01']);
  });

  it('catches up on start, then the cron keeps the period to one run', async () => {
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-01T00:00:00.000Z' });
    await db.repos.ledger.record({
      workspaceId: ws.id,
      job: 'digest',
      period: '2026-W46',
      status: 'done',
      at: '2026-11-13T07:00:00.000Z',
      detail: null,
    });
    const runs: Run[] = [];
    const results = await start([recordingJob('digest', runs)], '2026-11-28T01:00:00.000Z');
    expect(results.map((r) => [r.period, r.status])).toEqual([
      ['2026-W47', 'skipped'],
      ['2026-W48', 'ran'],
    ]);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(runs.map((r) => r.period)).toEqual(['2026-W48']);
  });

  it('reload re-arms a workspace after ops changed its schedule', async () => {
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-27T00:00:00.000Z', settings: { calendar: 'none' } });
    const runs: Run[] = [];
    await start([recordingJob('digest', runs)], '2026-11-27T01:00:00.000Z');
    expect(scheduler!.armed().get(`${ws.id}:digest`)).toEqual(['0 16 * * 5']);
    await db.repos.workspaces.updateSettings(ws.id, { ...ws.settings, schedules: { digest: '0 12 * * 5' } });
    await scheduler!.reload(ws.id);
    expect(scheduler!.armed().get(`${ws.id}:digest`)).toEqual(['0 12 * * 5']);
    await vi.advanceTimersByTimeAsync(8 * 3_600_000);
    expect(runs.map((r) => r.now)).toEqual(['2026-11-27T03:00:00.000Z']);
  });

  it('an invalid stored schedule is not armed and the other jobs are', async () => {
    const ws = await addWorkspace(db.repos, {
      createdAt: '2026-11-27T00:00:00.000Z',
      settings: { schedules: { nudges: '0 10 1-7 * 3' } },
    });
    await start([recordingJob('digest', []), recordingJob('nudges', [])], '2026-11-27T01:00:00.000Z');
    expect([...scheduler!.armed().keys()]).toEqual([`${ws.id}:digest`]);
  });

  it('a workspace created while running is armed within five minutes', async () => {
    const runs: Run[] = [];
    await start([recordingJob('digest', runs)], '2026-11-27T06:00:00.000Z');
    expect(scheduler!.armed().size).toBe(0);
    const ws = await addWorkspace(db.repos, { createdAt: '2026-11-27T06:01:00.000Z' });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(scheduler!.armed().get(`${ws.id}:digest`)).toEqual(['0 16 * * 5', '0 16 * * *']);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(runs.map((r) => r.now)).toEqual(['2026-11-27T07:00:00.000Z']);
  });

  it('an unknown time zone is logged and leaves other workspaces alone', async () => {
    const bad = await addWorkspace(db.repos, {
      externalId: 'bad',
      createdAt: '2026-11-27T00:00:00.000Z',
      settings: { timezone: 'Mars/Olympus' },
    });
    const good = await addWorkspace(db.repos, { externalId: 'good', createdAt: '2026-11-27T00:00:00.000Z' });
    const errors: string[] = [];
    vi.useFakeTimers({ now: new Date('2026-11-27T06:58:00.000Z') });
    scheduler = createScheduler({
      repos: db.repos,
      jobs: createJobRegistry([recordingJob('digest', [])]),
      clock: systemClock,
      platforms,
      logger: { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
    });
    await scheduler.start();
    expect([...scheduler.armed().keys()]).toEqual([`${good.id}:digest`]);
    expect(errors).toContain('schedule could not be armed; check the workspace time zone');
    expect(bad.settings.timezone).toBe('Mars/Olympus');
  });

  it('stop() disarms every task', async () => {
    await addWorkspace(db.repos, { createdAt: '2026-11-27T00:00:00.000Z' });
    const runs: Run[] = [];
    await start([recordingJob('digest', runs)], '2026-11-27T06:58:00.000Z');
    await scheduler!.stop();
    expect(scheduler!.armed().size).toBe(0);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toEqual([]);
  });
});
