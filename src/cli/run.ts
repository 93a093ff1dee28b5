import { localeSchema } from '../core/types.js';
import { backupCommand } from './backup.js';
import { copyDbCommand } from './copy-db.js';
import { demoCommand } from './demo.js';
import { importDirectoryCommand } from './import-directory.js';
import { type CliIo, EXIT } from './io.js';
import { cliLocale, cliSay, envLocale } from './lang.js';
import { migrateCommand } from './migrate.js';
import { runJobCommand } from './run-job.js';
import { startCommand } from './start.js';
import { commandHelp, UsageError, usage } from './usage.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  start: startCommand,
  demo: demoCommand,
  migrate: migrateCommand,
  'import-directory': importDirectoryCommand,
  'run-job': runJobCommand,
  backup: backupCommand,
  'copy-db': copyDbCommand,
};

const HELP = new Set(['help', '--help', '-h']);

/**
 * Takes `--locale ja|en` (or `--locale=en`) out of the arguments wherever it stands: it is an
 * option of every command, read before the command runs so that even its usage errors are in
 * that language.
 */
function takeLocale(argv: string[]): { rest: string[]; value: string | undefined; missing: boolean } {
  const rest: string[] = [];
  let value: string | undefined;
  let missing = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--locale=')) {
      value = arg.slice('--locale='.length);
    } else if (arg === '--locale') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) missing = true;
      else {
        value = next;
        i += 1;
      }
    } else {
      rest.push(arg);
    }
  }
  return { rest, value, missing };
}

/**
 * Runs one `hiroba` subcommand and returns its exit code: 0 done, 1 failed, 2 bad arguments or
 * unusable input. It speaks the workspace's language (`--locale`, the workspace, HIROBA_LOCALE,
 * Japanese). A usage error prints one line and the usage; an unexpected error prints one line (its
 * message, no stack trace). Called by `src/cli.ts` and the CLI tests.
 */
export async function runCli(argv: string[], baseIo: CliIo): Promise<number> {
  const taken = takeLocale(argv);
  const fallback = baseIo.locale ?? envLocale(baseIo.env) ?? 'ja';
  if (taken.missing || taken.value !== undefined) {
    const parsed = localeSchema.safeParse(taken.value);
    if (!parsed.success) {
      const say = cliSay(fallback);
      baseIo.err(
        taken.missing
          ? say('cli.args.missingValue', { command: 'hiroba', option: '--locale' })
          : say('cli.args.locale', { value: taken.value ?? '' }),
      );
      baseIo.err(usage(fallback));
      return EXIT.usage;
    }
    baseIo = { ...baseIo, locale: parsed.data };
  }
  const io = baseIo;
  const locale = cliLocale(io);
  const say = cliSay(locale);
  const [name, ...rest] = taken.rest;

  if (name === undefined || HELP.has(name)) {
    io.out(name === undefined ? usage(locale) : commandHelp(locale, rest[0]));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(say('cli.unknownCommand', { name }));
    io.err(usage(locale));
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(locale, name));
    return EXIT.ok;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.text(locale));
      io.err(usage(locale));
      return EXIT.usage;
    }
    io.err(say('cli.failed', { command: name, reason: error instanceof Error ? error.message : String(error) }));
    if (io.env.HIROBA_LOG_LEVEL === 'debug' && error instanceof Error && error.stack) io.err(error.stack);
    return EXIT.failed;
  }
}
