import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';
import { MigrationFailedError, MigrationFilesError, SchemaTooNewError, StoreError } from './errors.js';
import type { MigrationResult } from './store.js';

/**
 * `<repo>/migrations`, found from this file: `src/store/migrate.ts` (tsx, vitest) and
 * `dist/store/migrate.js` (after `tsc`) both sit two levels below the repository root.
 */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** One `NNNN_name.sql` file. */
export interface MigrationFile {
  version: number;
  /** The part after the number (`init` for `0001_init.sql`). */
  name: string;
  file: string;
  path: string;
}

export type { MigrationResult } from './store.js';

const FILE_PATTERN = /^(\d{4})_([a-z0-9][a-z0-9_-]*)\.sql$/u;

/**
 * Reads and checks the migration files: every `.sql` file must be named `NNNN_name.sql` and the
 * numbers must run 1, 2, 3… with no gap and no duplicate (a gap or a duplicate means a file was lost
 * or two changes were numbered alike, and applying the rest would build a schema nobody tested).
 * With `baseline`, the first file may carry any number (a folder whose first file builds the whole
 * schema of that version at once, as PostgreSQL's `0015_baseline.sql`) and the rest follow it with no
 * gap. Other files (a README) are ignored. Called by the migration runners and by the CLI.
 */
export function listMigrations(directory: string, options: { baseline?: boolean } = {}): MigrationFile[] {
  if (!existsSync(directory)) {
    throw new MigrationFilesError(directory, 'the directory does not exist (it ships next to src/ and dist/)');
  }
  const files: MigrationFile[] = [];
  for (const file of readdirSync(directory)) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_PATTERN.exec(file);
    if (!match?.[1] || !match[2]) {
      throw new MigrationFilesError(directory, `"${file}" is not named NNNN_name.sql (four digits, lower-case name)`);
    }
    files.push({ version: Number(match[1]), name: match[2], file, path: join(directory, file) });
  }
  files.sort((a, b) => a.version - b.version || a.file.localeCompare(b.file));
  if (files.length === 0) throw new MigrationFilesError(directory, 'no NNNN_name.sql file found');
  const first = options.baseline ? (files[0]?.version ?? 1) : 1;
  files.forEach((migration, index) => {
    const previous = files[index - 1];
    if (previous && previous.version === migration.version) {
      throw new MigrationFilesError(
        directory,
        `${previous.file} and ${migration.file} have the same number; renumber one of them`,
      );
    }
    if (migration.version !== first + index) {
      const rule = options.baseline
        ? 'numbers must follow the first file with no gap'
        : 'numbers must start at 0001 with no gap';
      throw new MigrationFilesError(
        directory,
        `expected migration number ${String(first + index).padStart(4, '0')} but found ${migration.file}; ${rule}`,
      );
    }
  });
  return files;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** The schema version recorded in the database (0 for a new, empty database). */
export function schemaVersion(db: Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Brings the schema up to the newest migration file. Called by `openStore` on every start and by
 * `hiroba migrate`. Each file runs in its own IMMEDIATE transaction together with its
 * `schema_migrations` row, so a failing file leaves the previous version intact, and a second process
 * migrating at the same moment waits and then finds the work done. Files must not contain
 * BEGIN/COMMIT or PRAGMA foreign_keys (both are impossible inside a transaction).
 *
 * Throws `SchemaTooNewError` when the database is newer than the files (an older Hiroba started on a
 * newer database), `MigrationFilesError` for a bad file set, `MigrationFailedError` for a failing file.
 */
export function migrate(
  db: Database,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
  now: () => Date = () => new Date(),
): MigrationResult {
  const files = listMigrations(migrationsDir);
  const newest = files[files.length - 1]?.version ?? 0;
  db.exec(CREATE_TABLE);
  const start = schemaVersion(db);
  if (start > newest) throw new SchemaTooNewError(start, newest);

  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: string[] = [];
  for (const migration of files) {
    if (migration.version <= start) continue;
    const sql = readFileSync(migration.path, 'utf8');
    const apply = db.transaction((): boolean => {
      // Read again under the write lock: another process may have applied it meanwhile.
      if (schemaVersion(db) >= migration.version) return false;
      db.exec(sql);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new Error(
          `it leaves ${broken.length} row(s) whose foreign keys point nowhere (PRAGMA foreign_key_check)`,
        );
      }
      record.run(migration.version, migration.name, now().toISOString());
      return true;
    });
    try {
      if (apply.immediate()) applied.push(migration.file);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new MigrationFailedError(migration.file, schemaVersion(db), error);
    }
  }
  return { applied, current: schemaVersion(db) };
}
