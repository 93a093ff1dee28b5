import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { hostname } from 'node:os';
import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import { type Config, type LogLevel, loadConfig } from './config.js';
import type { ChatPlatform, HirobaCore } from './core/ports.js';
import { type Clock, systemClock } from './core/ports.js';
import { createHirobaCore } from './core/service.js';
import type { Platform, Workspace } from './core/types.js';
import { mountDashboard } from './dashboard/routes.js';
import { readHealth } from './health.js';
import { heldEventsFile, holdEventsOnFailure } from './held-events.js';
import { boundPort, createHttpServer, type HttpServer } from './http-server.js';
import { type AppLogger, createLogger } from './logger.js';
import { describeCronProblem } from './scheduler/cron-text.js';
import { createJobRegistry, type JobDefinition } from './scheduler/job-runner.js';
import { createJobThread, type JobThreadOptions, threadExecutor } from './scheduler/job-thread.js';
import { directorySyncJob, PROGRAM_JOBS } from './scheduler/jobs/program-jobs.js';
import { createOutboxWorker } from './scheduler/outbox-worker.js';
import { retentionJob } from './scheduler/retention-job.js';
import { validateCron } from './scheduler/schedule.js';
import { createScheduler } from './scheduler/scheduler.js';
import { startCheckpointThread } from './store/checkpoint-thread.js';
import { isInMemory } from './store/database.js';
import { namedLease } from './store/lease-repo.js';
import { openStore, type Store } from './store/open-store.js';

/**
 * The running server's SQLite busy timeout: the driver is synchronous, so a wait for another
 * connection's lock stops the event loop; longer waits are retried off the hot path instead.
 */
export const SERVER_BUSY_TIMEOUT_MS = 80;

/** The one line `npm start` prints when neither Slack nor Teams is configured. */
export const NO_CREDENTIALS_LINE =
  'No Slack or Teams credentials found (set SLACK_BOT_TOKEN+SLACK_SIGNING_SECRET or MicrosoftAppId/TEAMS_ENABLED); to see Hiroba work without them, run: npm run demo';

/** Exit codes of `hiroba start`: 0 stopped cleanly, 1 could not start (configuration, database, port). */
export const EXIT_START_FAILED = 1;

export interface MainIo {
  /** Operator-facing lines (problems, "listening on"). */
  err(line: string): void;
}

const stderrIo: MainIo = { err: (line) => process.stderr.write(`${line}\n`) };

/** A platform adapter as main wires it: its way out, and its own start/stop where it has one (Socket Mode). */
export interface AdapterHandle {
  platform: ChatPlatform;
  start?(): Promise<unknown>;
  stop?(): Promise<unknown>;
  /** Work `start` began in the background (Slack's first directory sync); never rejects. */
  startupSync?(): Promise<unknown>;
  /** `degraded` while the platform is retried in the background (Slack's `auth.test`, Socket Mode); `/healthz` shows it. */
  state?(): 'on' | 'degraded' | 'insecure';
}

export interface Running {
  port: number;
  core: HirobaCore;
  /** Resolves when the adapters' background start-up work (the first directory sync) is done. */
  ready: Promise<void>;
  /** Resolves when the catch-up on start is done; it begins after the server listens. */
  caughtUp: Promise<void>;
  /** Stops the scheduler, the outbox worker, the adapters and the server, then closes the database. */
  stop(): Promise<void>;
}

export type MainResult = { ok: true; running: Running } | { ok: false; exitCode: number };

export interface MainOptions {
  io?: MainIo;
  clock?: Clock;
  /** Install SIGINT/SIGTERM handlers (the CLI does; tests do not). */
  handleSignals?: boolean;
}

/** The line `main` prints when Slack refuses the token after start (revoked while Hiroba was retrying). */
export const FATAL_PREFIX = 'Hiroba stopped:';

/**
 * The composition root behind `npm start` / `hiroba start`: config → store → outbox worker and job
 * thread → core → scheduler → adapters on the shared HTTP server → listen on PORT → catch-up, then cron. Reads the
 * environment once, here. Never throws for an expected problem: bad configuration, no credentials or
 * an unusable database print one line each and give exit code 1.
 */
export async function main(env: NodeJS.ProcessEnv = process.env, options: MainOptions = {}): Promise<MainResult> {
  const io = options.io ?? stderrIo;
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.err(problem);
    return { ok: false, exitCode: EXIT_START_FAILED };
  }
  const config = loaded.config;
  if (config.slack === null && config.teams === null) {
    io.err(NO_CREDENTIALS_LINE);
    return { ok: false, exitCode: EXIT_START_FAILED };
  }
  const logger = createLogger(config.logLevel, io.err);
  for (const warning of config.warnings ?? []) logger.warn(warning);
  let running: Running | null = null;
  let fatalBeforeRunning = false;
  // A token refused after start-up (Slack was down at boot, then said invalid_auth): one line, stop, exit 1.
  const onFatal = (error: Error): void => {
    io.err(`${FATAL_PREFIX} ${error.message}`);
    process.exitCode = EXIT_START_FAILED;
    if (running === null) fatalBeforeRunning = true;
    void running?.stop().catch((stopError: unknown) => logger.error('error while stopping', { error: stopError }));
  };
  try {
    running = await startHiroba(config, { logger, clock: options.clock ?? systemClock, onFatal });
  } catch (error) {
    io.err(`Hiroba could not start: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, exitCode: EXIT_START_FAILED };
  }
  if (fatalBeforeRunning) {
    await running.stop();
    return { ok: false, exitCode: EXIT_START_FAILED };
  }
  if (options.handleSignals ?? true) stopOnSignals(running, logger);
  return { ok: true, running };
}

/**
 * The adapters whose credentials are configured, mounted on `router` when given (the shared server;
 * `run-job directory-sync` passes none and only uses their platforms). Each SDK is imported lazily,
 * so a Teams-only deployment never loads Bolt and vice versa. Called by `startHiroba` and the CLI.
 */
export async function createAdapters(
  config: Pick<Config, 'slack' | 'teams' | 'logLevel'>,
  deps: {
    core: HirobaCore;
    repos: Store['repos'];
    router?: HttpServer['app'];
    /** The shared server's front door and the replay guard, for Slack's message and reaction events. */
    slackFront?: SlackFront;
    /** The shared server's front door, for Teams channel posts. */
    front?: HttpServer['front'];
    logger: AppLogger;
    clock: Clock;
    onFatal?: (error: Error) => void;
  },
): Promise<Partial<Record<Platform, AdapterHandle>>> {
  const { core, router, logger, clock } = deps;
  const adapters: Partial<Record<Platform, AdapterHandle>> = {};
  if (config.slack !== null) {
    const { createSlackApp } = await import('./slack/app.js');
    const { botToken, signingSecret, appToken, apiUrl, apiTimeoutMs } = config.slack;
    adapters.slack = createSlackApp({
      core,
      config: {
        botToken,
        ...(signingSecret === null ? {} : { signingSecret }),
        ...(appToken === null ? {} : { appToken }),
        ...(apiUrl === null ? {} : { apiUrl }),
        requestTimeoutMs: apiTimeoutMs,
      },
      ...(router === undefined ? {} : { router }),
      ...(deps.slackFront === undefined ? {} : { front: deps.slackFront }),
      logger: boltLogger(logger, config.logLevel),
      ...(deps.onFatal === undefined ? {} : { onFatal: deps.onFatal }),
    });
  }
  if (config.teams !== null) {
    const { createTeamsBot } = await import('./teams/bot.js');
    const { appId, appPassword, appType, tenantId, security } = config.teams;
    adapters.teams = createTeamsBot({
      core,
      repos: deps.repos,
      config: { appId, appPassword, appType, security, ...(tenantId === null ? {} : { tenantId }) },
      ...(router === undefined ? {} : { router }),
      ...(deps.front === undefined ? {} : { front: deps.front }),
      logger,
      clock,
    });
  }
  return adapters;
}

/** Where Slack's hot events are taken before express, with the replay guard's check. */
interface SlackFront {
  door: HttpServer['front'];
  replay: (signature: string, timestamp: string) => Promise<'pass' | 'future' | 'replay'>;
}

/**
 * The replay guard on `/slack/events` (before Bolt), and the front door with the same guard's check:
 * Slack's messages and reactions are taken there, before express, and the rest falls through to it.
 */
async function slackGuardedFront(server: HttpServer, store: Store, logger: AppLogger): Promise<SlackFront> {
  const { createReplayGuard } = await import('./slack/request-guard.js');
  // Slack signs with wall-clock time (Bolt checks age with Date.now), whatever clock the rest uses.
  const guard = createReplayGuard({ replays: store.replays, now: () => new Date(), warn: (m, f) => logger.warn(m, f) });
  server.app.use('/slack/events', guard.handler);
  return { door: server.front, replay: guard.check };
}

/** Bolt's logger interface over ours, so Slack's lines share the process's format and level. */
function boltLogger(logger: AppLogger, initial: LogLevel): BoltLogger {
  let level = initial;
  const line = (parts: unknown[]): string =>
    parts
      .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part)))
      .join(' ');
  return {
    debug: (...parts) => logger.debug(`slack: ${line(parts)}`),
    info: (...parts) => logger.info(`slack: ${line(parts)}`),
    warn: (...parts) => logger.warn(`slack: ${line(parts)}`),
    error: (...parts) => logger.error(`slack: ${line(parts)}`),
    setLevel: (next) => {
      level = next as LogLevel;
    },
    getLevel: () => level as BoltLogLevel,
    setName: () => undefined,
  };
}

/**
 * Wires and starts everything for a valid configuration, each part built before what uses it (none
 * is filled in afterwards). The server listens before the catch-up on start, and the jobs that need
 * only the database run on the job thread, so neither holds events or `/healthz`. Throws when the
 * database or the port is unusable (after undoing what was already started). Called by `main` (all interfaces), and by tests
 * with port 0 on 127.0.0.1.
 */
export async function startHiroba(
  config: Config,
  deps: {
    logger: AppLogger;
    clock: Clock;
    host?: string;
    onFatal?: (error: Error) => void;
    /** The jobs the job thread runs (tests give it slow ones); by default the programs and retention. */
    jobThread?: Pick<JobThreadOptions, 'jobsModule' | 'names'>;
  },
): Promise<Running> {
  const { logger, clock } = deps;
  const store = await openStore(config.store, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS, poolSize: config.poolSize });
  const cleanups: Array<() => Promise<unknown> | unknown> = [() => store.close()];
  // WAL checkpoints (two fsyncs each) run on a thread of their own, not inside an event's commit.
  if (store.sqlite !== null && config.store.kind === 'sqlite' && !isInMemory(config.store.path)) {
    const checkpoints = startCheckpointThread(store.sqlite, config.store.path, {
      onError: (message) => logger.warn('WAL checkpoint failed; tried again in a second', { reason: message }),
    });
    cleanups.push(() => checkpoints.stop());
  }
  const undo = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error('error while stopping', { error });
      }
    }
  };

  try {
    const { repos } = store;
    // Filled once the adapters exist; until then nothing reads them (the server is not listening).
    const platforms: Partial<Record<Platform, ChatPlatform>> = {};
    const adapters: Partial<Record<Platform, AdapterHandle>> = {};
    const holder = processHolder();
    const outbox = createOutboxWorker({
      repos,
      platforms,
      clock,
      logger,
      limits: config.rateLimits,
      holder,
      leaseMs: config.outboxLeaseMs,
    });
    const enqueued = (): void => outbox.notify();
    // The jobs that need only the database run on a thread of their own: the server keeps answering.
    const thread = createJobThread({ target: config.store, logger, onEnqueued: enqueued, ...deps.jobThread });
    cleanups.push(() => thread.stop());
    // Slow answers (an ops person's `stats` over 100,000 members) on a thread of their own: the server
    // keeps acknowledging events meanwhile, and an answer never waits behind a weekly job.
    const answers = createJobThread({
      target: config.store,
      logger,
      onEnqueued: enqueued,
      admins: config.admins,
      names: [],
    });
    cleanups.push(() => answers.stop());
    const settingsChanged = listeners<Workspace>();
    const core = createHirobaCore({
      repos,
      clock,
      admins: config.admins,
      defaults: { timezone: config.timezone, locale: config.locale },
      logError: (message, error) => logger.error(message, { error }),
      validateCron: (expression, locale) => {
        const check = validateCron(expression);
        return check.ok ? { ok: true } : { ok: false, reason: describeCronProblem(locale, check) };
      },
      runJob: (job, workspace, now) => thread.run(job, workspace, { now }),
      answerAway: (request) => answers.answer(request, clock.now()),
      onSettingsChanged: settingsChanged.emit,
      channelName: async (workspace, channelId) =>
        (await platforms[workspace.platform]?.channelName?.(workspace, channelId)) ?? null,
      sendFile: async (workspace, memberPlatformId, file) => {
        const platform = platforms[workspace.platform];
        if (platform?.sendFile === undefined)
          return { ok: false, failure: { kind: 'permanent', code: 'files_not_supported' } };
        return platform.sendFile(workspace, memberPlatformId, file);
      },
      dashboardUrl: config.publicUrl,
    });
    const scheduler = createScheduler({
      repos,
      jobs: createJobRegistry(hirobaJobs(core, platforms)),
      clock,
      platforms,
      logger,
      onEnqueued: enqueued,
      execute: threadExecutor(thread, { repos, logger, onEnqueued: enqueued }),
      lease: namedLease(store.leases, 'scheduler', holder),
    });
    // A schedule, time zone or calendar changed by ops re-arms that workspace's crons.
    // The reload runs on its own: the command that changed the settings has answered already.
    settingsChanged.on(
      (workspace) =>
        void scheduler.reload(workspace.id).catch((error: unknown) =>
          logger.error('schedule not re-armed after a settings change; it is at the next start', {
            workspaceId: workspace.id,
            error,
          }),
        ),
    );

    // Events the database refuses for the moment are held and recorded later (nothing acknowledged is lost).
    const held = holdEventsOnFailure({ core, file: heldEventsFile(config.dbPath), logger });
    cleanups.push(() => held.stop());
    await held.replay();
    const server = createHttpServer({
      health: () =>
        readHealth({
          store,
          platforms,
          adapterState: (platform) => adapters[platform]?.state?.(),
          clock,
          unrecorded: () => outbox.unrecorded(),
          held: () => ({ held: held.held(), lastError: held.lastError() }),
          leading: () => scheduler.leading(),
          jobWriting: () => thread.writing() || answers.writing(),
        }),
      onError: (error) => logger.error('HTTP route failed', { error }),
      onClientError: (line) => logger.warn(line),
    });
    cleanups.push(() => server.close());
    mountDashboard(server.app, {
      repos,
      clock,
      publicUrl: config.publicUrl,
      defaultLocale: config.locale,
      logger,
    });
    const slackFront =
      config.slack !== null && config.slack.socketMode === false
        ? await slackGuardedFront(server, store, logger)
        : undefined;
    Object.assign(
      adapters,
      await createAdapters(config, {
        core: held.core,
        repos,
        router: server.app,
        front: server.front,
        ...(slackFront === undefined ? {} : { slackFront }),
        logger,
        clock,
        ...(deps.onFatal === undefined ? {} : { onFatal: deps.onFatal }),
      }),
    );
    for (const [name, adapter] of Object.entries(adapters) as Array<[Platform, AdapterHandle]>) {
      platforms[name] = adapter.platform;
      if (adapter.stop !== undefined) cleanups.push(() => adapter.stop?.());
    }

    cleanups.push(() => outbox.stop());
    outbox.start();
    const listening: http.Server = await server.listen(config.port, deps.host ?? config.host ?? undefined);
    for (const adapter of Object.values(adapters)) await adapter.start?.();
    // Catch-up starts once the server answers: the week's due jobs run on the job thread meanwhile.
    // A stop cuts a run still going on the thread short (it rolls back; catch-up runs it next start).
    cleanups.push(async () => {
      const stopping = scheduler.stop();
      await thread.stop();
      await stopping;
    });
    const caughtUp = scheduler.start().then(
      (results) => {
        if (results.length > 0) logger.info('caught up on scheduled jobs', { runs: results.length });
      },
      (error: unknown) => {
        // The server keeps serving; the next lease check (every 20 s) catches up and arms the crons.
        logger.error('catch-up on start failed; tried again at the next lease check', { error });
      },
    );
    const ready = Promise.all(Object.values(adapters).map((adapter) => adapter.startupSync?.())).then(() => undefined);
    // The database must outlive a directory sync still running when a stop comes.
    cleanups.splice(1, 0, () => ready);
    const port = boundPort(listening);
    logger.info('Hiroba is running', {
      port,
      slack: config.slack === null ? 'off' : config.slack.socketMode ? 'socket mode' : 'http',
      teams: config.teams === null ? 'off' : config.teams.security === 'insecure' ? 'insecure' : 'on',
      ...(config.teams === null ? {} : { teamsAuth: config.teams.security }),
      db: store.location,
    });
    return { port, core, ready, caughtUp, stop: undo };
  } catch (error) {
    await undo();
    throw error;
  }
}

/**
 * Every scheduled job: the programs, the directory sync and retention. Shared by the running process
 * and `hiroba run-job`, so both follow the same definitions.
 */
export function hirobaJobs(core: HirobaCore, platforms: Partial<Record<Platform, ChatPlatform>>): JobDefinition[] {
  return [...PROGRAM_JOBS, directorySyncJob({ core, platforms }), retentionJob];
}

/** A value announced to whoever listens: the core tells, the scheduler listens, neither knows the other. */
function listeners<T>(): { emit: (value: T) => void; on: (listener: (value: T) => void) => void } {
  const all: Array<(value: T) => void> = [];
  return {
    emit: (value) => {
      for (const listener of all) listener(value);
    },
    on: (listener) => {
      all.push(listener);
    },
  };
}

/** This process's name in outbox claims and the scheduler lease: host, pid and a random suffix. */
function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * A repeat of the stop signal this soon after the first is the same stop reaching us again: a
 * container stop or Ctrl-C signals the whole process group, and npm and tsx pass it on once more.
 */
const SAME_STOP_MS = 1000;

/**
 * SIGINT/SIGTERM stop everything in order; a second signal (after `SAME_STOP_MS`), or a stop that
 * hangs, exits at once.
 */
function stopOnSignals(running: Running, logger: AppLogger): void {
  let stoppingSince: number | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince < SAME_STOP_MS) return;
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info('stopping', { signal });
    const force = setTimeout(() => {
      logger.error('stop took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    running.stop().then(
      () => {
        clearTimeout(force);
        logger.info('stopped');
        process.exitCode = 0;
      },
      (error: unknown) => {
        logger.error('error while stopping', { error });
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
