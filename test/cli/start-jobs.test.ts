import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/ports.js';
import { createHirobaCore } from '../../src/core/service.js';
import { createLogger } from '../../src/logger.js';
import { type Running, startHiroba } from '../../src/main.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { BOT, envelope, messageEvent, sign, TEAM } from '../slack/payloads.js';
import { tempDir } from './cli-harness.js';

/**
 * Issue 12 §4, "jobs never hold the door", in one process: the server listens before the catch-up
 * on start, and while a job computes on the job thread `/healthz` answers within 100 ms and signed
 * Slack events are acknowledged. The thread runs the test's `digest` (`thread-test-jobs.ts`), which
 * computes for the milliseconds its digest channel names, as a weekly job at a large company does.
 */

const TOKEN = 'xoxb-0000-start-jobs';
const SECRET = 'start-jobs-signing-secret';
const SNS = 'C0SNS00001';
const ALICE = 'U0ALICE001';
const BUSY_MS = 4000;
const TEST_JOBS = new URL('../scheduler/thread-test-jobs.ts', import.meta.url);

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)] ?? Number.NaN;
}

describe('hiroba start: jobs never hold the door', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('listens before the catch-up; while its digest computes, /healthz answers in < 100 ms and events get 200', async () => {
    const fake = new FakeSlack({
      token: TOKEN,
      teamId: TEAM.id,
      teamName: TEAM.name,
      botUserId: BOT.userId,
      botId: BOT.botId,
      users: [{ id: ALICE, name: 'Aoki Sakura', email: 'aoki@example.co.jp', locale: 'ja-JP' }],
    });
    await fake.start();
    cleanups.push(() => fake.close());
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const db = join(temp.dir, 'hiroba.db');

    // A workspace whose digest fell due today (00:00 UTC) and has not run: catch-up owes it.
    const seed = openSqliteStore(db);
    const ws = await createHirobaCore({ repos: seed.repos, clock: systemClock }).workspace('slack', TEAM.id, TEAM.name);
    await seed.repos.workspaces.updateSettings(ws.id, {
      ...ws.settings,
      timezone: 'UTC',
      calendar: 'none',
      countedChannels: [SNS],
      digestChannel: `busy:${BUSY_MS}`,
      schedules: { digest: '0 0 * * *' },
    });
    seed.sqlite!.prepare('UPDATE workspaces SET created_at = ? WHERE id = ?').run('2026-01-01T00:00:00.000Z', ws.id);
    await seed.close();

    const loaded = loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HIROBA_DB: db,
      PORT: '0',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const lines: string[] = [];
    const running: Running = await startHiroba(loaded.config, {
      logger: createLogger('info', (line) => lines.push(line)),
      clock: systemClock,
      host: '127.0.0.1',
      jobThread: { jobsModule: TEST_JOBS },
    });
    cleanups.push(() => running.stop());
    let caughtUpAt: number | null = null;
    void running.caughtUp.then(() => {
      caughtUpAt = performance.now();
    });
    const listeningAt = performance.now();
    expect(caughtUpAt).toBeNull();
    expect(lines.some((line) => line.includes('Hiroba is running'))).toBe(true);
    await running.ready;

    const url = (path: string) => `http://127.0.0.1:${running.port}${path}`;
    const timed = async (request: () => Promise<Response>): Promise<{ status: number; ms: number }> => {
      const at = performance.now();
      const res = await request();
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - at };
    };
    const health: Array<{ status: number; ms: number }> = [];
    const acks: Array<{ status: number; ms: number }> = [];
    let n = 0;
    while (caughtUpAt === null) {
      health.push(await timed(() => fetch(url('/healthz'))));
      n += 1;
      const ts = `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`;
      const body = JSON.stringify(
        envelope(messageEvent({ user: ALICE, channel: SNS, ts }), `Ev0JOBS${String(n).padStart(5, '0')}`),
      );
      const stamp = Math.floor(Date.now() / 1000);
      acks.push(
        await timed(() =>
          fetch(url('/slack/events'), {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-Slack-Request-Timestamp': String(stamp),
              'X-Slack-Signature': sign(SECRET, stamp, body),
            },
            body,
          }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The catch-up ran the digest on the thread, after the server was listening, for BUSY_MS.
    expect((caughtUpAt ?? 0) - listeningAt).toBeGreaterThanOrEqual(BUSY_MS - 1000);
    const check = openSqliteStore(db);
    const digest = check
      .sqlite!.prepare(
        "SELECT status, detail FROM job_ledger WHERE workspace_id = ? AND job = 'digest' AND status = 'done'",
      )
      .all(ws.id);
    await check.close();
    expect(digest).toEqual([{ status: 'done', detail: `busy ${BUSY_MS} ms (spun)` }]);
    expect(lines.some((line) => line.includes('caught up on scheduled jobs'))).toBe(true);

    // Dozens of requests went in while the job computed, answered at once: nine in ten within 100 ms
    // (a machine shared with other work pauses any process now and then; client, fake Slack and
    // server share this thread), and none waited anywhere near the job's own time, as every one
    // would if the job ran on the server's thread.
    expect(health.length).toBeGreaterThan(10);
    expect(health.every((h) => h.status === 200)).toBe(true);
    expect(acks.every((a) => a.status === 200)).toBe(true);
    expect(p90(health.map((h) => h.ms))).toBeLessThan(100);
    expect(p90(acks.map((a) => a.ms))).toBeLessThan(100);
    expect(Math.max(...health.map((h) => h.ms), ...acks.map((a) => a.ms))).toBeLessThan(BUSY_MS / 2);
  }, 60_000);
});
