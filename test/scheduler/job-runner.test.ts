import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/core/types.js';
import { createJobRegistry, type JobDefinition, type JobRow, runJob } from '../../src/scheduler/job-runner.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

// Tue 2026-11-24 21:00 JST: inside quiet hours.
const EVENING = new Date('2026-11-24T12:00:00.000Z');
const NEXT_MORNING = '2026-11-24T23:00:00.000Z';

function fakeJob(
  rows: JobRow[],
  extra: { commits?: string[]; fail?: boolean } = {},
): JobDefinition & { builds: number } {
  const job = {
    name: 'digest' as const,
    builds: 0,
    build() {
      job.builds++;
      if (extra.fail) throw new Error('directory unreachable');
      return {
        rows,
        detail: `${rows.length} rows`,
        commit: async () => {
          extra.commits?.push('committed');
        },
      };
    },
  };
  return job;
}

const ROWS: JobRow[] = [
  { recipient: { kind: 'member', id: 'U1' }, message: textMessage('hello U1') },
  { recipient: { kind: 'member', id: 'U2' }, message: textMessage('hello U2') },
  { recipient: { kind: 'channel', id: 'C1' }, message: textMessage('digest') },
];

describe('runJob', () => {
  let db: TempStore;
  let workspace: Workspace;
  beforeEach(async () => {
    db = tempStore();
    workspace = await addWorkspace(db.repos);
  });
  afterEach(() => db.close());

  it('writes the ledger entry and every row; DMs wait for the end of quiet hours, channel posts do not', async () => {
    const commits: string[] = [];
    const outcome = await runJob({ repos: db.repos }, fakeJob(ROWS, { commits }), workspace, { now: EVENING });
    expect(outcome).toMatchObject({ status: 'ran', enqueued: 3, period: '2026-W48', job: 'digest', detail: '3 rows' });
    expect(await db.repos.ledger.get(workspace.id, 'digest', '2026-W48')).toMatchObject({
      status: 'done',
      detail: '3 rows',
    });
    const rows = await db.repos.outbox.list(workspace.id);
    expect(rows.map((r) => [r.recipient.id, r.notBefore, r.status])).toEqual([
      ['U1', NEXT_MORNING, 'pending'],
      ['U2', NEXT_MORNING, 'pending'],
      ['C1', EVENING.toISOString(), 'pending'],
    ]);
    expect(rows.every((r) => r.period === '2026-W48' && r.job === 'digest')).toBe(true);
    expect(commits).toEqual(['committed']);
  });

  it('a second run for the same period does nothing', async () => {
    const commits: string[] = [];
    const job = fakeJob(ROWS, { commits });
    await runJob({ repos: db.repos }, job, workspace, { now: EVENING });
    const again = await runJob({ repos: db.repos }, job, workspace, { now: new Date(EVENING.getTime() + 3_600_000) });
    expect(again).toMatchObject({ status: 'already-ran', enqueued: 0, rows: [] });
    expect(job.builds).toBe(1);
    expect(commits).toEqual(['committed']);
    expect(await db.repos.outbox.list(workspace.id)).toHaveLength(3);
  });

  it('an explicit period is used as given', async () => {
    const outcome = await runJob({ repos: db.repos }, fakeJob(ROWS), workspace, { now: EVENING, period: '2026-W47' });
    expect(outcome.period).toBe('2026-W47');
    expect(await db.repos.ledger.get(workspace.id, 'digest', '2026-W47')).not.toBeNull();
    expect(await db.repos.ledger.get(workspace.id, 'digest', '2026-W48')).toBeNull();
  });

  it('a dry run builds the rows and writes nothing', async () => {
    const commits: string[] = [];
    const outcome = await runJob({ repos: db.repos }, fakeJob(ROWS, { commits }), workspace, {
      now: EVENING,
      dryRun: true,
    });
    expect(outcome).toMatchObject({ status: 'ran', dryRun: true, enqueued: 0 });
    expect(outcome.rows.map((r) => [r.recipient.id, r.notBefore])).toEqual([
      ['U1', NEXT_MORNING],
      ['U2', NEXT_MORNING],
      ['C1', EVENING.toISOString()],
    ]);
    expect(await db.repos.outbox.list(workspace.id)).toEqual([]);
    expect(await db.repos.ledger.get(workspace.id, 'digest', '2026-W48')).toBeNull();
    expect(commits).toEqual([]);
  });

  it('a job that throws leaves the ledger untouched so it can run again', async () => {
    await expect(
      runJob({ repos: db.repos }, fakeJob(ROWS, { fail: true }), workspace, { now: EVENING }),
    ).rejects.toThrow('directory unreachable');
    expect(await db.repos.ledger.list(workspace.id)).toEqual([]);
    const retry = await runJob({ repos: db.repos }, fakeJob(ROWS), workspace, { now: EVENING });
    expect(retry.status).toBe('ran');
  });

  it('a later notBefore asked by the job is kept; one row per recipient', async () => {
    const rows: JobRow[] = [
      {
        recipient: { kind: 'channel', id: 'C1' },
        message: textMessage('later'),
        notBefore: '2026-11-25T01:00:00.000Z',
      },
      { recipient: { kind: 'channel', id: 'C1' }, message: textMessage('duplicate') },
    ];
    const outcome = await runJob({ repos: db.repos }, fakeJob(rows), workspace, { now: EVENING });
    expect(outcome.enqueued).toBe(1);
    expect((await db.repos.outbox.list(workspace.id)).map((r) => r.notBefore)).toEqual(['2026-11-25T01:00:00.000Z']);
  });

  it('tells the worker when rows were enqueued', async () => {
    let told = 0;
    await runJob({ repos: db.repos, onEnqueued: () => told++ }, fakeJob(ROWS), workspace, { now: EVENING });
    await runJob({ repos: db.repos, onEnqueued: () => told++ }, fakeJob(ROWS), workspace, { now: EVENING });
    expect(told).toBe(1);
  });

  it('a registry refuses a job registered twice', () => {
    expect(() => createJobRegistry([fakeJob([]), fakeJob([])])).toThrow(/registered twice/);
    expect([...createJobRegistry([fakeJob([])]).keys()]).toEqual(['digest']);
  });
});
