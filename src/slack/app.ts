import type { Server } from 'node:http';
import { App, ExpressReceiver, type Logger, LogLevel } from '@slack/bolt';
import { retryPolicies, type WebClientOptions } from '@slack/web-api';
import express from 'express';
import type { HirobaCore } from '../core/ports.js';
import { registerCommands } from './app.commands.js';
import { registerEvents } from './app.events.js';
import { registerInteractions } from './app.interactions.js';
import { parseSlackAppConfig, type SlackAppConfig, type SlackAppSettings } from './app-config.js';
import { type SlackAppContext, workspaceResolver } from './app-context.js';
import { SlackPlatform } from './slack-platform.js';

/** The one URL Slack calls for events, the slash command and interactivity. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppDeps {
  core: HirobaCore;
  config: SlackAppConfig;
  /**
   * The shared HTTP server's app or a router on it. Hiroba's routes are mounted on it; mount them
   * before any body parser (Bolt checks the signature on the raw body). Without it, `start(port)`
   * listens on its own.
   */
  router?: express.Router | express.Application;
  logger?: Logger;
}

export interface SlackAppHandle {
  app: App;
  platform: SlackPlatform;
  /**
   * Starts receiving: Socket Mode connects; HTTP without a shared router listens on `port` (default
   * 3000) and returns the server; with a shared router there is nothing to listen to (null). Then,
   * unless turned off, starts one directory sync in the background (a large workspace takes minutes)
   * whose outcome `startupSync()` gives.
   */
  start(port?: number): Promise<Server | null>;
  stop(): Promise<void>;
  /** Reads the whole directory of the token's workspace into the core. Run on start and daily. */
  syncDirectory(): Promise<SyncResult | null>;
  /** The sync `start()` began: its result, or null when it failed (logged) or none was started. */
  startupSync(): Promise<SyncResult | null>;
}

export type SyncResult = { created: number; updated: number; deactivated: number };

function clientOptions(settings: SlackAppSettings): WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig:
      settings.retries === undefined
        ? retryPolicies.tenRetriesInAboutThirtyMinutes
        : { retries: settings.retries, factor: 2, minTimeout: 500, randomize: true },
    // With retries off the client would still sleep out a 429's Retry-After before failing, holding
    // the outbox worker that long; reject at once instead, so the worker reschedules the row.
    ...(settings.retries === 0 ? { rejectRateLimitedCalls: true } : {}),
  };
}

function buildApp(settings: SlackAppSettings, deps: SlackAppDeps): { app: App; standalone: boolean } {
  const common = {
    token: settings.botToken,
    clientOptions: clientOptions(settings),
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  if (settings.appToken) {
    return { app: new App({ ...common, appToken: settings.appToken, socketMode: true }), standalone: false };
  }
  const router = express.Router();
  const receiver = new ExpressReceiver({
    // parseSlackAppConfig guarantees the secret when there is no app token.
    signingSecret: settings.signingSecret ?? '',
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: settings.processBeforeResponse,
    router,
    ...(deps.logger ? { logger: deps.logger } : { logLevel: LogLevel.INFO }),
  });
  if (deps.router) deps.router.use(router);
  return { app: new App({ ...common, receiver }), standalone: deps.router === undefined };
}

/**
 * Builds Hiroba's Slack app: Bolt over HTTP at `POST /slack/events` on the shared server (or Socket
 * Mode when `appToken` is set), the listeners for events, `/hiroba` and interactivity, and the
 * `SlackPlatform` the outbox worker and the directory sync send through. Throws `SlackConfigError`
 * for a bad configuration. Called by `main.ts` and the end-to-end tests.
 */
export function createSlackApp(deps: SlackAppDeps): SlackAppHandle {
  const settings = parseSlackAppConfig(deps.config);
  const { app, standalone } = buildApp(settings, deps);
  const log = deps.logger ?? app.logger;
  const platform = new SlackPlatform(app.client, { logger: log });
  const resolver = workspaceResolver(deps.core, app.client, log);
  const ctx: SlackAppContext = { core: deps.core, platform, log, workspaceFor: resolver.workspaceFor };
  registerEvents(app, ctx);
  registerCommands(app, ctx);
  registerInteractions(app, ctx);
  app.error(async (error) => {
    log.error('Slack listener failed', error);
  });

  let running = false;
  let startup: Promise<SyncResult | null> = Promise.resolve(null);
  const syncDirectory = async (): Promise<SyncResult | null> => {
    const team = await resolver.ownTeam();
    if (!team) return null;
    const workspace = await resolver.workspaceFor(team.teamId);
    const entries = await platform.listMembers(workspace);
    return deps.core.syncDirectory(workspace.id, entries);
  };
  return {
    app,
    platform,
    syncDirectory,
    startupSync: () => startup,
    async start(port = 3000) {
      let server: Server | null = null;
      if (settings.appToken) {
        await app.start();
        running = true;
      } else if (standalone) {
        server = (await app.start(port)) as Server;
        running = true;
      }
      if (settings.syncDirectoryOnStart) {
        startup = syncDirectory().then(
          (result) => {
            if (result)
              log.info(
                `Slack directory synced: ${result.created} new, ${result.updated} updated, ${result.deactivated} deactivated`,
              );
            return result;
          },
          (error: unknown) => {
            log.error(`Slack directory sync failed: ${error instanceof Error ? error.message : String(error)}`);
            return null;
          },
        );
      }
      return server;
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
    },
  };
}
