import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** A better-sqlite3 connection. */
export type Database = BetterSqlite3.Database;

/** True for SQLite's in-memory and anonymous temporary databases, which have no file to create. */
export function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file::memory:');
}

/**
 * Opens (and creates) the SQLite file Hiroba keeps everything in. Called by `openStore` and by tests
 * that need a bare connection. WAL lets the HTTP handlers read while the outbox worker writes;
 * `synchronous = NORMAL` is safe under WAL (a power cut may lose the last commits, never corrupt);
 * `busy_timeout` makes a second process (the `run-job` CLI next to a running server) wait instead of
 * failing at once. WAL is impossible for `:memory:`, which keeps its own journal mode.
 */
export function openDatabase(path: string): Database {
  if (!isInMemory(path)) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    // First, so that switching to WAL waits for another process holding the file.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The journal mode in force (`wal` for files, `memory` for `:memory:`); shown by `/healthz`. */
export function journalMode(db: Database): string {
  return String(db.pragma('journal_mode', { simple: true }));
}
