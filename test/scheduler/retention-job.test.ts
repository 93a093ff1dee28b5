import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/core/types.js';
import { runJob } from '../../src/scheduler/job-runner.js';
import { retentionJob } from '../../src/scheduler/retention-job.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

const NOW = new Date('2026-11-24T18:30:00.000Z'); // 03:30 JST on 11-25

describe('retention job', () => {
  let db: TempStore;
  let ws: Workspace;
  let other: Workspace;

  beforeEach(async () => {
    db = tempStore();
    ws = await addWorkspace(db.repos);
    other = await addWorkspace(db.repos, { externalId: 'other' });
    const row = (workspaceId: number, id: string, createdAt: string) => ({
      workspaceId,
      job: 'digest',
      period: id,
      recipient: { kind: 'channel' as const, id },
      message: textMessage(id),
      notBefore: createdAt,
      createdAt,
    });
    await db.repos.outbox.enqueue([
      row(ws.id, 'old-sent', '2026-08-01T00:00:00.000Z'),
      row(ws.id, 'old-failed', '2026-08-01T00:00:00.000Z'),
      row(ws.id, 'old-pending', '2026-08-01T00:00:00.000Z'),
      row(ws.id, 'recent-sent', '2026-08-01T00:00:00.000Z'),
      row(other.id, 'other-old-sent', '2026-08-01T00:00:00.000Z'),
    ]);
    const byPeriod = async (wsId: number, p: string) =>
      (await db.repos.outbox.list(wsId)).find((r) => r.period === p)!.id;
    await db.repos.outbox.markSent(await byPeriod(ws.id, 'old-sent'), 'm1', '2026-08-01T00:00:01.000Z');
    await db.repos.outbox.markFailed(await byPeriod(ws.id, 'old-failed'), 'is_archived', '2026-08-01T00:00:01.000Z');
    await db.repos.outbox.markSent(await byPeriod(ws.id, 'recent-sent'), 'm2', '2026-08-27T00:00:00.000Z'); // 89 days before NOW
    await db.repos.outbox.markSent(await byPeriod(other.id, 'other-old-sent'), 'm3', '2026-08-01T00:00:01.000Z');
    for (const [period, at] of [
      ['2025-W40', '2025-10-01T00:00:00.000Z'], // 419 days before
      ['2025-W45', '2025-11-01T00:00:00.000Z'], // 388 days before
    ] as const) {
      await db.repos.ledger.record({ workspaceId: ws.id, job: 'digest', period, status: 'done', at, detail: null });
    }
  });
  afterEach(() => db.close());

  it('deletes finished outbox rows older than 90 days and ledger entries older than 400 days, in its workspace only', async () => {
    const outcome = await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW });
    expect(outcome).toMatchObject({ status: 'ran', period: '2026-11-25', enqueued: 0 });
    expect(outcome.detail).toMatch(
      /^送信済みのメッセージ記録 2件（.*）と実行記録 1件（.*）、活動記録 0件（.*）を削除しました$/u,
    );
    expect((await db.repos.outbox.list(ws.id)).map((r) => r.period).sort()).toEqual(['old-pending', 'recent-sent']);
    expect(await db.repos.outbox.list(other.id)).toHaveLength(1);
    expect((await db.repos.ledger.list(ws.id, 'digest')).map((e) => e.period)).toEqual(['2025-W45']);
    expect(await db.repos.ledger.get(ws.id, 'retention', '2026-11-25')).toMatchObject({ status: 'done' });
  });

  it('forgets who wrote a Teams message after 90 days, and keeps conversation references', async () => {
    await db.repos.conversationRefs.save(ws.id, 'author:19:c@thread.tacv2:1', '29:old', '2026-08-01T00:00:00.000Z');
    await db.repos.conversationRefs.save(ws.id, 'author:19:c@thread.tacv2:2', '29:new', '2026-11-01T00:00:00.000Z');
    await db.repos.conversationRefs.save(
      ws.id,
      'member:29:old',
      { conversation: { id: 'a' } },
      '2026-01-01T00:00:00.000Z',
    );
    await db.repos.conversationRefs.save(
      other.id,
      'author:19:c@thread.tacv2:1',
      '29:other',
      '2026-08-01T00:00:00.000Z',
    );
    await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW });
    expect(await db.repos.conversationRefs.get(ws.id, 'author:19:c@thread.tacv2:1')).toBeNull();
    expect(await db.repos.conversationRefs.get(ws.id, 'author:19:c@thread.tacv2:2')).toBe('29:new');
    expect(await db.repos.conversationRefs.get(ws.id, 'member:29:old')).toEqual({ conversation: { id: 'a' } });
    expect(await db.repos.conversationRefs.get(other.id, 'author:19:c@thread.tacv2:1')).toBe('29:other');
  });

  it('a dry run counts and deletes nothing', async () => {
    const outcome = await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW, dryRun: true });
    expect(outcome.detail).toMatch(
      /^送信済みのメッセージ記録 2件（.*）と実行記録 1件（.*）、活動記録 0件（.*）を削除します$/u,
    );
    expect(await db.repos.outbox.list(ws.id)).toHaveLength(4);
    expect(await db.repos.ledger.list(ws.id)).toHaveLength(2);
  });
});
