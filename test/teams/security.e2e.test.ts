import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { refKey } from '../../src/teams/reference-store.js';
import { fixture, IDS } from './fixtures.js';
import { startHarness, type TeamsHarness } from './harness.js';
import { type KeyServer, startKeyServer } from './key-server.js';

const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

let h: TeamsHarness;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

// botbuilder prints some token refusals to the console itself; here the console records instead.
const consoleLines: string[] = [];
const originalConsole = { error: console.error, warn: console.warn, log: console.log, info: console.info };
beforeEach(() => {
  consoleLines.length = 0;
  for (const method of ['error', 'warn', 'log', 'info'] as const) {
    console[method] = (...args: unknown[]) => {
      consoleLines.push(`${method}: ${args.map(String).join(' ')}`);
    };
  }
  closers.push(async () => {
    Object.assign(console, originalConsole);
  });
});

async function harness(config: Parameters<typeof startHarness>[0] = {}): Promise<TeamsHarness> {
  h = await startHarness(config);
  closers.push(() => h.close());
  return h;
}

async function keyServer(options: { failing?: boolean } = {}): Promise<KeyServer> {
  const keys = await startKeyServer(options);
  closers.push(() => keys.close());
  return keys;
}

/** POSTs an activity as given (the harness's `post` points serviceUrl at the fake connector). */
async function postRaw(activity: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const response = await fetch(`${h.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}

async function counted(): Promise<number> {
  const ws = await h.repos.workspaces.find('teams', IDS.tenant);
  return ws
    ? (await h.repos.activities.between(ws.id, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).length
    : 0;
}

/** Alice is known and the channel counted, so a channel message needs no call to the connector. */
async function knownAliceInCountedChannel(): Promise<void> {
  await h.core.upsertMember((await h.workspace()).id, { platformId: IDS.alice, name: '山田 花子' });
  await h.settings({ countedChannels: [IDS.channel] });
}

describe('Teams with credentials: every request carries a Bot Framework token', () => {
  async function withCredentials(keys: KeyServer): Promise<TeamsHarness> {
    await harness({
      config: {
        appId: APP_ID,
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
        openIdMetadataUrl: keys.metadataUrl,
      },
    });
    await knownAliceInCountedChannel();
    return h;
  }

  it('accepts a token signed with a published key for this app and serviceUrl, and counts the message', async () => {
    const keys = await keyServer();
    await withCredentials(keys);
    const token = keys.token({ aud: APP_ID, serviceurl: h.connector.url });
    const response = await h.post(fixture('channel-message'), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(await counted()).toBe(1);
    expect(await h.repos.conversationRefs.get((await h.workspace()).id, refKey.tenant)).toMatchObject({
      serviceUrl: h.connector.url,
    });
    expect(h.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });

  const refusals: Array<[string, (keys: KeyServer, serviceUrl: string) => string | null, string]> = [
    ['no Authorization header', () => null, 'no Authorization header'],
    ['a header that is not a bearer JWT', () => 'Basic dXNlcjpwYXNz', 'Authorization is not a Bearer JWT'],
    ['a JWT that is not JSON inside', () => 'Bearer bm90.anNvbg.c2ln', 'Authorization is not a Bearer JWT'],
    [
      'a token signed with another key under the published key id',
      (keys, serviceUrl) =>
        keys.token(
          { aud: APP_ID, serviceurl: serviceUrl },
          { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey },
        ),
      'invalid signature',
    ],
    [
      'an expired token',
      (keys, serviceUrl) =>
        keys.token({ aud: APP_ID, serviceurl: serviceUrl, exp: Math.floor(Date.now() / 1000) - 3600 }),
      'expired',
    ],
    [
      'a token for another app',
      (keys, serviceUrl) => keys.token({ aud: '00000000-0000-4000-8000-000000000000', serviceurl: serviceUrl }),
      'Invalid AppId',
    ],
    [
      'a token issued for another serviceUrl (a forged serviceUrl in the activity)',
      (keys) => keys.token({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/apac/' }),
      'ServiceUrl claim do not match',
    ],
    [
      'a token whose key id is not published',
      (keys, serviceUrl) => keys.token({ aud: APP_ID, serviceurl: serviceUrl }, { kid: 'unknown-key' }),
      'Signing Key could not be retrieved',
    ],
  ];

  for (const [what, token, reason] of refusals) {
    it(`answers 401 without internal text and logs exactly one line for ${what}`, async () => {
      const keys = await keyServer();
      await withCredentials(keys);
      const value = token(keys, h.connector.url);
      const headers: Record<string, string> =
        value === null ? {} : { authorization: value.startsWith('B') ? value : `Bearer ${value}` };
      const response = await h.post(fixture('channel-message'), headers);
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toEqual({ error: 'unauthorized' });
      expect(h.logs).toHaveLength(1);
      expect(h.logs[0]).toMatchObject({ level: 'warn', message: 'Teams request refused', detail: { status: 401 } });
      expect(String(h.logs[0]?.detail?.reason)).toContain(reason);
      // Nothing of the token, no stack, nothing on the console from botbuilder.
      expect(JSON.stringify(h.logs)).not.toMatch(/eyJ|\n\s+at /u);
      expect(consoleLines).toEqual([]);
      expect(await counted()).toBe(0);
      expect(h.connector.requests).toEqual([]);
    });
  }

  it('answers 503 (try again) with one line when the signing keys cannot be read', async () => {
    const keys = await keyServer({ failing: true });
    await withCredentials(keys);
    const token = keys.token({ aud: APP_ID, serviceurl: h.connector.url });
    const response = await h.post(fixture('channel-message'), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(503);
    expect(response.body).not.toMatch(/openID|Failed to load/iu);
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]).toMatchObject({ level: 'warn', message: 'Teams request refused', detail: { status: 503 } });
    expect(keys.hits).toBeGreaterThan(0);
    expect(consoleLines).toEqual([]);
    expect(await counted()).toBe(0);
  });

  it('says on /healthz terms that Teams is on (not insecure)', async () => {
    const keys = await keyServer();
    await withCredentials(keys);
    expect(h.bot.state()).toBe('on');
  });
});

describe('Teams without credentials', () => {
  it('warns loudly at every start when TEAMS_INSECURE made it insecure, and says so to /healthz', async () => {
    await harness({ config: { security: 'insecure' } });
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]?.level).toBe('warn');
    expect(h.logs[0]?.message).toMatch(/^TEAMS IS INSECURE: /u);
    expect(h.bot.state()).toBe('insecure');
    await h.close();
    closers.splice(0);
    await harness({ config: { security: 'insecure' } });
    expect(h.logs.map((l) => l.level)).toEqual(['warn']);
  });

  it('on loopback, keeps a connector on this machine or Bot Framework’s, and never a forged one', async () => {
    await harness();
    expect(h.bot.state()).toBe('on');
    await knownAliceInCountedChannel();
    expect((await h.post(fixture('channel-message'))).status).toBe(200);
    const tenant = async () =>
      (await h.repos.conversationRefs.get((await h.workspace()).id, refKey.tenant)) as { serviceUrl: string };
    expect((await tenant()).serviceUrl).toBe(h.connector.url);
    h.logs.splice(0);

    const forged = fixture('channel-message', { id: '1795482942999', serviceUrl: 'https://attacker.example.net/' });
    expect((await postRaw(forged)).status).toBe(200);
    // Still counted (the request itself was allowed), but the next DM still goes where it went before.
    expect(await counted()).toBe(2);
    expect((await tenant()).serviceUrl).toBe(h.connector.url);
    expect(h.logs).toEqual([
      {
        level: 'warn',
        message: 'Teams serviceUrl not trusted without authentication; references not stored',
        detail: { serviceUrlHost: 'attacker.example.net', type: 'message' },
      },
    ]);

    const teams = fixture('channel-message', {
      id: '1795482943000',
      serviceUrl: 'https://smba.trafficmanager.net/apac/',
    });
    expect((await postRaw(teams)).status).toBe(200);
    expect((await tenant()).serviceUrl).toBe('https://smba.trafficmanager.net/apac/');
  });

  it('when insecure, keeps only Bot Framework connectors (not even one on this machine)', async () => {
    await harness({ config: { security: 'insecure' } });
    await knownAliceInCountedChannel();
    expect((await h.post(fixture('channel-message'))).status).toBe(200);
    expect(await h.repos.conversationRefs.get((await h.workspace()).id, refKey.tenant)).toBeNull();
    const teams = fixture('channel-message', {
      id: '1795482943001',
      serviceUrl: 'https://smba.trafficmanager.net/apac/',
    });
    expect((await postRaw(teams)).status).toBe(200);
    expect(await h.repos.conversationRefs.get((await h.workspace()).id, refKey.tenant)).toMatchObject({
      serviceUrl: 'https://smba.trafficmanager.net/apac/',
    });
  });
});

describe('a card acts only for the member it was sent to', () => {
  const OPS_CHAT = `a:1${IDS.ops.replace(/[^A-Za-z0-9]/gu, '')}`;

  function submitAction(data: Record<string, unknown>): Record<string, unknown> | null {
    let found: Record<string, unknown> | null = null;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        const d = o.data as Record<string, unknown> | undefined;
        if (o.type === 'Action.Submit' && d && Object.entries(data).every(([k, v]) => d[k] === v)) found = d;
        for (const value of Object.values(o)) walk(value);
      }
    };
    walk(h.connector.sentActivities().map((s) => s.activity));
    return found;
  }

  it('binds the review card to the ops member it went to; another member’s click is refused, theirs approves', async () => {
    await harness();
    const ws = await h.workspace();
    await h.settings({ moderation: true, countedChannels: [IDS.channel], digestChannel: IDS.channel });
    const alice = await h.core.upsertMember(ws.id, { platformId: IDS.alice, name: '山田 花子' });
    const ops = await h.core.upsertMember(ws.id, { platformId: IDS.ops, name: '鈴木 一郎' });
    await h.core.upsertMember(ws.id, { platformId: IDS.bob, name: '佐藤 健' });
    await h.repos.members.update(ops.id, { role: 'ops' });
    expect(alice.id).toBeGreaterThan(0);

    expect((await h.post(fixture('card-submit-story'))).status).toBe(200);
    const [submission] = await h.repos.submissions.list(ws.id);
    expect(submission?.status).toBe('pending');
    await h.worker.drain();

    // The review card went to the ops member's new 1:1 chat, its buttons naming them.
    const approve = submitAction({ hiroba: 'hiroba.moderation.approve' });
    expect(approve).toEqual({ hiroba: 'hiroba.moderation.approve', value: String(submission?.id), to: IDS.ops });
    expect(submitAction({ hiroba: 'hiroba.moderation.reject' })?.to).toBe(IDS.ops);
    expect(h.connector.sentActivities().some((s) => s.conversationId === OPS_CHAT)).toBe(true);

    // Bob sends the same click (a forwarded card, or a request claiming the card).
    const bobChat = 'a:1BobChatForTheTest';
    const click = (from: { id: string; name: string }, conversationId: string) =>
      fixture('card-action', {
        id: `click-${from.id.slice(-4)}`,
        from,
        conversation: { conversationType: 'personal', tenantId: IDS.tenant, id: conversationId },
        value: approve,
      });
    h.logs.splice(0);
    expect((await h.post(click({ id: IDS.bob, name: '佐藤 健' }, bobChat))).status).toBe(200);
    expect((await h.repos.submissions.get(submission?.id ?? 0))?.status).toBe('pending');
    const toBob = h.connector.sentActivities().filter((s) => s.conversationId === bobChat);
    expect(toBob.map((s) => s.activity.text)).toEqual([t('ja', 'adapters.card.notYours')]);
    expect(h.logs).toEqual([
      {
        level: 'warn',
        message: 'Teams card action refused: the card was sent to another member',
        detail: { action: 'hiroba.moderation.approve', from: IDS.bob },
      },
    ]);

    // The ops member it was sent to approves.
    expect((await h.post(click({ id: IDS.ops, name: '鈴木 一郎' }, OPS_CHAT))).status).toBe(200);
    expect((await h.repos.submissions.get(submission?.id ?? 0))?.status).not.toBe('pending');
  });

  it('binds a reply’s buttons to the person who asked, and a form sent to a member to that member', async () => {
    await harness();
    await h.core.upsertMember((await h.workspace()).id, { platformId: IDS.alice, name: '山田 花子' });
    // A "share a story" click in the 1:1 chat: the form comes back as the reply, bound to Alice.
    expect((await h.post(fixture('card-action', { value: { hiroba: 'hiroba.form.story' } }))).status).toBe(200);
    expect(submitAction({ hiroba: 'hiroba.form.submit' })).toEqual({
      hiroba: 'hiroba.form.submit',
      kind: 'story',
      to: IDS.alice,
    });
  });
});
