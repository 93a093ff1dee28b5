import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { sqliteOf } from '../workload.js';
import { type CompanySpec, companyFile, defaultCacheDir, ensureCompany } from './company-db.js';

/**
 * Issue 12 §4, "jobs never hold the door", measured: the real server (`hiroba start`, its own
 * process) on a copy of the large company, whose weekly job is due, so the catch-up on start runs
 * it; meanwhile signed Slack events are fired at a steady rate and `/healthz` is asked every
 * 100 ms. Reports the job's time and the p50/p99/max of both answers. The job thread is what keeps
 * them short: without it, every answer waits for the job.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEAM = 'T0BENCHACK';
const TOKEN = 'xoxb-bench-ack';
const SECRET = 'bench-ack-signing-secret';
/** Issue 12 §4: while a job runs, events are acknowledged and `/healthz` answers within this. */
export const ACK_LIMIT_MS = 100;
/** How long events are still fired after the job, for the idle comparison. */
const IDLE_MS = 10_000;
/** The same in a quick run: enough for a few dozen idle answers. */
const QUICK_IDLE_MS = 2000;

export type AckJob = 'digest' | 'manager-reports' | 'nudges' | 'story-prompts';

export interface AckOptions {
  spec: CompanySpec;
  job: AckJob;
  /** Signed events fired per second while the job runs. */
  eventsPerSecond: number;
  timeoutMs: number;
  cacheDir?: string;
  /** A company file to copy instead of the cached one of `spec`. */
  company?: string;
  /** Where to write the server's log (to see what it did meanwhile). */
  log?: string;
  /**
   * The quick run: the server runs from the sources (tsx) instead of a fresh `npm run build`, and
   * the idle comparison lasts 2 s instead of 10 s.
   */
  quick?: boolean;
}

export interface AckResult {
  members: number;
  job: AckJob;
  /** From the server listening to the catch-up done (the job is all it owed). */
  jobMs: number;
  /** Whether the server answered before the catch-up finished. */
  listenedFirst: boolean;
  acks: Latencies;
  health: Latencies;
  /** The same, for a while after the job, with nothing running: what the machine itself adds. */
  idleAcks: Latencies;
  idleHealth: Latencies;
  /** Answers other than 200, and requests that failed. */
  refused: number;
  detail: string;
  pass: boolean;
}

export interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

/** A Slack Web API the server can start against: its token is good, its directory cannot be read. */
async function fakeSlack(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//u, '');
    req.resume();
    req.on('end', () => {
      const answers: Record<string, unknown> = {
        'auth.test': {
          ok: true,
          url: 'https://bench.slack.com/',
          team: 'Bench Co',
          user: 'hiroba',
          team_id: TEAM,
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        },
        // The start-up directory sync fails for good, so the generated directory is left as it is.
        'users.list': { ok: false, error: 'missing_scope' },
        'conversations.open': { ok: true, channel: { id: 'D0BENCH' } },
        'chat.postMessage': { ok: true, channel: 'C0', ts: `${Date.now() / 1000}`, message: {} },
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answers[method] ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Points the copy's workspace at the fake Slack team and makes `job` due a minute ago (and nothing
 * else: the workspace was created two minutes ago, so no other fire falls since).
 */
async function prepare(path: string, job: AckJob, now: Date): Promise<{ channel: string; members: string[] }> {
  const store = openSqliteStore(path);
  try {
    const ws = (await store.repos.workspaces.list())[0];
    if (ws === undefined) throw new Error('bench: the company has no workspace');
    const channel = ws.settings.countedChannels[0] ?? 'C0BENCH01';
    await store.repos.workspaces.updateSettings(ws.id, {
      ...ws.settings,
      timezone: 'UTC',
      calendar: 'none',
      countedChannels: ws.settings.countedChannels.length > 0 ? ws.settings.countedChannels : [channel],
      digestChannel: ws.settings.digestChannel ?? channel,
      schedules: { ...ws.settings.schedules, [job]: '* * * * *' },
    });
    sqliteOf(store)
      .prepare('UPDATE workspaces SET platform = ?, external_id = ?, created_at = ? WHERE id = ?')
      .run('slack', TEAM, new Date(now.getTime() - 2 * 60_000).toISOString(), ws.id);
    // Members who have posted before: steady traffic, not a wave of first posts (each of which
    // queues a kick-off and a thank-you, which is ingest's cost, measured by its own bench).
    const members = (
      sqliteOf(store)
        .prepare(
          `SELECT platform_id AS id FROM members m WHERE workspace_id = ? AND platform_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM activities a WHERE a.member_id = m.id AND a.kind = 'post') LIMIT 2000`,
        )
        .all(ws.id) as Array<{ id: string }>
    ).map((row) => row.id);
    return { channel, members };
  } finally {
    await store.close();
  }
}

function signedEvent(n: number, channel: string, user: string): { body: string; headers: Record<string, string> } {
  const now = Date.now();
  const ts = `${Math.floor(now / 1000)}.${String(n % 1_000_000).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'legacy',
    team_id: TEAM,
    api_app_id: 'A0BENCH',
    event: { type: 'message', channel, user, text: 'bench', ts, event_ts: ts, channel_type: 'channel' },
    type: 'event_callback',
    event_id: `Ev0ACK${String(n).padStart(8, '0')}`,
    event_time: Math.floor(now / 1000),
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  });
  const stamp = String(Math.floor(now / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${stamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': stamp, 'X-Slack-Signature': signature },
  };
}

/**
 * One line of the server's log (pino JSON: `{"level","time",…fields,"msg"}`) as its message and
 * fields, or null for anything else (a stack trace, a line from a dependency).
 */
export function logEntry(line: string): { msg: string; fields: Record<string, unknown> } | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const { msg, level: _level, time: _time, ...fields } = parsed as Record<string, unknown>;
    return typeof msg === 'string' ? { msg, fields } : null;
  } catch {
    return null;
  }
}

/** Times one request; a failed one counts as refused. */
async function timed(request: () => Promise<Response>): Promise<{ ok: boolean; ms: number }> {
  const at = performance.now();
  try {
    const res = await request();
    await res.arrayBuffer();
    return { ok: res.status === 200, ms: performance.now() - at };
  } catch {
    return { ok: false, ms: performance.now() - at };
  }
}

export async function measureAckDuringJob(
  options: AckOptions,
  progress: (text: string) => void = () => undefined,
): Promise<AckResult> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  let source = options.company;
  if (source === undefined) {
    const cached = companyFile(cacheDir, options.spec);
    // Another run may be building this very file: never clear its work under it.
    if (!existsSync(cached) && existsSync(`${cached}.partial`))
      throw new Error(`bench: ${cached}.partial is being built by another run; try again when it is done`);
    source = (await ensureCompany(options.spec, cacheDir, progress)).path;
  }
  if (!options.quick) {
    progress('ack during a job: npm run build (the server runs from dist/)');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-ack-'));
  const slack = await fakeSlack();
  let child: ReturnType<typeof spawn> | null = null;
  try {
    const db = join(dir, 'hiroba.db');
    progress(`ack during ${options.job}: copying ${source}`);
    copyFileSync(source, db);
    const { channel, members } = await prepare(db, options.job, new Date());
    progress(`  starting the server (${members.length} members fire events in ${channel})`);

    const started = performance.now();
    // Built code, as it runs in production (README: npm run build && node dist/cli.js start).
    const entry = options.quick ? ['--import', 'tsx', join(ROOT, 'src/cli.ts')] : [join(ROOT, 'dist/cli.js')];
    const server = spawn(process.execPath, [...entry, 'start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: '0',
        HIROBA_DB: db,
        HIROBA_LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.url,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = server;
    const lines: string[] = [];
    let port = 0;
    let listenedAt = 0;
    let doneAt = 0;
    const listening = new Promise<void>((resolve, reject) => {
      let rest = '';
      server.stderr?.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          lines.push(line);
          const entry = logEntry(line);
          if (entry?.msg === 'Hiroba is running' && typeof entry.fields.port === 'number') {
            port = entry.fields.port;
            listenedAt = performance.now();
            resolve();
          }
          if (entry?.msg === 'caught up on scheduled jobs') doneAt = performance.now();
        }
      });
      server.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${lines.slice(-5).join('\n')}`)));
      // A server that never says it listens (a changed log line) must not hold the bench for ever.
      setTimeout(
        () =>
          reject(
            new Error(
              `the server did not say it listens in ${options.timeoutMs / 1000} s:\n${lines.slice(-5).join('\n')}`,
            ),
          ),
        options.timeoutMs,
      ).unref();
    });
    await listening;
    const caughtUpBeforeListening = doneAt !== 0;
    progress(
      `  listening after ${((listenedAt - started) / 1000).toFixed(1)} s; firing ${options.eventsPerSecond} events/s`,
    );

    const url = (path: string): string => `http://127.0.0.1:${port}${path}`;
    // Answers while the job runs, and afterwards with nothing running (the same machine's own noise).
    const acks: number[] = [];
    const health: number[] = [];
    const idleAcks: number[] = [];
    const idleHealth: number[] = [];
    let refused = 0;
    /** Answers over the limit while the job ran, by seconds since listening (where the time went). */
    const slow: number[] = [];
    const inFlight: Array<Promise<void>> = [];
    let n = 0;
    const fire = setInterval(
      () => {
        n += 1;
        const into = doneAt === 0 ? acks : idleAcks;
        const user = members[n % Math.max(1, members.length)] ?? 'U0NOBODY';
        const { body, headers } = signedEvent(n, channel, user);
        inFlight.push(
          timed(() => fetch(url('/slack/events'), { method: 'POST', headers, body })).then((r) => {
            into.push(r.ms);
            if (into === acks && r.ms >= ACK_LIMIT_MS) slow.push((performance.now() - listenedAt) / 1000);
            if (!r.ok) refused += 1;
          }),
        );
      },
      Math.max(1, Math.round(1000 / options.eventsPerSecond)),
    );
    const probe = setInterval(() => {
      const into = doneAt === 0 ? health : idleHealth;
      inFlight.push(
        timed(() => fetch(url('/healthz'))).then((r) => {
          into.push(r.ms);
          if (!r.ok) refused += 1;
        }),
      );
    }, 100);
    const deadline = listenedAt + options.timeoutMs;
    while (doneAt === 0 && performance.now() < deadline && server.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (doneAt !== 0) await new Promise((resolve) => setTimeout(resolve, options.quick ? QUICK_IDLE_MS : IDLE_MS));
    clearInterval(fire);
    clearInterval(probe);
    await Promise.all(inFlight);
    if (options.log !== undefined) writeFileSync(options.log, `${lines.join('\n')}\n`);

    const ran = lines.map(logEntry).find((e) => e?.msg === 'job ran' && e.fields.job === options.job);
    const finished = doneAt !== 0;
    const jobMs = finished ? doneAt - listenedAt : Number.NaN;
    const result: AckResult = {
      members: options.spec.members,
      job: options.job,
      jobMs,
      listenedFirst: !caughtUpBeforeListening,
      acks: latencies(acks),
      health: latencies(health),
      idleAcks: latencies(idleAcks),
      idleHealth: latencies(idleHealth),
      refused,
      detail: `${
        finished
          ? ran
            ? JSON.stringify(ran.fields)
            : 'the catch-up ran no job'
          : `the job did not finish in ${(options.timeoutMs / 1000).toFixed(0)} s`
      }; acks ≥ ${ACK_LIMIT_MS} ms during the job: ${slow.length}${
        slow.length > 0
          ? `, at +${slow
              .map((s) => s.toFixed(0))
              .slice(0, 12)
              .join(', +')} s after listening`
          : ''
      }`,
      pass: false,
    };
    result.pass =
      finished &&
      ran !== undefined &&
      result.listenedFirst &&
      refused === 0 &&
      result.acks.count > 0 &&
      result.acks.p99 < ACK_LIMIT_MS &&
      result.health.p99 < ACK_LIMIT_MS;
    progress(`  ${formatAck(result)}`);
    return result;
  } finally {
    if (child !== null && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      const force = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    }
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : 'n/a';
}

/** The bench's line: the job's time, and how the answers fared meanwhile. */
export function formatAck(result: AckResult): string {
  const { acks, health } = result;
  return (
    `ack during ${result.job} at ${result.members.toLocaleString('en-US')} members: job ${ms(result.jobMs / 1000)} s` +
    ` (catch-up ${result.listenedFirst ? 'after' : 'BEFORE'} listening); ${acks.count} signed events:` +
    ` p50 ${ms(acks.p50)} ms, p99 ${ms(acks.p99)} ms, max ${ms(acks.max)} ms; /healthz ×${health.count}:` +
    ` p50 ${ms(health.p50)} ms, p99 ${ms(health.p99)} ms, max ${ms(health.max)} ms; not 200: ${result.refused};` +
    ` idle after the job: ack p99 ${ms(result.idleAcks.p99)} ms, /healthz p99 ${ms(result.idleHealth.p99)} ms;` +
    ` target p99 < ${ACK_LIMIT_MS} ms → ${result.pass ? 'PASS' : 'WARN'} (${result.detail})`
  );
}

/**
 * `tsx bench/scale/ack-during-job.ts [--members N] [--job digest|manager-reports|nudges|story-prompts]
 * [--rate EVENTS_PER_S] [--company FILE] [--timeout SEC] [--log FILE]`: this measurement alone.
 */
async function cli(argv: readonly string[]): Promise<number> {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const job = (value('--job') ?? 'digest') as AckJob;
  if (!['digest', 'manager-reports', 'nudges', 'story-prompts'].includes(job)) {
    process.stderr.write(`ack-during-job: unknown job ${job}\n`);
    return 2;
  }
  const company = value('--company');
  const log = value('--log');
  const result = await measureAckDuringJob(
    {
      spec: {
        members: Number(value('--members') ?? 100_000),
        days: Number(value('--days') ?? 90),
        seed: Number(value('--seed') ?? 20261120),
        eventsPerMemberWeek: 7.8,
      },
      job,
      eventsPerSecond: Number(value('--rate') ?? 20),
      timeoutMs: Number(value('--timeout') ?? 900) * 1000,
      ...(company === undefined ? {} : { company }),
      ...(log === undefined ? {} : { log }),
    },
    (text) => process.stderr.write(`· ${text}\n`),
  );
  process.stdout.write(`${formatAck(result)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await cli(process.argv.slice(2));
}
