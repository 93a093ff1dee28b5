import type http from 'node:http';
import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import { type Config, type LogLevel, loadConfig } from './config.js';
import type { ChatPlatform, HirobaCore, JobRunResult } from './core/ports.js';
import { type Clock, systemClock } from './core/ports.js';
import { createHirobaCore } from './core/service.js';
import type { JobName, Platform, Workspace } from './core/types.js';
import { boundPort, createHttpServer, type HealthReport, type HttpServer } from './http-server.js';
import { type AppLogger, createLogger } from './logger.js';
import { describeCronProblem } from './scheduler/cron-text.js';
import { createJobRegistry, type JobDefinition, type JobRegistry, runJob } from './scheduler/job-runner.js';
import { directorySyncJob, PROGRAM_JOBS } from './scheduler/jobs/program-jobs.js';
import { createOutboxWorker } from './scheduler/outbox-worker.js';
import { retentionJob } from './scheduler/retention-job.js';
import { validateCron } from './scheduler/schedule.js';
import { createScheduler } from './scheduler/scheduler.js';
import { openStore, type Store } from './store/sqlite-store.js';

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
  state?(): 'on' | 'degraded';
}

export interface Running {
  port: number;
  core: HirobaCore;
  /** Resolves when the adapters' background start-up work (the first directory sync) is done. */
  ready: Promise<void>;
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
 * The composition root behind `npm start` / `hiroba start`: config → store → core → adapters on the
 * shared HTTP server → scheduler (catch-up, then cron) and outbox worker → listen on PORT. Reads the
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
    logger: AppLogger;
    clock: Clock;
    onFatal?: (error: Error) => void;
  },
): Promise<Partial<Record<Platform, AdapterHandle>>> {
  const { core, router, logger, clock } = deps;
  const adapters: Partial<Record<Platform, AdapterHandle>> = {};
  if (config.slack !== null) {
    const { createSlackApp } = await import('./slack/app.js');
    const { botToken, signingSecret, appToken, apiUrl } = config.slack;
    adapters.slack = createSlackApp({
      core,
      config: {
        botToken,
        ...(signingSecret === null ? {} : { signingSecret }),
        ...(appToken === null ? {} : { appToken }),
        ...(apiUrl === null ? {} : { apiUrl }),
      },
      ...(router === undefined ? {} : { router }),
      logger: boltLogger(logger, config.logLevel),
      ...(deps.onFatal === undefined ? {} : { onFatal: deps.onFatal }),
    });
  }
  if (config.teams !== null) {
    const { createTeamsBot } = await import('./teams/bot.js');
    const { appId, appPassword, appType, tenantId } = config.teams;
    adapters.teams = createTeamsBot({
      core,
      repos: deps.repos,
      config: { appId, appPassword, appType, ...(tenantId === null ? {} : { tenantId }) },
      ...(router === undefined ? {} : { router }),
      logger,
      clock,
    });
  }
  return adapters;
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
 * Wires and starts everything for a valid configuration; throws when the database or the port is
 * unusable (after undoing what was already started). Called by `main` (all interfaces), and by tests
 * with port 0 on 127.0.0.1.
 */
export async function startHiroba(
  config: Config,
  deps: { logger: AppLogger; clock: Clock; host?: string; onFatal?: (error: Error) => void },
): Promise<Running> {
  const { logger, clock } = deps;
  const store = openStore(config.dbPath);
  const cleanups: Array<() => Promise<unknown> | unknown> = [() => store.close()];
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
    const platforms: Partial<Record<Platform, ChatPlatform>> = {};
    // The scheduler and the core refer to each other (`digest send` runs a job; a settings change
    // re-arms crons): the registry and scheduler are assigned right after the core is built.
    let jobs: JobRegistry = new Map();
    let reload: (workspaceId: number) => void = () => undefined;
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
      runJob: async (job: JobName, workspace: Workspace, now: Date): Promise<JobRunResult> => {
        const definition = jobs.get(job);
        if (definition === undefined) throw new Error(`job ${job} is not registered`);
        const outcome = await runJob({ repos, logger, onEnqueued: () => worker.notify() }, definition, workspace, {
          now,
        });
        return {
          job: outcome.job,
          workspaceId: outcome.workspaceId,
          period: outcome.period,
          status: outcome.status,
          enqueued: outcome.enqueued,
          ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
        };
      },
      onSettingsChanged: (workspace) => reload(workspace.id),
    });

    let adapters: Partial<Record<Platform, AdapterHandle>> = {};
    const server = createHttpServer({
      health: () => health(store, platforms, adapters),
      onError: (error) => logger.error('HTTP route failed', { error }),
      onClientError: (line) => logger.warn(line),
    });
    cleanups.push(() => server.close());
    adapters = await createAdapters(config, {
      core,
      repos,
      router: server.app,
      logger,
      clock,
      ...(deps.onFatal === undefined ? {} : { onFatal: deps.onFatal }),
    });
    for (const [name, adapter] of Object.entries(adapters) as Array<[Platform, AdapterHandle]>) {
      platforms[name] = adapter.platform;
      if (adapter.stop !== undefined) cleanups.push(() => adapter.stop?.());
    }

    jobs = createJobRegistry(hirobaJobs(core, platforms));
    const worker = createOutboxWorker({ repos, platforms, clock, logger, limits: config.rateLimits });
    const scheduler = createScheduler({ repos, jobs, clock, platforms, logger, onEnqueued: () => worker.notify() });
    reload = (workspaceId) => scheduler.reload(workspaceId);
    cleanups.push(() => worker.stop());
    worker.start();
    cleanups.push(() => scheduler.stop());
    const caughtUp = await scheduler.start();
    if (caughtUp.length > 0) logger.info('caught up on scheduled jobs', { runs: caughtUp.length });

    const listening: http.Server = await server.listen(config.port, deps.host);
    for (const adapter of Object.values(adapters)) await adapter.start?.();
    const ready = Promise.all(Object.values(adapters).map((adapter) => adapter.startupSync?.())).then(() => undefined);
    // The database must outlive a directory sync still running when a stop comes.
    cleanups.splice(1, 0, () => ready);
    const port = boundPort(listening);
    logger.info('Hiroba is running', {
      port,
      slack: config.slack === null ? 'off' : config.slack.socketMode ? 'socket mode' : 'http',
      teams: config.teams === null ? 'off' : 'on',
      db: config.dbPath,
    });
    return { port, core, ready, stop: undo };
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

/** `/healthz`: a trivial query proves the database answers; pending outbox rows show delivery lag. */
function health(
  store: Store,
  platforms: Partial<Record<Platform, ChatPlatform>>,
  handles: Partial<Record<Platform, AdapterHandle>>,
): HealthReport {
  const state = (platform: Platform) =>
    platforms[platform] ? (handles[platform]?.state?.() ?? 'on') : ('off' as const);
  const adapters = { slack: state('slack'), teams: state('teams') === 'off' ? 'off' : 'on' } as const;
  try {
    const row = store.db.prepare("SELECT COUNT(*) AS pending FROM outbox WHERE status = 'pending'").get() as {
      pending: number;
    };
    return { db: 'ok', adapters, outbox: { pending: row.pending } };
  } catch {
    return { db: 'error', adapters, outbox: { pending: 0 } };
  }
}

/** SIGINT/SIGTERM stop everything in order; a second signal, or a stop that hangs, exits at once. */
function stopOnSignals(running: Running, logger: AppLogger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
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
