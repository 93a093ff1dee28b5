import { afterEach, describe, expect, it } from 'vitest';
import { dashboardScope } from '../../../src/core/dashboard/scope.js';
import { hashSecret } from '../../../src/core/dashboard/secrets.js';
import {
  type DashboardView,
  departmentConnections,
  groupTable,
  inactiveMembers,
  OTHER_GROUP,
  overview,
  rolloutSteps,
  sharedStories,
} from '../../../src/core/service/dashboard-data.js';
import { DASHBOARD_LINK_KIND } from '../../../src/core/service/dashboard-link.js';
import { buildDigest } from '../../../src/core/service/reports.js';
import { reportsAmong } from '../../../src/core/service/roles.js';
import { loadSnapshot } from '../../../src/core/service/snapshot.js';
import type { Member } from '../../../src/core/types.js';
import { type Company, linkIn, seedCompany, shareStory } from '../../dashboard/company.js';

let c: Company;
afterEach(() => c?.h.close());

async function viewOf(company: Company, who: Member): Promise<DashboardView> {
  const snapshot = await loadSnapshot(company.h.repos, company.h.workspace, company.h.clock.now());
  const scope = await dashboardScope(who, reportsAmong(snapshot.members), company.h.workspace);
  if (scope === null) throw new Error(`${who.name} has no dashboard`);
  return { repos: company.h.repos, snapshot, scope };
}

describe('dashboard command', () => {
  const ask = (who: Member) =>
    c.h.core.runCommand({ workspaceId: c.h.workspace.id, platformId: who.platformId ?? '', text: 'dashboard' });

  it('gives ops a one-time link to the whole workspace; only the hash is stored, for 15 minutes', async () => {
    c = await seedCompany({ publicUrl: 'https://hiroba.example.co.jp' });
    const reply = await ask(c.ops);
    expect(reply.kind).toBe(DASHBOARD_LINK_KIND);
    const url = new URL(linkIn(reply) ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://hiroba.example.co.jp/dashboard/login');
    const token = url.searchParams.get('token') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    const rows = c.h.db.prepare('SELECT * FROM dashboard_login_tokens').all() as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashSecret(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(Date.parse(rows[0]?.expires_at ?? '') - Date.parse(rows[0]?.created_at ?? '')).toBe(15 * 60_000);
    expect(reply.fallback).toContain('ダッシュボード');
    // Two asks, two different links.
    expect(linkIn(await ask(c.ops))).not.toBe(linkIn(reply));
  });

  it('gives a manager a link to their team, and refuses a member without reports', async () => {
    c = await seedCompany();
    const manager = await ask(c.salesHead);
    expect(manager.kind).toBe(DASHBOARD_LINK_KIND);
    expect(manager.blocks.some((b) => b.type === 'text' && b.text.includes('チーム'))).toBe(true);
    const member = await ask(c.member);
    expect(member.kind).toBe('command-error');
    expect(linkIn(member)).toBeNull();
    expect(c.h.db.prepare('SELECT COUNT(*) AS n FROM dashboard_login_tokens').get()).toEqual({ n: 1 });
  });

  it('says the dashboard is not set up when there is no public URL', async () => {
    c = await seedCompany();
    const core = (await import('../../../src/core/service.js')).createHirobaCore({
      repos: c.h.repos,
      clock: c.h.clock,
    });
    const reply = await core.runCommand({
      workspaceId: c.h.workspace.id,
      platformId: c.ops.platformId ?? '',
      text: 'ダッシュボード',
    });
    expect(reply.kind).toBe('command-error');
    expect(reply.fallback).toContain('HIROBA_PUBLIC_URL');
  });
});

describe('dashboard figures', () => {
  it('a manager sees only their reports; weeks and groups under five show no figure', async () => {
    c = await seedCompany();
    const team = await overview(await viewOf(c, c.salesHead));
    expect(team.groupSize).toBe(9);
    expect(team.weeks).toHaveLength(13);
    expect(team.weeks.every((w) => w.members === 9 && w.metrics !== null)).toBe(true);
    expect(team.concentration?.lorenz.at(-1)).toEqual({ population: 1, share: 1 });
    // Names stay hidden unless the workspace turns them on.
    expect(team.newContributorNames).toBeNull();

    const small = await overview(await viewOf(c, c.smallBoss));
    expect(small.groupSize).toBe(2);
    expect(small.weeks.every((w) => w.metrics === null)).toBe(true);
    expect(small.concentration).toBeNull();

    const whole = await overview(await viewOf(c, c.ops));
    expect(whole.groupSize).toBe(27);
    expect(whole.weeks.at(-1)?.metrics?.members).toBe(27);
  });

  it('departments and connections leave out groups under five people', async () => {
    c = await seedCompany();
    const view = await viewOf(c, c.ops);
    const departments = await groupTable(view, 'department');
    expect(departments.rows.map((r) => [r.name, r.members])).toEqual([
      ['営業部', 10],
      ['開発部', 8],
      ['総務部', 6],
    ]);
    expect(departments.hidden).toBe(1);
    const matrix = await departmentConnections(view);
    expect(matrix.rows).toEqual(['営業部', '開発部', '総務部']);
    expect(matrix.columns).toEqual(['営業部', '開発部', '総務部']);
    expect(matrix.columns).not.toContain(OTHER_GROUP);
    const total = matrix.replies.flat().reduce((a, b) => a + b, 0) + matrix.reactions.flat().reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);

    // The manager's rows are their team's departments only.
    const team = await departmentConnections(await viewOf(c, c.salesHead));
    expect(team.rows).toEqual(['営業部']);
  });

  it('lists inactive members with nudge history and marks opted-out ones', async () => {
    c = await seedCompany();
    const rows = await inactiveMembers(await viewOf(c, c.ops));
    const nudged = rows.find((r) => r.member.id === c.nudged.id);
    expect(nudged?.history).toEqual([
      { at: '2026-11-17T03:00:00.000Z', status: 'sent', sentAt: '2026-11-17T03:00:00.000Z' },
    ]);
    expect(nudged?.nudge?.step).toBe(1);
    const optedOut = rows.find((r) => r.member.id === c.optedOut.id);
    expect(optedOut?.member.optedOut).toBe(true);
  });

  it('compares the pilot with the rest around each rollout step', async () => {
    c = await seedCompany();
    const steps = await rolloutSteps(await viewOf(c, c.ops));
    expect(steps.map((s) => [s.phase, s.at])).toEqual([
      ['pilot', '2026-08-03T00:00:00.000Z'],
      ['expansion', '2026-10-20T00:00:00.000Z'],
    ]);
    expect(steps[0]?.before).toBeNull();
    const expansion = steps[1];
    expect(expansion?.before?.from).toBe('2026-09-22T00:00:00.000Z');
    expect(expansion?.after?.to).toBe('2026-11-17T00:00:00.000Z');
    expect(expansion?.before?.pilot.members).toBe(16);
    expect(expansion?.before?.rest.members).toBe(11);
  });

  it('lists shared stories with where they were posted; a manager sees no names unless allowed', async () => {
    c = await seedCompany();
    const salesPerson = c.byDepartment.get('営業部')?.find((m) => m.name === '営業 1') as Member;
    await shareStory(c, salesPerson, '見積テンプレート');
    await shareStory(c, c.member, '開発の事例');
    const all = await sharedStories(await viewOf(c, c.ops));
    expect(all.map((s) => s.fields.title)).toEqual(['開発の事例', '見積テンプレート']);
    expect(all[0]?.posted).toEqual({
      channelId: 'C1',
      messageId: 'C1:1764000000.000100',
      at: '2026-11-24T03:00:00.000Z',
    });
    const team = await sharedStories(await viewOf(c, c.salesHead));
    expect(team.map((s) => [s.fields.title, s.authorName])).toEqual([['見積テンプレート', null]]);
    await c.h.settings({ managerNames: true });
    expect((await sharedStories(await viewOf(c, c.salesHead)))[0]?.authorName).toBe('営業 1');
  });

  it('rollout advance records when the step was taken', async () => {
    c = await seedCompany();
    c.h.clock.set('2026-11-25T01:00:00.000Z');
    await c.h.core.runCommand({
      workspaceId: c.h.workspace.id,
      platformId: c.ops.platformId ?? '',
      text: 'rollout advance',
    });
    // A bulk step is previewed first; nothing is recorded before the caller confirms.
    expect(c.h.workspace.settings.rolloutSteps).toHaveLength(1);
    await c.h.core.runCommand({ workspaceId: c.h.workspace.id, platformId: c.ops.platformId ?? '', text: 'confirm' });
    expect(c.h.workspace.settings.rolloutSteps).toEqual([
      { phase: 'expansion', at: '2026-10-20T00:00:00.000Z' },
      { phase: 'company', at: '2026-11-25T01:00:00.000Z' },
    ]);
  });
});

describe('digest chart', () => {
  it('the digest carries the 13-week participation of the group it covers', async () => {
    c = await seedCompany();
    const digest = await buildDigest(c.h.repos, await loadSnapshot(c.h.repos, c.h.workspace, c.h.clock.now()), 'ja');
    expect(digest.chart?.kind).toBe('participation-trend');
    expect(digest.chart?.labels).toHaveLength(13);
    // 2026-W48 starts on Monday 23 November.
    expect(digest.chart?.labels.at(-1)).toBe('11/23');
    const [participation, reach] = digest.chart?.series ?? [];
    expect(participation?.name).toBe('参加率');
    expect(reach?.values).toHaveLength(13);
    // Expansion phase: the pilot (16) and 開発部 (8) are covered.
    const overviewLast = participation?.values.at(-1);
    expect(overviewLast).toBeGreaterThan(0);
    expect(overviewLast).toBeLessThanOrEqual(1);
  });
});
