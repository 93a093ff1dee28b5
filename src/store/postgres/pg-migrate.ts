import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MigrationFailedError, SchemaTooNewError, StoreError } from '../errors.js';
import { listMigrations } from '../migrate.js';
import type { MigrationResult } from '../store.js';
import type { PgDb } from './pg-db.js';

/**
 * `<repo>/migrations/postgres`, found from this file (`src/store/postgres/` under tsx and vitest,
 * `dist/store/postgres/` after `tsc`: three levels below the repository root either way).
 */
export const DEFAULT_PG_MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/postgres/', import.meta.url));

/**
 * The key of the transaction-scoped advisory lock every migration step takes, so that instances
 * starting at once apply each file once: the second waits for the first's commit, then reads the
 * version again and finds the work done. Any constant works as long as it never changes ("hiroba" in ASCII).
 */
const MIGRATION_LOCK = 0x6869726f6261;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at text NOT NULL
)`;

/** The schema version recorded in the database (0 for a new, empty database). */
export async function pgSchemaVersion(db: PgDb): Promise<number> {
  const table = await db.one<{ found: string | null }>("SELECT to_regclass('schema_migrations')::text AS found");
  if (!table?.found) return 0;
  const row = await db.one<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return row?.version ?? 0;
}

/** Takes the migration lock for the rest of the calling transaction and makes sure the table exists. */
async function lockAndPrepare(db: PgDb): Promise<number> {
  await db.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  // Under the lock: two instances creating the table at once would otherwise collide on its name.
  await db.exec(CREATE_TABLE);
  return pgSchemaVersion(db);
}

/**
 * Brings a PostgreSQL schema up to the newest file of `migrationsDir`, with the rules of the SQLite
 * runner (`src/store/migrate.ts`): each file runs in its own transaction together with its
 * `schema_migrations` row, so a failing file leaves the previous version intact; a database newer than
 * the files is refused (`SchemaTooNewError`). The folder starts at a baseline (`0015_baseline.sql`).
 * Files must not contain BEGIN/COMMIT. Called by `openPostgresStore` on every start.
 */
export async function migratePostgres(
  db: PgDb,
  migrationsDir: string = DEFAULT_PG_MIGRATIONS_DIR,
  now: () => Date = () => new Date(),
): Promise<MigrationResult> {
  const files = listMigrations(migrationsDir, { baseline: true });
  const newest = files[files.length - 1]?.version ?? 0;
  const start = await db.transaction(() => lockAndPrepare(db));
  if (start > newest) throw new SchemaTooNewError(start, newest);

  const applied: string[] = [];
  for (const migration of files) {
    if (migration.version <= start) continue;
    const sql = readFileSync(migration.path, 'utf8');
    try {
      const done = await db.transaction(async (): Promise<boolean> => {
        // Read again under the lock: another instance may have applied it meanwhile.
        if ((await lockAndPrepare(db)) >= migration.version) return false;
        await db.exec(sql);
        await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          now().toISOString(),
        ]);
        return true;
      });
      if (done) applied.push(migration.file);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new MigrationFailedError(migration.file, await pgSchemaVersion(db), error);
    }
  }
  return { applied, current: await pgSchemaVersion(db) };
}
