import { dbPathFromEnv } from '../config.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { openStoreForCli } from './open-store.js';

/**
 * `hiroba migrate [--db path]`: applies pending migrations (in a transaction each) and prints the
 * schema version. Safe to repeat. Exit 1 when the database refuses (e.g. written by a newer Hiroba).
 */
export async function migrateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('migrate', argv, { db: { type: 'string' } }, 0);
  const path = values.db ?? dbPathFromEnv(io.env);
  const store = openStoreForCli('migrate', path, io, { create: true });
  if (store === null) return EXIT.failed;
  try {
    const { applied, current } = store.migration;
    if (applied.length === 0) io.out(`${path}: schema is up to date (version ${current})`);
    else io.out(`${path}: applied ${applied.join(', ')}; schema is now version ${current}`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
