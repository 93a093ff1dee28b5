import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import type { Message } from '../../src/core/message.js';
import type { Member } from '../../src/core/types.js';
import { runJob } from '../../src/scheduler/job-runner.js';
import { managerReportsJob } from '../../src/scheduler/jobs/program-jobs.js';
import { escapeMarkdown } from '../../src/teams/card-text.js';
import { refKey } from '../../src/teams/reference-store.js';
import { FORM_INPUT_PREFIX } from '../../src/teams/render.js';
import { TeamsDirectoryError } from '../../src/teams/teams-platform.js';
import { cardErrors } from './card-schema.js';
import type { RecordedRequest, Member as RosterMember } from './fake-connector.js';
import { fixture, IDS } from './fixtures.js';
import { realBackend, startHarness, type TeamsHarness } from './harness.js';

const EMAIL = {
  alice: 'hanako.yamada@example.co.jp',
  bob: 'ken.sato@example.co.jp',
  ops: 'ichiro.suzuki@example.co.jp',
  newcomer: 'misaki.tanaka@example.co.jp',
};

const ROSTER: RosterMember[] = [
  {
    id: IDS.alice,
    name: '山田 花子',
    email: EMAIL.alice,
    userPrincipalName: EMAIL.alice,
    aadObjectId: 'a1f0c8e2-3b4d-4e5f-9a6b-7c8d9e0f1a2b',
    tenantId: IDS.tenant,
    userRole: 'user',
  },
  {
    id: IDS.bob,
    name: '佐藤 健',
    email: EMAIL.bob,
    userPrincipalName: EMAIL.bob,
    aadObjectId: 'b2e1d9f3-4c5e-4f60-8b7c-8d9e0f1a2b3c',
    tenantId: IDS.tenant,
    userRole: 'user',
  },
  {
    id: IDS.ops,
    name: '鈴木 一郎',
    email: EMAIL.ops,
    userPrincipalName: EMAIL.ops,
    aadObjectId: 'c3f2e0a4-5d6f-4a71-9c8d-9e0f1a2b3c4d',
    tenantId: IDS.tenant,
    userRole: 'user',
  },
  {
    id: IDS.newcomer,
    name: '田中 美咲',
    email: EMAIL.newcomer,
    userPrincipalName: EMAIL.newcomer,
    aadObjectId: 'd4a3f1b5-6e7a-4b82-8d9e-0f1a2b3c4d5e',
    tenantId: IDS.tenant,
    userRole: 'user',
  },
];

let h: TeamsHarness;
afterEach(async () => {
  try {
    // Every activity the bot sent must be one Teams accepts: card schema, size, type.
    expect(h.connector.violations).toEqual([]);
  } finally {
    await h.close();
  }
});

/** The real app with the team's roster at the fake connector and the bot installed in the team. */
async function installed(options: { counted?: boolean; admins?: string[] } = {}): Promise<TeamsHarness> {
  h = await startHarness({ admins: options.admins ?? [EMAIL.ops] });
  h.connector.rosters.set(IDS.team, ROSTER);
  expect((await h.post(fixture('bot-added-to-team'))).status).toBe(200);
  if (options.counted ?? true) await h.settings({ countedChannels: [IDS.channel] });
  return h;
}

async function member(platformId: string): Promise<Member | null> {
  return h.repos.members.byPlatformId((await h.workspace()).id, platformId);
}

/** Every text shown in a sent card (TextBlocks, facts, columns), in order. */
function cardTexts(activity: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') out.push(`${o.title}: ${o.value}`);
      for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
    }
  };
  walk(activity.attachments);
  return out;
}

function cardOf(activity: Record<string, unknown>): unknown {
  return (activity.attachments as Array<{ content: unknown }>)[0]?.content;
}

function sentTo(conversationId: string): Array<Record<string, unknown>> {
  return h.connector
    .sentActivities()
    .filter((s) => s.conversationId === conversationId)
    .map((s) => s.activity);
}

describe('Teams bot, end to end against a fake Bot Connector', () => {
  it('records a channel message, a reply and a reaction; a redelivered message counts once', async () => {
    await installed();
    const ws = await h.workspace();
    expect((await h.post(fixture('channel-message'))).status).toBe(200);
    expect((await h.post(fixture('channel-message'))).status).toBe(200);
    expect((await h.post(fixture('channel-reply'))).status).toBe(200);
    expect((await h.post(fixture('reaction-added'))).status).toBe(200);

    const alice = await member(IDS.alice);
    const bob = await member(IDS.bob);
    expect(alice).toMatchObject({ name: '山田 花子', email: EMAIL.alice, locale: 'ja' });
    expect(bob).toMatchObject({ name: '佐藤 健', email: EMAIL.bob });
    const recorded = await h.repos.activities.between(ws.id, '2026-11-24T00:00:00.000Z', '2026-11-25T00:00:00.000Z');
    expect(recorded.map((a) => [a.eventId, a.kind, a.memberId, a.targetMemberId, a.channelId])).toEqual([
      [`msg:${IDS.channel}:${IDS.post}`, 'post', alice?.id, null, IDS.channel],
      [`msg:${IDS.channel}:${IDS.reply}`, 'reply', bob?.id, alice?.id, IDS.channel],
      [`react:${IDS.channel}:${IDS.post}:${IDS.bob}:like`, 'reaction', bob?.id, alice?.id, IDS.channel],
    ]);
    // The reply keeps the post it answers (the thread's `;messageid=` root), under the post's own key.
    expect(recorded.map((a) => a.parentEventId ?? null)).toEqual([null, `msg:${IDS.channel}:${IDS.post}`, null]);
    expect(await h.repos.conversationRefs.get(ws.id, refKey.author(IDS.channel, IDS.post))).toEqual({
      platformId: IDS.alice,
    });
    expect(
      (await h.repos.activities.dailyPoints(ws.id, '2026-11-24', '2026-11-24')).find((d) => d.memberId === alice?.id)
        ?.points,
    ).toBe(3);

    expect((await h.post(fixture('reaction-removed'))).status).toBe(200);
    expect(await h.repos.activities.byEventId(ws.id, `react:${IDS.channel}:${IDS.post}:${IDS.bob}:like`)).toBeNull();
    expect((await h.post(fixture('message-delete'))).status).toBe(200);
    expect(await h.repos.activities.byEventId(ws.id, `msg:${IDS.channel}:${IDS.post}`)).toBeNull();
    expect((await h.repos.activities.byEventId(ws.id, `msg:${IDS.channel}:${IDS.reply}`))?.kind).toBe('reply');
    // The bot only listens in a channel: it said nothing there.
    expect(sentTo(`${IDS.channel};messageid=${IDS.post}`)).toEqual([]);
  });

  it('keeps the same message id in two counted channels apart', async () => {
    await installed();
    const other = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';
    await h.settings({ countedChannels: [IDS.channel, other] });
    const inOther = fixture('channel-message', {
      from: { id: IDS.bob, name: '佐藤 健' },
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: IDS.tenant,
        id: `${other};messageid=${IDS.post}`,
      },
      channelData: { channel: { id: other }, team: { id: IDS.team }, tenant: { id: IDS.tenant } },
    });
    await h.post(fixture('channel-message'));
    await h.post(inOther);
    const ws = await h.workspace();
    expect((await h.repos.activities.byEventId(ws.id, `msg:${IDS.channel}:${IDS.post}`))?.memberId).toBe(
      (await member(IDS.alice))?.id,
    );
    expect((await h.repos.activities.byEventId(ws.id, `msg:${other}:${IDS.post}`))?.memberId).toBe(
      (await member(IDS.bob))?.id,
    );
    expect(await h.repos.conversationRefs.get(ws.id, refKey.author(other, IDS.post))).toEqual({ platformId: IDS.bob });
    expect(await h.repos.conversationRefs.get(ws.id, refKey.author(IDS.channel, IDS.post))).toEqual({
      platformId: IDS.alice,
    });
  });

  it('ignores messages in channels that are not counted, and keeps nothing about who wrote them', async () => {
    await installed({ counted: false });
    await h.post(fixture('channel-message'));
    await h.post(fixture('channel-reply'));
    expect(await h.repos.activities.byEventId((await h.workspace()).id, `msg:${IDS.channel}:${IDS.post}`)).toBeNull();
    expect(
      await h.repos.conversationRefs.get((await h.workspace()).id, refKey.author(IDS.channel, IDS.post)),
    ).toBeNull();
    expect(
      await h.repos.conversationRefs.get((await h.workspace()).id, refKey.author(IDS.channel, IDS.reply)),
    ).toBeNull();
    // Counted from now on: a new reply to the old post counts, but its author was never kept.
    await h.settings({ countedChannels: [IDS.channel] });
    await h.post(fixture('channel-reply', { id: '1795483300000' }));
    expect(
      await h.repos.activities.byEventId((await h.workspace()).id, `msg:${IDS.channel}:1795483300000`),
    ).toMatchObject({
      kind: 'reply',
      targetMemberId: null,
    });
  });

  it('answers @Hiroba stats from a member granted ops in the thread, and refuses @Hiroba purpose set from a member', async () => {
    // Nobody is an admin by HIROBA_ADMINS here: the role comes only from the grant below.
    await installed({ admins: [] });
    await h.post(fixture('channel-reply'));
    const ws = await h.workspace();
    await h.core.upsertMember(ws.id, { platformId: IDS.ops, name: '鈴木 一郎', email: EMAIL.ops });
    expect((await member(IDS.ops))?.role).toBe('member');
    await h.repos.members.update((await member(IDS.ops))!.id, { role: 'ops' });
    expect((await h.post(fixture('mention-command'))).status).toBe(200);
    const thread = `${IDS.channel};messageid=1795483800000`;
    const [stats] = sentTo(thread);
    expect(stats).toBeDefined();
    expect(cardErrors(cardOf(stats!))).toEqual([]);
    expect(stats?.replyToId).toBe('1795483800000');
    const texts = cardTexts(stats!);
    expect(texts.some((x) => x.includes('佐藤 健'))).toBe(true);
    expect(texts.some((x) => x.includes(t('ja', 'replies.stats.score')))).toBe(true);
    expect((await member(IDS.ops))?.role).toBe('ops');

    const refusal = fixture('mention-command', {
      id: '1795483900000',
      from: { id: IDS.alice, name: '山田 花子' },
      text: '<at>Hiroba</at> purpose set 全社で成功事例を共有する',
      entities: [{ mentioned: { id: IDS.bot, name: 'Hiroba' }, text: '<at>Hiroba</at>', type: 'mention' }],
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: IDS.tenant,
        id: `${IDS.channel};messageid=1795483900000`,
      },
    });
    expect((await h.post(refusal)).status).toBe(200);
    const [refused] = sentTo(`${IDS.channel};messageid=1795483900000`);
    expect(cardTexts(refused!)).toEqual([
      escapeMarkdown(t('ja', 'replies.forbidden', { role: t('ja', 'replies.roleName.ops') })),
    ]);
    expect((await h.workspace()).settings.purpose).toBe('');
    // Commands are not contributions.
    expect(await h.repos.activities.byEventId((await h.workspace()).id, `msg:${IDS.channel}:1795483900000`)).toBeNull();
  });

  it('counts a post that mentions @Hiroba in the middle as a post, and answers nothing', async () => {
    await installed();
    const post = fixture('channel-message', {
      text: '<p>今週の勉強会の資料です。<at>Hiroba</at> にも共有しておきます。</p>',
      entities: [{ mentioned: { id: IDS.bot, name: 'Hiroba' }, text: '<at>Hiroba</at>', type: 'mention' }],
    });
    expect((await h.post(post)).status).toBe(200);
    expect((await h.repos.activities.byEventId((await h.workspace()).id, `msg:${IDS.channel}:${IDS.post}`))?.kind).toBe(
      'post',
    );
    expect(h.connector.sentActivities()).toEqual([]);
  });

  it('lets ops count a channel by saying @Hiroba channels add in it', async () => {
    await installed({ counted: false });
    const words = fixture('mention-command', {
      text: '<at>Hiroba</at> channels add',
      entities: [{ mentioned: { id: IDS.bot, name: 'Hiroba' }, text: '<at>Hiroba</at>', type: 'mention' }],
    });
    await h.post(words);
    expect((await h.workspace()).settings.countedChannels).toEqual([IDS.channel]);
    await h.post(fixture('channel-message'));
    expect((await h.repos.activities.byEventId((await h.workspace()).id, `msg:${IDS.channel}:${IDS.post}`))?.kind).toBe(
      'post',
    );
  });

  it('answers plain words in the 1:1 chat, stores the chat for later and marks the member reachable', async () => {
    await installed();
    await h.post(fixture('personal-message'));
    const [help] = sentTo(IDS.aliceChat);
    expect(cardErrors(cardOf(help!))).toEqual([]);
    expect(help?.summary).toEqual(expect.any(String));
    expect((await member(IDS.alice))?.reachable).toBe(true);
    expect(await h.repos.conversationRefs.get((await h.workspace()).id, refKey.member(IDS.alice))).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: IDS.aliceChat, conversationType: 'personal' },
      user: { id: IDS.alice },
      bot: { id: IDS.bot },
    });
  });

  it('posts a submitted story card to the SNS channel, and shows errors without storing a bad one', async () => {
    await installed();
    await h.post(fixture('channel-message'));

    const short = fixture('card-submit-story', {
      id: '1795484600000',
      value: {
        hiroba: 'hiroba.form.submit',
        kind: 'story',
        f_title: '途中',
        f_situation: '短い',
        f_action: '',
        f_result: '',
      },
    });
    await h.post(short);
    const [errors] = sentTo(IDS.aliceChat);
    expect(cardErrors(cardOf(errors!))).toEqual([]);
    const card = cardOf(errors!) as { body: Array<{ type: string; id?: string; value?: string; color?: string }> };
    expect(card.body.find((e) => e.id === `${FORM_INPUT_PREFIX}situation`)?.value).toBe('短い');
    expect(card.body.filter((e) => e.color === 'Attention').length).toBeGreaterThanOrEqual(2);
    expect(await h.repos.submissions.list((await h.workspace()).id)).toEqual([]);

    await h.post(fixture('card-submit-story'));
    const [, thanks] = sentTo(IDS.aliceChat);
    expect(cardTexts(thanks!)[0]).toBe(t('ja', 'programs.formReceived.title'));
    const [stored] = await h.repos.submissions.list((await h.workspace()).id);
    expect(stored).toMatchObject({ kind: 'story', status: 'posted' });

    // The same submission delivered again stores nothing more.
    await h.post(fixture('card-submit-story'));
    expect(await h.repos.submissions.list((await h.workspace()).id)).toHaveLength(1);

    await h.worker.drain();
    const posts = sentTo(IDS.channel);
    expect(posts).toHaveLength(1);
    expect(cardErrors(cardOf(posts[0]!))).toEqual([]);
    const texts = cardTexts(posts[0]!).join('\n');
    expect(texts).toContain('山田 花子さんの成功事例');
    expect(texts).toContain('作成時間が半日に減り、お客様への提出も二日早まりました。');
    expect((await h.repos.outbox.list((await h.workspace()).id, { job: 'story-post' }))[0]?.status).toBe('sent');
  });

  it('shows the form in a card when a "share a story" button is clicked', async () => {
    await installed();
    await h.post(fixture('card-action', { value: { hiroba: 'hiroba.form.story' } }));
    const [form] = sentTo(IDS.aliceChat);
    expect(cardErrors(cardOf(form!))).toEqual([]);
    const inputs = (cardOf(form!) as { body: Array<{ type: string; id?: string }> }).body
      .filter((e) => e.type === 'Input.Text')
      .map((e) => e.id);
    expect(inputs).toEqual(['title', 'situation', 'action', 'result'].map((id) => `${FORM_INPUT_PREFIX}${id}`));
  });

  it('sends the form to the clicker’s 1:1 chat when the button was on a card in a channel', async () => {
    await installed();
    const inChannel = fixture('card-action', {
      value: { hiroba: 'hiroba.form.idea' },
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: IDS.tenant,
        id: `${IDS.channel};messageid=1795484400000`,
      },
      channelData: { channel: { id: IDS.channel }, team: { id: IDS.team }, tenant: { id: IDS.tenant } },
    });
    await h.post(inChannel);
    expect(sentTo(`${IDS.channel};messageid=1795484400000`)).toEqual([]);
    const chatId = `a:1${IDS.alice.replace(/[^A-Za-z0-9]/gu, '')}`;
    const [form] = sentTo(chatId);
    const inputs = (cardOf(form!) as { body: Array<{ type: string; id?: string }> }).body
      .filter((e) => e.type === 'Input.Text')
      .map((e) => e.id);
    expect(inputs).toEqual(['title', 'idea', 'benefit'].map((id) => `${FORM_INPUT_PREFIX}${id}`));
  });

  it('hands a button click to the core (opt-out)', async () => {
    await installed();
    await h.post(fixture('card-action'));
    expect((await member(IDS.alice))?.optedOut).toBe(true);
    const [reply] = sentTo(IDS.aliceChat);
    expect(cardTexts(reply!)).toEqual([escapeMarkdown(t('ja', 'replies.optout'))]);
  });

  it('sends the weekly manager report as a proactive 1:1 message, opening the chat with createConversation', async () => {
    await installed();
    await h.settings({ rolloutPhase: 'company' });
    const ws = await h.workspace();
    const managerId = '29:1Vm5eQ6fR7gS8hT9iU-EfGhIjKlMnOpQrStUvWxYzAbCd456789';
    await h.core.upsertMember(ws.id, {
      platformId: managerId,
      name: '高橋 部長',
      email: 'bucho.takahashi@example.co.jp',
    });
    for (const [i, id] of [IDS.alice, IDS.bob, IDS.newcomer].entries()) {
      await h.core.upsertMember(ws.id, {
        platformId: id,
        name: ROSTER.find((r) => r.id === id)?.name ?? `m${i}`,
        manager: 'bucho.takahashi@example.co.jp',
      });
    }
    await h.post(fixture('channel-message'));

    // Monday 09:00 in Tokyo, when the job is scheduled; everyone above joined before it.
    h.clock.set('2026-11-30T00:00:00.000Z');
    const run = await runJob({ repos: h.repos }, managerReportsJob, await h.workspace(), { now: h.clock.now() });
    expect(run).toMatchObject({ status: 'ran', enqueued: 1 });
    const drained = await h.worker.drain();
    expect(drained.failed).toBe(0);

    const create = h.connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(create.map((r) => r.body)).toContainEqual({
      isGroup: false,
      bot: { id: IDS.bot, name: 'Hiroba' },
      members: [{ id: managerId, name: '' }],
      tenantId: IDS.tenant,
      channelData: { tenant: { id: IDS.tenant } },
    });
    const chatId = `a:1${managerId.replace(/[^A-Za-z0-9]/gu, '')}`;
    // The kick-off went first (a member's first message from Hiroba); the report follows it.
    const [kickoff, report] = sentTo(chatId);
    expect((kickoff as { summary?: string }).summary).toContain('ようこそ');
    expect(cardErrors(cardOf(report!))).toEqual([]);
    expect((report as { summary?: string }).summary).toBe(
      (await h.repos.outbox.list(ws.id, { job: 'manager-reports' }))[0]?.message.fallback,
    );
    expect((await h.repos.outbox.list(ws.id, { job: 'manager-reports' }))[0]).toMatchObject({
      status: 'sent',
      platformMessageId: expect.stringMatching(/^1700000/u),
    });
    expect((await member(managerId))?.reachable).toBe(true);

    // The stored chat is used from now on: no second createConversation.
    const before = create.length;
    const again = await h.bot.platform.send(
      await h.workspace(),
      { kind: 'member', id: managerId },
      { kind: 'test', fallback: 'hello', blocks: [{ type: 'text', text: 'hello' }] },
    );
    expect(again.ok).toBe(true);
    expect(h.connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations')).toHaveLength(
      before,
    );
    expect(sentTo(chatId)).toHaveLength(3);
  });

  it('records a member whose 1:1 chat Teams refuses (app not installed) as unreachable', async () => {
    await installed();
    const ws = await h.workspace();
    const outsider = '29:1Ux4fR5gS6hT7iU8jV-FgHiJkLmNoPqRsTuVwXyZaBcDe012345';
    await h.core.upsertMember(ws.id, { platformId: outsider, name: '伊藤 さくら' });
    h.connector.refuseCreateFor.add(outsider);
    const result = await h.bot.platform.send(
      ws,
      { kind: 'member', id: outsider },
      { kind: 'test', fallback: 'hello', blocks: [] },
    );
    expect(result).toEqual({ ok: false, failure: { kind: 'permanent', code: 'app_not_installed' } });
    expect((await member(outsider))?.reachable).toBe(false);
    expect((await member(outsider))?.blockedBot).toBe(false);
  });

  it('never retries a 429 or a 503 in the connector client: one request, the failure goes back with its Retry-After', async () => {
    await installed();
    await h.post(fixture('personal-message'));
    const isChatPost = (r: Pick<RecordedRequest, 'method' | 'conversationId'>) =>
      r.method === 'POST' && r.conversationId === IDS.aliceChat;
    const before = h.connector.requests.filter(isChatPost).length;
    h.connector.fail({ match: isChatPost, status: 429, times: 1, retryAfter: ['7'] });
    const send = async () =>
      h.bot.platform.send(
        await h.workspace(),
        { kind: 'member', id: IDS.alice },
        { kind: 'test', fallback: 'hi', blocks: [] },
      );
    expect(await send()).toEqual({ ok: false, failure: { kind: 'transient', code: 'throttled', retryAfterMs: 7000 } });
    expect(
      h.connector.requests
        .filter(isChatPost)
        .slice(before)
        .map((r) => r.status),
    ).toEqual([429]);
    h.connector.fail({ match: isChatPost, status: 503, times: 1 });
    expect((await send()).ok).toBe(false);
    expect(
      h.connector.requests
        .filter(isChatPost)
        .slice(before)
        .map((r) => r.status),
    ).toEqual([429, 503]);
    expect((await send()).ok).toBe(true);
  });

  it('gives a 429 back to the outbox worker at once, which sends after Retry-After', async () => {
    await installed();
    await h.post(fixture('personal-message'));
    const ws = await h.workspace();
    const now = h.clock.now().toISOString();
    const message: Message = { kind: 'test', fallback: 'お知らせ', blocks: [{ type: 'text', text: 'お知らせです' }] };
    await h.repos.outbox.enqueue([
      {
        workspaceId: ws.id,
        job: 'test',
        period: '1',
        recipient: { kind: 'member', id: IDS.alice },
        message,
        notBefore: now,
        createdAt: now,
      },
    ]);
    const isChatPost = (r: Pick<RecordedRequest, 'method' | 'conversationId'>) =>
      r.method === 'POST' && r.conversationId === IDS.aliceChat;
    const before = h.connector.requests.filter(isChatPost).length;
    h.connector.fail({ match: isChatPost, status: 429, times: 1, retryAfter: ['30'] });

    expect(await h.worker.drain()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect(h.connector.requests.filter(isChatPost).length - before).toBe(1);
    const [row] = await h.repos.outbox.list(ws.id, { job: 'test' });
    expect(row).toMatchObject({
      status: 'pending',
      lastError: 'throttled',
      notBefore: new Date(Date.parse(now) + 30_000).toISOString(),
    });
    expect(await h.worker.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });

    h.clock.advance(30_000);
    expect(await h.worker.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect((await h.repos.outbox.list(ws.id, { job: 'test' }))[0]?.status).toBe('sent');
    expect(sentTo(IDS.aliceChat).map((a) => a.summary)).toContain('お知らせ');
  });

  it('marks a member whose 1:1 chat answers 403 (app removed) unreachable, not blocked, until they write to the bot again', async () => {
    await installed();
    await h.post(fixture('personal-message'));
    h.connector.fail({
      match: (r) => r.method === 'POST' && r.conversationId === IDS.aliceChat,
      status: 403,
      times: 1,
    });
    const ws = await h.workspace();
    const enqueue = async (period: string): Promise<void> => {
      const now = h.clock.now().toISOString();
      await h.repos.outbox.enqueue([
        {
          workspaceId: ws.id,
          job: 'test',
          period,
          recipient: { kind: 'member', id: IDS.alice },
          message: { kind: 'test', fallback: `dm ${period}`, blocks: [] },
          notBefore: now,
          createdAt: now,
        },
      ]);
    };
    await enqueue('1');
    expect(await h.worker.drain()).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect((await h.repos.outbox.list(ws.id, { job: 'test' }))[0]).toMatchObject({
      status: 'failed',
      lastError: 'app_not_installed',
    });
    expect(await member(IDS.alice)).toMatchObject({ reachable: false, blockedBot: false });

    // The member adds the app again and writes in the 1:1 chat: proactive messages reach them again.
    await h.post(fixture('personal-message', { id: '1795485000000' }));
    expect(await member(IDS.alice)).toMatchObject({ reachable: true, blockedBot: false });
    await enqueue('2');
    expect(await h.worker.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(sentTo(IDS.aliceChat).map((a) => a.summary)).toContain('dm 2');
  });

  it('clears a blockedBot left by older data once the member writes in the 1:1 chat', async () => {
    await installed();
    await h.post(fixture('personal-message'));
    const ws = await h.workspace();
    await h.repos.members.update((await member(IDS.alice))!.id, { blockedBot: true, reachable: false });
    await h.post(fixture('personal-message', { id: '1795485000000' }));
    expect(await member(IDS.alice)).toMatchObject({ reachable: true, blockedBot: false });
    const now = h.clock.now().toISOString();
    await h.repos.outbox.enqueue([
      {
        workspaceId: ws.id,
        job: 'test',
        period: '1',
        recipient: { kind: 'member', id: IDS.alice },
        message: { kind: 'test', fallback: 'again', blocks: [] },
        notBefore: now,
        createdAt: now,
      },
    ]);
    expect(await h.worker.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(sentTo(IDS.aliceChat).map((a) => a.summary)).toContain('again');
  });

  it('fails a post to a channel the bot has never seen, saying why', async () => {
    await installed();
    const result = await h.bot.platform.send(
      await h.workspace(),
      { kind: 'channel', id: '19:unknown@thread.tacv2' },
      { kind: 'test', fallback: 'x', blocks: [] },
    );
    expect(result).toEqual({ ok: false, failure: { kind: 'permanent', code: 'channel_not_installed' } });
  });

  it('welcomes a member added to the team, and leaves one removed from a team active', async () => {
    await installed();
    await h.post(fixture('channel-reply'));
    await h.settings({ rolloutPhase: 'company' });
    await h.post(fixture('members-added'));
    expect(await member(IDS.newcomer)).toMatchObject({ name: '田中 美咲', email: EMAIL.newcomer, deactivatedAt: null });
    // The replier got the kick-off before their first-reply thanks; the newcomer gets it on joining.
    expect(
      (await h.repos.outbox.list((await h.workspace()).id, { job: 'welcome' })).map((r) => r.recipient),
    ).toContainEqual({
      kind: 'member',
      id: IDS.newcomer,
    });
    // Removed from one team is not gone from the company: only the directory sync deactivates.
    expect((await h.post(fixture('members-removed'))).status).toBe(200);
    expect((await member(IDS.bob))?.deactivatedAt).toBeNull();
  });

  it('notes a member who removed the app as unreachable', async () => {
    await installed();
    await h.post(fixture('personal-message'));
    expect((await member(IDS.alice))?.reachable).toBe(true);
    await h.post(fixture('installation-remove-personal'));
    expect((await member(IDS.alice))?.reachable).toBe(false);
  });

  it('reads the whole roster page by page for the directory sync', async () => {
    await installed();
    const guest: RosterMember = {
      id: '29:1Guest',
      name: 'Guest User',
      userPrincipalName: 'guest_partner.example#EXT#@contoso.onmicrosoft.com',
    };
    h.connector.rosters.set(IDS.team, [...ROSTER, guest]);
    h.connector.pageSize = 2;
    const entries = await h.bot.platform.listMembers(await h.workspace());
    expect(entries).toEqual([
      ...ROSTER.map((r) => ({
        platformId: r.id,
        name: r.name,
        email: r.email,
        isBot: false,
        deactivated: false,
        locale: null,
      })),
      { platformId: '29:1Guest', name: 'Guest User', email: null, isBot: false, deactivated: false, locale: null },
    ]);
    const pages = h.connector.requests.filter((r) => r.path === `/v3/conversations/${IDS.team}/pagedmembers`);
    expect(pages.map((r) => r.query.continuationToken ?? null)).toEqual([null, '2', '4']);
    const sync = await h.core.syncDirectory((await h.workspace()).id, entries);
    expect(sync.deactivated).toBe(0);
  });

  it('refuses to sync a directory before the bot is in any team', async () => {
    h = await startHarness();
    await h.post(fixture('personal-message'));
    await expect(h.bot.platform.listMembers(await h.workspace())).rejects.toBeInstanceOf(TeamsDirectoryError);
  });

  it('tells the caller something went wrong, without details, when the core throws', async () => {
    h = await startHarness({
      backend: (clock) => {
        const real = realBackend()(clock);
        return {
          ...real,
          core: { ...real.core, runCommand: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')) },
        };
      },
    });
    await h.post(fixture('personal-message'));
    // The 1:1 fixture speaks en-US.
    expect(sentTo(IDS.aliceChat).map((a) => a.text)).toEqual([t('en', 'adapters.teams.error')]);
    expect(h.logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['Teams turn failed']);
    expect(String(h.logs.find((l) => l.level === 'error')?.detail?.error)).toContain('SQLITE_BUSY');
  });

  it('answers 400 to a body that is not an activity, and records nothing', async () => {
    h = await startHarness();
    const response = await h.post({} as never);
    expect(response.status).toBe(400);
    expect(await h.repos.workspaces.find('teams', IDS.tenant)).toBeNull();
    expect(h.connector.requests).toEqual([]);
  });

  it('answers 401 to an unsigned request when credentials are configured, and records nothing', async () => {
    h = await startHarness({
      config: {
        appId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
      },
    });
    const response = await h.post(fixture('channel-message'));
    expect(response.status).toBe(401);
    expect(await h.repos.workspaces.find('teams', IDS.tenant)).toBeNull();
    expect(h.connector.requests).toEqual([]);
  });
});
