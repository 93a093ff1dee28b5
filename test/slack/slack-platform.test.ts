import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { defaultSettings, type Workspace, type WorkspaceSettings } from '../../src/core/types.js';
import { SlackDirectoryError } from '../../src/slack/errors.js';
import { SlackPlatform } from '../../src/slack/slack-platform.js';
import { FakeSlack } from './fake-slack.js';
import { DEFAULT_USERS, PEOPLE, SNS, TOKEN } from './harness.js';
import { BOT, TEAM } from './payloads.js';

const workspace = (settings: Partial<WorkspaceSettings> = {}): Workspace => ({
  id: 1,
  platform: 'slack',
  externalId: TEAM.id,
  name: TEAM.name,
  settings: defaultSettings(settings),
  createdAt: '2026-11-01T00:00:00.000Z',
});
const hello: Message = { kind: 'test', blocks: [{ type: 'text', text: 'こんにちは' }], fallback: 'こんにちは' };

describe('SlackPlatform against a fake Slack', () => {
  let fake: FakeSlack;
  let platform: SlackPlatform;
  let warnings: string[];

  beforeEach(async () => {
    fake = new FakeSlack({
      token: TOKEN,
      teamId: TEAM.id,
      teamName: TEAM.name,
      botUserId: BOT.userId,
      botId: BOT.botId,
      users: DEFAULT_USERS,
    });
    await fake.start();
    warnings = [];
    const client = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    platform = new SlackPlatform(client, {
      logger: { debug: () => undefined, warn: (m: unknown) => warnings.push(String(m)), error: () => undefined },
      sleep: async () => undefined,
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('posts to a channel with blocks and fallback text', async () => {
    const sent = await platform.send(workspace(), { kind: 'channel', id: SNS }, hello);
    expect(sent).toEqual({ ok: true, messageId: `${SNS}:1764000000.000001` });
    const call = fake.callsTo('chat.postMessage')[0];
    expect(call?.params.channel).toBe(SNS);
    expect(call?.params.text).toBe('こんにちは');
    expect(call?.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'こんにちは' } }]);
    expect(fake.violations).toEqual([]);
  });

  it('DMs by posting to the member id: no conversations.open, however many DMs', async () => {
    await platform.send(workspace(), { kind: 'member', id: PEOPLE.alice }, hello);
    const sent = await platform.send(workspace(), { kind: 'member', id: PEOPLE.alice }, hello);
    await platform.send(workspace(), { kind: 'member', id: PEOPLE.bob }, hello);
    expect(fake.callsTo('conversations.open')).toEqual([]);
    expect(fake.callsTo('chat.postMessage').map((c) => c.params.channel)).toEqual([
      PEOPLE.alice,
      PEOPLE.alice,
      PEOPLE.bob,
    ]);
    // The id of the sent message names the DM channel Slack put it in.
    expect(sent).toEqual({ ok: true, messageId: `${fake.dmOf(PEOPLE.alice)}:1764000000.000002` });
    expect(fake.violations).toEqual([]);
  });

  it('a file goes to the DM channel a DM already told us, without opening it again', async () => {
    await platform.send(workspace(), { kind: 'member', id: PEOPLE.bob }, hello);
    const sent = await platform.sendFile(workspace(), PEOPLE.bob, { name: 'a.csv', title: 'A', content: 'a,b\n' });
    expect(sent.ok).toBe(true);
    expect(fake.callsTo('conversations.open')).toEqual([]);
    expect(fake.callsTo('files.completeUploadExternal')[0]?.params.channel_id).toBe(fake.dmOf(PEOPLE.bob));
  });

  it('the sends go through the send client, the rest through the main one', async () => {
    const sendClient = new WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    // The main client would wait out a 429 and retry; the send client hands it back at once.
    const main = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 2 } });
    const split = new SlackPlatform(main, { sendClient, sleep: async () => undefined });
    fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 7 });
    const started = performance.now();
    expect(await split.send(workspace(), { kind: 'channel', id: SNS }, hello)).toEqual({
      ok: false,
      failure: { kind: 'transient', code: 'ratelimited', retryAfterMs: 7000 },
    });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    // A read goes through the main client.
    await split.channelName(workspace(), SNS);
    expect(fake.callsTo('conversations.info')).toHaveLength(1);
  });

  it('maps failures: a bot recipient blocks, a gone user is permanent, a 503 is transient', async () => {
    fake.failNext('chat.postMessage', { kind: 'error', error: 'cannot_dm_bot' });
    expect(await platform.send(workspace(), { kind: 'member', id: BOT.userId }, hello)).toEqual({
      ok: false,
      failure: { kind: 'permanent', code: 'cannot_dm_bot', blocked: true },
    });
    expect(await platform.send(workspace(), { kind: 'member', id: 'U0NOBODY01' }, hello)).toEqual({
      ok: false,
      failure: { kind: 'permanent', code: 'channel_not_found' },
    });
    fake.failNext('chat.postMessage', { kind: 'http', status: 503 });
    expect(await platform.send(workspace(), { kind: 'channel', id: SNS }, hello)).toEqual({
      ok: false,
      failure: { kind: 'transient', code: 'http_503' },
    });
    fake.failNext('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    expect(await platform.send(workspace(), { kind: 'channel', id: SNS }, hello)).toEqual({
      ok: false,
      failure: { kind: 'permanent', code: 'not_in_channel' },
    });
    expect(warnings).toContain('Slack chat.postMessage failed: permanent not_in_channel');
  });

  it('opens a form with the trigger and reports an expired trigger as a failure', async () => {
    const form = {
      kind: 'idea' as const,
      title: 'アイデア',
      submitLabel: '送信',
      openLabel: 'アイデアを書く',
      fields: [{ id: 'idea', label: 'アイデア', multiline: true, required: true, minLength: 10, maxLength: 1500 }],
    };
    expect(await platform.openForm(workspace(), 'trigger-1', form, '{"channelId":null}')).toEqual({
      ok: true,
      messageId: 'V0VIEW00001',
    });
    expect(fake.callsTo('views.open')[0]?.params.trigger_id).toBe('trigger-1');
    fake.failNext('views.open', { kind: 'error', error: 'expired_trigger_id' });
    expect(await platform.openForm(workspace(), 'trigger-2', form, '{}')).toEqual({
      ok: false,
      failure: { kind: 'permanent', code: 'expired_trigger_id' },
    });
    expect(fake.violations).toEqual([]);
  });

  it('reads every users.list page by cursor and maps members to directory entries', async () => {
    fake.pageSize = 3;
    const entries = await platform.listMembers(workspace());
    const calls = fake.callsTo('users.list');
    expect(calls.length).toBe(3);
    expect(calls[0]?.params.cursor).toBeUndefined();
    expect(calls[1]?.params.cursor).toBe(Buffer.from('offset:3').toString('base64'));
    expect(entries).toEqual([
      {
        platformId: PEOPLE.ops,
        name: 'Oda Kenji',
        email: 'oda@example.co.jp',
        isBot: false,
        deactivated: false,
        isPlatformAdmin: false,
        locale: 'ja',
      },
      {
        platformId: PEOPLE.alice,
        name: 'Aoki Sakura',
        email: 'aoki@example.co.jp',
        isBot: false,
        deactivated: false,
        isPlatformAdmin: false,
        locale: 'ja',
      },
      {
        platformId: PEOPLE.bob,
        name: 'Bob Baker',
        email: 'bob@example.com',
        isBot: false,
        deactivated: false,
        isPlatformAdmin: false,
        locale: 'en',
      },
      {
        platformId: PEOPLE.carol,
        name: 'Chiba Mai',
        email: 'chiba@example.co.jp',
        isBot: false,
        deactivated: false,
        isPlatformAdmin: false,
      },
      { platformId: BOT.userId, name: 'Hiroba', email: null, isBot: true, deactivated: false, isPlatformAdmin: false },
      {
        platformId: 'USLACKBOT',
        name: 'Slackbot',
        email: null,
        isBot: true,
        deactivated: false,
        isPlatformAdmin: false,
      },
      {
        platformId: 'U0GONE0001',
        name: 'Gone Person',
        email: 'gone@example.co.jp',
        isBot: false,
        deactivated: true,
        isPlatformAdmin: false,
      },
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('workspace owners and admins are flagged', async () => {
    fake.users = [
      { id: 'U0OWNER001', name: 'Owner', isOwner: true },
      { id: 'U0ADMIN001', name: 'Admin', isAdmin: true },
    ];
    expect((await platform.listMembers(workspace())).map((e) => e.isPlatformAdmin)).toEqual([true, true]);
  });

  it('reads configured profile fields with users.profile.get for people only', async () => {
    fake.users = [
      {
        id: PEOPLE.alice,
        name: 'Aoki Sakura',
        fields: { Xf01: { value: '営業部', label: 'Department' }, Xf02: { value: 'U0OPS00001', label: 'Manager' } },
      },
      { id: BOT.userId, name: 'Hiroba', isBot: true },
      { id: 'U0GONE0001', name: 'Gone', deleted: true },
    ];
    const entries = await platform.listMembers(
      workspace({ profileFields: { department: 'department', manager: 'Xf02' } }),
    );
    expect(fake.callsTo('users.profile.get').map((c) => c.params)).toEqual([
      { user: PEOPLE.alice, include_labels: 'true' },
    ]);
    expect(entries[0]).toMatchObject({ department: '営業部', manager: 'U0OPS00001' });
    expect(entries[1]).not.toHaveProperty('department');
    expect(fake.violations).toEqual([]);
  });

  it('without users.profile:read the sync goes on with a warning that says how to fix it', async () => {
    fake.users = [
      { id: PEOPLE.alice, name: 'Aoki Sakura' },
      { id: PEOPLE.bob, name: 'Bob Baker' },
    ];
    fake.failNext('users.profile.get', { kind: 'error', error: 'missing_scope' });
    const entries = await platform.listMembers(workspace({ profileFields: { department: 'Department' } }));
    expect(entries.length).toBe(2);
    expect(fake.callsTo('users.profile.get').length).toBe(1);
    expect(warnings.some((w) => w.includes('users.profile:read'))).toBe(true);
  });

  it('a directory Slack refuses throws, so a partial list never deactivates anyone', async () => {
    fake.failNext('users.list', { kind: 'error', error: 'invalid_auth' });
    await expect(platform.listMembers(workspace())).rejects.toBeInstanceOf(SlackDirectoryError);
  });

  it('a transient failure mid-directory retries the same page', async () => {
    fake.pageSize = 4;
    await platform.listMembers(workspace());
    fake.failNext('users.list', { kind: 'error', error: 'internal_error' });
    const before = fake.callsTo('users.list').length;
    const entries = await platform.listMembers(workspace());
    expect(entries.length).toBe(7);
    expect(fake.callsTo('users.list').length - before).toBe(3);
  });

  it('reads a channel name with conversations.info, and gives none when Slack cannot say', async () => {
    fake.channels.set(SNS, '全社sns');
    const ws = workspace();
    expect(await platform.channelName(ws, SNS)).toBe('全社sns');
    expect(await platform.channelName(ws, 'C0GONE0001')).toBeNull();
    expect(fake.violations).toEqual([]);
  });

  it("sends a file into a member's DM with the external upload", async () => {
    const csv = '\uFEFF氏名,部署\r\n斎藤 明美,営業部\r\n';
    const sent = await platform.sendFile(workspace(), PEOPLE.alice, { name: 'list.csv', title: '一覧', content: csv });
    expect(sent.ok).toBe(true);
    const [file] = [...fake.uploads.values()];
    expect(file?.filename).toBe('list.csv');
    expect(file?.bytes?.toString('utf8')).toBe(csv);
    expect(file?.shared).toEqual({ channel: fake.dmOf(PEOPLE.alice), title: '一覧' });
    expect(fake.violations).toEqual([]);
  });

  it('finds a thread root author, and gives none when Slack cannot say', async () => {
    fake.threads.set(`${SNS}:1795483800.000100`, PEOPLE.carol);
    expect(await platform.threadRootAuthor(SNS, '1795483800.000100')).toBe(PEOPLE.carol);
    expect(await platform.threadRootAuthor(SNS, '1795483800.000999')).toBeNull();
    expect(fake.violations).toEqual([]);
  });
});
