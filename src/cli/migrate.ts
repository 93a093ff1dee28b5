import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { cliLocale, cliSay, sharedLocaleWorkspace } from './lang.js';
import { cliStoreTarget, openStoreForCli, targetLocation } from './open-store.js';

/**
 * `hiroba migrate [--db path]`: applies pending migrations (in a transaction each) and prints the
 * schema version. Safe to repeat. Exit 1 when the database refuses (e.g. written by a newer Hiroba).
 * With HIROBA_DATABASE_URL set it migrates that PostgreSQL database instead of the file.
 */
export async function migrateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('migrate', argv, { db: { type: 'string' } }, 0);
  const target = cliStoreTarget(values.db, io);
  if (target === null) return EXIT.failed;
  const store = await openStoreForCli('migrate', target, io, { create: true });
  if (store === null) return EXIT.failed;
  try {
    const path = targetLocation(target);
    // No workspace is named: speak the database's language when all its workspaces share one.
    const say = cliSay(cliLocale(io, sharedLocaleWorkspace(await store.repos.workspaces.list())));
    const { applied, current } = store.migration;
    const version = String(current);
    if (applied.length === 0) io.out(say('cli.migrate.upToDate', { path, version }));
    else io.out(say('cli.migrate.applied', { path, list: applied.join(', '), version }));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
