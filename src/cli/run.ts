import { backupCommand } from './backup.js';
import { demoCommand } from './demo.js';
import { importDirectoryCommand } from './import-directory.js';
import { type CliIo, EXIT } from './io.js';
import { migrateCommand } from './migrate.js';
import { runJobCommand } from './run-job.js';
import { startCommand } from './start.js';
import { USAGE, UsageError } from './usage.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  start: startCommand,
  demo: demoCommand,
  migrate: migrateCommand,
  'import-directory': importDirectoryCommand,
  'run-job': runJobCommand,
  backup: backupCommand,
};

/**
 * Runs one `hiroba` subcommand and returns its exit code: 0 done, 1 failed, 2 bad arguments or
 * unusable input. A usage error prints one line and the usage; an unexpected error prints one line
 * (its message, no stack trace). Called by `src/cli.ts` and the CLI tests.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`hiroba: unknown command "${name}"`);
    io.err(USAGE);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return EXIT.ok;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(USAGE);
      return EXIT.usage;
    }
    io.err(`hiroba ${name}: ${error instanceof Error ? error.message : String(error)}`);
    if (io.env.HIROBA_LOG_LEVEL === 'debug' && error instanceof Error && error.stack) io.err(error.stack);
    return EXIT.failed;
  }
}
