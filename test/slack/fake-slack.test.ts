import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';
import { TOKEN } from './harness.js';
import { BOT, TEAM } from './payloads.js';

/** The fake is only worth its checks if they fire: each rule is broken once here on purpose. */
describe('the fake Slack catches what real Slack would refuse', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeEach(async () => {
    fake = new FakeSlack({
      token: TOKEN,
      teamId: TEAM.id,
      teamName: TEAM.name,
      botUserId: BOT.userId,
      botId: BOT.botId,
      users: [],
    });
    await fake.start();
    client = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers like Slack and within its published schema', async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: TEAM.id, user_id: BOT.userId, bot_id: BOT.botId });
    expect(fake.violations).toEqual([]);
  });

  it("flags an answer of its own that breaks the method's response schema", async () => {
    fake.failNext('chat.postMessage', { kind: 'answer', body: { ok: true, channel: 'C0SNS00001' } });
    await client.chat.postMessage({ channel: 'C0SNS00001', text: 'x' });
    expect(fake.violations.length).toBe(1);
    expect(fake.violations[0]).toContain("fake's own chat.postMessage answer fails Slack's schema");
  });

  it("flags a users.list member that is not a Slack user object (the spec's alternatives read as anyOf)", async () => {
    fake.failNext('users.list', {
      kind: 'answer',
      body: { ok: true, members: [{ id: 'U0X0000001', name: 'x' }], cache_ts: 1 },
    });
    await client.users.list({});
    expect(fake.violations.join('\n')).toContain("fake's own users.list answer fails Slack's schema");
  });

  it('checks the parameters of a call that has a scripted answer, and leaves the answer for the next call', async () => {
    fake.failNext('views.publish', { kind: 'ratelimited', retryAfter: 1 });
    await expect(client.views.publish({ user_id: 'U0X0000001' } as never)).rejects.toThrow('invalid_arguments');
    expect(fake.violations).toEqual(['views.publish: required parameter view missing']);
    fake.failNext('views.open', { kind: 'error', error: 'expired_trigger_id' });
    await expect(
      client.views.open({ view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } } as never),
    ).rejects.toThrow('invalid_arguments');
    expect(fake.violations.at(-1)).toBe('views.open: required parameter trigger_id missing');
    // The scripted refusal was not used up by the bad call.
    await expect(
      client.views.open({
        trigger_id: 't',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).rejects.toThrow('expired_trigger_id');
  });

  it("checks scripted errors against Slack's error codes: the method's own and the common ones pass, an invented one is flagged", async () => {
    fake.failNext('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    await expect(client.chat.postMessage({ channel: 'C0SNS00001', text: 'x' })).rejects.toThrow('not_in_channel');
    fake.failNext('users.list', { kind: 'error', error: 'missing_scope' });
    await expect(client.users.list({})).rejects.toThrow('missing_scope');
    expect(fake.violations).toEqual([]);
    fake.failNext('chat.postMessage', { kind: 'error', error: 'channel_on_fire' });
    await expect(client.chat.postMessage({ channel: 'C0SNS00001', text: 'x' })).rejects.toThrow('channel_on_fire');
    expect(fake.violations.length).toBe(1);
    expect(fake.violations[0]).toContain("fake's own chat.postMessage answer fails Slack's schema");
  });

  it('flags a missing required parameter and a wrong token', async () => {
    await expect(client.views.publish({ user_id: 'U0X0000001' } as never)).rejects.toThrow('invalid_arguments');
    expect(fake.violations).toEqual(['views.publish: required parameter view missing']);
    await expect(
      new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }).auth.test(),
    ).rejects.toThrow('invalid_auth');
    expect(fake.violations.at(-1)).toBe('auth.test: bad Authorization header');
  });

  it('refuses blocks over Block Kit limits with invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, () => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'x'.repeat(3001) },
    }));
    await expect(client.chat.postMessage({ channel: 'C0SNS00001', text: 'x', blocks })).rejects.toThrow(
      'invalid_blocks',
    );
    expect(fake.violations[0]).toBe('chat.postMessage blocks: 51 blocks > 50');
    expect(fake.violations[1]).toBe('chat.postMessage blocks: blocks[0].text: text 3001 > 3000');
  });

  it('refuses a modal title over 24 characters', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x'.repeat(25) }, blocks: [] };
    await expect(client.views.open({ trigger_id: 't', view })).rejects.toThrow('invalid_blocks');
    expect(fake.violations).toEqual(['views.open view: title: text 25 > 24']);
  });
});
