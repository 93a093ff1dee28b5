import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { dbPathFromEnv } from '../config.js';
import { heldEventsFile } from '../held-events.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { UsageError } from './usage.js';

/**
 * `hiroba backup <file> [--db path]`: copies the database with SQLite's online backup API, page by
 * page, while Hiroba keeps running (writers go on; the copy is one consistent snapshot), then checks
 * the copy (`integrity_check`) and prints its schema version. Never overwrites a file. Restoring is a
 * file copy while Hiroba is stopped (README, "Backup and restore").
 */
export async function backupCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('backup', argv, { db: { type: 'string' } }, 1);
  const target = positionals[0];
  if (target === undefined) throw new UsageError('backup: name the file to write, e.g. hiroba backup backup.db');
  const source = values.db ?? dbPathFromEnv(io.env);
  if (!existsSync(source)) {
    io.err(`backup: there is no database at ${source}. Check --db or HIROBA_DB.`);
    return EXIT.failed;
  }
  if (existsSync(target)) {
    io.err(`backup: ${target} already exists; name a new file (a backup never overwrites one).`);
    return EXIT.usage;
  }
  if (resolve(target) === resolve(source)) throw new UsageError('backup: the backup file must not be the database');

  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } catch (error) {
    io.err(`backup: could not copy ${source}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  } finally {
    db.close();
  }

  const copy = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') {
      io.err(`backup: the copy ${target} failed its integrity check (${integrity}); do not rely on it.`);
      return EXIT.failed;
    }
    const version = copy.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null;
    io.out(`${source} backed up to ${target} (schema version ${version ?? 0}, ${statSync(target).size} bytes)`);
  } finally {
    copy.close();
  }
  const held = heldEventsFile(source);
  if (held !== null && existsSync(held) && statSync(held).size > 0) {
    io.err(`backup: ${held} holds events not yet recorded; copy it next to the backup too.`);
  }
  return EXIT.ok;
}
