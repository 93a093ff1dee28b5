import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { App as BoltApp, Logger } from '@slack/bolt';
import webApi, { type WebClient as SlackWebClient, type WebClientOptions } from '@slack/web-api';
import express from 'express';
import { MAX_BODY_BYTES, refuseLargeBodies } from '../body-limit.js';
import type { HirobaCore } from '../core/ports.js';
import { registerCommands } from './app.commands.js';
import { registerEvents, retryKept, slackEventBatcher } from './app.events.js';
import { registerInteractions } from './app.interactions.js';
import { parseSlackAppConfig, type SlackAppConfig, type SlackAppSettings } from './app-config.js';
import { type SlackAppContext, workspaceResolver } from './app-context.js';
import {
  type BotIdentity,
  classifySocketError,
  DEFAULT_BACKOFF,
  fetchIdentity,
  type RetryLoop,
  retryUntilReady,
} from './bot-identity.js';
import { type FastEventsHandler, slackFastEvents } from './fast-events.js';
import type { GuardVerdict } from './request-guard.js';
import { SlackPlatform } from './slack-platform.js';

// Both packages are CommonJS: plain Node's ES-module loader cannot see every named export (web-api's
// `retryPolicies` is a getter), so take the default export and destructure. Bolt also sets
// `exports.default` (its App), which Node and vitest read differently as a default import: require it.
const bolt = createRequire(import.meta.url)('@slack/bolt') as typeof import('@slack/bolt');
const { App, ExpressReceiver, LogLevel, SocketModeReceiver } = bolt;
const { WebClient, retryPolicies } = webApi;

/** The one URL Slack calls for events, the slash command and interactivity. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Requests the sending client lets be in flight at once (the outbox's concurrency, with room to spare). */
const SEND_CONCURRENCY = 32;

/** `on`: receiving; `degraded`: Slack did not answer yet (or Socket Mode is reconnecting), retried in the background. */
export type SlackAdapterState = 'on' | 'degraded';

export interface SlackAppDeps {
  core: HirobaCore;
  config: SlackAppConfig;
  /**
   * The shared HTTP server's app or a router on it. Hiroba's routes are mounted on it; mount them
   * before any body parser (Bolt checks the signature on the raw body). Without it, `start(port)`
   * listens on its own.
   */
  router?: express.Router | express.Application;
  /**
   * The shared server's front door: with it, message and reaction events are taken before express
   * routes anything (`router` keeps the rest), and `replay` must be the replay guard's check, which
   * the front door runs before the guard's own express handler could.
   */
  front?: {
    door: { post(path: string, handler: FastEventsHandler): void };
    replay: (signature: string, timestamp: string) => Promise<GuardVerdict>;
  };
  logger?: Logger;
  /**
   * Slack refused the token after `start()` had already returned (revoked while Hiroba kept retrying a
   * bad Slack day). The composition root stops the process; the adapter has stopped itself.
   */
  onFatal?: (error: Error) => void;
}

export interface SlackAppHandle {
  platform: SlackPlatform;
  /** The Bolt app once Slack answered `auth.test` (built then, with the bot's ids), else null. */
  app(): BoltApp | null;
  /**
   * Checks the token (`auth.test`) and starts receiving: HTTP on the shared router (or on `port`,
   * default 3000, without one; the server is returned), or Socket Mode. A refused token rejects with
   * `SlackTokenRefusedError`. A Slack that fails or does not answer within `bootWaitMs` leaves the
   * adapter `degraded` and retrying with backoff in the background; meanwhile `POST /slack/events`
   * answers 503 so Slack delivers again later. Once up, one directory sync runs in the background
   * (unless turned off), whose outcome `startupSync()` gives.
   */
  start(port?: number): Promise<Server | null>;
  stop(): Promise<void>;
  /** What `/healthz` shows for Slack. */
  state(): SlackAdapterState;
  /** Reads the whole directory of the token's workspace into the core. Run on start and daily. */
  syncDirectory(): Promise<SyncResult | null>;
  /** The sync `start()` began: its result, or null when it failed (logged), none was started, or Hiroba stopped first. */
  startupSync(): Promise<SyncResult | null>;
}

export type SyncResult = { created: number; updated: number; deactivated: number };

/**
 * The WebClient messages and files go out through: it never retries and never sleeps out a 429
 * itself (the outbox owns rate limits and Retry-After), and lets several requests be in flight.
 */
export function slackSendClient(
  token: string,
  options: { apiUrl?: string | undefined; timeoutMs?: number; logger?: Logger | undefined } = {},
): SlackWebClient {
  return new WebClient(token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    timeout: options.timeoutMs ?? 20_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    maxRequestConcurrency: SEND_CONCURRENCY,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

function clientOptions(settings: SlackAppSettings): WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    timeout: settings.requestTimeoutMs,
    retryConfig:
      settings.retries === undefined
        ? retryPolicies.tenRetriesInAboutThirtyMinutes
        : { retries: settings.retries, factor: 2, minTimeout: 500, randomize: true },
    // With retries off the client would still sleep out a 429's Retry-After before failing, holding
    // the outbox worker that long; reject at once instead, so the worker reschedules the row.
    ...(settings.retries === 0 ? { rejectRateLimitedCalls: true } : {}),
  };
}

/** The Bolt app, built once the bot's ids are known, so Bolt never calls `auth.test` itself. */
function buildApp(
  settings: SlackAppSettings,
  identity: BotIdentity,
  receiverRouter: express.Router,
  logger: Logger | undefined,
): { app: BoltApp; socket: InstanceType<typeof SocketModeReceiver>['client'] | null } {
  const common = {
    token: settings.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    clientOptions: clientOptions(settings),
    ...(logger ? { logger } : {}),
  };
  if (settings.appToken) {
    const ping = settings.socketPingTimeoutMs;
    const receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      ...(logger ? { logger } : { logLevel: LogLevel.INFO }),
      ...(ping === undefined ? {} : { clientPingTimeout: ping, serverPingTimeout: Math.max(ping * 6, 30_000) }),
      // apps.connections.open goes to the same Web API (SLACK_API_URL) with the same timeout; its own
      // retry policy (fast, many) is kept: it is what reconnects after a dropped socket.
      installerOptions: {
        clientOptions: {
          ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
          timeout: settings.requestTimeoutMs,
        },
      },
    });
    return { app: new App({ ...common, receiver }), socket: receiver.client };
  }
  const receiver = new ExpressReceiver({
    // parseSlackAppConfig guarantees the secret when there is no app token.
    signingSecret: settings.signingSecret ?? '',
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: settings.processBeforeResponse,
    router: receiverRouter,
    bodyLimit: MAX_BODY_BYTES,
    ...(logger ? { logger } : { logLevel: LogLevel.INFO }),
  });
  return { app: new App({ ...common, receiver }), socket: null };
}

/**
 * Builds Hiroba's Slack adapter: Bolt over HTTP at `POST /slack/events` on the shared server (or Socket
 * Mode when `appToken` is set), the listeners for events, `/hiroba` and interactivity, and the
 * `SlackPlatform` the outbox worker and the directory sync send through. Throws `SlackConfigError`
 * for a bad configuration. Called by `main.ts` and the end-to-end tests.
 */
export function createSlackApp(deps: SlackAppDeps): SlackAppHandle {
  const settings = parseSlackAppConfig(deps.config);
  const log: Logger = deps.logger ?? consoleLogger();
  const client: SlackWebClient = new WebClient(settings.botToken, {
    ...clientOptions(settings),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  // auth.test at start is retried by Hiroba's own loop (with backoff and a degraded /healthz), not
  // for half an hour inside one call.
  const identityClient = new WebClient(settings.botToken, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    timeout: settings.requestTimeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  // Messages and files go out through a client that never retries or sleeps out a 429 itself: the
  // outbox owns rate limits and Retry-After, and several sends wait on the network at once.
  const sendClient = slackSendClient(settings.botToken, {
    apiUrl: settings.apiUrl,
    timeoutMs: settings.requestTimeoutMs,
    logger: deps.logger,
  });
  const platform = new SlackPlatform(client, { logger: log, sendClient });
  const resolver = workspaceResolver(deps.core, client, log);
  const ctx: SlackAppContext = { core: deps.core, platform, log, workspaceFor: resolver.workspaceFor };

  let app: BoltApp | null = null;
  let identity: BotIdentity | null = null;
  let ready = false;
  let stopped = false;
  let socketUp = false;
  let loops: Array<RetryLoop<unknown>> = [];
  let keptTimer: NodeJS.Timeout | null = null;

  // The route exists from the start, so Slack never gets a 404: 413 for an oversized body, 503 until
  // Slack answered auth.test (Slack delivers the event again later), then Bolt's own receiver.
  const receiverRouter = express.Router();
  const route = express.Router();
  if (!settings.appToken) {
    route.post(SLACK_EVENTS_PATH, refuseLargeBodies(log.warn.bind(log)), (_req, res, next) => {
      if (ready) {
        next();
        return;
      }
      res.status(503).set('Retry-After', '5').json({ error: 'slack_not_ready' });
    });
    // Messages and reactions skip Bolt's middleware chain; the rest reaches Bolt with the body read.
    const fast = slackFastEvents({
      signingSecret: settings.signingSecret ?? '',
      identity: () => identity,
      handle: slackEventBatcher(ctx),
      onError: (error) => log.error('Slack listener failed', error),
      ...(deps.front === undefined ? {} : { replay: deps.front.replay }),
    });
    if (deps.front !== undefined && deps.router !== undefined) deps.front.door.post(SLACK_EVENTS_PATH, fast);
    else route.post(SLACK_EVENTS_PATH, fast);
    route.use(receiverRouter);
    deps.router?.use(route);
  }
  const standalone = !settings.appToken && deps.router === undefined;

  let resolveStartup: (result: Promise<SyncResult | null> | null) => void = () => undefined;
  const startup = new Promise<SyncResult | null>((resolve) => {
    resolveStartup = resolve;
  });

  const syncDirectory = async (): Promise<SyncResult | null> => {
    const team = await resolver.ownTeam();
    if (!team) return null;
    const workspace = await resolver.workspaceFor(team.teamId);
    const entries = await platform.listMembers(workspace);
    return deps.core.syncDirectory(workspace.id, entries);
  };

  const startSync = (): void => {
    if (!settings.syncDirectoryOnStart) {
      resolveStartup(null);
      return;
    }
    resolveStartup(
      syncDirectory().then(
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
      ),
    );
  };

  /** auth.test until it answers, then the Bolt app, then (Socket Mode) the socket until it connects. */
  let failures = 0;
  let firstFailure: () => void = () => undefined;
  const failed = new Promise<'failed'>((resolve) => {
    firstFailure = () => resolve('failed');
  });
  const onFailure = (): void => {
    failures += 1;
    firstFailure();
  };
  const connect = async (): Promise<void> => {
    const identityLoop = retryUntilReady<BotIdentity>(
      'Slack auth.test',
      async () => {
        const attempt = await fetchIdentity(identityClient);
        return attempt.ok ? { ok: true, value: attempt.identity } : attempt;
      },
      { log, backoff: settings.retryBackoff ?? DEFAULT_BACKOFF, onFailure },
    );
    loops.push(identityLoop);
    const known = await identityLoop.result;
    if (known === null || stopped) return;
    identity = known;
    resolver.remember({ teamId: known.teamId, name: known.teamName });
    const { app: built, socket } = buildApp(settings, known, receiverRouter, deps.logger);
    registerEvents(built, ctx);
    // Kept activities are retried on a timer too, not only when the next event arrives.
    const installation = { teamId: known.teamId, enterpriseId: null, isEnterpriseInstall: false };
    keptTimer = setInterval(() => {
      void retryKept(ctx, installation).catch((error: unknown) => {
        log.error(`Slack kept-activity retry failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, settings.keptRetryMs);
    keptTimer.unref();
    registerCommands(built, ctx);
    registerInteractions(built, ctx);
    built.error(async (error) => {
      log.error('Slack listener failed', error);
    });
    app = built;
    if (socket !== null) {
      socket.on('connected', () => {
        socketUp = true;
      });
      socket.on('reconnecting', () => {
        socketUp = false;
        log.warn('Slack Socket Mode connection lost; reconnecting');
      });
      const socketLoop = retryUntilReady<true>(
        'Slack Socket Mode connect',
        async () => {
          try {
            await built.start();
            return { ok: true, value: true };
          } catch (error) {
            return classifySocketError(error);
          }
        },
        { log, backoff: settings.retryBackoff ?? DEFAULT_BACKOFF, onFailure },
      );
      loops.push(socketLoop);
      if ((await socketLoop.result) === null || stopped) return;
      socketUp = true;
    }
    ready = true;
    // Said at info level only after a bad start, where an operator waits for it.
    (failures > 0 ? log.info : log.debug).call(
      log,
      `Slack connected to ${known.teamName} (${known.teamId}) as ${known.botUserId}${settings.appToken ? ' over Socket Mode' : ''}`,
    );
    startSync();
  };

  let server: Server | null = null;
  const stopAll = async (): Promise<void> => {
    stopped = true;
    for (const loop of loops) loop.stop();
    loops = [];
    if (keptTimer !== null) clearInterval(keptTimer);
    keptTimer = null;
    resolveStartup(null);
    if (settings.appToken && app !== null) await app.stop();
    const own = server;
    server = null;
    if (own !== null) {
      own.closeAllConnections();
      await new Promise<void>((resolve) => own.close(() => resolve()));
    }
  };

  return {
    platform,
    app: () => app,
    syncDirectory,
    startupSync: () => startup,
    state: () => (ready && (!settings.appToken || socketUp) ? 'on' : 'degraded'),
    async start(port = 3000) {
      stopped = false;
      if (standalone) {
        const own = express();
        own.use(route);
        server = createServer(own);
        const listening = server;
        await new Promise<void>((resolve, reject) => {
          listening.once('error', reject);
          listening.listen(port, () => resolve());
        });
      }
      let startReturned = false;
      const connecting = connect().catch(async (error: unknown) => {
        const fatal = error instanceof Error ? error : new Error(String(error));
        await stopAll();
        if (!startReturned) throw fatal;
        if (deps.onFatal) deps.onFatal(fatal);
        else log.error(fatal.message);
      });
      // A refused token stops start-up right here; a Slack that is slow or failing does not hold it.
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        connecting.then(() => 'done' as const),
        failed,
        new Promise<'waiting'>((resolve) => {
          timer = setTimeout(() => resolve('waiting'), settings.bootWaitMs);
        }),
      ]).finally(() => clearTimeout(timer));
      startReturned = true;
      if (waited === 'waiting' || !ready)
        log.warn(
          settings.appToken
            ? 'Slack is not reachable yet: Hiroba keeps trying in the background (/healthz shows slack "degraded")'
            : 'Slack is not reachable yet: Hiroba keeps trying in the background and answers /slack/events with 503 until then (/healthz shows slack "degraded")',
        );
      return server;
    },
    stop: stopAll,
  };
}

/** Bolt's logger shape over the console, for callers that pass none (main always passes its own). */
function consoleLogger(): Logger {
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...parts) => console.info(...parts),
    warn: (...parts) => console.warn(...parts),
    error: (...parts) => console.error(...parts),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
