import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { HirobaCore, Repositories } from '../../src/core/ports.js';
import { createHirobaCore } from '../../src/core/service.js';
import type { Workspace, WorkspaceSettings } from '../../src/core/types.js';
import { createHttpServer } from '../../src/http-server.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/scheduler/outbox-worker.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createTeamsBot, type TeamsBot, type TeamsBotConfig } from '../../src/teams/bot.js';
import type { TeamsLogger } from '../../src/teams/turn-handler.js';
import { FakeClock } from '../support/fake-clock.js';
import { type FakeConnector, startFakeConnector } from './fake-connector.js';
import { IDS } from './fixtures.js';

export interface HarnessOptions {
  /**
   * The core and the repositories behind it. Default: the real `createHirobaCore` over a temp-file
   * SQLite store (`openSqliteStore`). Anything implementing the ports works: the bot talks to the core only
   * through `HirobaCore` and stores references through `repos.conversationRefs`.
   */
  backend?: (clock: FakeClock) => { core: HirobaCore; repos: Repositories; close(): Promise<void> };
  config?: TeamsBotConfig;
  /** HIROBA_ADMINS for the default backend. */
  admins?: string[];
  now?: string;
  /**
   * Serve through the shared server's front door, as `npm start` does (channel posts taken before
   * express and botbuilder). Default true; false mounts the bot on a plain express app only.
   */
  front?: boolean;
}

export interface TeamsHarness {
  /** Base URL of the app (express + CloudAdapter) on 127.0.0.1. */
  url: string;
  connector: FakeConnector;
  bot: TeamsBot;
  core: HirobaCore;
  repos: Repositories;
  clock: FakeClock;
  /** The real outbox worker over the same repositories, sending through `bot.platform`. */
  worker: OutboxWorker;
  logs: Array<{ level: string; message: string; detail?: Record<string, unknown> }>;
  /** The tenant's workspace (created on first use, as the bot would). */
  workspace(): Promise<Workspace>;
  settings(patch: Partial<WorkspaceSettings>): Promise<Workspace>;
  /** POSTs an activity to /api/messages with `serviceUrl` pointed at the fake connector. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** The real core over a temp-file SQLite store: what `startHarness` uses unless told otherwise. */
export function realBackend(admins: string[] = []) {
  return (clock: FakeClock) => {
    const dir = mkdtempSync(join(tmpdir(), 'hiroba-teams-'));
    const store = openSqliteStore(join(dir, 'hiroba.db'));
    const core = createHirobaCore({ repos: store.repos, clock, admins });
    return {
      core,
      repos: store.repos,
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/** Starts the fake Bot Connector and the real Teams app on random loopback ports. */
export async function startHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const clock = new FakeClock(options.now ?? '2026-11-24T03:00:00.000Z');
  const backend = (options.backend ?? realBackend(options.admins ?? []))(clock);
  const connector = await startFakeConnector();
  const logs: TeamsHarness['logs'] = [];
  const logger: TeamsLogger = {
    info: (message, detail) => logs.push({ level: 'info', message, ...(detail ? { detail } : {}) }),
    warn: (message, detail) => logs.push({ level: 'warn', message, ...(detail ? { detail } : {}) }),
    error: (message, detail) => logs.push({ level: 'error', message, ...(detail ? { detail } : {}) }),
  };
  const shared = createHttpServer({
    health: () => ({ db: 'ok', adapters: { slack: 'off', teams: 'on' }, outbox: { pending: 0 } }),
    onError: (error) => logger.error('HTTP route failed', { error }),
    onClientError: (line) => logger.warn(line),
  });
  const app = options.front === false ? express() : shared.app;
  const bot = createTeamsBot({
    core: backend.core,
    repos: backend.repos,
    config: options.config ?? {},
    router: app,
    ...(options.front === false ? {} : { front: shared.front }),
    logger,
    clock,
  });
  const server: Server =
    options.front === false
      ? await new Promise((resolve) => {
          const s = app.listen(0, '127.0.0.1', () => resolve(s));
        })
      : await shared.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const worker = createOutboxWorker({
    repos: backend.repos,
    platforms: { teams: bot.platform },
    clock,
    random: () => 0.5,
    sleep: async (ms) => clock.advance(ms),
  });

  const workspace = (): Promise<Workspace> => backend.core.workspace('teams', IDS.tenant);
  return {
    url,
    connector,
    bot,
    core: backend.core,
    repos: backend.repos,
    clock,
    worker,
    logs,
    workspace,
    async settings(patch) {
      const ws = await workspace();
      return backend.repos.workspaces.updateSettings(ws.id, { ...ws.settings, ...patch });
    },
    async post(activity, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ ...activity, serviceUrl: connector.url }),
      });
      return { status: response.status, body: await response.text() };
    },
    async close() {
      await worker.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      await backend.close();
    },
  };
}
