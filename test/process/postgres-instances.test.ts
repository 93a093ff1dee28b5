import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { createHirobaCore } from '../../src/core/service.js';
import { openStore } from '../../src/store/open-store.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { BOT, envelope, messageEvent, sign, TEAM } from '../slack/payloads.js';
import { freshDatabase, postgresUrlForTests } from '../support/postgres.js';
import { eventually, type HirobaProcess, spawnHiroba } from './spawn-hiroba.js';

/**
 * Two real Hiroba processes (`npm start`) on one PostgreSQL database, as behind a load balancer: Slack
 * events go to both in turn (and each again to the other one, as a retry may), a 500-recipient fan-out
 * is delivered by both, and the scheduler's leader is killed with SIGKILL half-way. Every event is
 * counted once, every recipient gets exactly one message, and the survivor takes the scheduler over.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'xoxb-0000-instances-test';
const SECRET = 'instances-test-signing-secret';
const SNS = 'C0SNS00001';
const ALICE = 'U0ALICE001';
const RECIPIENTS = Array.from({ length: 500 }, (_, i) => `U0R${String(i + 1).padStart(7, '0')}`);
const EVENTS = 60;

const url = (p: HirobaProcess, path: string) => `http://127.0.0.1:${p.port}${path}`;

async function leads(p: HirobaProcess): Promise<boolean> {
  const res = await fetch(url(p, '/healthz'));
  const body = (await res.json()) as { scheduler?: { leader?: boolean } };
  return body.scheduler?.leader === true;
}

async function postEvent(p: HirobaProcess, eventId: string, ts: string): Promise<number> {
  const body = JSON.stringify(envelope(messageEvent({ user: ALICE, channel: SNS, ts }), eventId));
  const now = Math.floor(Date.now() / 1000);
  const res = await fetch(url(p, '/slack/events'), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Slack-Request-Timestamp': String(now),
      'X-Slack-Signature': sign(SECRET, now, body),
    },
    body,
  });
  return res.status;
}

async function count(databaseUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(sql);
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

describe.skipIf(postgresUrlForTests() === null)('two Hiroba processes on one PostgreSQL', () => {
  it('counts each event once, delivers a 500-recipient fan-out exactly once through a SIGKILL, and moves the scheduler to the survivor', async ({
    onTestFinished,
  }) => {
    const cleanups: Array<() => unknown> = [];
    onTestFinished(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    const database = await freshDatabase('hiroba_instances');
    cleanups.push(() => database.drop());

    const fake = new FakeSlack({
      token: TOKEN,
      teamId: TEAM.id,
      teamName: TEAM.name,
      botUserId: BOT.userId,
      botId: BOT.botId,
      wallClock: true,
      users: [
        { id: ALICE, name: 'Aoki Sakura', email: 'aoki@example.co.jp', locale: 'ja-JP' },
        ...RECIPIENTS.map((id, i) => ({ id, name: `社員 ${i + 1}`, email: `member${i + 1}@example.co.jp` })),
        { id: BOT.userId, name: 'Hiroba', isBot: true },
      ],
    });
    await fake.start();
    cleanups.push(() => fake.close());

    // The workspace, its SNS channel and its members, as a directory sync leaves them.
    const seed = await openStore({ kind: 'postgres', url: database.url });
    const core = createHirobaCore({ repos: seed.repos, clock: { now: () => new Date() } });
    const ws = await core.workspace('slack', TEAM.id, TEAM.name);
    // DMs at any hour: the fan-out is sent now whatever the time in Tokyo.
    await seed.repos.workspaces.updateSettings(ws.id, {
      ...ws.settings,
      countedChannels: [SNS],
      quietHours: { start: '00:00', end: '00:00', weekends: false },
    });
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    for (const [i, id] of [ALICE, ...RECIPIENTS].entries())
      await seed.repos.members.create({
        workspaceId: ws.id,
        name: i === 0 ? 'Aoki Sakura' : `社員 ${i}`,
        joinedAt,
        platformId: id,
      });
    await seed.close();

    const start = async (name: string): Promise<HirobaProcess> => {
      const dir = mkdtempSync(join(tmpdir(), `hiroba-${name}-`));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const child = spawnHiroba(
        'npm',
        ['start'],
        {
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: fake.apiUrl,
          HIROBA_DATABASE_URL: database.url,
          // Held events stay per instance, next to this file path.
          HIROBA_DB: join(dir, 'hiroba.db'),
          HIROBA_OUTBOX_LEASE_SECONDS: '10',
          // Slow enough that the kill lands mid-way: about 40 DMs a second per instance.
          HIROBA_RATE_LIMITS: 'slack.perWorkspace=40/1s',
          HOST: '127.0.0.1',
        },
        ROOT,
        0,
      );
      cleanups.push(() => child.kill());
      await child.waitForLine(/Hiroba is running/u, 60_000);
      return child;
    };
    const [a, b] = await Promise.all([start('a'), start('b')]);
    expect(a.stderr.join('\n')).toContain('postgres://');

    // One leader between them.
    const leader = await eventually(async () => {
      const [la, lb] = await Promise.all([leads(a), leads(b)]);
      if (la && lb) throw new Error('both processes lead the scheduler');
      return la ? a : lb ? b : undefined;
    }, 'a scheduler leader');
    const survivor = leader === a ? b : a;

    // Events to both in turn, each also delivered again to the other one: counted once.
    for (let i = 0; i < EVENTS; i++) {
      const ts = `1764000${String(100 + i)}.000100`;
      const first = i % 2 === 0 ? a : b;
      const second = first === a ? b : a;
      expect(await postEvent(first, `Ev0INST${i}`, ts)).toBe(200);
      expect(await postEvent(second, `Ev0INST${i}`, ts)).toBe(200);
    }
    await eventually(
      async () => ((await count(database.url, 'SELECT count(*) AS n FROM activities')) >= EVENTS ? true : undefined),
      'the events recorded',
    );
    expect(await count(database.url, 'SELECT count(*) AS n FROM activities')).toBe(EVENTS);
    expect(await count(database.url, 'SELECT COALESCE(SUM(activities), 0) AS n FROM daily_rollups')).toBe(EVENTS);

    // The fan-out: one scheduled run's 500 DMs, queued the way a job's commit queues them.
    const queue = await openStore({ kind: 'postgres', url: database.url });
    cleanups.push(() => queue.close());
    const message: Message = {
      kind: 'story-prompt',
      blocks: [{ type: 'text', text: '今週の成功事例をお聞かせください。' }],
      fallback: '今週の成功事例をお聞かせください。',
    };
    const now = new Date().toISOString();
    const committed = await queue.repos.outbox.commitRun(
      { workspaceId: ws.id, job: 'story-prompts', period: '2026-W49', status: 'done', at: now, detail: null },
      RECIPIENTS.map((id) => ({
        workspaceId: ws.id,
        job: 'story-prompts',
        period: '2026-W49',
        recipient: { kind: 'member' as const, id },
        message,
        notBefore: now,
        createdAt: now,
      })),
    );
    expect(committed).toBe(true);

    // Half-way, the leader dies without a word.
    await eventually(
      () => (fake.callsTo('chat.postMessage').length >= 150 ? true : undefined),
      'half the fan-out',
      60_000,
    );
    leader.kill();
    const killedAt = Date.now();
    await leader.exited;
    const sentAtKill = fake.callsTo('chat.postMessage').length;
    expect(sentAtKill).toBeLessThan(400);

    await eventually(async () => ((await leads(survivor)) ? true : undefined), 'the survivor leading', 60_000);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(60_000);

    await eventually(
      async () =>
        (await count(database.url, "SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")) === 0 ? true : undefined,
      'every message sent',
      90_000,
    );
    const perRecipient = new Map<string, number>();
    for (const call of fake.callsTo('chat.postMessage')) {
      const channel = String(call.params.channel ?? '');
      perRecipient.set(channel, (perRecipient.get(channel) ?? 0) + 1);
    }
    // A DM is posted to the member's id or to the DM channel `conversations.open` gave for them.
    const received = (id: string) => (perRecipient.get(id) ?? 0) + (perRecipient.get(fake.dmOf(id) ?? '-') ?? 0);
    const twice = RECIPIENTS.filter((id) => received(id) > 1);
    const never = RECIPIENTS.filter((id) => received(id) === 0);
    expect({ twice, never }).toEqual({ twice: [], never: [] });
    expect(
      await count(database.url, "SELECT count(*) AS n FROM outbox WHERE job = 'story-prompts' AND status = 'sent'"),
    ).toBe(500);
    // The survivor still answers, and the dead one's claims were taken over.
    expect((await fetch(url(survivor, '/healthz'))).status).toBe(200);
  }, 240_000);
});
