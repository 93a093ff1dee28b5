import { existsSync } from 'node:fs';
import { runDemo } from '../demo/run-demo.js';
import { parseCommandArgs, wholeNumber } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { cliLocale } from './lang.js';
import { UsageError } from './usage.js';

/**
 * `hiroba demo [--locale ja|en] [--db path] [--weeks n] [--seed n]`: the whole programme on a
 * simulated company, no credentials needed, in the CLI's language (`--locale`, HIROBA_LOCALE, ja).
 * The database goes to a temporary directory unless `--db` says otherwise (never into the repository).
 */
export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    'demo',
    argv,
    { db: { type: 'string' }, weeks: { type: 'string' }, seed: { type: 'string' } },
    0,
  );
  const weeks = wholeNumber('demo', 'weeks', values.weeks, 10, 4, 52);
  const seed = wholeNumber('demo', 'seed', values.seed, 42, 0, 2 ** 32 - 1);
  if (values.db !== undefined && existsSync(values.db)) throw new UsageError('cli.demo.dbExists', { path: values.db });
  await runDemo({
    locale: cliLocale(io),
    weeks,
    seed,
    ...(values.db === undefined ? {} : { dbPath: values.db }),
    out: io.out,
  });
  return EXIT.ok;
}
