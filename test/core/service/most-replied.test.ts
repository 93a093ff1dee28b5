import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { executivePosts } from '../../../src/core/service/executive-posts.js';
import { messageIdOf, mostRepliedPosts } from '../../../src/core/service/most-replied.js';
import { buildDigest, recentWeek } from '../../../src/core/service/reports.js';
import { loadSnapshot } from '../../../src/core/service/snapshot.js';
import type { ActivityKind } from '../../../src/core/types.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
beforeEach(async () => {
  // Friday 2026-11-27 16:00 JST, when the digest goes out.
  h = await createHarness({ now: '2026-11-27T07:00:00.000Z' });
  await h.settings({ countedChannels: ['C1'], digestChannel: 'C1', locale: 'ja', rolloutPhase: 'company' });
});
afterEach(() => h.close());

let n = 0;
async function say(
  kind: ActivityKind,
  who: { platformId: string | null },
  at: string,
  parent?: string,
): Promise<string> {
  n += 1;
  const eventId = `msg:C1:1795${n}.0001`;
  const result = await h.core.recordActivity({
    workspaceId: h.workspace.id,
    eventId,
    kind,
    memberPlatformId: who.platformId ?? '',
    channelId: 'C1',
    parentEventId: parent ?? null,
    occurredAt: at,
  });
  expect(result.status).toBe('recorded');
  return eventId;
}

describe('the digest names the week’s posts most replied to across departments', () => {
  it('up to three, by people who took part and may be named, with the link to the post', async () => {
    const sales = await h.member({ name: '青木 営業', department: '営業部' });
    const sales2 = await h.member({ name: '石田 営業', department: '営業部' });
    const dev = await h.member({ name: '馬場 開発', department: '開発部' });
    const hr = await h.member({ name: '千葉 人事', department: '人事部' });
    const quiet = await h.member({ name: '土屋 開発', department: '開発部' }, { optedOut: true });
    for (const m of [1, 2, 3]) await h.member({ name: `他${m}`, department: '総務部' });

    const first = await say('post', sales, '2026-11-24T01:00:00.000Z');
    await say('reply', dev, '2026-11-24T02:00:00.000Z', first);
    await say('reply', hr, '2026-11-24T03:00:00.000Z', first);
    await say('reply', sales2, '2026-11-24T04:00:00.000Z', first); // same department: not counted
    const optedOut = await say('post', quiet, '2026-11-25T01:00:00.000Z');
    await say('reply', sales, '2026-11-25T02:00:00.000Z', optedOut);
    await say('reply', hr, '2026-11-25T03:00:00.000Z', optedOut);
    await say('reply', sales2, '2026-11-25T04:00:00.000Z', optedOut);
    const inside = await say('post', sales2, '2026-11-26T01:00:00.000Z');
    await say('reply', sales, '2026-11-26T02:00:00.000Z', inside); // only its own department replied

    const snapshot = await loadSnapshot(h.repos, h.workspace, h.clock.now());
    const posts = await mostRepliedPosts(
      h.repos,
      snapshot,
      recentWeek(snapshot.now, snapshot.workspace.settings.timezone),
    );
    expect(posts).toEqual([
      {
        authorName: '青木 営業',
        department: '営業部',
        link: 'https://hiroba.invalid/C1/17951.0001',
        replies: 2,
        departments: 2,
      },
    ]);
    const text = messageToPlainText(await buildDigest(h.repos, snapshot, 'ja'));
    expect(text).toContain('部署をこえて返信が集まった投稿');
    expect(text).toContain('青木 営業さん（営業部）の投稿：2部署から2件の返信 https://hiroba.invalid/C1/17951.0001');
    expect(text).not.toContain('土屋 開発');
  });

  it('no section when no post drew replies from another department; only replies keep a parent', async () => {
    const a = await h.member({ name: '青木', department: '営業部' });
    const b = await h.member({ name: '石田', department: '営業部' });
    const post = await say('post', a, '2026-11-24T01:00:00.000Z', 'msg:C1:ignored');
    const reply = await say('reply', b, '2026-11-24T02:00:00.000Z', post);
    expect((await h.repos.activities.byEventId(h.workspace.id, post))?.parentEventId).toBeUndefined();
    expect((await h.repos.activities.byEventId(h.workspace.id, reply))?.parentEventId).toBe(post);
    const text = messageToPlainText(
      await buildDigest(h.repos, await loadSnapshot(h.repos, h.workspace, h.clock.now()), 'ja'),
    );
    expect(text).not.toContain('部署をこえて返信が集まった投稿');
  });

  it('links a post only from a message key it can read', () => {
    expect(messageIdOf({ eventId: 'msg:C1:1795.0001', channelId: 'C1' })).toBe('1795.0001');
    expect(messageIdOf({ eventId: 'msg:19:abc@thread.tacv2:1616', channelId: '19:abc@thread.tacv2' })).toBe('1616');
    expect(messageIdOf({ eventId: 'form:abc', channelId: 'C1' })).toBeNull();
    expect(messageIdOf({ eventId: 'msg:C2:1795.0001', channelId: 'C1' })).toBeNull();
  });
});

describe('the digest links the posts of executives who posted', () => {
  it('each executive who posted once, with their latest post; nobody who did not post', async () => {
    const boss = await h.member({ name: '山田 社長', department: '経営企画部', isExecutive: true });
    await h.member({ name: '阿部 専務', department: '経営企画部', isExecutive: true });
    const staff = await h.member({ name: '一般 社員', department: '営業部' });
    await say('post', boss, '2026-11-24T01:00:00.000Z');
    await say('post', boss, '2026-11-25T01:00:00.000Z');
    await say('post', staff, '2026-11-25T02:00:00.000Z');
    const snapshot = await loadSnapshot(h.repos, h.workspace, h.clock.now());
    const range = recentWeek(snapshot.now, snapshot.workspace.settings.timezone);
    const week = await h.repos.activities.between(h.workspace.id, range.from.toISOString(), range.to.toISOString());
    const posts = executivePosts(h.workspace, snapshot.eligible, week);
    expect(posts).toEqual([{ name: '山田 社長', link: expect.stringMatching(/^https:\/\/hiroba\.invalid\/C1\//u) }]);
    const latest = (
      await h.repos.activities.between(h.workspace.id, '2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z')
    ).find((a) => a.kind === 'post' && a.memberId === boss.id);
    expect(posts[0]?.link).toBe(`https://hiroba.invalid/C1/${messageIdOf(latest ?? { eventId: '', channelId: '' })}`);
    const text = messageToPlainText(await buildDigest(h.repos, snapshot, 'ja'));
    expect(text).toContain(`役員からの投稿がありました\n  • 山田 社長さん ${posts[0]?.link}`);
    expect(text).not.toContain('阿部 専務');
  });
});
