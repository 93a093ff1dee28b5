import { afterEach, describe, expect, it } from 'vitest';
import type { HirobaCore } from '../../src/core/ports.js';
import { refKey } from '../../src/teams/reference-store.js';
import type { FakeClock } from '../support/fake-clock.js';
import { fixture, IDS } from './fixtures.js';
import { realBackend, startHarness, type TeamsHarness } from './harness.js';

const ROSTER = [
  { id: IDS.alice, name: '山田 花子', email: 'hanako.yamada@example.co.jp', tenantId: IDS.tenant, userRole: 'user' },
  { id: IDS.bob, name: '佐藤 健', email: 'ken.sato@example.co.jp', tenantId: IDS.tenant, userRole: 'user' },
  {
    id: IDS.newcomer,
    name: '高橋 美咲',
    email: 'misaki.takahashi@example.co.jp',
    tenantId: IDS.tenant,
    userRole: 'user',
  },
];

/** The real core over a temp SQLite file, counting how posts reach it (one by one, or in a burst). */
function countingBackend(calls: { one: number; burst: number[] }) {
  return (clock: FakeClock) => {
    const backend = realBackend()(clock);
    const real = backend.core;
    const core: HirobaCore = Object.create(real) as HirobaCore;
    core.recordActivity = (input) => {
      calls.one += 1;
      return real.recordActivity(input);
    };
    core.recordActivities = (inputs) => {
      calls.burst.push(inputs.length);
      return real.recordActivities(inputs);
    };
    return { ...backend, core };
  };
}

/** A channel post (or, with `root`, a reply in that post's thread) by `from`, id `id`. */
function channelPost(id: string, from: string, root = id): Record<string, unknown> {
  const base = fixture('channel-message');
  return {
    ...base,
    id,
    from: { id: from, name: 'someone' },
    conversation: { ...(base.conversation as object), id: `${IDS.channel};messageid=${root}` },
  };
}

let h: TeamsHarness;
afterEach(async () => {
  try {
    expect(h.connector.violations).toEqual([]);
  } finally {
    await h.close();
  }
});

describe('Teams channel posts before botbuilder (the shared server’s front door)', () => {
  it('answers each post of a concurrent burst once it is stored, in bursts; a reply in the burst finds its root’s author', async () => {
    const calls = { one: 0, burst: [] as number[] };
    h = await startHarness({ backend: countingBackend(calls) });
    h.connector.rosters.set(IDS.team, ROSTER);
    h.connector.rosters.set(IDS.channel, ROSTER);
    expect((await h.post(fixture('bot-added-to-team'))).status).toBe(200);
    await h.settings({ countedChannels: [IDS.channel] });
    // A directory sync ran: the posters are known, so nothing needs a lookup.
    await h.core.syncDirectory(
      (await h.workspace()).id,
      ROSTER.slice(0, 2).map((m) => ({ platformId: m.id, name: m.name, email: m.email })),
    );
    const root = '1795490000000';
    const posts = [
      channelPost(root, IDS.alice),
      ...Array.from({ length: 10 }, (_, i) =>
        channelPost(String(1795490000001 + i), i % 2 === 0 ? IDS.bob : IDS.alice),
      ),
      channelPost('1795490000099', IDS.bob, root),
    ];
    const stored = async (id: string) =>
      h.repos.activities.byEventId((await h.workspace()).id, `msg:${IDS.channel}:${id}`);
    const answers = await Promise.all(
      posts.map(async (post) => {
        const res = await h.post(post);
        return { status: res.status, body: res.body, stored: (await stored(post.id as string)) !== null };
      }),
    );
    expect(answers).toEqual(posts.map(() => ({ status: 200, body: '', stored: true })));
    expect(calls.one).toBe(0);
    expect(calls.burst.reduce((a, b) => a + b, 0)).toBe(posts.length);
    const alice = await h.repos.members.byPlatformId((await h.workspace()).id, IDS.alice);
    expect(await stored('1795490000099')).toMatchObject({ kind: 'reply', targetMemberId: alice?.id });
    // Every author is kept for later replies and reactions; the channel's reference for posting to it.
    const wsId = (await h.workspace()).id;
    const authors = await Promise.all(
      posts.map((post) => h.repos.conversationRefs.get(wsId, refKey.author(IDS.channel, post.id as string))),
    );
    expect(authors).toEqual(posts.map((post) => ({ platformId: (post.from as { id: string }).id })));
    expect(await h.repos.conversationRefs.get((await h.workspace()).id, refKey.channel(IDS.channel))).toMatchObject({
      conversation: { id: IDS.channel, conversationType: 'channel' },
    });

    // The same posts again (Teams redelivers): answered, each still counted once.
    expect((await h.post(posts[1] ?? {})).status).toBe(200);
    expect(
      await h.repos.activities.between((await h.workspace()).id, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'),
    ).toHaveLength(posts.length);
  });

  it('hands a member the directory does not know yet to the full turn (looked up, added, counted)', async () => {
    const calls = { one: 0, burst: [] as number[] };
    h = await startHarness({ backend: countingBackend(calls) });
    h.connector.rosters.set(IDS.team, ROSTER);
    h.connector.rosters.set(IDS.channel, ROSTER);
    expect((await h.post(fixture('bot-added-to-team'))).status).toBe(200);
    await h.settings({ countedChannels: [IDS.channel] });
    const known = await h.repos.members.byPlatformId((await h.workspace()).id, IDS.newcomer);
    if (known) throw new Error('the newcomer must not be in the directory yet');

    expect((await h.post(channelPost('1795491000000', IDS.newcomer))).status).toBe(200);
    const newcomer = await h.repos.members.byPlatformId((await h.workspace()).id, IDS.newcomer);
    expect(newcomer?.email).toBe('misaki.takahashi@example.co.jp');
    expect(
      (await h.repos.activities.byEventId((await h.workspace()).id, `msg:${IDS.channel}:1795491000000`))?.memberId,
    ).toBe(newcomer?.id);
    // Tried in a burst first (unknown member), then recorded by the full turn.
    expect(calls.burst).toEqual([1]);
    expect(calls.one).toBe(1);
  });

  it('refuses a body that is not JSON with 400, and leaves commands to the full turn', async () => {
    h = await startHarness();
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json' });
    expect(h.logs.some((l) => l.level === 'warn' && l.message.includes('body is not JSON'))).toBe(true);
  });
});
