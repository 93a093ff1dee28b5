import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';
import { type Running, startHiroba } from '../../src/main.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { tempDir } from './cli-harness.js';

const clock: Clock = { now: () => new Date('2026-03-13T07:00:00.000Z') };
const SECRET = 'test-signing-secret';

/** A fake Slack Web API on 127.0.0.1: the calls Hiroba makes on start, answered as Slack would. */
async function fakeSlack(): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//u, '');
    calls.push(method);
    req.resume();
    req.on('end', () => {
      const answers: Record<string, unknown> = {
        'auth.test': {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example Co',
          user: 'hiroba',
          team_id: 'T0123',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        },
        'users.list': {
          ok: true,
          members: [
            {
              id: 'U001',
              team_id: 'T0123',
              name: 'hanako',
              real_name: '山田 花子',
              deleted: false,
              is_bot: false,
              profile: { real_name: '山田 花子', email: 'hanako@example.co.jp' },
            },
            {
              id: 'U002',
              team_id: 'T0123',
              name: 'taro',
              real_name: '鈴木 太郎',
              deleted: false,
              is_bot: false,
              profile: { real_name: '鈴木 太郎', email: 'taro@example.co.jp' },
            },
          ],
          cache_ts: 0,
          response_metadata: { next_cursor: '' },
        },
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answers[method] ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function signed(body: string, secret = SECRET, ts = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': ts,
    'x-slack-signature': signature,
  };
}

describe('hiroba start with Slack', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * Hiroba started as `hiroba start` does, with Slack against the fake Web API and a temp database;
   * `log` takes the warnings and errors (none kept without it).
   */
  async function startWithSlack(
    log?: (line: string) => void,
  ): Promise<{ slack: Awaited<ReturnType<typeof fakeSlack>>; db: string; running: Running }> {
    const slack = await fakeSlack();
    cleanups.push(() => slack.close());
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const db = join(temp.dir, 'hiroba.db');
    const loaded = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      HIROBA_DB: db,
      PORT: '0',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const running: Running = await startHiroba(loaded.config, {
      logger: log === undefined ? createLogger('error', () => undefined) : createLogger('warn', log),
      clock,
      host: '127.0.0.1',
    });
    cleanups.push(() => running.stop());
    await running.ready;
    return { slack, db, running };
  }

  it('mounts the Bolt receiver on the shared server, syncs the directory on start, and checks signatures on the raw body', async () => {
    const { slack, db, running } = await startWithSlack();

    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(await health.json()).toEqual({
      status: 'ok',
      db: 'ok',
      adapters: { slack: 'on', teams: 'off' },
      outbox: { pending: 0, oldestPendingAgeSeconds: null, possibleDuplicates: 0, unrecorded: 0 },
      events: { held: 0 },
      scheduler: { leader: true },
      jobs: {},
    });
    expect(slack.calls).toContain('auth.test');
    expect(slack.calls).toContain('users.list');

    const store = openSqliteStore(db);
    const workspace = await store.repos.workspaces.find('slack', 'T0123');
    const names =
      workspace === null ? [] : (await store.repos.members.list(workspace.id)).map((member) => member.name).sort();
    await store.close();
    expect(workspace?.name).toBe('Example Co');
    expect(names).toEqual(['山田 花子', '鈴木 太郎'].sort());

    const body = new URLSearchParams({
      team_id: 'T0123',
      channel_id: 'C0HIROBA',
      user_id: 'U001',
      command: '/hiroba',
      text: 'help',
      response_url: `${slack.url.replace(/api\/$/u, '')}respond`,
      trigger_id: '1.2.3',
      api_app_id: 'A0HIROBA',
    }).toString();
    const good = await fetch(`http://127.0.0.1:${running.port}/slack/events`, {
      method: 'POST',
      headers: signed(body),
      body,
    });
    expect(good.status).toBe(200);
    const forged = await fetch(`http://127.0.0.1:${running.port}/slack/events`, {
      method: 'POST',
      headers: signed(body, 'wrong-secret'),
      body,
    });
    expect(forged.status).toBe(401);
    // Teams is off: its route is not there.
    const teams = await fetch(`http://127.0.0.1:${running.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(teams.status).toBe(404);
  });

  it('takes message events before express: stored before the 200, a replay answered and not acted on, the rest left to Bolt', async () => {
    const lines: string[] = [];
    const { db, running } = await startWithSlack((line) => lines.push(line));
    const setup = openSqliteStore(db);
    const ws = await setup.repos.workspaces.find('slack', 'T0123');
    if (ws === null) throw new Error('no workspace after the directory sync');
    await setup.repos.workspaces.updateSettings(ws.id, { ...ws.settings, countedChannels: ['C0SNS'] });
    await setup.close();
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${running.port}/slack/events`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
    const stored = async (): Promise<number> => {
      const store = openSqliteStore(db);
      const n = (await store.repos.activities.between(ws.id, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).length;
      await store.close();
      return n;
    };
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0123',
      api_app_id: 'A0HIROBA',
      event_id: 'Ev0FRONT01',
      event_time: 1773385200,
      event: {
        type: 'message',
        channel: 'C0SNS',
        channel_type: 'channel',
        user: 'U001',
        text: 'おはようございます',
        ts: '1773385200.000100',
      },
      authorizations: [{ team_id: 'T0123', user_id: 'U0BOT', is_bot: true }],
    });
    const captured = signed(event);
    expect((await post(event, captured)).status).toBe(200);
    expect(await stored()).toBe(1);
    // Replayed byte for byte: answered, refused by the replay guard at the front door (its one line).
    expect((await post(event, captured)).status).toBe(200);
    expect(await stored()).toBe(1);
    expect(lines.filter((line) => line.includes('seen before (replay)'))).toHaveLength(1);
    // Not a message or a reaction: handed on to express and Bolt, which answer the challenge.
    const challenge = JSON.stringify({ type: 'url_verification', token: 't', challenge: 'c-123' });
    const verified = await post(challenge, signed(challenge));
    expect(verified.status).toBe(200);
    expect(await verified.text()).toContain('c-123');
    // A forged signature is left to Bolt too (401), nothing stored.
    const forged = event.replace('Ev0FRONT01', 'Ev0FRONT02').replace('000100', '000200');
    expect((await post(forged, signed(forged, 'not-the-secret'))).status).toBe(401);
    expect(await stored()).toBe(1);
  });

  it('a signed request replayed inside the five minutes is not acted on again; one dated 6 minutes ahead is refused', async () => {
    const { slack, db, running } = await startWithSlack();
    const command = (text: string) =>
      new URLSearchParams({
        team_id: 'T0123',
        channel_id: 'C0HIROBA',
        user_id: 'U001',
        command: '/hiroba',
        text,
        response_url: `${slack.url.replace(/api\/$/u, '')}respond`,
        trigger_id: '1.2.3',
        api_app_id: 'A0HIROBA',
      }).toString();
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${running.port}/slack/events`, { method: 'POST', headers, body });
    const optedOut = async () => {
      const store = openSqliteStore(db);
      const ws = await store.repos.workspaces.find('slack', 'T0123');
      const member = ws === null ? null : await store.repos.members.byPlatformId(ws.id, 'U001');
      await store.close();
      return member?.optedOut;
    };

    const optout = command('optout');
    const captured = signed(optout);
    expect((await post(optout, captured)).status).toBe(200);
    expect(await optedOut()).toBe(true);
    const optin = command('optin');
    expect((await post(optin, signed(optin))).status).toBe(200);
    expect(await optedOut()).toBe(false);
    // The captured optout, replayed byte for byte: answered, not acted on.
    expect((await post(optout, captured)).status).toBe(200);
    expect(await optedOut()).toBe(false);

    const ahead = String(Math.floor(Date.now() / 1000) + 6 * 60);
    const future = await post(optout, signed(optout, SECRET, ahead));
    expect(future.status).toBe(401);
    expect(await optedOut()).toBe(false);
  });
});
