import { existsSync } from 'node:fs';
import { openStore, type Store } from '../store/sqlite-store.js';
import type { CliIo } from './io.js';

/**
 * Opens (and migrates) the database for a CLI command; on failure prints one line that says what to
 * do (the store's errors already do) and returns null. Called by `migrate` (which may create it), `import-directory` and `run-job` (which need an existing one).
 */
export function openStoreForCli(
  command: string,
  path: string,
  io: CliIo,
  options: { create?: boolean } = {},
): Store | null {
  // A mistyped --db must not quietly create (and migrate) an empty database somewhere else.
  if (!options.create && path !== ':memory:' && !existsSync(path)) {
    io.err(
      `${command}: there is no database at ${path}. Check --db or HIROBA_DB (npx hiroba migrate --db ${path} creates one).`,
    );
    return null;
  }
  try {
    return openStore(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`${command}: cannot open the database ${path}: ${reason}`);
    return null;
  }
}
