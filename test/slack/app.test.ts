import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HirobaCore } from '../../src/core/ports.js';
import { defaultSettings } from '../../src/core/types.js';
import { createSlackApp } from '../../src/slack/app.js';
import { parseSlackAppConfig } from '../../src/slack/app-config.js';
import { SlackConfigError } from '../../src/slack/errors.js';
import { FakeSlack } from './fake-slack.js';
import { quietLogger, SECRET, TOKEN } from './harness.js';
import { BOT, sign, TEAM } from './payloads.js';

/** These tests never reach the core: a call into it is a failure. */
const unreachableCore = new Proxy({} as HirobaCore, {
  get: (_t, name) => () => {
    throw new Error(`core.${String(name)} should not be called`);
  },
});

describe('Slack app configuration', () => {
  it('needs a bot token and, over HTTP, a signing secret; each problem on its own line', () => {
    expect(() => parseSlackAppConfig({ botToken: 'xoxp-user-token' } as never)).toThrow(SlackConfigError);
    let error: unknown = null;
    try {
      parseSlackAppConfig({} as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlackConfigError);
    expect((error as SlackConfigError).problems).toEqual([
      "botToken (SLACK_BOT_TOKEN) is required: copy the Bot User OAuth Token from the app's OAuth & Permissions page",
      "signingSecret (SLACK_SIGNING_SECRET) is required over HTTP: copy it from the app's Basic Information page, or set SLACK_APP_TOKEN for Socket Mode",
    ]);
  });

  it('Socket Mode needs no signing secret; the API URL gets its trailing slash', () => {
    expect(parseSlackAppConfig({ botToken: 'xoxb-1', appToken: 'xapp-1' })).toMatchObject({
      appToken: 'xapp-1',
      processBeforeResponse: false,
      syncDirectoryOnStart: true,
    });
    expect(
      parseSlackAppConfig({ botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'http://127.0.0.1:9/api' }).apiUrl,
    ).toBe('http://127.0.0.1:9/api/');
    expect(() => parseSlackAppConfig({ botToken: 'xoxb-1', appToken: 'xoxb-not-app' })).toThrow(
      'appToken (SLACK_APP_TOKEN) must be an app-level token, starting with xapp-',
    );
  });
});

describe('Slack app modes', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = new FakeSlack({
      token: TOKEN,
      teamId: TEAM.id,
      teamName: TEAM.name,
      botUserId: BOT.userId,
      botId: BOT.botId,
    });
    await fake.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('without a shared server, start(port) listens on its own and stop() closes it', async () => {
    const handle = createSlackApp({
      core: unreachableCore,
      config: {
        botToken: TOKEN,
        signingSecret: SECRET,
        apiUrl: fake.apiUrl,
        retries: 0,
        processBeforeResponse: true,
        syncDirectoryOnStart: false,
      },
      logger: quietLogger(),
    });
    const server = await handle.start(0);
    expect(server).not.toBeNull();
    const port = (server!.address() as AddressInfo).port;
    const body = JSON.stringify({ type: 'url_verification', challenge: 'standalone' });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': String(ts),
        'X-Slack-Signature': sign(SECRET, ts, body),
      },
      body,
    });
    expect(await res.json()).toEqual({ challenge: 'standalone' });
    await handle.stop();
    expect(server?.listening).toBe(false);
  });

  it('a directory sync that fails on start is logged with the fix, and start still succeeds', async () => {
    const logger = quietLogger();
    const handle = createSlackApp({
      core: {
        ...unreachableCore,
        workspace: async () => ({
          id: 1,
          platform: 'slack',
          externalId: TEAM.id,
          name: TEAM.name,
          settings: defaultSettings(),
          createdAt: '',
        }),
      },
      config: { botToken: TOKEN, signingSecret: SECRET, apiUrl: fake.apiUrl, retries: 0 },
      router: express(),
      logger,
    });
    fake.failNext('users.list', { kind: 'error', error: 'missing_scope' });
    expect(await handle.start()).toBeNull();
    expect(await handle.startupSync()).toBeNull();
    expect(logger.lines).toEqual([
      'error Slack directory sync failed: Slack refused users.list (missing_scope): reinstall the app with the scopes of slack/manifest.yml (users:read, users:read.email).',
    ]);
  });

  it('with an app token it runs in Socket Mode and mounts nothing on the shared server', async () => {
    const shared = express();
    const handle = createSlackApp({
      core: unreachableCore,
      config: { botToken: TOKEN, appToken: 'xapp-1-test', apiUrl: fake.apiUrl, retries: 0 },
      router: shared,
      logger: quietLogger(),
    });
    expect(handle.platform.platform).toBe('slack');
    const server = shared.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, {
      method: 'POST',
      body: '{}',
    });
    expect(res.status).toBe(404);
    await new Promise((resolve) => server.close(resolve));
    await handle.stop();
  });
});
