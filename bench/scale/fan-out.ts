import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewOutboxRow } from '../../src/core/ports.js';
import { defaultSettings } from '../../src/core/types.js';
import { openStore, type StoreTarget } from '../../src/store/open-store.js';
import type { BenchPostgres } from '../postgres.js';
import { asContext, atMost, type BenchLine, meets } from '../report.js';
import type { FanOutChildInput } from './fan-out-child.js';

const CHILD = fileURLToPath(new URL('./fan-out-child.ts', import.meta.url));

export interface FanOutOptions {
  /** DMs in the fan-out (issue 12: 10,000). */
  dms: number;
  /** What the fake Slack allows across the workspace, per second (and what Hiroba is told). */
  rate: number;
  /** The claim lease of the senders in the SIGKILL run: the dead sender's rows wait this long. */
  leaseMs: number;
}

export interface FanOutRun {
  name: string;
  latencyMs: number;
  killed: boolean;
  ms: number;
  /** Including the senders' start-up. */
  wallMs: number;
  delivered: number;
  duplicates: number;
  lost: number;
  limited: number;
  opens: number;
  histories: number;
  /** The sender's CPU time (start-up included) per DM; NaN for the killed run. */
  cpuMsPerDm: number;
  peakKb: number | undefined;
}

/**
 * A fake Slack Web API for the fan-out: `chat.postMessage` (a user id as `channel` lands in the
 * app's DM with them) limited to `rate` calls a second across the workspace, with short bursts (a
 * fifth of a second's worth), and one a second per channel; over it, HTTP 429 with `Retry-After: 1`.
 * `conversations.history` shows the bot's messages in a DM. Each answer waits
 * `latencyMs` (the round trip to Slack); a message counts as delivered when its request arrives, so a
 * sender killed while waiting for the answer has delivered it. `conversations.open` answers too, and
 * is counted (a DM should not need it).
 */
class FakeSlackLimits {
  readonly delivered = new Map<string, number>();
  limited = 0;
  opens = 0;
  latencyMs = 0;
  /** When the first and the latest message arrived (`performance.now()`). */
  firstAt = Number.NaN;
  lastAt = Number.NaN;
  /** The workspace budget: `rate` a second, short bursts of up to `burst` (Slack: "short bursts allowed"). */
  private tokens: number;
  private refilledAt = 0;
  private readonly burst: number;
  private readonly lastPerChannel = new Map<string, number>();
  /** What each channel got: ts and text, for `conversations.history`. */
  private readonly posted = new Map<string, Array<{ ts: string; text: string }>>();
  histories = 0;
  private server: http.Server | null = null;
  private ts = 0;

  constructor(private readonly rate: number) {
    this.burst = Math.max(1, Math.round(rate / 5));
    this.tokens = this.burst;
  }

  get apiUrl(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/api/`;
  }

  total(): number {
    let n = 0;
    for (const count of this.delivered.values()) n += count;
    return n;
  }

  reset(latencyMs: number): void {
    this.delivered.clear();
    this.tokens = this.burst;
    this.refilledAt = performance.now();
    this.lastPerChannel.clear();
    this.posted.clear();
    this.histories = 0;
    this.limited = 0;
    this.opens = 0;
    this.latencyMs = latencyMs;
    this.firstAt = Number.NaN;
    this.lastAt = Number.NaN;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = this.handle(req.url ?? '', Buffer.concat(chunks).toString('utf8'));
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
          res.end(JSON.stringify(answer.body));
        };
        if (this.latencyMs > 0) setTimeout(send, this.latencyMs);
        else send();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(
    url: string,
    raw: string,
  ): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
    const method = url.replace(/^\/api\//u, '');
    const params = new URLSearchParams(raw);
    if (method === 'conversations.open') {
      this.opens += 1;
      return { status: 200, headers: {}, body: { ok: true, channel: { id: `D${params.get('users') ?? ''}` } } };
    }
    if (method === 'conversations.history') {
      // The bot's own messages in a DM (`D<user>`), newest first, as a sender that took over looks.
      this.histories += 1;
      const user = (params.get('channel') ?? '').replace(/^D/u, '');
      const oldest = Number(params.get('oldest') ?? '0');
      const messages = (this.posted.get(user) ?? [])
        .filter((m) => Number(m.ts) >= oldest)
        .reverse()
        .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'B0BENCH001' }));
      return { status: 200, headers: {}, body: { ok: true, messages, has_more: false } };
    }
    if (method !== 'chat.postMessage')
      return { status: 200, headers: {}, body: { ok: false, error: 'unknown_method' } };
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
    const channel = params.get('channel') ?? '';
    const last = this.lastPerChannel.get(channel);
    if (this.tokens < 1 || (last !== undefined && now - last < 1000)) {
      this.limited += 1;
      return { status: 429, headers: { 'Retry-After': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    this.tokens -= 1;
    this.lastPerChannel.set(channel, now);
    this.delivered.set(channel, (this.delivered.get(channel) ?? 0) + 1);
    if (Number.isNaN(this.firstAt)) this.firstAt = now;
    this.lastAt = now;
    // Slack's ts is the posting time in seconds (the microsecond digits keep it unique).
    this.ts += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.ts % 1_000_000).padStart(6, '0')}`;
    const list = this.posted.get(channel) ?? [];
    list.push({ ts, text: params.get('text') ?? '' });
    this.posted.set(channel, list);
    const dm = channel.startsWith('U') ? `D${channel}` : channel;
    return { status: 200, headers: {}, body: { ok: true, channel: dm, ts } };
  }
}

/** A database with one Slack workspace (no quiet hours, no weekend rule) and `dms` DM rows due now. */
async function seed(target: StoreTarget, dms: number): Promise<string[]> {
  const store = await openStore(target);
  try {
    const workspace = await store.repos.workspaces.create({
      platform: 'slack',
      externalId: 'T0BENCH001',
      name: 'Bench',
      settings: defaultSettings({
        quietHours: { start: '00:00', end: '00:00', weekends: false },
        calendar: 'none',
      }),
      createdAt: new Date().toISOString(),
    });
    const now = new Date().toISOString();
    const users = Array.from({ length: dms }, (_, i) => `U${String(i + 1).padStart(8, '0')}`);
    const rows: NewOutboxRow[] = users.map((id) => ({
      workspaceId: workspace.id,
      job: 'story-prompts',
      period: '2026-W49',
      recipient: { kind: 'member', id },
      message: {
        kind: 'story-prompt',
        blocks: [{ type: 'text', text: 'ベンチマーク用のお知らせです。' }],
        fallback: 'ベンチマーク用のお知らせです。',
      },
      notBefore: now,
      createdAt: now,
    }));
    await store.repos.outbox.enqueue(rows);
    return users;
  } finally {
    await store.close();
  }
}

function peakOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

interface Child {
  done: Promise<number | null>;
  /** CPU time the sender reported when it finished (none when it was killed). */
  cpuMs(): number;
  kill(): void;
  peakKb(): number | undefined;
}

function startChild(input: FanOutChildInput): Child {
  // BENCH_CPU_PROF=<dir> writes a CPU profile of each sender (to find where the time goes).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', CHILD, JSON.stringify(input)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  let peak: number | undefined;
  const sampler = setInterval(() => {
    peak = Math.max(peak ?? 0, peakOf(child.pid) ?? 0) || undefined;
  }, 200);
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`fan-out sender failed: ${stderr.trim().slice(-400)}`));
      else resolve(code);
    });
  });
  const cpuMs = (): number => {
    try {
      return (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { cpuMs?: number }).cpuMs ?? Number.NaN;
    } catch {
      return Number.NaN;
    }
  };
  return { done, kill: () => child.kill('SIGKILL'), peakKb: () => peak, cpuMs };
}

async function runOnce(
  fake: FakeSlackLimits,
  options: FanOutOptions,
  latencyMs: number,
  kill: boolean,
  postgres?: BenchPostgres,
): Promise<FanOutRun> {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-fan-out-'));
  const database = postgres === undefined ? null : await postgres.fresh();
  try {
    const target: StoreTarget =
      database === null ? { kind: 'sqlite', path: join(dir, 'hiroba.db') } : { kind: 'postgres', url: database.url };
    const users = await seed(target, options.dms);
    fake.reset(latencyMs);
    const input = (holder: string): FanOutChildInput => ({
      target,
      apiUrl: fake.apiUrl,
      rate: options.rate,
      holder,
      leaseMs: options.leaseMs,
    });
    const started = performance.now();
    const first = startChild(input('sender-1'));
    let peakKb: number | undefined;
    let senderCpuMs = Number.NaN;
    if (kill) {
      // SIGKILL once half the DMs have arrived at Slack, then a new sender over the same file.
      await new Promise<void>((resolve) => {
        const watch = setInterval(() => {
          if (fake.total() >= options.dms / 2) {
            clearInterval(watch);
            resolve();
          }
        }, 5);
      });
      peakKb = first.peakKb();
      first.kill();
      await first.done;
      const second = startChild(input('sender-2'));
      await second.done;
      peakKb = Math.max(peakKb ?? 0, second.peakKb() ?? 0) || undefined;
    } else {
      await first.done;
      peakKb = first.peakKb();
      senderCpuMs = first.cpuMs();
    }
    const wallMs = performance.now() - started;
    // From the first message Slack got to the last (a sender's start-up is not the fan-out), plus
    // one floor interval: n messages at `rate` a second span (n − 1) ÷ rate.
    const ms = fake.lastAt - fake.firstAt + 1000 / options.rate;
    let duplicates = 0;
    let lost = 0;
    for (const user of users) {
      const n = fake.delivered.get(user) ?? 0;
      if (n === 0) lost += 1;
      if (n > 1) duplicates += n - 1;
    }
    return {
      name: `fan-out${latencyMs > 0 ? ` ${latencyMs}ms` : ''}${kill ? ' kill' : ''}${database === null ? '' : ' (postgres)'}`,
      latencyMs,
      killed: kill,
      ms,
      wallMs,
      delivered: fake.total(),
      duplicates,
      lost,
      limited: fake.limited,
      opens: fake.opens,
      histories: fake.histories,
      peakKb,
      cpuMsPerDm: senderCpuMs / options.dms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  }
}

/** No latency; 50 ms a call; 50 ms a call with the sender SIGKILLed half-way. */
export const FAN_OUT_SCENARIOS: ReadonlyArray<readonly [latencyMs: number, kill: boolean]> = [
  [0, false],
  [50, false],
  [50, true],
];

/** The fan-out must reach the platform's limit within this factor. */
export const FAN_OUT_LIMIT_RATIO = 1.1;

/**
 * Issue 12 §6: `dms` DMs through the outbox worker, the real Slack platform and send client, in a
 * process of its own, to a fake Slack allowing `rate` messages a second: at no latency, at 50 ms a
 * call, and at 50 ms with the sender SIGKILLed half-way and a new one started over the same file.
 * Each is timed against the platform's floor (`dms ÷ rate` seconds); duplicates and losses are counted
 * at the fake. Given the bench's PostgreSQL server, each scenario runs again right after with the
 * senders' store there (a fresh database each); those lines keep the target only if they meet it,
 * else they are measured-only context lines.
 */
export async function measureFanOut(
  options: FanOutOptions,
  progress: (text: string) => void = () => undefined,
  scenarios: ReadonlyArray<readonly [latencyMs: number, kill: boolean]> = FAN_OUT_SCENARIOS,
  postgres?: BenchPostgres,
): Promise<{ runs: FanOutRun[]; lines: BenchLine[] }> {
  const fake = new FakeSlackLimits(options.rate);
  await fake.start();
  const runs: FanOutRun[] = [];
  try {
    for (const [latency, kill] of scenarios) {
      progress(
        `fan-out: ${options.dms} DMs at ${options.rate}/s, ${latency} ms a call${kill ? ', SIGKILL half-way' : ''}`,
      );
      runs.push(await runOnce(fake, options, latency, kill));
      if (postgres !== undefined) {
        progress('fan-out: the same with the store on PostgreSQL');
        runs.push(await runOnce(fake, options, latency, kill, postgres));
      }
    }
  } finally {
    await fake.close();
  }
  const floorMs = (options.dms / options.rate) * 1000;
  const floor = `${options.dms.toLocaleString('en-US')} DMs at ${options.rate}/s = ${(floorMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
  const lines = runs.map((run): BenchLine => {
    const line = fanOutLine(run);
    return run.name.endsWith(' (postgres)') && !meets(line) ? asContext(line) : line;
  });
  return { runs, lines };

  function fanOutLine(run: FanOutRun): BenchLine {
    const counts =
      `${run.duplicates} duplicates, ${run.lost} lost, ${run.limited} answered 429, ` +
      `${run.opens} conversations.open, ${run.histories} conversations.history`;
    const peak = run.peakKb === undefined ? '' : `, sender peak ${(run.peakKb / 1024).toFixed(0)} MB`;
    if (run.killed) {
      // Judged on what arrived; the time includes a second sender's start-up and the dead one's lease.
      const lessLease = (run.ms - options.leaseMs) / floorMs;
      return {
        name: run.name,
        value: run.ms / 1000,
        unit: 's',
        ratio: run.duplicates + run.lost,
        ratioMeaning: 'duplicates + lost at Slack',
        target: atMost(0, '0 dup, 0 lost'),
        detail:
          `${counts}; first to last message ${(run.ms / 1000).toFixed(1)} s, ${lessLease.toFixed(2)}× the floor (${floor}) ` +
          `less the ${(options.leaseMs / 1000).toFixed(0)} s lease the dead sender's claims wait out, a new sender's start-up included${peak}`,
      };
    }
    const clean = run.duplicates === 0 && run.lost === 0;
    return {
      name: run.name,
      value: run.ms / 1000,
      unit: 's',
      // A run that lost or doubled a message has no time worth comparing.
      ratio: clean ? run.ms / floorMs : Number.NaN,
      ratioMeaning: `first to last message ÷ the platform's floor (${floor})`,
      target: atMost(FAN_OUT_LIMIT_RATIO),
      detail: `${counts}; ${(run.wallMs / 1000).toFixed(1)} s with the sender's start-up, ${run.cpuMsPerDm.toFixed(2)} ms of sender CPU per DM${peak}`,
    };
  }
}
