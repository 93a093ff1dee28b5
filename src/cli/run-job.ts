import { loadConfig } from '../config.js';
import { t } from '../core/i18n/index.js';
import type { ChatPlatform, Clock } from '../core/ports.js';
import { systemClock } from '../core/ports.js';
import { createHirobaCore } from '../core/service.js';
import { JOB_NAMES, type JobName, type Locale, type Platform } from '../core/types.js';
import { headingKey } from '../directory/headings.js';
import { createLogger } from '../logger.js';
import { createAdapters, hirobaJobs } from '../main.js';
import { createJobRegistry, runJob } from '../scheduler/job-runner.js';
import { parseCommandArgs } from './args.js';
import { parseAt } from './at-time.js';
import { type CliIo, EXIT } from './io.js';
import { cliLocale, cliSay } from './lang.js';
import { cliStoreTarget, openStoreForCli } from './open-store.js';
import { formatInstant, printRecipients } from './run-job-report.js';
import { UsageError } from './usage.js';
import { pickWorkspace, platformName } from './workspace.js';

/** A job by its name (`digest`) or its label in either language (`週次ダイジェスト`, `weekly digest`). */
function jobNamed(word: string): JobName | null {
  const key = headingKey(word);
  return (
    JOB_NAMES.find(
      (job) =>
        headingKey(job) === key ||
        (['ja', 'en'] as const).some((l: Locale) => headingKey(t(l, `cli.job.${job}`)) === key),
    ) ?? null
  );
}

/**
 * `hiroba run-job <job> [--workspace W] [--dry-run [--at <date>]] [--db path]`: runs one scheduled
 * job now for the current period, under the same ledger rule as the scheduler (a period that already
 * ran sends nothing again). The messages go into the outbox; the running Hiroba sends them.
 * `--dry-run` builds them and prints who would get what (names and departments, counts by
 * department) and writes nothing; `--at` evaluates the job as of another time (workspace zone).
 * Exit 0 when the job ran or had already run, 1 when it failed, 2 for an unknown job or workspace
 * or an unreadable `--at`.
 */
export async function runJobCommand(argv: string[], io: CliIo, clock: Clock = systemClock): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'run-job',
    argv,
    { workspace: { type: 'string' }, 'dry-run': { type: 'boolean' }, at: { type: 'string' }, db: { type: 'string' } },
    1,
  );
  const early = cliSay(cliLocale(io));
  const jobList = JOB_NAMES.join(', ');
  const name = positionals[0];
  if (name === undefined) throw new UsageError('cli.runJob.missing', { jobs: jobList });
  const job = jobNamed(name);
  if (job === null) throw new UsageError('cli.runJob.unknown', { name, jobs: jobList });
  const dryRun = values['dry-run'] ?? false;
  if (values.at !== undefined && !dryRun) throw new UsageError('cli.runJob.atNeedsDryRun');

  const target = cliStoreTarget(values.db, io);
  if (target === null) return EXIT.failed;
  const store = await openStoreForCli('run-job', target, io);
  if (store === null) return EXIT.failed;
  try {
    const picked = await pickWorkspace(store.repos, values.workspace, (text) => early(text.key, text.params), {
      noneKey: 'cli.workspace.noneRun',
    });
    if (!picked.ok) {
      io.err(`run-job: ${early(picked.problem.key, picked.problem.params)}`);
      return EXIT.usage;
    }
    const workspace = picked.workspace;
    const locale = cliLocale(io, workspace);
    const say = cliSay(locale);
    let runClock = clock;
    if (values.at !== undefined) {
      const at = parseAt(values.at, job, workspace.settings);
      if (at === null) {
        io.err(say('cli.runJob.atInvalid', { value: values.at }));
        return EXIT.usage;
      }
      runClock = { now: () => new Date(at) };
    }

    const platforms: Partial<Record<Platform, ChatPlatform>> = {};
    let core = createHirobaCore({ repos: store.repos, clock: runClock });
    if (job === 'directory-sync') {
      // The only job that reads the platform: it needs that platform's credentials (and HIROBA_ADMINS).
      const loaded = loadConfig(io.env);
      if (!loaded.ok) {
        for (const problem of loaded.problems) io.err(problem);
        return EXIT.failed;
      }
      core = createHirobaCore({ repos: store.repos, clock: runClock, admins: loaded.config.admins });
      const logger = createLogger(loaded.config.logLevel, io.err);
      const adapters = await createAdapters(loaded.config, { core, repos: store.repos, logger, clock: runClock });
      const adapter = adapters[workspace.platform];
      if (adapter === undefined) {
        io.err(say('cli.runJob.noCredentials', { platform: platformName(workspace.platform) }));
        return EXIT.failed;
      }
      platforms[workspace.platform] = adapter.platform;
    }
    const definition = createJobRegistry(hirobaJobs(core, platforms)).get(job);
    if (definition === undefined) {
      io.err(say('cli.runJob.unavailable', { job }));
      return EXIT.failed;
    }

    let outcome;
    try {
      outcome = await runJob({ repos: store.repos }, definition, workspace, { now: runClock.now(), dryRun });
    } catch (error) {
      io.err(
        say('cli.runJob.failed', {
          job,
          id: workspace.externalId,
          reason: error instanceof Error ? error.message : String(error),
        }),
      );
      return EXIT.failed;
    }
    const where = say('cli.runJob.where', {
      label: say(`cli.job.${job}`),
      job,
      id: workspace.externalId,
      period: outcome.period,
    });
    const detail = outcome.detail === undefined ? '' : say('cli.runJob.detail', { detail: outcome.detail });
    if (values.at !== undefined) {
      io.out(
        say('cli.runJob.asOf', {
          at: formatInstant(locale, runClock.now(), workspace.settings.timezone),
          timezone: workspace.settings.timezone,
        }),
      );
    }
    if (dryRun) {
      io.out(say('cli.runJob.dryRun', { where, count: outcome.rows.length, detail }));
      if (outcome.status === 'already-ran') io.out(say('cli.runJob.dryRunAlreadyRan'));
      await printRecipients(outcome.rows, store.repos, workspace, locale, io);
    } else if (outcome.status === 'already-ran') {
      io.out(say('cli.runJob.alreadyRan', { where }));
    } else {
      io.out(say('cli.runJob.ran', { where, count: outcome.enqueued, detail }));
      if (outcome.enqueued > 0) io.out(say('cli.runJob.sendHint'));
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
