import { dbPathFromEnv, loadConfig } from '../config.js';
import { messageToPlainText } from '../core/message.js';
import { type ChatPlatform, type Clock, type NewOutboxRow, systemClock } from '../core/ports.js';
import { createHirobaCore } from '../core/service.js';
import { JOB_NAMES, jobNameSchema, type Platform } from '../core/types.js';
import { createLogger } from '../logger.js';
import { createAdapters, hirobaJobs } from '../main.js';
import { createJobRegistry, runJob } from '../scheduler/job-runner.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { openStoreForCli } from './open-store.js';
import { UsageError } from './usage.js';
import { pickWorkspace } from './workspace.js';

/**
 * `hiroba run-job <job> [--workspace W] [--dry-run] [--db path]`: runs one scheduled job now for
 * the current period, under the same ledger rule as the scheduler (a period that already ran sends
 * nothing again). The messages go into the outbox; the running Hiroba sends them. `--dry-run` builds
 * and prints them and writes nothing. Exit 0 when the job ran or had already run, 1 when it failed,
 * 2 for an unknown job or workspace.
 */
export async function runJobCommand(argv: string[], io: CliIo, clock: Clock = systemClock): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'run-job',
    argv,
    { workspace: { type: 'string' }, 'dry-run': { type: 'boolean' }, db: { type: 'string' } },
    1,
  );
  const name = positionals[0];
  if (name === undefined) throw new UsageError(`run-job: give the job to run, one of: ${JOB_NAMES.join(', ')}`);
  const parsedName = jobNameSchema.safeParse(name);
  if (!parsedName.success)
    throw new UsageError(`run-job: unknown job "${name}"; the jobs are: ${JOB_NAMES.join(', ')}`);
  const job = parsedName.data;
  const dryRun = values['dry-run'] ?? false;

  const path = values.db ?? dbPathFromEnv(io.env);
  const store = openStoreForCli('run-job', path, io);
  if (store === null) return EXIT.failed;
  try {
    const picked = pickWorkspace(store.repos, values.workspace);
    if (!picked.ok) {
      io.err(`run-job: ${picked.problem}`);
      return EXIT.usage;
    }
    const workspace = picked.workspace;
    const platforms: Partial<Record<Platform, ChatPlatform>> = {};
    let core = createHirobaCore({ repos: store.repos, clock });
    if (job === 'directory-sync') {
      // The only job that reads the platform: it needs that platform's credentials (and HIROBA_ADMINS).
      const loaded = loadConfig(io.env);
      if (!loaded.ok) {
        for (const problem of loaded.problems) io.err(problem);
        return EXIT.failed;
      }
      core = createHirobaCore({ repos: store.repos, clock, admins: loaded.config.admins });
      const logger = createLogger(loaded.config.logLevel, io.err);
      const adapters = await createAdapters(loaded.config, { core, repos: store.repos, logger, clock });
      const adapter = adapters[workspace.platform];
      if (adapter === undefined) {
        io.err(
          `run-job: directory-sync reads the ${workspace.platform} directory; set that platform's credentials (see .env.example) and run it again`,
        );
        return EXIT.failed;
      }
      platforms[workspace.platform] = adapter.platform;
    }
    const definition = createJobRegistry(hirobaJobs(core, platforms)).get(job);
    if (definition === undefined) {
      io.err(`run-job: the ${job} job is not available in this version of Hiroba`);
      return EXIT.failed;
    }

    let outcome;
    try {
      outcome = await runJob({ repos: store.repos }, definition, workspace, { now: clock.now(), dryRun });
    } catch (error) {
      io.err(
        `run-job: ${job} failed for ${workspace.externalId}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return EXIT.failed;
    }
    const where = `${job} for ${workspace.externalId}, period ${outcome.period}`;
    const detail = outcome.detail === undefined ? '' : ` (${outcome.detail})`;
    if (dryRun) {
      const note =
        outcome.status === 'already-ran' ? '; this period already ran, so a real run would send nothing' : '';
      io.out(`${where}: dry run, nothing written${note}; ${outcome.rows.length} message(s) would be queued${detail}`);
      for (const row of outcome.rows) printRow(row, io);
    } else if (outcome.status === 'already-ran') {
      io.out(`${where}: already ran for this period (the ledger keeps it to once); nothing queued again`);
    } else {
      io.out(`${where}: ${outcome.status}, ${outcome.enqueued} message(s) queued${detail}`);
      if (outcome.enqueued > 0)
        io.out('The running Hiroba sends them within seconds; if it is not running, `hiroba start` sends them.');
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

function printRow(row: NewOutboxRow, io: CliIo): void {
  const to = row.recipient.kind === 'channel' ? `channel ${row.recipient.id}` : `member ${row.recipient.id}`;
  io.out(`--- to ${to}${row.notBefore > row.createdAt ? ` (not before ${row.notBefore})` : ''}`);
  for (const line of messageToPlainText(row.message).split('\n')) io.out(`    ${line}`);
}
