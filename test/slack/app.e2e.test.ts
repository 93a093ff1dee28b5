import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import type { Message } from '../../src/core/message.js';
import { runJob } from '../../src/scheduler/job-runner.js';
import { digestJob } from '../../src/scheduler/jobs/program-jobs.js';
import { createOutboxWorker } from '../../src/scheduler/outbox-worker.js';
import { renderMessage } from '../../src/slack/render.js';
import { FakeClock } from '../support/fake-clock.js';
import { callsOf, recordResults } from './fake-core.js';
import { Harness, OTHER, PEOPLE, SNS, tsAt } from './harness.js';
import {
  BOT,
  blockActions,
  messageDeletedEvent,
  messageEvent,
  reactionEvent,
  TEAM,
  viewSubmission,
} from './payloads.js';

const AT = '2026-11-24T01:30:00Z';

describe('Slack app end to end (real Bolt, real core, temp SQLite, fake Slack on 127.0.0.1)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await Harness.start({ settings: { countedChannels: [SNS] } });
  });
  afterEach(async () => {
    const errors = h.logger.lines.filter((line) => line.startsWith('error'));
    await h.close();
    expect(errors).toEqual([]);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await h.signed(
      JSON.stringify({ token: 'legacy', challenge: 'c-3po-challenge', type: 'url_verification' }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-3po-challenge' });
  });

  it('synced the directory on start: every page, bots marked, deleted members deactivated, emails and locales', async () => {
    const list = h.fake.callsTo('users.list');
    expect(list.length).toBe(1);
    expect(list[0]?.params).toMatchObject({ limit: '200', include_locale: 'true' });
    const members = await h.store.repos.members.list((await h.workspace()).id);
    const byId = new Map(members.map((m) => [m.platformId, m]));
    expect(members.length).toBe(7);
    expect(byId.get(PEOPLE.alice)).toMatchObject({
      name: 'Aoki Sakura',
      email: 'aoki@example.co.jp',
      locale: 'ja',
      isBot: false,
      deactivatedAt: null,
    });
    expect(byId.get(PEOPLE.bob)?.locale).toBe('en');
    expect(byId.get(BOT.userId)?.isBot).toBe(true);
    expect(byId.get('USLACKBOT')?.isBot).toBe(true);
    expect(byId.get('U0GONE0001')?.deactivatedAt).not.toBeNull();
    expect((await h.workspace()).name).toBe(TEAM.name);
    expect(h.fake.violations).toEqual([]);
  });

  it('records a channel message, a thread reply (target = root author) and a reaction (target = item author)', async () => {
    const postTs = tsAt(AT, 100);
    expect((await h.postEvent(messageEvent({ user: PEOPLE.alice, channel: SNS, ts: postTs }))).status).toBe(200);
    const replyTs = tsAt('2026-11-24T01:31:00Z', 200);
    await h.postEvent(
      messageEvent({ user: PEOPLE.bob, channel: SNS, ts: replyTs, threadTs: postTs, parentUserId: PEOPLE.alice }),
    );
    const reactTs = tsAt('2026-11-24T01:32:00Z', 300);
    await h.postEvent(
      reactionEvent({ user: PEOPLE.carol, itemUser: PEOPLE.alice, channel: SNS, ts: postTs, eventTs: reactTs }),
    );

    expect(await h.activity(`msg:${SNS}:${postTs}`)).toEqual({
      kind: 'post',
      member: PEOPLE.alice,
      target: null,
      channel: SNS,
    });
    expect(await h.activity(`msg:${SNS}:${replyTs}`)).toEqual({
      kind: 'reply',
      member: PEOPLE.bob,
      target: PEOPLE.alice,
      channel: SNS,
    });
    expect(await h.activity(`react:${SNS}:${postTs}:${PEOPLE.carol}:tada`)).toEqual({
      kind: 'reaction',
      member: PEOPLE.carol,
      target: PEOPLE.alice,
      channel: SNS,
    });
    expect(await h.activityCount()).toBe(3);
    expect(h.fake.violations).toEqual([]);
  });

  it('looks the thread root up with conversations.replies when a reply does not name its author', async () => {
    const rootTs = tsAt(AT, 100);
    h.fake.threads.set(`${SNS}:${rootTs}`, PEOPLE.carol);
    const replyTs = tsAt(AT, 500);
    await h.postEvent(messageEvent({ user: PEOPLE.bob, channel: SNS, ts: replyTs, threadTs: rootTs }));
    expect(h.fake.callsTo('conversations.replies').map((c) => c.params)).toEqual([
      { channel: SNS, ts: rootTs, limit: '1', inclusive: 'true' },
    ]);
    expect(await h.activity(`msg:${SNS}:${replyTs}`)).toEqual({
      kind: 'reply',
      member: PEOPLE.bob,
      target: PEOPLE.carol,
      channel: SNS,
    });
    // The reply keeps the post it answers (after the lookup too): the digest's most-replied posts.
    const stored = await h.store.repos.activities.byEventId((await h.workspace()).id, `msg:${SNS}:${replyTs}`);
    expect(stored?.parentEventId).toBe(`msg:${SNS}:${rootTs}`);
  });

  it('counts a redelivered event (X-Slack-Retry-Num: 1) once', async () => {
    const ts = tsAt(AT, 700);
    const event = messageEvent({ user: PEOPLE.alice, channel: SNS, ts });
    expect((await h.postEvent(event, { eventId: 'Ev0SAME0001' })).status).toBe(200);
    expect((await h.postEvent(event, { eventId: 'Ev0SAME0001', retryNum: 1 })).status).toBe(200);
    expect(await h.activityCount()).toBe(1);
    const results = recordResults(h.calls);
    expect(results.map((r) => (r as { status: string; reason?: string }).reason ?? 'recorded')).toEqual([
      'recorded',
      'duplicate',
    ]);
  });

  it('undoes a removed reaction and a deleted message', async () => {
    const ts = tsAt(AT, 100);
    await h.postEvent(messageEvent({ user: PEOPLE.alice, channel: SNS, ts }));
    await h.postEvent(
      reactionEvent({ user: PEOPLE.bob, itemUser: PEOPLE.alice, channel: SNS, ts, eventTs: tsAt(AT, 800) }),
    );
    expect(await h.activityCount()).toBe(2);
    await h.postEvent(
      reactionEvent({
        type: 'reaction_removed',
        user: PEOPLE.bob,
        itemUser: PEOPLE.alice,
        channel: SNS,
        ts,
        eventTs: tsAt(AT, 900),
      }),
    );
    expect(await h.activity(`react:${SNS}:${ts}:${PEOPLE.bob}:tada`)).toBeNull();
    await h.postEvent(messageDeletedEvent({ channel: SNS, deletedTs: ts, eventTs: tsAt(AT, 950) }));
    expect(await h.activity(`msg:${SNS}:${ts}`)).toBeNull();
    expect(await h.activityCount()).toBe(0);
  });

  it('hands every message to the core, which leaves uncounted channels out; bot messages and joins never reach it', async () => {
    await h.postEvent(messageEvent({ user: PEOPLE.alice, channel: OTHER, ts: tsAt(AT, 1) }));
    await h.postEvent({
      ...messageEvent({ user: PEOPLE.alice, channel: SNS, ts: tsAt(AT, 2) }),
      subtype: 'channel_join',
    });
    await h.postEvent({
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'B0OTHERBOT',
      text: 'deploy done',
      ts: tsAt(AT, 3),
      channel: SNS,
    });
    const recorded = recordResults(h.calls);
    expect(recorded).toEqual([{ status: 'ignored', reason: 'channel_not_counted' }]);
    expect(await h.activityCount()).toBe(0);
  });

  it('refuses a bad signature and a timestamp older than 5 minutes with 401, storing nothing', async () => {
    const event = messageEvent({ user: PEOPLE.alice, channel: SNS, ts: tsAt(AT, 1) });
    const before = h.calls.length;
    expect((await h.postEvent(event, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await h.postEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect(h.calls.length).toBe(before);
    expect(await h.activityCount()).toBe(0);
  });

  it('/hiroba stats from an ops member answers ephemerally with the core reply as Block Kit', async () => {
    await h.grantRole(PEOPLE.ops, 'ops');
    const { res, respondId } = await h.postCommand(PEOPLE.ops, 'stats');
    expect(res.status).toBe(200);
    const call = callsOf(h.calls, 'runCommand')[0];
    expect(call?.args[0]).toEqual({
      workspaceId: (await h.workspace()).id,
      platformId: PEOPLE.ops,
      channelId: SNS,
      text: 'stats',
    });
    const reply = call?.result as Message;
    const answered = h.fake.responds.find((r) => r.id === respondId);
    expect(answered?.body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderMessage(reply, 'ja'),
    });
    // The figures themselves, not a refusal or an apology that the equality above would also accept.
    const shown = JSON.stringify(answered?.body.blocks);
    expect(shown).toContain(t('ja', 'replies.stats.score'));
    expect(shown).not.toContain(t('ja', 'replies.forbidden', { role: t('ja', 'replies.roleName.ops') }));
    expect(h.fake.violations).toEqual([]);
  });

  it('/hiroba purpose set from a plain member is refused and changes nothing', async () => {
    const { respondId } = await h.postCommand(PEOPLE.alice, 'purpose set 全社の知恵を集める');
    expect((await h.workspace()).settings.purpose).toBe('');
    expect(h.fake.responds.find((r) => r.id === respondId)?.body.text).toBe(
      t('ja', 'replies.forbidden', { role: t('ja', 'replies.roleName.ops') }),
    );
    // The same words from ops do change it: the refusal was the role, not the words.
    await h.grantRole(PEOPLE.ops, 'ops');
    await h.postCommand(PEOPLE.ops, 'purpose set 全社の知恵を集める');
    expect((await h.workspace()).settings.purpose).toBe('全社の知恵を集める');
  });

  it('channels add said in a DM names no channel (the DM is never counted)', async () => {
    await h.grantRole(PEOPLE.ops, 'ops');
    await h.postCommand(PEOPLE.ops, 'channels add', 'D0DM000009');
    expect((await h.workspace()).settings.countedChannels).not.toContain('D0DM000009');
  });

  it('command text arrives escaped by Slack and is stored as the person typed it', async () => {
    await h.grantRole(PEOPLE.ops, 'ops');
    await h.postCommand(PEOPLE.ops, 'rules set 社外秘 &lt;取扱注意&gt; &amp; 個人名は書かない');
    expect((await h.workspace()).settings.rules).toBe('社外秘 <取扱注意> & 個人名は書かない');
  });

  it("a story button opens the story modal with views.open and the click's trigger", async () => {
    const { url } = h.nextResponseUrl();
    const res = await h.postInteraction(
      blockActions({
        user: PEOPLE.alice,
        actionId: 'hiroba.form.open',
        value: 'story',
        channel: 'D0DM000009',
        responseUrl: url,
      }),
    );
    expect(res.status).toBe(200);
    const open = h.fake.callsTo('views.open')[0];
    expect(open?.params.trigger_id).toBe('1764000000.1234567890.fedcba9876543210fedcba9876543210');
    const view = open?.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ type: string; block_id?: string }>;
    };
    expect(view.callback_id).toBe('hiroba.form.story');
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'D0DM000009' });
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      'title',
      'situation',
      'action',
      'result',
    ]);
    expect(h.fake.violations).toEqual([]);
  });

  it('a story submission with a too-short field gets inline errors and stores nothing', async () => {
    const res = await h.postInteraction(
      viewSubmission({
        user: PEOPLE.alice,
        callbackId: 'hiroba.form.story',
        values: {
          title: null,
          situation: '短い',
          action: '課題を整理して共有しました。',
          result: '問い合わせが三割減りました。',
        },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['situation']);
    expect(await h.store.repos.submissions.list((await h.workspace()).id)).toEqual([]);
    expect(await h.store.repos.outbox.pending((await h.workspace()).id)).toEqual([]);
  });

  it.each<{ kind: string; values: Record<string, string>; errors: Record<string, string> }>([
    {
      kind: 'story',
      values: { title: '', situation: '', action: 'あ'.repeat(1001), result: '問い合わせが三割ほど減りました。' },
      errors: {
        situation: t('ja', 'replies.form.required', { field: t('ja', 'programs.form.story.situation.label') }),
        action: t('ja', 'replies.form.tooLong', {
          field: t('ja', 'programs.form.story.action.label'),
          max: 1000,
          length: 1001,
        }),
      },
    },
    {
      kind: 'idea',
      values: { title: '   ', idea: 'い'.repeat(1501), benefit: '' },
      errors: {
        title: t('ja', 'replies.form.required', { field: t('ja', 'programs.form.idea.title.label') }),
        idea: t('ja', 'replies.form.tooLong', {
          field: t('ja', 'programs.form.idea.idea.label'),
          max: 1500,
          length: 1501,
        }),
      },
    },
  ])(
    'a $kind submission with an empty required field and one over its maximum gets both errors inline and stores nothing',
    async ({ kind, values, errors }) => {
      const res = await h.postInteraction(
        viewSubmission({ user: PEOPLE.alice, callbackId: `hiroba.form.${kind}`, values }),
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ response_action: 'errors', errors });
      const ws = (await h.workspace()).id;
      expect(await h.store.repos.submissions.list(ws)).toEqual([]);
      expect(await h.activityCount()).toBe(0);
      expect(await h.store.repos.outbox.list(ws)).toEqual([]);
      // Nor was anything sent at once.
      expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
      expect(h.fake.callsTo('conversations.open')).toEqual([]);
    },
  );

  it('a valid story submission closes the modal, DMs the reply and is posted to the SNS channel through the outbox', async () => {
    const values = {
      title: '問い合わせ対応の工夫',
      situation: '同じ質問が毎週のように届いていました。',
      action: 'よくある質問をまとめて SNS で共有しました。',
      result: '問い合わせが三割ほど減りました。',
    };
    const res = await h.postInteraction(
      viewSubmission({ user: PEOPLE.alice, callbackId: 'hiroba.form.story', values }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const submitted = callsOf(h.calls, 'submitForm')[0]?.args[0];
    expect(submitted).toEqual({
      workspaceId: (await h.workspace()).id,
      platformId: PEOPLE.alice,
      channelId: null,
      kind: 'story',
      values,
      submissionKey: 'V0FORM0001:1764000000.abcd1234',
    });
    // The reply DM went out at once, posted to the member's id (Slack puts it in the app's DM).
    expect(h.fake.callsTo('conversations.open')).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.params.channel)).toEqual([PEOPLE.alice]);

    const drained = await h.drainOutbox();
    expect(drained.failed).toBe(0);
    const posted = h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === SNS);
    expect(posted.length).toBe(1);
    const text = JSON.stringify(posted[0]?.blocks);
    for (const value of Object.values(values)) expect(text).toContain(value);
    expect((await h.store.repos.outbox.list((await h.workspace()).id, { job: 'story-post' }))[0]?.status).toBe('sent');
    expect(h.fake.violations).toEqual([]);
  });

  it("a digest job sends Block Kit that passes Slack's limits", async () => {
    await h.configure({ digestChannel: SNS });
    for (let i = 0; i < 5; i += 1)
      await h.postEvent(messageEvent({ user: PEOPLE.alice, channel: SNS, ts: tsAt(AT, 10 + i) }));
    const outcome = await runJob({ repos: h.store.repos }, digestJob, await h.workspace(), { now: h.clock.now() });
    expect(outcome.status).toBe('ran');
    await h.drainOutbox();
    const digest = h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === SNS);
    expect(digest.length).toBe(1);
    expect((digest[0]!.blocks as unknown[]).length).toBeGreaterThan(1);
    expect(h.fake.violations).toEqual([]);
  });

  it("a digest far over Slack's limits is cut, not rejected", async () => {
    const huge: Message = {
      kind: 'digest',
      title: '週間ダイジェスト'.repeat(30),
      blocks: [
        {
          type: 'fields',
          fields: Array.from({ length: 25 }, (_, i) => ({ label: `部署 ${i}`, value: 'x'.repeat(2500) })),
        },
        {
          type: 'list',
          title: '今週の投稿者',
          items: Array.from({ length: 600 }, (_, i) => `メンバー ${i} <@here> & co`),
        },
        ...Array.from({ length: 70 }, (_, i) => ({ type: 'text' as const, text: `段落 ${i} `.repeat(400) })),
      ],
      fallback: '週間ダイジェスト',
    };
    const sent = await h.handle.platform.send(await h.workspace(), { kind: 'channel', id: SNS }, huge);
    expect(sent.ok).toBe(true);
    const blocks = h.fake.callsTo('chat.postMessage')[0]?.blocks as unknown[];
    expect(blocks.length).toBe(50);
    expect(h.fake.violations).toEqual([]);
  });

  it("publishes the App Home from the core's home page when a member opens it", async () => {
    await h.postEvent({
      type: 'app_home_opened',
      user: PEOPLE.bob,
      channel: 'D0DM000002',
      tab: 'home',
      event_ts: tsAt(AT, 1),
    });
    const publish = h.fake.callsTo('views.publish');
    expect(publish.map((c) => c.params.user_id)).toEqual([PEOPLE.bob]);
    const home = callsOf(h.calls, 'home')[0];
    expect(home?.args[0]).toEqual({ workspaceId: (await h.workspace()).id, platformId: PEOPLE.bob });
    expect((publish[0]!.view as { type: string }).type).toBe('home');
    expect(h.fake.violations).toEqual([]);
  });

  it('hands joins to the core: a new workspace member is upserted, a channel join names the channel', async () => {
    await h.postEvent({
      type: 'member_joined_channel',
      user: PEOPLE.carol,
      channel: SNS,
      channel_type: 'C',
      team: TEAM.id,
      event_ts: tsAt(AT, 1),
    });
    expect(callsOf(h.calls, 'memberJoined').map((c) => c.args)).toEqual([
      [(await h.workspace()).id, PEOPLE.carol, SNS],
    ]);
    await h.postEvent({
      type: 'team_join',
      user: {
        id: 'U0NEW00001',
        name: 'new.person',
        real_name: 'Nishi Ren',
        is_bot: false,
        deleted: false,
        profile: { real_name: 'Nishi Ren', display_name: 'Ren', email: 'nishi@example.co.jp' },
      },
      event_ts: tsAt(AT, 2),
    });
    const joined = await h.store.repos.members.byPlatformId((await h.workspace()).id, 'U0NEW00001');
    expect(joined).toMatchObject({ name: 'Nishi Ren', email: 'nishi@example.co.jp', isBot: false });
    expect(callsOf(h.calls, 'memberJoined').at(-1)?.args).toEqual([(await h.workspace()).id, 'U0NEW00001', null]);
  });

  it('answers 400 to a command sent with "; charset=utf-8" (Slack never does; Bolt is strict)', async () => {
    const res = await h.signed('command=%2Fhiroba&text=help&team_id=T0HIROBA01&user_id=U0OPS00001', {
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    });
    expect(res.status).toBe(400);
    expect(callsOf(h.calls, 'runCommand')).toEqual([]);
  });
});

describe('Slack rate limits end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ retries: 1 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a send does not wait out a 429 itself, whatever the client retries: Retry-After goes to the outbox', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 3 });
    const message: Message = {
      kind: 'command-reply',
      blocks: [{ type: 'text', text: 'こんにちは' }],
      fallback: 'こんにちは',
    };
    const before = h.fake.callsTo('chat.postMessage').length;
    const started = performance.now();
    const sent = await h.handle.platform.send(await h.workspace(), { kind: 'channel', id: SNS }, message);
    expect(sent).toEqual({ ok: false, failure: { kind: 'transient', code: 'ratelimited', retryAfterMs: 3000 } });
    expect(h.fake.callsTo('chat.postMessage').length - before).toBe(1);
    expect(performance.now() - started).toBeLessThan(2000);
    // Reads (the directory, users.info) keep the client's own retries: see the users.list test below.
  });

  it('keeps paging users.list after a 429 in the middle', async () => {
    h.fake.pageSize = 2;
    const before = h.fake.callsTo('users.list').length;
    h.fake.failNext('users.list', { kind: 'ratelimited', retryAfter: 1 });
    const entries = await h.handle.platform.listMembers(await h.workspace());
    expect(entries.map((e) => e.platformId)).toEqual([
      PEOPLE.ops,
      PEOPLE.alice,
      PEOPLE.bob,
      PEOPLE.carol,
      BOT.userId,
      'USLACKBOT',
      'U0GONE0001',
    ]);
    // 4 pages, one of them asked twice.
    expect(h.fake.callsTo('users.list').length - before).toBe(5);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('Slack rate limits through the outbox (client retries off: the outbox waits out Retry-After)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ retries: 0 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a 429 with Retry-After: 30 leaves the row pending for 30 s, then it is sent exactly once', async () => {
    const clock = new FakeClock('2026-11-24T02:00:00Z');
    const worker = createOutboxWorker({
      repos: h.store.repos,
      platforms: { slack: h.handle.platform },
      clock,
      sleep: async (ms) => clock.advance(ms),
      random: () => 0.5,
    });
    const ws = await h.workspace();
    const message: Message = {
      kind: 'command-reply',
      blocks: [{ type: 'text', text: '今週もよろしくお願いいたします。' }],
      fallback: '今週もよろしくお願いいたします。',
    };
    const at = clock.now().toISOString();
    expect(
      await h.store.repos.outbox.enqueue([
        {
          workspaceId: ws.id,
          job: 'story-post',
          period: '2026-11-24',
          recipient: { kind: 'channel', id: SNS },
          message,
          notBefore: at,
          createdAt: at,
        },
      ]),
    ).toBe(1);
    h.fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 30 });

    expect(await worker.drain()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    const [row] = await h.store.repos.outbox.list(ws.id);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'ratelimited',
      notBefore: new Date(clock.now().getTime() + 30_000).toISOString(),
    });
    expect(clock.now().toISOString()).toBe(at);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(1);

    // Not before its time: a drain 29 s later sends nothing.
    clock.advance(29_000);
    expect(await worker.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(h.fake.callsTo('chat.postMessage').length).toBe(1);

    clock.advance(1_000);
    expect(await worker.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(await worker.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    const posted = h.fake.callsTo('chat.postMessage');
    expect(posted.length).toBe(2);
    expect(posted.map((c) => c.params.channel)).toEqual([SNS, SNS]);
    expect(await h.store.repos.outbox.get(row?.id ?? 0)).toMatchObject({
      status: 'sent',
      attempts: 1,
      platformMessageId: `${SNS}:1764000000.000001`,
    });
    expect(h.fake.violations).toEqual([]);
  });
});
