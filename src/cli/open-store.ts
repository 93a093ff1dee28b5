import { existsSync } from 'node:fs';
import { storeTargetFromEnv } from '../config.js';
import { openStore, type Store, type StoreTarget } from '../store/open-store.js';
import { redactedUrl } from '../store/store.js';
import type { CliIo } from './io.js';
import { cliLocale, cliSay } from './lang.js';

/** How messages name a store: the file path, or the URL without its password (it reaches terminals and logs). */
export function targetLocation(target: StoreTarget): string {
  return target.kind === 'sqlite' ? target.path : redactedUrl(target.url);
}

/**
 * The store a CLI command works on: the SQLite file `--db` names when it is given (a flag typed on the
 * command line wins over the environment: `backup --db …` or `migrate --db …` beside a PostgreSQL
 * setup), else PostgreSQL when HIROBA_DATABASE_URL is set, else the file of HIROBA_DB (or the
 * default). A URL that does not read is printed as the line that says how to fix it, and null comes back.
 */
export function cliStoreTarget(db: string | undefined, io: CliIo): StoreTarget | null {
  if (db !== undefined) return { kind: 'sqlite', path: db };
  const target = storeTargetFromEnv(io.env);
  if (target.ok) return target.target;
  io.err(target.problem);
  return null;
}

/**
 * Opens (and migrates) the database for a CLI command; on failure prints one line that says what to
 * do (the store's errors already do) and returns null. Called by `migrate` and `import-directory
 * --workspace` (which may create it), plain `import-directory` and `run-job` (which need an existing one).
 */
export async function openStoreForCli(
  command: string,
  target: StoreTarget,
  io: CliIo,
  options: { create?: boolean } = {},
): Promise<Store | null> {
  const say = cliSay(cliLocale(io));
  const path = targetLocation(target);
  // A mistyped --db must not quietly create (and migrate) an empty database somewhere else.
  if (target.kind === 'sqlite' && !options.create && path !== ':memory:' && !existsSync(path)) {
    io.err(say(command === 'import-directory' ? 'cli.db.missingImport' : 'cli.db.missing', { command, path }));
    return null;
  }
  try {
    return await openStore(target);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.err(say('cli.db.cannotOpen', { command, path, reason }));
    return null;
  }
}
