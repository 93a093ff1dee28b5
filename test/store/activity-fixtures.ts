import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ActivityKind } from '../../src/core/types.js';
import type { Database } from '../../src/store/database.js';
import type { SynchronousRepositories } from '../../src/store/sqlite-gate.js';
import { createSyncSqliteRepositories, openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { tempDir } from './temp-dir.js';

/** A Monday (kept weeks start on Mondays). */
export const T0 = '2026-11-02T00:00:00.000Z';
export const DAY = 86_400_000;
export const KINDS: ActivityKind[] = ['post', 'reply', 'reaction', 'story', 'idea', 'prompt_answer'];
/** Departments a directory really holds: padded, full-width spaces, blank, missing. */
export const DEPARTMENTS = [
  '営業部',
  ' 営業部',
  '営業部\u3000',
  '開発部',
  '開発部\t',
  '\u3000',
  '',
  null,
  'Sales',
  'sales',
];

/** A temp-file SQLite store, with its connection and its repositories as SQLite serves them (synchronously). */
export interface TempStore {
  store: Store;
  db: Database;
  /** The SQLite repository classes themselves, for tests of what they keep and how they query it. */
  sync: SynchronousRepositories;
  path: string;
}

/**
 * Temp-file stores for one test file, each closed and removed after its test: call at the top level
 * of the file, then `tempStore()` (optionally with a migrations folder) in a test.
 */
export function useTempStores(): (migrationsDir?: string) => TempStore {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return (migrationsDir) => {
    const dir = tempDir();
    const path = join(dir.path, 'hiroba.db');
    const store = openSqliteStore(path, migrationsDir);
    cleanups.push(async () => {
      await store.close();
      dir.remove();
    });
    const db = store.sqlite;
    if (db === null) throw new Error('expected a SQLite store');
    return { store, db, sync: createSyncSqliteRepositories(db), path };
  };
}

/** A cleanup to run after the current test (a folder a test made besides its store). */
export function useCleanups(): (cleanup: () => void | Promise<void>) => void {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}
