import { existsSync } from 'node:fs';
import { openStore, type Store } from '../store/sqlite-store.js';
import type { CliIo } from './io.js';
import { cliLocale, cliSay } from './lang.js';

/**
 * Opens (and migrates) the database for a CLI command; on failure prints one line that says what to
 * do (the store's errors already do) and returns null. Called by `migrate` and `import-directory
 * --workspace` (which may create it), plain `import-directory` and `run-job` (which need an existing one).
 */
export function openStoreForCli(
  command: string,
  path: string,
  io: CliIo,
  options: { create?: boolean } = {},
): Store | null {
  const say = cliSay(cliLocale(io));
  // A mistyped --db must not quietly create (and migrate) an empty database somewhere else.
  if (!options.create && path !== ':memory:' && !existsSync(path)) {
    io.err(say(command === 'import-directory' ? 'cli.db.missingImport' : 'cli.db.missing', { command, path }));
    return null;
  }
  try {
    return openStore(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.err(say('cli.db.cannotOpen', { command, path, reason }));
    return null;
  }
}
