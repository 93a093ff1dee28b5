import { openStore, type Store } from '../store/sqlite-store.js';
import type { CliIo } from './io.js';

/**
 * Opens (and migrates) the database for a CLI command; on failure prints one line that says what to
 * do (the store's errors already do) and returns null. Called by `migrate`, `import-directory`, `run-job`.
 */
export function openStoreForCli(command: string, path: string, io: CliIo): Store | null {
  try {
    return openStore(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`${command}: cannot open the database ${path}: ${reason}`);
    return null;
  }
}
