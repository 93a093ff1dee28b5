import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Message, messageSchema, messageToPlainText } from '../../src/core/message.js';
import type { ActivityKind, Member, Workspace } from '../../src/core/types.js';
import { runJob } from '../../src/scheduler/job-runner.js';
import { retentionJob } from '../../src/scheduler/retention-job.js';
import { createHarness, type Harness } from '../support/core-harness.js';
import { addWorkspace, type TempStore, tempStore } from './fixture.js';

const NOW = new Date('2026-11-24T18:30:00.000Z'); // 03:30 JST on 11-25; 180 days before: 2026-05-28T18:30Z
const POINTS: Record<ActivityKind, number> = { post: 3, reply: 2, reaction: 1, story: 5, idea: 4, prompt_answer: 2 };

describe('retention of raw activities', () => {
  let db: TempStore;
  let ws: Workspace;
  let a: Member;
  let b: Member;
  let c: Member;
  let n = 0;

  const add = async (member: Member, kind: ActivityKind, at: string) => {
    n += 1;
    await db.repos.activities.insert({
      workspaceId: member.workspaceId,
      eventId: `e${n}`,
      kind,
      memberId: member.id,
      channelId: 'C1',
      targetMemberId: null,
      occurredAt: at,
      day: at.slice(0, 10),
      points: POINTS[kind],
    });
  };
  const snapshot = async (workspaceId: number) => ({
    rollups: await db.repos.activities.dailyPoints(workspaceId, '2000-01-01', '2100-01-01'),
    bounds: await db.repos.activities.contributionBounds(workspaceId),
    last: await db.repos.activities.lastActivity(workspaceId),
    first: await Promise.all([a, b, c].map((m) => db.repos.activities.firstContributionAt(m.id))),
  });

  beforeEach(async () => {
    db = tempStore();
    ws = await addWorkspace(db.repos);
    const member = (name: string, w = ws) =>
      db.repos.members.create({ workspaceId: w.id, name, platformId: name, joinedAt: '2026-01-01T00:00:00.000Z' });
    a = await member('A');
    b = await member('B');
    c = await member('C');
    // A: first post in January, more in spring, a recent post. Jan 10 is kept (first contribution).
    await add(a, 'post', '2026-01-10T01:00:00.000Z');
    await add(a, 'post', '2026-02-01T01:00:00.000Z');
    await add(a, 'post', '2026-03-01T01:00:00.000Z');
    await add(a, 'reaction', '2026-04-01T01:00:00.000Z');
    await add(a, 'post', '2026-11-01T01:00:00.000Z');
    // B: all old. First (Feb 1) and last (Mar 1) contribution and last activity (Mar 15) are kept.
    await add(b, 'post', '2026-02-01T02:00:00.000Z');
    await add(b, 'post', '2026-03-01T02:00:00.000Z');
    await add(b, 'reaction', '2026-03-02T02:00:00.000Z');
    await add(b, 'reaction', '2026-03-15T02:00:00.000Z');
    // C: reactions only; the last one is kept.
    await add(c, 'reaction', '2026-02-01T03:00:00.000Z');
    await add(c, 'reaction', '2026-02-02T03:00:00.000Z');
    const other = await addWorkspace(db.repos, { externalId: 'other' });
    const d = await member('D', other);
    await add(d, 'reaction', '2026-02-01T03:00:00.000Z');
    await add(d, 'reaction', '2026-02-02T03:00:00.000Z');
  });
  afterEach(() => db.close());

  const remaining = async () =>
    (await db.repos.activities.between(ws.id, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).map(
      (x) => `${x.memberId === a.id ? 'A' : x.memberId === b.id ? 'B' : 'C'} ${x.kind} ${x.occurredAt.slice(0, 10)}`,
    );

  it('deletes activities older than retentionDays (180 by default) and keeps every rollup and derived bound', async () => {
    const before = await snapshot(ws.id);
    const outcome = await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW });
    expect(outcome.detail).toContain('活動記録 5件（2026-05-28T18:30:00.000Z より前、保存期間 180日');
    expect(await remaining()).toEqual([
      'A post 2026-01-10',
      'B post 2026-02-01',
      'C reaction 2026-02-02',
      'B post 2026-03-01',
      'B reaction 2026-03-15',
      'A post 2026-11-01',
    ]);
    // Scores, weekly figures (rollups), states (bounds), nudges (last activity), first-post thanks: unchanged.
    expect(await snapshot(ws.id)).toEqual(before);
    // Another workspace's activities are its own business.
    expect(await db.repos.activities.countBefore(ws.id + 1, NOW.toISOString())).toBe(1);
  });

  it('a dry run counts and deletes nothing; a shorter period deletes more, still keeping the bounds', async () => {
    const dry = await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW, dryRun: true });
    expect(dry.detail).toContain('活動記録 5件');
    expect(await remaining()).toHaveLength(11);
    const before = await snapshot(ws.id);
    ws = await db.repos.workspaces.updateSettings(ws.id, { ...ws.settings, retentionDays: 30 });
    await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW });
    expect(await remaining()).toHaveLength(6);
    expect(await snapshot(ws.id)).toEqual(before);
  });

  it('what is read from raw rows changes for the pruned period: counts by kind and activities of old weeks', async () => {
    const spring = () => db.repos.activities.countsByKind(a.id, '2026-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z');
    expect(await spring()).toEqual({ post: 3, reaction: 1 });
    await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW });
    // `stats` for a period before the cutoff (a fiscal year reaching back past it) now counts less.
    expect(await spring()).toEqual({ post: 1 });
    // The rollups of those days are still there: scores are unchanged.
    expect(await db.repos.activities.dailyPoints(ws.id, '2026-03-01', '2026-03-01')).toEqual([
      { memberId: a.id, day: '2026-03-01', points: 3, contributions: 1, activities: 1 },
      { memberId: b.id, day: '2026-03-01', points: 3, contributions: 1, activities: 1 },
    ]);
  });

  it('prunes removal tombstones older than the retention period or 90 days, whichever is more recent', async () => {
    await db.repos.activities.retract(ws.id, 'gone-old', '2026-08-01T00:00:00.000Z');
    await db.repos.activities.retract(ws.id, 'gone-recent', '2026-11-20T00:00:00.000Z');
    ws = await db.repos.workspaces.updateSettings(ws.id, { ...ws.settings, retentionDays: 30 });
    await db.repos.activities.retract(ws.id, 'gone-40-days', '2026-10-15T00:00:00.000Z');
    await runJob({ repos: db.repos }, retentionJob, ws, { now: NOW });
    const left = db.store.sqlite!.prepare('SELECT event_id FROM activity_tombstones ORDER BY event_id').all();
    expect(left).toEqual([{ event_id: 'gone-recent' }]);
  });
});

describe('retention commands', () => {
  let h: Harness;
  const text = (m: Message): string => messageToPlainText(messageSchema.parse(m));
  const run = (words: string) =>
    h.core.runCommand({ workspaceId: h.workspace.id, platformId: 'U1', text: words, channelId: null });

  beforeEach(async () => {
    h = await createHarness();
    await h.settings({ locale: 'en' });
    await h.member({ name: 'Ops', platformId: 'U1' }, { role: 'ops' });
  });
  afterEach(() => h.close());

  it('shows and sets retentionDays within 30–730; a bad value stores nothing', async () => {
    expect(h.workspace.settings.retentionDays).toBe(180);
    expect(text(await run('retention'))).toContain('kept for 180 days');
    expect(text(await run('retention set 365'))).toContain('now kept for 365 days (was 180)');
    expect(h.workspace.settings.retentionDays).toBe(365);
    for (const bad of [
      'retention set 29',
      'retention set 731',
      'retention set forever',
      'retention set 90 days please',
    ]) {
      expect((await run(bad)).kind).toBe('command-error');
    }
    expect(text(await run('保存期間 設定 ９０日'))).toContain('now kept for 90 days (was 365)');
    expect(h.workspace.settings.retentionDays).toBe(90);
    const audit = (await h.repos.audit.latest(h.workspace.id, 10)).map((e) => [e.command, e.summary]);
    expect(audit.slice(0, 2)).toEqual([
      ['retention.set', { days: 90, outcome: 'done' }],
      ['retention.set', { days: 365, outcome: 'done' }],
    ]);
  });
});
