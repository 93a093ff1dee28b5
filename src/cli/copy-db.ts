import { existsSync } from 'node:fs';
import { dbPathFromEnv, storeTargetFromEnv } from '../config.js';
import { CopyRefusedError, copySqliteToPostgres } from '../store/copy-db.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { cliLocale, cliSay } from './lang.js';
import { targetLocation } from './open-store.js';
import { UsageError } from './usage.js';

/**
 * `hiroba copy-db [--to postgres://…] [--db path]`: copies the SQLite file (`--db`, else HIROBA_DB) into
 * an empty PostgreSQL database (`--to`, else HIROBA_DATABASE_URL), the move from one machine to several (README, Deployment). The source
 * is read as one snapshot and the target written in one transaction, so a failure leaves it empty.
 * Hiroba should be stopped meanwhile: what it records after the snapshot would not be copied.
 */
export async function copyDbCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('copy-db', argv, { db: { type: 'string' }, to: { type: 'string' } }, 0);
  const say = cliSay(cliLocale(io));
  // The target from HIROBA_DATABASE_URL (an environment file keeps the password out of the shell's
  // history and of `ps`), or --to.
  const to = values.to ?? (io.env.HIROBA_DATABASE_URL?.trim() || undefined);
  if (to === undefined) throw new UsageError('cli.copyDb.missingTo');
  const target = storeTargetFromEnv({ HIROBA_DATABASE_URL: to });
  if (!target.ok || target.target.kind !== 'postgres') throw new UsageError('cli.copyDb.badTo');
  const source = values.db ?? dbPathFromEnv(io.env);
  if (!existsSync(source)) {
    io.err(say('cli.copyDb.noSource', { path: source }));
    return EXIT.failed;
  }
  const location = targetLocation(target.target);
  io.out(say('cli.copyDb.start', { source, target: location }));
  try {
    const result = await copySqliteToPostgres(source, target.target.url, (table, rows) =>
      io.out(say('cli.copyDb.table', { table, rows: String(rows) })),
    );
    const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
    io.out(
      say('cli.copyDb.done', {
        tables: String(result.tables.length),
        rows: String(rows),
        target: location,
        version: String(result.version),
      }),
    );
    return EXIT.ok;
  } catch (error) {
    const reason =
      error instanceof CopyRefusedError
        ? say(error.key, error.params)
        : error instanceof Error
          ? error.message
          : String(error);
    io.err(say('cli.copyDb.failed', { target: location, reason }));
    return EXIT.failed;
  }
}
