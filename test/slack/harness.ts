import { mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import express from 'express';
import type { Clock, HirobaCore, Repositories } from '../../src/core/ports.js';
import { createHirobaCore } from '../../src/core/service.js';
import type { Workspace, WorkspaceSettings } from '../../src/core/types.js';
import { createOutboxWorker, type DrainResult } from '../../src/scheduler/outbox-worker.js';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackAppHandle } from '../../src/slack/app.js';
import { openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { FakeClock } from '../support/fake-clock.js';
import { type CoreCall, recordingCore } from './fake-core.js';
import { FakeSlack, type FakeUserInput } from './fake-slack.js';
import { BOT, commandForm, envelope, interactionForm, sign, TEAM } from './payloads.js';

export const TOKEN = 'xoxb-0000-test-token';
export const SECRET = 'e2e-signing-secret-0123456789abcdef';

/** The organisation the fake Slack knows (ops, members, a bot, Slackbot, a deactivated member). */
export const PEOPLE = {
  ops: 'U0OPS00001',
  alice: 'U0ALICE001',
  bob: 'U0BOB00001',
  carol: 'U0CAROL001',
} as const;
export const SNS = 'C0SNS00001';
export const OTHER = 'C0OTHER001';

export const DEFAULT_USERS: FakeUserInput[] = [
  { id: PEOPLE.ops, name: 'Oda Kenji', email: 'oda@example.co.jp', locale: 'ja-JP' },
  { id: PEOPLE.alice, name: 'Aoki Sakura', email: 'aoki@example.co.jp', locale: 'ja-JP' },
  { id: PEOPLE.bob, name: 'Bob Baker', email: 'bob@example.com', locale: 'en-US' },
  { id: PEOPLE.carol, name: 'Chiba Mai', email: 'chiba@example.co.jp' },
  { id: BOT.userId, name: 'Hiroba', isBot: true },
  { id: 'USLACKBOT', name: 'Slackbot' },
  { id: 'U0GONE0001', name: 'Gone Person', email: 'gone@example.co.jp', deleted: true },
];

/** A Bolt logger that keeps lines instead of printing them. */
export function quietLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (...parts: unknown[]) => {
      lines.push(`${level} ${parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ')}`);
    };
  let level = LogLevel.DEBUG;
  return {
    lines,
    debug: () => undefined,
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export interface HarnessOptions {
  users?: FakeUserInput[];
  /** WebClient retries (0 unless a test needs the client to wait out a 429). */
  retries?: number;
  /** Builds the core under test; the real service over a temp SQLite file unless given. */
  makeCore?: (deps: { repos: Repositories; clock: Clock; dbPath: string }) => HirobaCore;
  /** Bolt answers Slack only once the listener is done (default, as FaaS would); false as the server runs. */
  processBeforeResponse?: boolean;
  /** Replaces core methods (behind the recorder) to make the core fail or answer otherwise. */
  overrides?: Partial<HirobaCore>;
  settings?: Partial<WorkspaceSettings>;
  /** How often kept activities are retried on the app's own timer (default: Slack app's 60 s). */
  keptRetryMs?: number;
}

export interface SignedOptions {
  timestamp?: number;
  secret?: string;
  retryNum?: number;
  contentType?: string;
}

/**
 * The real Slack app (Bolt, HTTP mode, `processBeforeResponse`) mounted on a shared express server on
 * a random loopback port, the real core over a temp SQLite file, and a fake Slack Web API. The core is
 * injected (`makeCore`) and recorded, so tests see what the adapter handed over.
 */
export class Harness {
  fake!: FakeSlack;
  store!: Store;
  handle!: SlackAppHandle;
  core!: HirobaCore;
  calls!: CoreCall[];
  logger = quietLogger();
  /** Moved by hand, and by the outbox worker's waits (see `drainOutbox`). */
  clock = new FakeClock('2026-11-24T02:00:00Z');
  private server: http.Server | null = null;
  private dir = '';
  private respondCounter = 0;
  baseUrl = '';

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const h = new Harness();
    await h.boot(options);
    return h;
  }

  private async boot(options: HarnessOptions): Promise<void> {
    this.fake = new FakeSlack({
      token: TOKEN,
      teamId: TEAM.id,
      teamName: TEAM.name,
      botUserId: BOT.userId,
      botId: BOT.botId,
      users: options.users ?? DEFAULT_USERS,
    });
    await this.fake.start();
    this.dir = mkdtempSync(join(tmpdir(), 'hiroba-slack-'));
    this.store = openSqliteStore(join(this.dir, 'hiroba.db'));
    const clock = this.clock;
    const inner = options.makeCore
      ? options.makeCore({ repos: this.store.repos, clock, dbPath: join(this.dir, 'hiroba.db') })
      : createHirobaCore({ repos: this.store.repos, clock });
    const recorded = recordingCore(inner, options.overrides);
    this.core = recorded.core;
    this.calls = recorded.calls;
    const shared = express();
    this.handle = createSlackApp({
      core: this.core,
      config: {
        botToken: TOKEN,
        signingSecret: SECRET,
        apiUrl: this.fake.apiUrl,
        retries: options.retries ?? 0,
        processBeforeResponse: options.processBeforeResponse ?? true,
        ...(options.keptRetryMs === undefined ? {} : { keptRetryMs: options.keptRetryMs }),
      },
      router: shared,
      logger: this.logger,
    });
    this.server = await new Promise<http.Server>((resolve) => {
      const s = shared.listen(0, '127.0.0.1', () => resolve(s));
    });
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // The directory sync on start creates the members from the fake's users.list.
    await this.handle.start();
    await this.handle.startupSync();
    if (options.settings) await this.configure(options.settings);
  }

  /** The workspace as the core stores it now. */
  async workspace(): Promise<Workspace> {
    const ws = await this.store.repos.workspaces.find('slack', TEAM.id);
    if (!ws) throw new Error('workspace not created yet');
    return ws;
  }

  async configure(settings: Partial<WorkspaceSettings>): Promise<Workspace> {
    const ws = await this.workspace();
    return this.store.repos.workspaces.updateSettings(ws.id, { ...ws.settings, ...settings });
  }

  async grantRole(platformId: string, role: 'ops' | 'admin'): Promise<void> {
    const member = await this.store.repos.members.byPlatformId((await this.workspace()).id, platformId);
    if (!member) throw new Error(`no member ${platformId}`);
    await this.store.repos.members.update(member.id, { role });
  }

  /** An activity as stored, with the platform ids of its member and target. */
  async activity(
    eventId: string,
  ): Promise<{ kind: string; member: string | null; target: string | null; channel: string } | null> {
    const repos = this.store.repos;
    const a = await repos.activities.byEventId((await this.workspace()).id, eventId);
    if (!a) return null;
    const target = a.targetMemberId === null ? null : ((await repos.members.get(a.targetMemberId))?.platformId ?? null);
    return {
      kind: a.kind,
      member: (await repos.members.get(a.memberId))?.platformId ?? null,
      target,
      channel: a.channelId,
    };
  }

  async activityCount(): Promise<number> {
    return (
      await this.store.repos.activities.between(
        (
          await this.workspace()
        ).id,
        '2000-01-01T00:00:00.000Z',
        '2100-01-01T00:00:00.000Z',
      )
    ).length;
  }

  /** Sends every due outbox row through the real outbox worker and the app's `SlackPlatform`. */
  async drainOutbox(): Promise<DrainResult> {
    const worker = createOutboxWorker({
      repos: this.store.repos,
      platforms: { slack: this.handle.platform },
      clock: this.clock,
      sleep: async (ms) => this.clock.advance(ms),
      random: () => 0.5,
    });
    return worker.drain();
  }

  async signed(body: string, options: SignedOptions = {}): Promise<Response> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'Content-Type': options.contentType ?? 'application/json',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': sign(options.secret ?? SECRET, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['X-Slack-Retry-Num'] = String(options.retryNum);
      headers['X-Slack-Retry-Reason'] = 'http_timeout';
    }
    return fetch(`${this.baseUrl}${SLACK_EVENTS_PATH}`, { method: 'POST', headers, body });
  }

  postEvent(event: Record<string, unknown>, options: SignedOptions & { eventId?: string } = {}): Promise<Response> {
    return this.signed(JSON.stringify(envelope(event, options.eventId)), options);
  }

  /** `/hiroba <text>`; returns the HTTP answer and the response URL id its reply goes to. */
  async postCommand(user: string, text: string, channel = SNS): Promise<{ res: Response; respondId: string }> {
    this.respondCounter += 1;
    const respondId = `cmd-${this.respondCounter}`;
    // Exactly this content type: Bolt answers 400 to `; charset=utf-8`.
    const res = await this.signed(commandForm({ user, text, channel, responseUrl: this.fake.responseUrl(respondId) }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    return { res, respondId };
  }

  postInteraction(payload: unknown): Promise<Response> {
    return this.signed(interactionForm(payload), { contentType: 'application/x-www-form-urlencoded' });
  }

  nextResponseUrl(): { url: string; id: string } {
    this.respondCounter += 1;
    const id = `act-${this.respondCounter}`;
    return { url: this.fake.responseUrl(id), id };
  }

  async close(): Promise<void> {
    await this.handle.stop();
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.fake.close();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Slack `ts` of an instant (seconds with six decimals). */
export function tsAt(iso: string, micro = 100): string {
  return `${Math.floor(Date.parse(iso) / 1000)}.${String(micro).padStart(6, '0')}`;
}
