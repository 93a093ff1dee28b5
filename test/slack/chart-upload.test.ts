import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { defaultSettings, type Workspace } from '../../src/core/types.js';
import { uploadChart } from '../../src/slack/chart-upload.js';
import { SlackPlatform } from '../../src/slack/slack-platform.js';
import { FakeSlack } from './fake-slack.js';
import { DEFAULT_USERS, SNS, TOKEN } from './harness.js';
import { BOT, TEAM } from './payloads.js';

const workspace: Workspace = {
  id: 1,
  platform: 'slack',
  externalId: TEAM.id,
  name: TEAM.name,
  settings: defaultSettings({ digestChannel: SNS }),
  createdAt: '2026-11-01T00:00:00.000Z',
};

const digest: Message = {
  kind: 'digest',
  title: '週間ダイジェスト',
  blocks: [{ type: 'text', text: '今週の参加率は42%でした。' }],
  fallback: '週間ダイジェスト',
  chart: {
    kind: 'participation-trend',
    title: '参加率の推移（直近13週）',
    alt: '直近13週の参加率の折れ線グラフ',
    labels: Array.from({ length: 13 }, (_, i) => `第${36 + i}週`),
    series: [{ name: '参加率', values: Array.from({ length: 13 }, (_, i) => 0.2 + i * 0.02) }],
  },
};

describe('digest chart on Slack', () => {
  let fake: FakeSlack;
  let warnings: string[];
  let platform: SlackPlatform;
  let client: WebClient;

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
    client = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    platform = new SlackPlatform(client, {
      logger: { debug: () => undefined, warn: (m: unknown) => warnings.push(String(m)), error: () => undefined },
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('posts the digest, then uploads the PNG with the external upload flow into the same channel', async () => {
    const sent = await platform.send(workspace, { kind: 'channel', id: SNS }, digest);
    expect(sent.ok).toBe(true);
    expect(fake.calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const slot = fake.callsTo('files.getUploadURLExternal')[0]?.params;
    expect(slot?.filename).toBe('hiroba-participation.png');
    expect(slot?.alt_text).toBe('直近13週の参加率の折れ線グラフ');
    const [upload] = [...fake.uploads.values()];
    expect(upload?.bytes?.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(upload?.bytes?.length).toBe(Number(slot?.length));
    expect(upload?.shared).toEqual({ channel: SNS, title: '参加率の推移（直近13週）' });
    expect(warnings).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('sends the digest without the chart when Slack refuses the upload, and says why in the log', async () => {
    fake.failNext('files.getUploadURLExternal', { kind: 'error', error: 'missing_scope' });
    const sent = await platform.send(workspace, { kind: 'channel', id: SNS }, digest);
    expect(sent.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(warnings).toEqual(['digest chart not uploaded, message sent without it: missing_scope']);
  });

  it('sends nothing more when the chart cannot be drawn, and says why', async () => {
    const ok = await uploadChart(
      client,
      SNS,
      digest.chart ?? ({} as never),
      {
        debug: () => undefined,
        warn: (m: unknown) => warnings.push(String(m)),
        error: () => undefined,
      },
      () => {
        throw new Error('font file missing');
      },
    );
    expect(ok).toBe(false);
    expect(fake.calls).toEqual([]);
    expect(warnings).toEqual(['digest chart not drawn, message sent without it: font file missing']);
  });

  it('a message without a chart uploads nothing', async () => {
    const { chart: _chart, ...plain } = digest;
    await platform.send(workspace, { kind: 'channel', id: SNS }, plain);
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  });
});
