import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createHirobaCore } from '../../src/core/service.js';
import { defaultSettings } from '../../src/core/types.js';
import { openStore, type StoreTarget } from '../../src/store/open-store.js';
import type { BenchPostgres } from '../postgres.js';
import { asContext, atLeast, type BenchLine, meets } from '../report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-ingest-server.ts', import.meta.url));
const TOKEN = 'xoxb-bench-ingest';
const SECRET = 'bench-ingest-signing-secret';
const TEAM = 'T0BENCH001';
const CHANNEL = 'C0BENCHSNS';
const BOT_USER = 'U0BENCHBOT';

export interface IngestHttpOptions {
  /** Signed `message` events sent (issue 12: 20,000). */
  events: number;
  /** Members the events come from. */
  members: number;
  /** Requests in flight at once (issue 12: 32). */
  inFlight: number;
}

export interface IngestHttpRun {
  name: string;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerEvent: number;
  stored: number;
  failed: number;
  /** Hiroba's untimed first posts (one per member) before the timed run. */
  warmUp?: { ms: number; n: number };
}

/** The Web API the server needs to start: `auth.test`, and `users.list` for its directory sync. */
function fakeSlackApi(members: string[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//u, '');
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      let body: Record<string, unknown> = { ok: false, error: 'unknown_method' };
      if (method === 'auth.test') {
        body = { ok: true, team: 'Bench', team_id: TEAM, user_id: BOT_USER, bot_id: 'B0BENCHBOT', url: 'https://b/' };
      } else if (method === 'users.list') {
        const from = Number(params.get('cursor') || '0');
        const limit = Number(params.get('limit') || '200');
        const page = members.slice(from, from + limit).map((id, i) => ({
          id,
          team_id: TEAM,
          name: `m${from + i}`,
          deleted: false,
          is_bot: false,
          profile: { real_name: `Member ${from + i}`, email: `m${from + i}@bench.example` },
        }));
        const next = from + limit < members.length ? String(from + limit) : '';
        body = { ok: true, members: page, response_metadata: { next_cursor: next } };
      } else if (method === 'conversations.info') {
        body = { ok: true, channel: { id: params.get('channel'), name: 'sns' } };
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

/**
 * Events API envelopes of `message` events in the counted channel, each signed as Slack signs; ids
 * from `first` on. Member i % members.length posts event i when `each`, else members are spread.
 */
function signedEvents(
  n: number,
  members: string[],
  first = 0,
  each = false,
): Array<{ body: string; headers: Record<string, string> }> {
  const start = Math.floor(Date.now() / 1000) - 3600;
  return Array.from({ length: n }, (_, k) => {
    const i = first + k;
    const ts = `${start + Math.floor(i / 10)}.${String(i).padStart(6, '0')}`;
    const user = members[each ? k % members.length : (i * 7919) % members.length] ?? '';
    const body = JSON.stringify({
      token: 'verification-token',
      team_id: TEAM,
      api_app_id: 'A0BENCH001',
      event: {
        type: 'message',
        channel: CHANNEL,
        channel_type: 'channel',
        user,
        text: 'おはようございます',
        ts,
        event_ts: ts,
        team: TEAM,
      },
      type: 'event_callback',
      event_id: `Ev${String(i).padStart(10, '0')}`,
      event_time: start,
      authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    });
    const now = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${now}:${body}`).digest('hex')}`;
    return {
      body,
      headers: {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': now,
        'X-Slack-Signature': signature,
      },
    };
  });
}

/** CPU time (user + system) a process has used so far, in ms (Linux `/proc/<pid>/stat`). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  nodeFlags: string[] = [],
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`did not start: ${out.slice(-500)}`)), 60_000);
    const look = (chunk: Buffer): void => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => ready.test(l));
      if (line) {
        clearTimeout(timer);
        resolve({ child, line });
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${out.slice(-500)}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Sends every event with `inFlight` requests at once over kept-alive connections; latencies in ms. */
async function offer(
  port: number,
  path: string,
  events: ReadonlyArray<{ body: string; headers: Record<string, string> }>,
  inFlight: number,
): Promise<{ latencies: number[]; failed: number; ms: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const one = (event: { body: string; headers: Record<string, string> }): Promise<void> =>
    new Promise((resolve) => {
      const at = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, headers: event.headers },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - at);
            if (res.statusCode !== 200) failed += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(event.body);
    });
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < events.length) {
        const event = events[next++];
        if (event) await one(event);
      }
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  return { latencies, failed, ms };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Polls a count until it reaches `n` or stops growing for `idleMs`; the time it got there. */
async function waitStored(
  count: () => Promise<number>,
  n: number,
  idleMs = 5000,
): Promise<{ stored: number; at: number }> {
  let last = -1;
  let since = performance.now();
  for (;;) {
    const stored = await count();
    if (stored >= n) return { stored, at: performance.now() };
    if (stored !== last) {
      last = stored;
      since = performance.now();
    } else if (performance.now() - since > idleMs) return { stored, at: since };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** BENCH_CPU_PROF=<dir> writes a CPU profile of the Hiroba server (to find where the time goes). */
function profileFlags(): string[] {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
}

/**
 * The timed part of a Hiroba run: offers the events, waits until they are all stored (counted by
 * `stored`), and reads the process's CPU over the run.
 */
async function timedOffer(
  name: string,
  child: ChildProcess,
  port: number,
  path: string,
  events: Parameters<typeof offer>[2],
  inFlight: number,
  stored: () => Promise<number>,
): Promise<IngestHttpRun> {
  const cpuBefore = cpuMs(child.pid);
  const started = performance.now();
  const sent = await offer(port, path, events, inFlight);
  const done = await waitStored(stored, events.length);
  const cpu = cpuMs(child.pid) - cpuBefore;
  const ms = Math.max(sent.ms, done.at - started);
  const sorted = [...sent.latencies].sort((a, b) => a - b);
  return {
    name,
    eventsPerSecond: (done.stored / ms) * 1000,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    cpuMsPerEvent: cpu / events.length,
    stored: done.stored,
    failed: sent.failed,
  };
}

/**
 * Where one Hiroba run keeps its data: the SQLite file `<dir>/<file>`, or a fresh database on the
 * bench's PostgreSQL server (dropped by `drop`). `env` points the real process at it; `reader` counts
 * rows while it runs.
 */
interface RunStore {
  target: StoreTarget;
  env: Record<string, string>;
  reader(): Promise<{ count(table: string): Promise<number>; close(): Promise<void> }>;
  drop(): Promise<void>;
}

async function runStore(dir: string, file: string, postgres: BenchPostgres | undefined): Promise<RunStore> {
  if (postgres === undefined) {
    const path = join(dir, file);
    return {
      target: { kind: 'sqlite', path },
      env: { HIROBA_DB: path },
      reader: () => {
        const db = new Database(path, { readonly: true });
        return Promise.resolve({
          count: (table: string) =>
            Promise.resolve((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n),
          close: () => {
            db.close();
            return Promise.resolve();
          },
        });
      },
      drop: () => Promise.resolve(),
    };
  }
  const database = await postgres.fresh();
  return {
    target: { kind: 'postgres', url: database.url },
    env: { HIROBA_DATABASE_URL: database.url },
    reader: () => postgres.counter(database.url),
    drop: () => database.drop(),
  };
}

/** One Hiroba run on a store of its own (a file in `dir`, or a fresh PostgreSQL database), dropped after. */
async function inOwnStore(
  dir: string,
  file: string,
  postgres: BenchPostgres | undefined,
  run: (where: RunStore, suffix: string) => Promise<IngestHttpRun>,
): Promise<IngestHttpRun> {
  const where = await runStore(dir, file, postgres);
  try {
    return await run(where, postgres === undefined ? '' : ' (postgres)');
  } finally {
    await where.drop();
  }
}

async function runHirobaIn(
  where: RunStore,
  options: IngestHttpOptions,
  members: string[],
  suffix: string,
): Promise<IngestHttpRun> {
  const store = await openStore(where.target);
  await store.repos.workspaces.create({
    platform: 'slack',
    externalId: TEAM,
    name: 'Bench',
    settings: defaultSettings({ countedChannels: [CHANNEL] }),
    createdAt: new Date().toISOString(),
  });
  await store.close();
  const api = await fakeSlackApi(members);
  const { child, line } = await startProcess(
    ['src/cli.ts', 'start'],
    {
      ...where.env,
      PORT: '0',
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.url,
      HIROBA_LOG_LEVEL: 'info',
    },
    /Hiroba is running/u,
    profileFlags(),
  );
  try {
    const port = Number(/"port":(\d+)/u.exec(line)?.[1]);
    const reader = await where.reader();
    try {
      // The directory sync at start creates the members the events come from.
      await waitStored(() => reader.count('members'), members.length, 30_000);
      const activities = (): Promise<number> => reader.count('activities');
      // Untimed: every member's first post (it queues their kick-off and first-post thanks), so the
      // timed run is the steady state of a company whose members have posted before.
      const warm = await offer(port, '/slack/events', signedEvents(members.length, members, 0, true), options.inFlight);
      await waitStored(activities, members.length);
      const events = signedEvents(options.events, members, members.length);
      const run = await timedOffer(
        `ingest-http slack${suffix}`,
        child,
        port,
        '/slack/events',
        events,
        options.inFlight,
        async () => (await activities()) - members.length,
      );
      return { ...run, warmUp: { ms: warm.ms, n: members.length } };
    } finally {
      await reader.close();
    }
  } finally {
    await stopProcess(child);
    await api.close();
  }
}

/** What a bare-server run takes: its database file, its flag, where events go and the events. */
interface BareRun {
  name: string;
  file: string;
  args: string[];
  path: string;
  events: Array<{ body: string; headers: Record<string, string> }>;
}

/** The floor: the bare server (`bare-ingest-server.ts`) taking the same events at the same load. */
async function runBare(dir: string, options: IngestHttpOptions, bare: BareRun): Promise<IngestHttpRun> {
  const db = join(dir, bare.file);
  const { child, line } = await startProcess([BARE, db, ...bare.args], {}, /^listening \d+/mu);
  try {
    const port = Number(/listening (\d+)/u.exec(line)?.[1]);
    const cpuBefore = cpuMs(child.pid);
    const sent = await offer(port, bare.path, bare.events, options.inFlight);
    const cpu = cpuMs(child.pid) - cpuBefore;
    const reader = new Database(db, { readonly: true });
    const stored = (reader.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    reader.close();
    const sorted = [...sent.latencies].sort((a, b) => a - b);
    return {
      name: bare.name,
      eventsPerSecond: (stored / sent.ms) * 1000,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      cpuMsPerEvent: cpu / options.events,
      stored,
      failed: sent.failed,
    };
  } finally {
    await stopProcess(child);
  }
}

/** Hiroba must reach this share of the bare server's events a second, with a p99 under `P99_LIMIT_MS`. */
export const INGEST_HTTP_SHARE = 0.5;
export const P99_LIMIT_MS = 50;

/**
 * Issue 12 §5: `events` signed Slack `message` events through Hiroba's real process (`src/cli.ts
 * start`: the shared HTTP server, the request guard, Bolt, the adapter, the core, SQLite) with
 * `inFlight` requests at once, against a bare Node server that checks the same signature, parses the
 * JSON and does one prepared INSERT per event, at the same offered load. Hiroba's time runs until
 * every event is stored (it acknowledges first); each server runs in a process of its own, whose CPU
 * time per event is read from /proc.
 */
export function measureIngestHttp(
  options: IngestHttpOptions,
  progress: (text: string) => void = () => undefined,
  postgres?: BenchPostgres,
): Promise<{ runs: IngestHttpRun[]; lines: BenchLine[] }> {
  const members = Array.from({ length: options.members }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);
  return measurePair(
    options,
    progress,
    {
      name: 'ingest-http slack',
      started: `${options.events} signed events`,
      bare: {
        name: 'bare server',
        file: 'bare.db',
        args: [SECRET],
        path: '/slack/events',
        events: signedEvents(options.events, members),
      },
      hiroba: (dir, pg) =>
        inOwnStore(dir, 'hiroba.db', pg, (where, suffix) => runHirobaIn(where, options, members, suffix)),
      warmUp: (w) =>
        `before the timed run, each of the ${w} members' first post (kick-off and thanks queued) went in at`,
    },
    postgres,
  );
}

/**
 * One ingest line: the bare server, then Hiroba, with the same events at the same load. Given the
 * bench's PostgreSQL server, Hiroba runs again with its store there, against the same bare run (the
 * floor is the bare server on SQLite either way); that line keeps the target only if it meets it,
 * else it is a measured-only context line.
 */
async function measurePair(
  options: IngestHttpOptions,
  progress: (text: string) => void,
  pair: {
    name: string;
    started: string;
    bare: BareRun;
    hiroba: (dir: string, postgres?: BenchPostgres) => Promise<IngestHttpRun>;
    /** The words before the warm-up's rate, given the member count. */
    warmUp: (members: string) => string;
    note?: string;
  },
  postgres?: BenchPostgres,
): Promise<{ runs: IngestHttpRun[]; lines: BenchLine[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-ingest-http-'));
  try {
    progress(`${pair.name}: ${pair.started}, ${options.inFlight} in flight, bare server`);
    const bare = await runBare(dir, options, pair.bare);
    progress(`${pair.name}: the same through Hiroba`);
    const hiroba = await pair.hiroba(dir);
    const lines: BenchLine[] = [pairLine(pair.name, options, bare, hiroba, pair.note ?? '', pair.warmUp)];
    const runs = [bare, hiroba];
    if (postgres !== undefined) {
      progress(`${pair.name}: the same through Hiroba on PostgreSQL`);
      const onPostgres = await pair.hiroba(dir, postgres);
      const line = pairLine(
        `${pair.name} (postgres)`,
        options,
        bare,
        onPostgres,
        `store on PostgreSQL, against the bare server on SQLite above; ${pair.note ?? ''}`,
        pair.warmUp,
      );
      // As context, the share is shown even when the p99 or a lost event voids it as a target.
      lines.push(meets(line) ? line : { ...asContext(line), ratio: onPostgres.eventsPerSecond / bare.eventsPerSecond });
      runs.push(onPostgres);
    }
    return { runs, lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pairLine(
  name: string,
  options: IngestHttpOptions,
  bare: IngestHttpRun,
  hiroba: IngestHttpRun,
  note: string,
  warmUp: (members: string) => string,
): BenchLine {
  const share = hiroba.eventsPerSecond / bare.eventsPerSecond;
  const fine = hiroba.stored === options.events && hiroba.failed === 0 && hiroba.p99Ms < P99_LIMIT_MS;
  const warm = hiroba.warmUp ?? { ms: Number.NaN, n: 0 };
  return {
    name,
    value: hiroba.eventsPerSecond,
    unit: 'events/s',
    ratio: fine ? share : Number.NaN,
    ratioMeaning: `Hiroba ÷ the bare server's events/s (p99 must be < ${P99_LIMIT_MS} ms, all stored once)`,
    target: atLeast(INGEST_HTTP_SHARE),
    detail:
      `Hiroba p50 ${hiroba.p50Ms.toFixed(1)} ms, p99 ${hiroba.p99Ms.toFixed(1)} ms, ${hiroba.cpuMsPerEvent.toFixed(2)} ms CPU/event, ` +
      `${hiroba.stored.toLocaleString('en-US')} of ${options.events.toLocaleString('en-US')} stored, ${hiroba.failed} refused; ` +
      `bare ${Math.round(bare.eventsPerSecond).toLocaleString('en-US')}/s, p99 ${bare.p99Ms.toFixed(1)} ms, ` +
      `${bare.cpuMsPerEvent.toFixed(2)} ms CPU/event; ${options.inFlight} in flight; ${note}` +
      `${warmUp(warm.n.toLocaleString('en-US'))} ${Math.round((warm.n / warm.ms) * 1000).toLocaleString('en-US')}/s`,
  };
}

const TENANT = '9f3c2b1a-4d5e-4f60-8a7b-1c2d3e4f5a6b';
const TEAMS_TEAM = '19:benchteam@thread.tacv2';
const TEAMS_CHANNEL = '19:benchsns@thread.tacv2';

/** A Bot Framework connector on 127.0.0.1 that accepts every send (the kick-off and thanks DMs). */
function fakeConnector(): Promise<{ url: string; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: `a${n}` }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

/** Teams channel posts as the Bot Framework delivers them (no token: Hiroba runs in loopback mode). */
function teamsActivities(
  n: number,
  members: string[],
  serviceUrl: string,
  first = 0,
  each = false,
): Array<{ body: string; headers: Record<string, string> }> {
  const start = Date.now() - 3_600_000;
  return Array.from({ length: n }, (_, k) => {
    const i = first + k;
    const id = String(1_795_000_000_000 + i);
    const user = members[each ? k % members.length : (i * 7919) % members.length] ?? '';
    const body = JSON.stringify({
      type: 'message',
      id,
      timestamp: new Date(start + i * 100).toISOString(),
      channelId: 'msteams',
      serviceUrl,
      from: { id: user, name: `Member ${user}`, aadObjectId: `aad-${user}` },
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: TENANT,
        id: `${TEAMS_CHANNEL};messageid=${id}`,
      },
      recipient: { id: '28:bench-bot', name: 'Hiroba' },
      text: 'おはようございます',
      textFormat: 'plain',
      locale: 'ja-JP',
      channelData: {
        teamsChannelId: TEAMS_CHANNEL,
        teamsTeamId: TEAMS_TEAM,
        channel: { id: TEAMS_CHANNEL },
        team: { id: TEAMS_TEAM },
        tenant: { id: TENANT },
      },
    });
    return { body, headers: { 'Content-Type': 'application/json' } };
  });
}

async function runHirobaTeamsIn(
  where: RunStore,
  options: IngestHttpOptions,
  members: string[],
  suffix: string,
): Promise<IngestHttpRun> {
  const store = await openStore(where.target);
  const core = createHirobaCore({
    repos: store.repos,
    clock: { now: () => new Date() },
    admins: [],
    validateCron: () => ({ ok: true }),
  });
  const ws = await core.workspace('teams', TENANT, 'Bench');
  await store.repos.workspaces.updateSettings(ws.id, { ...ws.settings, countedChannels: [TEAMS_CHANNEL] });
  // The roster is known (a directory sync ran), as in a company that has used Hiroba for a while.
  await core.syncDirectory(
    ws.id,
    members.map((platformId, i) => ({ platformId, name: `Member ${i}`, email: `t${i}@bench.example` })),
  );
  await store.close();
  const connector = await fakeConnector();
  const { child, line } = await startProcess(
    ['src/cli.ts', 'start'],
    { ...where.env, PORT: '0', HOST: '127.0.0.1', TEAMS_ENABLED: 'true', HIROBA_LOG_LEVEL: 'info' },
    /Hiroba is running/u,
    profileFlags(),
  );
  try {
    const port = Number(/"port":(\d+)/u.exec(line)?.[1]);
    const reader = await where.reader();
    try {
      const activities = (): Promise<number> => reader.count('activities');
      const warm = teamsActivities(members.length, members, connector.url, 0, true);
      const warmed = await offer(port, '/api/messages', warm, options.inFlight);
      await waitStored(activities, members.length);
      const events = teamsActivities(options.events, members, connector.url, members.length);
      const run = await timedOffer(
        `ingest-http teams${suffix}`,
        child,
        port,
        '/api/messages',
        events,
        options.inFlight,
        async () => (await activities()) - members.length,
      );
      return { ...run, warmUp: { ms: warmed.ms, n: members.length } };
    } finally {
      await reader.close();
    }
  } finally {
    await stopProcess(child);
    await connector.close();
  }
}

/**
 * Issue 12 §5 for Teams: `events` Teams channel posts through Hiroba's real process (the shared HTTP
 * server, botbuilder's CloudAdapter in loopback mode without credentials, the turn handler, the core,
 * SQLite) against the bare server taking the same activities (JSON, one INSERT each), at the same load.
 */
export function measureIngestHttpTeams(
  options: IngestHttpOptions,
  progress: (text: string) => void = () => undefined,
  postgres?: BenchPostgres,
): Promise<{ runs: IngestHttpRun[]; lines: BenchLine[] }> {
  const members = Array.from({ length: options.members }, (_, i) => `29:bench-${String(i + 1).padStart(6, '0')}`);
  return measurePair(
    options,
    progress,
    {
      name: 'ingest-http teams',
      started: `${options.events} activities`,
      bare: {
        name: 'bare server teams',
        file: 'bare-teams.db',
        args: ['--teams'],
        path: '/api/messages',
        events: teamsActivities(options.events, members, 'http://127.0.0.1:9/'),
      },
      hiroba: (dir, pg) =>
        inOwnStore(dir, 'hiroba-teams.db', pg, (where, suffix) => runHirobaTeamsIn(where, options, members, suffix)),
      note: 'loopback mode (no token to check); ',
      warmUp: (w) => `the ${w} members' first posts went in first at`,
    },
    postgres,
  );
}
