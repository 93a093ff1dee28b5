import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Message } from '../../src/core/message.js';
import type { Member } from '../../src/core/types.js';
import { mountDashboard } from '../../src/dashboard/routes.js';
import { createHarness, type Harness } from '../support/core-harness.js';

export const NOW = '2026-11-24T03:00:00.000Z';

/** A small company whose figures the dashboard tests can reason about. */
export interface Company {
  h: Harness;
  ops: Member;
  /** Executive with 9 people under them (營業部 and the small team): a manager with a team to see. */
  salesHead: Member;
  /** Manager of two people: too few for any figure. */
  smallBoss: Member;
  /** A plain member: no dashboard. */
  member: Member;
  /** An inactive member who opted out of nudges. */
  optedOut: Member;
  /** A member nudged once. */
  nudged: Member;
  byDepartment: Map<string, Member[]>;
}

const DAY = 86_400_000;

/**
 * 総務部 (ops + 5), 営業部 (head + 6 + 課長 + 2), 開発部 (8), 人事部 (3: under five, never shown alone);
 * sites 東京 and 大阪; 13 weeks of posts, replies across departments and reactions; one shared
 * story; one nudge; one opted-out member.
 */
export async function seedCompany(options: { publicUrl?: string } = {}): Promise<Company> {
  const h = await createHarness({
    now: NOW,
    core: { dashboardUrl: options.publicUrl ?? 'http://127.0.0.1:1' },
  });
  // Installed in August; the pilot grew to the expansion phase five weeks ago.
  h.store
    .sqlite!.prepare('UPDATE workspaces SET created_at = ? WHERE id = ?')
    .run('2026-08-03T00:00:00.000Z', h.workspace.id);
  await h.settings({
    countedChannels: ['C1'],
    digestChannel: 'C1',
    managerNames: false,
    rolloutPhase: 'expansion',
    rolloutDepartments: ['開発部'],
    rolloutSteps: [{ phase: 'expansion', at: '2026-10-20T00:00:00.000Z' }],
  });
  const people: Member[] = [];
  const add = async (name: string, entry: Record<string, unknown>, extra: Partial<Member> = {}): Promise<Member> => {
    const m = await h.member({ name, ...entry }, extra);
    people.push(m);
    return m;
  };
  const ops = await add(
    '運用 花子',
    { email: 'ops@example.jp', department: '総務部', location: '東京' },
    { role: 'ops' },
  );
  for (let i = 1; i <= 5; i++)
    await add(`総務 ${i}`, { email: `ga${i}@example.jp`, department: '総務部', location: '東京' });
  const salesHead = await add('営業 部長', {
    email: 'head@example.jp',
    department: '営業部',
    location: '東京',
    isExecutive: true,
  });
  for (let i = 1; i <= 6; i++)
    await add(`営業 ${i}`, {
      email: `sales${i}@example.jp`,
      department: '営業部',
      location: '大阪',
      manager: 'head@example.jp',
    });
  const smallBoss = await add('営業 課長', {
    email: 'kacho@example.jp',
    department: '営業部',
    location: '大阪',
    manager: 'head@example.jp',
  });
  await add('営業 新人A', {
    email: 'newa@example.jp',
    department: '営業部',
    location: '大阪',
    manager: 'kacho@example.jp',
  });
  await add('営業 新人B', {
    email: 'newb@example.jp',
    department: '営業部',
    location: '大阪',
    manager: 'kacho@example.jp',
  });
  for (let i = 1; i <= 8; i++)
    await add(`開発 ${i}`, { email: `dev${i}@example.jp`, department: '開発部', location: '大阪' });
  for (let i = 1; i <= 3; i++)
    await add(`人事 ${i}`, { email: `hr${i}@example.jp`, department: '人事部', location: '東京' });
  const member = people.find((m) => m.name === '開発 1') as Member;
  const optedOut = await h.repos.members.update((people.find((m) => m.name === '開発 8') as Member).id, {
    optedOut: true,
  });
  const nudged = people.find((m) => m.name === '開発 7') as Member;
  // Pilot: 総務部 and 営業部.
  for (const m of people)
    if (m.department === '総務部' || m.department === '営業部') await h.repos.members.update(m.id, { isPilot: true });

  const active = people.filter((m) => m.id !== optedOut.id && m.id !== nudged.id);
  const now = Date.parse(NOW);
  let n = 0;
  for (let week = 12; week >= 0; week--) {
    const at = (i: number) => new Date(now - week * 7 * DAY - (i % 3) * 3600_000 - 3600_000).toISOString();
    for (const [i, m] of active.entries()) {
      // Half the people post in a given week, some of them twice: posting is uneven on purpose.
      if ((i + week) % 2 === 0) {
        await h.core.recordActivity({
          workspaceId: h.workspace.id,
          eventId: `p${n++}`,
          kind: 'post',
          memberPlatformId: m.platformId ?? '',
          channelId: 'C1',
          occurredAt: at(i),
        });
        if (i % 5 === 0)
          await h.core.recordActivity({
            workspaceId: h.workspace.id,
            eventId: `p${n++}`,
            kind: 'post',
            memberPlatformId: m.platformId ?? '',
            channelId: 'C1',
            occurredAt: at(i + 1),
          });
      }
      const target = active[(i + 7) % active.length] as Member;
      await h.core.recordActivity({
        workspaceId: h.workspace.id,
        eventId: `r${n++}`,
        kind: (i + week) % 3 === 0 ? 'reply' : 'reaction',
        memberPlatformId: m.platformId ?? '',
        targetPlatformId: target.platformId ?? '',
        channelId: 'C1',
        occurredAt: at(i + 2),
      });
    }
  }
  // Those two stopped long ago.
  h.store.sqlite!.prepare('DELETE FROM activities WHERE member_id IN (?, ?)').run(optedOut.id, nudged.id);

  // A nudge sent to 開発 7 a week ago.
  const nudgedAt = new Date(now - 7 * DAY).toISOString();
  await h.repos.nudges.save({ memberId: nudged.id, step: 1, lastNudgedAt: nudgedAt, restUntil: null });
  await h.repos.outbox.enqueue([
    {
      workspaceId: h.workspace.id,
      job: 'nudges',
      period: '2026-W47',
      recipient: { kind: 'member', id: nudged.platformId ?? '' },
      message: { kind: 'nudge', blocks: [], fallback: 'nudge' },
      notBefore: nudgedAt,
      createdAt: nudgedAt,
    },
  ]);
  const nudgeRow = (await h.repos.outbox.list(h.workspace.id, { job: 'nudges' }))[0];
  if (nudgeRow) await h.repos.outbox.markSent(nudgeRow.id, 'D1:1', nudgedAt);

  const byDepartment = new Map<string, Member[]>();
  for (const m of people) byDepartment.set(m.department ?? '', [...(byDepartment.get(m.department ?? '') ?? []), m]);
  return { h, ops, salesHead, smallBoss, member, optedOut, nudged, byDepartment };
}

/** Shares a story as `who` through the form, and marks its channel post sent (a Slack ts). */
export async function shareStory(c: Company, who: Member, title: string): Promise<void> {
  const result = await c.h.core.submitForm({
    workspaceId: c.h.workspace.id,
    platformId: who.platformId ?? '',
    kind: 'story',
    values: {
      title,
      situation: '見積の作成に毎回半日かかっていました。',
      action: 'テンプレートを部署で共有しました。',
      result: '作成時間が1時間に短くなりました。',
    },
    submissionKey: `story-${title}`,
  });
  if (!result.ok) throw new Error('story refused');
  for (const row of await c.h.repos.outbox.list(c.h.workspace.id, { job: 'story-post' }))
    if (row.status === 'pending')
      await c.h.repos.outbox.markSent(row.id, 'C1:1764000000.000100', c.h.clock.now().toISOString());
}

/** The login link in a `dashboard` reply, or null. */
export function linkIn(reply: Message): string | null {
  for (const block of reply.blocks)
    if (block.type === 'actions') for (const b of block.buttons) if (b.url) return b.url;
  return null;
}

export async function dashboardLink(c: Company, who: Member): Promise<string> {
  const reply = await c.h.core.runCommand({
    workspaceId: c.h.workspace.id,
    platformId: who.platformId ?? '',
    text: 'dashboard',
  });
  const link = linkIn(reply);
  if (!link) throw new Error(`no link in: ${reply.fallback}`);
  return link;
}

export interface Served {
  base: string;
  server: http.Server;
  close(): Promise<void>;
}

/** The dashboard alone on an express app at 127.0.0.1 (the real server mounts it the same way). */
export async function serveDashboard(c: Company, publicUrl?: string): Promise<Served> {
  const app = express();
  const logs: string[] = [];
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mountDashboard(app, {
    repos: c.h.repos,
    clock: c.h.clock,
    publicUrl: publicUrl ?? base,
    defaultLocale: 'ja',
    logger: { info: () => undefined, error: (m) => logs.push(m) },
  });
  return {
    base,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
