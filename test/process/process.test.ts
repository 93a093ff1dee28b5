import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { TEAMS_LOOPBACK_LINE, TEAMS_UNAUTHENTICATED_LINE } from '../../src/config.js';
import { createHirobaCore } from '../../src/core/service.js';
import { isoWeekOf } from '../../src/core/time.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { tempDir } from '../cli/cli-harness.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { FakeSocketMode } from '../slack/fake-socket-mode.js';
import { BOT, blockActions, commandForm, envelope, messageEvent, sign, TEAM } from '../slack/payloads.js';
import { type FakeConnector, startFakeConnector } from '../teams/fake-connector.js';
import { eventually, type HirobaProcess, spawnHiroba } from './spawn-hiroba.js';

/**
 * Hiroba as README tells a user to run it: `npm run build && node dist/cli.js start`, and `npm start`
 * (tsx), as child processes against a fake Slack Web API, a fake Socket Mode server and a fake Bot
 * Connector on 127.0.0.1, each with its own port and temporary database. The build runs once.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const TOKEN = 'xoxb-0000-process-test';
const APP_TOKEN = 'xapp-1-A0HIROBA01-0000-process';
const SECRET = 'process-test-signing-secret';
const SNS = 'C0SNS00001';
const ALICE = 'U0ALICE001';
const OPS = 'U0OPS00001';
const TEAMS_CHANNEL = '19:7e2f1c9a8b4d4e6f9a0b1c2d3e4f5a6b@thread.tacv2';
const TEAMS_MEMBER = '29:1Zk8aP3qR7sT0uVwXyZ-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const TENANT = '9f3c2b1a-4d5e-4f60-8a7b-1c2d3e4f5a6b';

/** Each test's own cleanups (the tests run concurrently, so no shared afterEach). */
type Cleanups = Array<() => unknown>;
function cleaner(onTestFinished: (fn: () => Promise<void>) => void): Cleanups {
  const list: Cleanups = [];
  onTestFinished(async () => {
    for (const cleanup of list.splice(0).reverse()) await cleanup();
  });
  return list;
}

beforeAll(() => {
  // Exactly what README says, into the repository's dist/ (cleared first so no stale module hides).
  rmSync(DIST, { recursive: true, force: true });
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

async function fakeSlack(cleanups: Cleanups, options: { appToken?: boolean } = {}): Promise<FakeSlack> {
  const fake = new FakeSlack({
    token: TOKEN,
    teamId: TEAM.id,
    teamName: TEAM.name,
    botUserId: BOT.userId,
    botId: BOT.botId,
    ...(options.appToken ? { appToken: APP_TOKEN } : {}),
    users: [
      { id: OPS, name: 'Oda Kenji', email: 'oda@example.co.jp', locale: 'ja-JP', isAdmin: true },
      { id: ALICE, name: 'Aoki Sakura', email: 'aoki@example.co.jp', locale: 'ja-JP' },
      { id: BOT.userId, name: 'Hiroba', isBot: true },
    ],
  });
  await fake.start();
  cleanups.push(() => fake.close());
  return fake;
}

async function fakeConnector(cleanups: Cleanups): Promise<FakeConnector> {
  const connector = await startFakeConnector();
  cleanups.push(() => connector.close());
  return connector;
}

/** A temp database where ops already counts the SNS channels and Teams knows its member. */
async function seededDb(cleanups: Cleanups): Promise<string> {
  const temp = tempDir();
  cleanups.push(temp.cleanup);
  const path = join(temp.dir, 'hiroba.db');
  const store = openSqliteStore(path);
  const core = createHirobaCore({ repos: store.repos, clock: { now: () => new Date() } });
  const slack = await core.workspace('slack', TEAM.id, TEAM.name);
  await store.repos.workspaces.updateSettings(slack.id, { ...slack.settings, countedChannels: [SNS] });
  const teams = await core.workspace('teams', TENANT, 'Contoso');
  await store.repos.workspaces.updateSettings(teams.id, { ...teams.settings, countedChannels: [TEAMS_CHANNEL] });
  await store.repos.members.create({
    workspaceId: teams.id,
    name: '山田 花子',
    joinedAt: new Date().toISOString(),
    platformId: TEAMS_MEMBER,
  });
  await store.close();
  return path;
}

async function activityCount(db: string, platform: 'slack' | 'teams'): Promise<number> {
  const store = openSqliteStore(db);
  try {
    const ws = await store.repos.workspaces.find(platform, platform === 'slack' ? TEAM.id : TENANT);
    if (!ws) return 0;
    return (await store.repos.activities.between(ws.id, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).length;
  } finally {
    await store.close();
  }
}

type How = 'dist' | 'npm start';

async function start(cleanups: Cleanups, how: How, env: NodeJS.ProcessEnv): Promise<HirobaProcess> {
  // PORT=0: the system picks a free port and the running line says which.
  const port = 0;
  const child =
    how === 'dist'
      ? spawnHiroba(process.execPath, [join(DIST, 'cli.js'), 'start'], env, ROOT, port)
      : spawnHiroba('npm', ['start'], env, ROOT, port);
  cleanups.push(() => child.kill());
  await child.waitForLine(/Hiroba is running/u);
  return child;
}

const url = (p: HirobaProcess, path: string) => `http://127.0.0.1:${p.port}${path}`;

async function health(p: HirobaProcess): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url(p, '/healthz'));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function signedHeaders(body: string, contentType: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'Content-Type': contentType,
    'X-Slack-Request-Timestamp': String(ts),
    'X-Slack-Signature': sign(SECRET, ts, body),
  };
}

async function postSlackEvent(p: HirobaProcess, eventId: string, ts: string): Promise<Response> {
  const body = JSON.stringify(envelope(messageEvent({ user: ALICE, channel: SNS, ts }), eventId));
  return fetch(url(p, '/slack/events'), { method: 'POST', headers: signedHeaders(body, 'application/json'), body });
}

async function postHelp(p: HirobaProcess, fake: FakeSlack, id: string): Promise<Response> {
  const body = commandForm({ user: ALICE, text: 'help', channel: SNS, responseUrl: fake.responseUrl(id) });
  return fetch(url(p, '/slack/events'), {
    method: 'POST',
    headers: signedHeaders(body, 'application/x-www-form-urlencoded'),
    body,
  });
}

function teamsMessage(serviceUrl: string, id: string): Record<string, unknown> {
  const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/teams/channel-message.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return {
    ...fixture,
    id,
    serviceUrl,
    timestamp: new Date().toISOString(),
    conversation: { ...(fixture.conversation as object), id: `${TEAMS_CHANNEL};messageid=${id}` },
  };
}

async function postTeams(p: HirobaProcess, activity: unknown): Promise<Response> {
  return fetch(url(p, '/api/messages'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
}

/** A signed Slack event is counted, a signed `/hiroba help` is answered on its response URL. */
async function checkSlack(p: HirobaProcess, fake: FakeSlack, db: string): Promise<void> {
  await p.waitForLine(/directory synced/u);
  const before = await activityCount(db, 'slack');
  expect((await postSlackEvent(p, 'Ev0PROC00001', `${Math.floor(Date.now() / 1000)}.000100`)).status).toBe(200);
  await eventually(
    async () => ((await activityCount(db, 'slack')) === before + 1 ? true : undefined),
    'the Slack post counted',
  );
  expect((await postHelp(p, fake, 'help-1')).status).toBe(200);
  const answer = await eventually(() => fake.responds.find((r) => r.id === 'help-1'), 'the help answer');
  expect(answer.body.response_type).toBe('ephemeral');
  expect(String(answer.body.text).length).toBeGreaterThan(0);
}

async function checkTeams(p: HirobaProcess, connector: FakeConnector, db: string): Promise<void> {
  const before = await activityCount(db, 'teams');
  const res = await postTeams(p, teamsMessage(connector.url, '1795482942999'));
  expect(res.status).toBeLessThan(300);
  await eventually(
    async () => ((await activityCount(db, 'teams')) === before + 1 ? true : undefined),
    'the Teams post counted',
  );
}

describe.concurrent('the real process', () => {
  it.for<How>(['dist', 'npm start'])(
    '%s with Slack and Teams: /healthz, a Slack event counted, /hiroba help answered, a Teams message counted, bad bodies refused, SIGTERM exits 0',
    { timeout: 60_000 },
    async (how: How, { onTestFinished }: TestContext) => {
      const cleanups = cleaner(onTestFinished);
      const fake = await fakeSlack(cleanups);
      const connector = await fakeConnector(cleanups);
      const db = await seededDb(cleanups);
      const p = await start(cleanups, how, {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        TEAMS_ENABLED: 'true',
        HOST: '127.0.0.1',
        HIROBA_DB: db,
      });
      expect(await health(p)).toMatchObject({
        status: 200,
        body: { status: 'ok', db: 'ok', adapters: { slack: 'on', teams: 'on' }, outbox: { pending: 0 } },
      });
      await checkSlack(p, fake, db);
      await checkTeams(p, connector, db);

      if (how === 'dist') {
        // Not JSON → 400 on both endpoints; over 1 MB → 413 before it is read; the server stays up.
        const notJson = 'this is { not json';
        const slackBad = await fetch(url(p, '/slack/events'), {
          method: 'POST',
          headers: signedHeaders(notJson, 'application/json'),
          body: notJson,
        });
        expect(slackBad.status).toBe(400);
        const teamsBad = await fetch(url(p, '/api/messages'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: notJson,
        });
        expect(teamsBad.status).toBe(400);
        const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024 + 10) });
        for (const path of ['/slack/events', '/api/messages']) {
          const res = await fetch(url(p, path), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: huge,
          });
          expect(res.status).toBe(413);
        }
        expect((await health(p)).status).toBe(200);
        const refusals = p.stderr.filter((line) => /refused POST|Parsing request body failed|exceeded/u.test(line));
        expect(refusals.length).toBeGreaterThanOrEqual(4);
        expect(p.stderr.filter((line) => /^\s+at /u.test(line))).toEqual([]);
      }

      if (how === 'dist') {
        expect(await p.terminate()).toBe(0);
      } else {
        // npm re-raises the signal on itself after its child exits, so its own status is the signal:
        // signal the group as a terminal or a container stop does, and read Hiroba's clean stop.
        const drained = new Promise((resolve) => p.child.stderr?.once('close', resolve));
        process.kill(-(p.child.pid ?? 0), 'SIGTERM');
        // The pipe closes once the last process holding it (Hiroba's node, under npm and tsx) is gone.
        await drained;
        expect(p.stderr.some((line) => /^\{"level":"info",.*"msg":"stopped"\}$/u.test(line))).toBe(true);
      }
      expect(fake.violations).toEqual([]);
      expect(connector.violations).toEqual([]);
    },
  );

  it('dist with Slack only: Teams is off and its route absent', async ({ onTestFinished }) => {
    const cleanups = cleaner(onTestFinished);
    const fake = await fakeSlack(cleanups);
    const db = await seededDb(cleanups);
    const p = await start(cleanups, 'dist', {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HIROBA_DB: db,
    });
    expect((await health(p)).body.adapters).toEqual({ slack: 'on', teams: 'off' });
    await checkSlack(p, fake, db);
    expect((await postTeams(p, {})).status).toBe(404);
    expect(await p.terminate()).toBe(0);
  }, 60_000);

  it('dist with Teams only (TEAMS_ENABLED=true): a Teams message counted', async ({ onTestFinished }) => {
    const cleanups = cleaner(onTestFinished);
    const connector = await fakeConnector(cleanups);
    const db = await seededDb(cleanups);
    const p = await start(cleanups, 'dist', { TEAMS_ENABLED: 'true', HOST: '127.0.0.1', HIROBA_DB: db });
    expect((await health(p)).body.adapters).toEqual({ slack: 'off', teams: 'on' });
    await checkTeams(p, connector, db);
    expect(await p.terminate()).toBe(0);
  }, 60_000);

  it('dist with MicrosoftAppId/MicrosoftAppPassword: an unsigned request gets 401 and nothing is counted', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const connector = await fakeConnector(cleanups);
    const db = await seededDb(cleanups);
    const p = await start(cleanups, 'dist', {
      MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      HIROBA_DB: db,
    });
    expect((await health(p)).body.adapters).toEqual({ slack: 'off', teams: 'on' });
    const logged = p.stderr.length;
    const res = await postTeams(p, teamsMessage(connector.url, '1795482942777'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
    // A token that is not one: botbuilder is never asked, and nothing of it is logged.
    const forged = await fetch(url(p, '/api/messages'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
      body: JSON.stringify(teamsMessage(connector.url, '1795482942778')),
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('{"error":"unauthorized"}');
    expect(await activityCount(db, 'teams')).toBe(0);
    // One JSON line per refused request, nothing else: no stack, no token.
    const lines = p.stderr.slice(logged).filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({ level: 'warn', msg: 'Teams request refused', status: 401 });
      expect(line).not.toContain('eyJ');
    }
    expect(await p.terminate()).toBe(0);
    expect(p.stderr.filter((line) => /^\s+at /u.test(line))).toEqual([]);
  }, 60_000);

  it('dist with TEAMS_ENABLED=true but no credentials and HOST=0.0.0.0: refuses to start with one line', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const db = await seededDb(cleanups);
    const p = spawnHiroba(
      process.execPath,
      [join(DIST, 'cli.js'), 'start'],
      { TEAMS_ENABLED: 'true', HOST: '0.0.0.0', HIROBA_DB: db },
      ROOT,
      0,
    );
    cleanups.push(() => p.kill());
    expect(await p.exited).toBe(1);
    expect(p.stderr.filter((line) => line.trim() !== '')).toEqual([TEAMS_UNAUTHENTICATED_LINE]);
  }, 60_000);

  it('dist with Slack and Teams but no Teams credentials and no HOST: listens on 127.0.0.1 only, says so, and works', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const fake = await fakeSlack(cleanups);
    const connector = await fakeConnector(cleanups);
    const db = await seededDb(cleanups);
    const p = await start(cleanups, 'dist', {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      TEAMS_ENABLED: 'true',
      HIROBA_DB: db,
    });
    const warning = JSON.parse(await p.waitForLine(/listening on 127\.0\.0\.1 only/u)) as Record<string, unknown>;
    expect(warning).toMatchObject({ level: 'warn', msg: TEAMS_LOOPBACK_LINE });
    const running = JSON.parse(await p.waitForLine(/"msg":"Hiroba is running"/u)) as Record<string, unknown>;
    expect(running).toMatchObject({ port: p.port, teams: 'on', teamsAuth: 'loopback' });
    expect((await health(p)).body.adapters).toEqual({ slack: 'on', teams: 'on' });
    await checkSlack(p, fake, db);
    await checkTeams(p, connector, db);
    expect(await p.terminate()).toBe(0);
  }, 60_000);

  it('dist with TEAMS_INSECURE=true: starts, warns loudly, and /healthz says Teams is insecure', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const connector = await fakeConnector(cleanups);
    const db = await seededDb(cleanups);
    const p = await start(cleanups, 'dist', { TEAMS_ENABLED: 'true', TEAMS_INSECURE: 'true', HIROBA_DB: db });
    const warning = await p.waitForLine(/TEAMS IS INSECURE/u);
    expect(JSON.parse(warning)).toMatchObject({ level: 'warn' });
    const running = JSON.parse(await p.waitForLine(/"msg":"Hiroba is running"/u)) as Record<string, unknown>;
    expect(running).toMatchObject({ port: p.port, teams: 'insecure', teamsAuth: 'insecure' });
    expect((await health(p)).body.adapters).toEqual({ slack: 'off', teams: 'insecure' });
    // Requests are still handled (that is what insecure means); a forged connector is not kept.
    await checkTeams(p, connector, db);
    expect(await p.terminate()).toBe(0);
  }, 60_000);

  it('a bad Slack day at boot: auth.test failing is retried while /healthz says degraded and /slack/events answers 503, never 404; then events count', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const fake = await fakeSlack(cleanups);
    fake.failNext('auth.test', { kind: 'http', status: 503 });
    fake.failNext('auth.test', { kind: 'error', error: 'internal_error' });
    fake.failNext('auth.test', { kind: 'http', status: 500 });
    const db = await seededDb(cleanups);
    const port = 0;
    const p = spawnHiroba(
      process.execPath,
      [join(DIST, 'cli.js'), 'start'],
      { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, HIROBA_DB: db },
      ROOT,
      port,
    );
    cleanups.push(() => p.kill());
    await p.waitForLine(/Hiroba is running/u);
    // Three failures wait about 1 + 2 + 4 s: /healthz is asked while at least one is pending.
    expect(await health(p)).toMatchObject({
      status: 200,
      body: { status: 'ok', db: 'ok', adapters: { slack: 'degraded', teams: 'off' }, outbox: { pending: 0 } },
    });
    const early = await postSlackEvent(p, 'Ev0PROC00002', `${Math.floor(Date.now() / 1000)}.000200`);
    expect(early.status).toBe(503);
    await p.waitForLine(/Slack connected to/u);
    expect((await health(p)).body.adapters).toEqual({ slack: 'on', teams: 'off' });
    await checkSlack(p, fake, db);
    // Slack delivers the refused event again: now it counts.
    expect((await postSlackEvent(p, 'Ev0PROC00002', `${Math.floor(Date.now() / 1000)}.000200`)).status).toBe(200);
    expect(p.stderr.filter((line) => /auth\.test failed/u.test(line))).toHaveLength(3);
    expect(await p.terminate()).toBe(0);
  }, 60_000);

  it('a hung auth.test at boot: the call is given up after SLACK_API_TIMEOUT_MS and retried; /slack/events answers 503 meanwhile, never 404, then events count', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const fake = await fakeSlack(cleanups);
    // Two hung calls: the first is given up at start, the retry (after 1 s) hangs again, so the
    // process runs degraded for a few seconds before the third call answers.
    fake.failNext('auth.test', { kind: 'hang' });
    fake.failNext('auth.test', { kind: 'hang' });
    const db = await seededDb(cleanups);
    const port = 0;
    const p = spawnHiroba(
      process.execPath,
      [join(DIST, 'cli.js'), 'start'],
      {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        // Long enough that an answered call is never given up on a loaded machine (only the hung two are).
        SLACK_API_TIMEOUT_MS: '3000',
        HIROBA_DB: db,
      },
      ROOT,
      port,
    );
    cleanups.push(() => p.kill());
    await p.waitForLine(/Hiroba is running/u);
    // While the first auth.test hangs, the server answers: health says degraded, events get 503 so Slack retries.
    expect((await health(p)).body.adapters).toEqual({ slack: 'degraded', teams: 'off' });
    const early = await postSlackEvent(p, 'Ev0PROC00003', `${Math.floor(Date.now() / 1000)}.000300`);
    expect(early.status).toBe(503);
    await p.waitForLine(/Slack connected to/u);
    expect((await health(p)).body.adapters).toEqual({ slack: 'on', teams: 'off' });
    expect(p.stderr.filter((line) => /auth\.test failed/u.test(line))).toHaveLength(2);
    await checkSlack(p, fake, db);
    expect((await postSlackEvent(p, 'Ev0PROC00003', `${Math.floor(Date.now() / 1000)}.000300`)).status).toBe(200);
    expect(await p.terminate()).toBe(0);
  }, 60_000);

  it('a revoked token stops start-up with one clear line and exit code 1, no stack trace', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const fake = await fakeSlack(cleanups);
    fake.failNext('auth.test', { kind: 'error', error: 'token_revoked' });
    const db = await seededDb(cleanups);
    const p = spawnHiroba(
      process.execPath,
      [join(DIST, 'cli.js'), 'start'],
      { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, HIROBA_DB: db },
      ROOT,
      0,
    );
    cleanups.push(() => p.kill());
    expect(await p.exited).toBe(1);
    const lines = p.stderr.filter((line) => line.trim() !== '');
    expect(lines).toEqual([
      'Hiroba could not start: Slack refused SLACK_BOT_TOKEN (token_revoked): the token was revoked or is wrong. Reinstall the app (Slack app settings → Install App) and copy the Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN.',
    ]);
  }, 60_000);

  it('Socket Mode: connects where apps.connections.open points, acknowledges every envelope, counts, answers, reconnects, counts nothing twice', async ({
    onTestFinished,
  }) => {
    const cleanups = cleaner(onTestFinished);
    const fake = await fakeSlack(cleanups, { appToken: true });
    const socket = new FakeSocketMode();
    await socket.start();
    cleanups.push(() => socket.close());
    fake.socketUrl = socket.url;
    const db = await seededDb(cleanups);
    const p = await start(cleanups, 'dist', {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      HIROBA_DB: db,
    });
    await socket.waitForConnections(1);
    await p.waitForLine(/directory synced/u);
    expect((await health(p)).body.adapters).toEqual({ slack: 'on', teams: 'off' });
    const before = await activityCount(db, 'slack');

    const event = (id: string, eventId: string, ts: string) => ({
      envelope_id: id,
      type: 'events_api' as const,
      payload: envelope(messageEvent({ user: ALICE, channel: SNS, ts }), eventId),
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
    });
    const now = Math.floor(Date.now() / 1000);
    expect((await socket.send(event('env-1', 'Ev0SOCK00001', `${now}.000100`))).envelope_id).toBe('env-1');
    await eventually(
      async () => ((await activityCount(db, 'slack')) === before + 1 ? true : undefined),
      'the post counted',
    );

    const command = Object.fromEntries(
      new URLSearchParams(
        commandForm({ user: ALICE, text: 'help', channel: SNS, responseUrl: fake.responseUrl('sock-help') }),
      ),
    );
    await socket.send({
      envelope_id: 'env-2',
      type: 'slash_commands',
      payload: command,
      accepts_response_payload: true,
    });
    const answer = await eventually(() => fake.responds.find((r) => r.id === 'sock-help'), 'the help answer');
    expect(answer.body.response_type).toBe('ephemeral');

    await socket.send({
      envelope_id: 'env-3',
      type: 'interactive',
      payload: blockActions({
        user: ALICE,
        actionId: 'hiroba.optout',
        channel: 'D0DM000001',
        responseUrl: fake.responseUrl('sock-optout'),
      }),
      accepts_response_payload: false,
    });
    await eventually(async () => {
      const store = openSqliteStore(db);
      try {
        const ws = await store.repos.workspaces.find('slack', TEAM.id);
        return ws && (await store.repos.members.byPlatformId(ws.id, ALICE))?.optedOut ? true : undefined;
      } finally {
        await store.close();
      }
    }, 'the opt-out button handled');

    // The socket drops: the client reconnects; Slack re-sends the unacknowledged event; it counts once.
    socket.drop();
    await socket.waitForConnections(2);
    await socket.send({
      ...event('env-1b', 'Ev0SOCK00001', `${now}.000100`),
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    // Slack recycles the connection: the client opens a new one.
    socket.askToReconnect();
    await socket.waitForConnections(3);
    await socket.send(event('env-4', 'Ev0SOCK00004', `${now}.000400`));
    await eventually(
      async () => ((await activityCount(db, 'slack')) === before + 2 ? true : undefined),
      'the second post counted',
    );
    expect(await activityCount(db, 'slack')).toBe(before + 2);
    expect(fake.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(3);
    expect(socket.violations).toEqual([]);
    expect(fake.violations).toEqual([]);
    expect(await p.terminate()).toBe(0);
  }, 60_000);

  it.for<How>(['dist', 'npm start'])(
    '%s: the server listens, then the catch-up runs the due digest on the job thread',
    { timeout: 60_000 },
    async (how: How, { onTestFinished }: TestContext) => {
      const cleanups = cleaner(onTestFinished);
      const fake = await fakeSlack(cleanups);
      const db = await seededDb(cleanups);
      // The digest fell due today at 00:00 UTC and has not run: catch-up owes it.
      const seed = openSqliteStore(db);
      const ws = await seed.repos.workspaces.find('slack', TEAM.id);
      if (ws === null) throw new Error('seeded workspace missing');
      await seed.repos.workspaces.updateSettings(ws.id, {
        ...ws.settings,
        timezone: 'UTC',
        calendar: 'none',
        digestChannel: SNS,
        schedules: { digest: '0 0 * * *' },
      });
      seed.sqlite!.prepare('UPDATE workspaces SET created_at = ? WHERE id = ?').run('2026-01-01T00:00:00.000Z', ws.id);
      await seed.close();
      const p = await start(cleanups, how, {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        HIROBA_DB: db,
      });
      await p.waitForLine(/caught up on scheduled jobs/u);
      const running = p.stderr.findIndex((line) => /Hiroba is running/u.test(line));
      const caughtUp = p.stderr.findIndex((line) => /caught up on scheduled jobs/u.test(line));
      expect(running).toBeGreaterThanOrEqual(0);
      expect(caughtUp).toBeGreaterThan(running);
      // The thread's own log line, forwarded to the process's log.
      expect(
        p.stderr.some((line) => {
          if (!line.startsWith('{')) return false;
          const entry = JSON.parse(line) as { level?: string; msg?: string; job?: string };
          return entry.level === 'info' && entry.msg === 'job ran' && entry.job === 'digest';
        }),
      ).toBe(true);
      const check = openSqliteStore(db);
      const done = await check.repos.ledger.get(ws.id, 'digest', isoWeekOf(new Date(), 'UTC'));
      await check.close();
      expect(done?.status).toBe('done');
      // The outbox worker on the main thread was told and sent the digest to the channel.
      await eventually(
        () => (fake.callsTo('chat.postMessage').some((call) => call.params.channel === SNS) ? true : undefined),
        'the digest posted',
      );
      expect((await health(p)).status).toBe(200);
      expect(p.stderr.filter((line) => /^\s+at /u.test(line))).toEqual([]);
      if (how === 'dist') expect(await p.terminate()).toBe(0);
    },
  );

  it('every module of dist/ imports under plain Node', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : path.endsWith('.js') ? [path] : [];
      });
    // cli.js runs the CLI when imported; its imports are the modules below.
    const modules = walk(DIST).filter((path) => resolve(path) !== resolve(DIST, 'cli.js'));
    expect(modules.length).toBeGreaterThan(100);
    const script = `for (const m of ${JSON.stringify(modules.map((m) => pathToFileURL(m).href))}) { try { await import(m); } catch (e) { console.log(m + ': ' + e.message.split('\\n')[0]); process.exitCode = 1; } }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('an error nothing caught is one line and exit code 1, not a stack trace', () => {
    const script = `const { installFatalHandlers } = await import(${JSON.stringify(pathToFileURL(join(DIST, 'cli/fatal-handlers.js')).href)}); installFatalHandlers(); Promise.reject(new Error('boom'));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('Hiroba stopped on an unexpected error (unhandled rejection): Error: boom\n');
  });
});
