import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { heldEventsFile } from '../held-events.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { cliLocale, cliSay } from './lang.js';
import { cliStoreTarget, targetLocation } from './open-store.js';
import { UsageError } from './usage.js';

/**
 * `hiroba backup <file> [--db path]`: copies the database with SQLite's online backup API, page by
 * page, while Hiroba keeps running (writers go on; the copy is one consistent snapshot), then checks
 * the copy (`integrity_check`) and prints its schema version. Never overwrites a file. Restoring is a
 * file copy while Hiroba is stopped (README, "Backup and restore").
 */
export async function backupCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('backup', argv, { db: { type: 'string' } }, 1);
  const say = cliSay(cliLocale(io));
  const target = positionals[0];
  if (target === undefined) throw new UsageError('cli.backup.missing');
  const store = cliStoreTarget(values.db, io);
  if (store === null) return EXIT.failed;
  // PostgreSQL has its own online backup (pg_dump); this command copies a SQLite file page by page.
  if (store.kind === 'postgres') {
    io.err(say('cli.backup.postgres', { location: targetLocation(store) }));
    return EXIT.failed;
  }
  const source = store.path;
  if (!existsSync(source)) {
    io.err(say('cli.backup.noDatabase', { path: source }));
    return EXIT.failed;
  }
  if (existsSync(target)) {
    io.err(say('cli.backup.exists', { path: target }));
    return EXIT.usage;
  }
  if (resolve(target) === resolve(source)) throw new UsageError('cli.backup.sameFile');

  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } catch (error) {
    io.err(
      say('cli.backup.copyFailed', { path: source, reason: error instanceof Error ? error.message : String(error) }),
    );
    return EXIT.failed;
  } finally {
    db.close();
  }

  const copy = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') {
      io.err(say('cli.backup.integrity', { path: target, detail: integrity }));
      return EXIT.failed;
    }
    const version = copy.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null;
    io.out(
      say('cli.backup.done', { source, target, version: String(version ?? 0), bytes: String(statSync(target).size) }),
    );
  } finally {
    copy.close();
  }
  const held = heldEventsFile(source);
  if (held !== null && existsSync(held) && statSync(held).size > 0) {
    io.err(say('cli.backup.held', { path: held }));
  }
  return EXIT.ok;
}
