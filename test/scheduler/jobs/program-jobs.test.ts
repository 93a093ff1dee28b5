import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import type { Member } from '../../../src/core/types.js';
import { runJob } from '../../../src/scheduler/job-runner.js';
import { digestJob, managerReportsJob, nudgesJob, storyPromptsJob } from '../../../src/scheduler/jobs/program-jobs.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
beforeEach(async () => {
  // Wednesday 2026-11-25 10:00 JST
  h = await createHarness({ now: '2026-11-25T01:00:00.000Z' });
  await h.settings({ countedChannels: ['C1'], digestChannel: 'C1', locale: 'en', rolloutPhase: 'company' });
});
afterEach(() => h.close());

const run = (job: Parameters<typeof runJob>[1], dryRun = false) =>
  runJob({ repos: h.repos }, job, h.workspace, { now: h.clock.now(), dryRun });

describe('program jobs', () => {
  it('the digest goes to the digest channel once per ISO week; a dry run writes nothing', async () => {
    for (let i = 0; i < 5; i++) {
      const a = await h.member({ name: `A${i}` });
      await h.core.recordActivity({
        workspaceId: h.workspace.id,
        eventId: `e${i}`,
        kind: 'post',
        memberPlatformId: a.platformId!,
        channelId: 'C1',
        occurredAt: new Date(h.clock.now().getTime() - 86_400_000).toISOString(), // yesterday: the digest covers whole days
      });
    }
    const dry = await run(digestJob, true);
    expect(dry.rows).toHaveLength(1);
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'digest' })).toHaveLength(0);
    const first = await run(digestJob);
    expect(first).toMatchObject({ status: 'ran', enqueued: 1, period: '2026-W48' });
    expect((await run(digestJob)).status).toBe('already-ran');
    const [row] = await h.repos.outbox.list(h.workspace.id, { job: 'digest' });
    expect(row?.recipient).toEqual({ kind: 'channel', id: 'C1' });
    expect(messageToPlainText(row!.message)).toContain('100%');
  });

  it('manager reports go to managers only and keep small teams private', async () => {
    const boss = await h.member({ name: 'Boss' });
    for (let i = 0; i < 3; i++) await h.member({ name: `R${i}` }, { managerId: boss.id });
    await h.member({ name: 'Loner' });
    const result = await run(managerReportsJob);
    expect(result.enqueued).toBe(1);
    const [row] = await h.repos.outbox.list(h.workspace.id, { job: 'manager-reports' });
    expect(row?.recipient).toEqual({ kind: 'member', id: boss.platformId });
    const text = messageToPlainText(row!.message);
    expect(text).toContain('too few');
    expect(text).not.toContain('R1');
  });

  it('a team that had fewer than five people last week gets no team figure and no trend point', async () => {
    // Monday 2026-11-30 09:00 JST reports on 2026-W48: five on the team now, four of them last week.
    h.clock.set('2026-11-30T00:00:00.000Z');
    const boss = await h.member({ name: 'Boss' });
    for (let i = 0; i < 3; i++) await h.member({ name: `R${i}` }, { managerId: boss.id });
    await h.member({ name: 'New' }, { managerId: boss.id, joinedAt: '2026-11-30T00:00:00.000Z' });
    const veteran = await h.member({ name: 'Vet' }, { managerId: boss.id, joinedAt: '2025-01-01T00:00:00.000Z' });
    await h.core.recordActivity({
      workspaceId: h.workspace.id,
      eventId: 'v1',
      kind: 'post',
      memberPlatformId: veteran.platformId!,
      channelId: 'C1',
      occurredAt: '2026-11-25T01:00:00.000Z',
    });
    await run(managerReportsJob);
    const [row] = await h.repos.outbox.list(h.workspace.id, { job: 'manager-reports' });
    const text = messageToPlainText(row!.message);
    expect(text).toContain('too few');
    expect(text).not.toMatch(/team \d+%/u);
  });

  it('in the pilot phase the digest reports on the pilot group', async () => {
    await h.settings({ rolloutPhase: 'pilot' });
    const pilots: Member[] = [];
    for (let i = 0; i < 5; i++) pilots.push(await h.member({ name: `P${i}` }, { isPilot: true }));
    for (let i = 0; i < 8; i++) await h.member({ name: `O${i}` });
    for (const [i, m] of pilots.entries()) {
      await h.core.recordActivity({
        workspaceId: h.workspace.id,
        eventId: `p${i}`,
        kind: 'post',
        memberPlatformId: m.platformId!,
        channelId: 'C1',
        occurredAt: new Date(h.clock.now().getTime() - 86_400_000).toISOString(), // yesterday: the digest covers whole days
      });
    }
    await run(digestJob);
    const [row] = await h.repos.outbox.list(h.workspace.id, { job: 'digest' });
    expect(messageToPlainText(row!.message)).toContain('100%');
  });

  it('nudges step the ladder only when the run commits, and skip opted-out members', async () => {
    const idle = await h.member({ name: 'Idle' });
    await h.member({ name: 'Out' }, { optedOut: true });
    await run(nudgesJob, true);
    expect((await h.repos.nudges.get(idle.id)).step).toBe(0);
    const result = await run(nudgesJob);
    expect(result.enqueued).toBe(1);
    expect(await h.repos.nudges.get(idle.id)).toMatchObject({ step: 1, lastNudgedAt: '2026-11-25T01:00:00.000Z' });
  });

  it("story prompts ask only this week's slice and respect the weekly cap", async () => {
    const members: Member[] = [];
    for (let i = 0; i < 30; i++) members.push(await h.member({ name: `M${i}` }));
    const result = await run(storyPromptsJob);
    // 2026-W48 starts 151 weeks after Monday 2024-01-01: slice 151 % 13 = 8.
    const inSlice = members.filter((m) => m.id % 13 === 8);
    expect(result.enqueued).toBe(inSlice.length);
    expect(result.enqueued).toBeGreaterThan(0);
  });
});
