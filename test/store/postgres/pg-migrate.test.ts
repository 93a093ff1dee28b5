import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/database.js';
import { MigrationFailedError, MigrationFilesError, SchemaTooNewError } from '../../../src/store/errors.js';
import { DEFAULT_MIGRATIONS_DIR, listMigrations, migrate } from '../../../src/store/migrate.js';
import { PgDb } from '../../../src/store/postgres/pg-db.js';
import { DEFAULT_PG_MIGRATIONS_DIR, migratePostgres, pgSchemaVersion } from '../../../src/store/postgres/pg-migrate.js';
import { openPostgresStore } from '../../../src/store/postgres/pg-store.js';
import { freshDatabase, postgresUrlForTests } from '../../support/postgres.js';
import { tempDir } from '../temp-dir.js';

const NOW = () => new Date('2026-11-24T01:00:00.000Z');

describe('listMigrations with a baseline', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function folder(files: string[]): string {
    const dir = tempDir('hiroba-pg-migrations-');
    cleanups.push(dir.remove);
    for (const file of files) writeFileSync(join(dir.path, file), 'SELECT 1;');
    return dir.path;
  }

  it('starts at the first file when asked, and still refuses a gap after it', () => {
    const dir = folder(['0015_baseline.sql', '0016_next.sql']);
    expect(() => listMigrations(dir)).toThrow(MigrationFilesError);
    expect(listMigrations(dir, { baseline: true }).map((m) => m.version)).toEqual([15, 16]);
    expect(() => listMigrations(folder(['0015_baseline.sql', '0017_gap.sql']), { baseline: true })).toThrow(
      /expected migration number 0016/u,
    );
  });

  it('finds migrations/postgres, whose first file is the baseline at the newest SQLite version of its time', () => {
    const files = listMigrations(DEFAULT_PG_MIGRATIONS_DIR, { baseline: true });
    expect(files[0]).toMatchObject({ version: 15, file: '0015_baseline.sql' });
    // One version number means one schema on both stores: the folders end at the same number.
    expect(files.at(-1)?.version).toBe(listMigrations(DEFAULT_MIGRATIONS_DIR).at(-1)?.version);
  });
});

describe.skipIf(postgresUrlForTests() === null)('migratePostgres', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function freshPool(): Promise<{ db: PgDb; url: string }> {
    const fresh = await freshDatabase('hiroba_pgbase');
    cleanups.push(fresh.drop);
    const db = new PgDb(fresh.url, { poolSize: 3 });
    cleanups.push(() => db.close());
    return { db, url: fresh.url };
  }

  function migrationsDir(files: Record<string, string>): string {
    const dir = tempDir('hiroba-pg-migrations-');
    cleanups.push(dir.remove);
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir.path, name), sql);
    return dir.path;
  }

  async function tables(db: PgDb): Promise<string[]> {
    const rows = await db.rows<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    return rows.map((row) => row.name);
  }

  it("builds SQLite's schema at the same version: the same tables with the same columns in the same order, and the same indexes", async () => {
    const { db } = await freshPool();
    const result = await migratePostgres(db, DEFAULT_PG_MIGRATIONS_DIR, NOW);
    const sqlite = openDatabase(':memory:');
    cleanups.push(() => {
      sqlite.close();
    });
    const sqliteResult = migrate(sqlite, DEFAULT_MIGRATIONS_DIR, NOW);
    expect(result).toEqual({ applied: ['0015_baseline.sql'], current: sqliteResult.current });

    const sqliteTables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    expect(await tables(db)).toEqual(sqliteTables);
    for (const table of sqliteTables) {
      const sqliteColumns = (sqlite.pragma(`table_info(${table})`) as Array<{ name: string; notnull: number }>).map(
        (c) => `${c.name}${c.notnull ? ' not null' : ''}`,
      );
      const pgColumns = await db.rows<{ name: string; nullable: string }>(
        `SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      // SQLite lets an INTEGER PRIMARY KEY be declared without NOT NULL; it is never null there either.
      const primaryKeyNotNull = (c: string) =>
        c.replace(/^(id|member_id|name|key|token_hash|session_hash|version)$/u, '$1 not null');
      expect(
        pgColumns.map((c) => `${c.name}${c.nullable === 'NO' ? ' not null' : ''}`),
        table,
      ).toEqual(sqliteColumns.map(primaryKeyNotNull));
    }
    const sqliteIndexes = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all();
    const pgIndexes = await db.rows<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'
         AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key' ORDER BY indexname`,
    );
    expect(pgIndexes.map((row) => row.name)).toEqual(sqliteIndexes);
  });

  it('applies files in order, each recorded in schema_migrations, and nothing a second time', async () => {
    const { db } = await freshPool();
    const dir = migrationsDir({
      '0015_base.sql': 'CREATE TABLE a (x integer);',
      '0016_more.sql': 'ALTER TABLE a ADD COLUMN y text; INSERT INTO a VALUES (1, $$one$$);',
    });
    expect(await migratePostgres(db, dir, NOW)).toEqual({
      applied: ['0015_base.sql', '0016_more.sql'],
      current: 16,
    });
    expect(await db.rows('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).toEqual([
      { version: 15, name: 'base', applied_at: '2026-11-24T01:00:00.000Z' },
      { version: 16, name: 'more', applied_at: '2026-11-24T01:00:00.000Z' },
    ]);
    expect(await db.rows('SELECT * FROM a')).toEqual([{ x: 1, y: 'one' }]);
    expect(await migratePostgres(db, dir, NOW)).toEqual({ applied: [], current: 16 });
  });

  it('rolls a failing file back whole and leaves the previous version', async () => {
    const { db } = await freshPool();
    const dir = migrationsDir({
      '0015_base.sql': 'CREATE TABLE a (x integer);',
      '0016_broken.sql': 'CREATE TABLE b (x integer); INSERT INTO a VALUES (1); SELECT no_such_function();',
    });
    const failure = await migratePostgres(db, dir, NOW).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationFailedError);
    expect(failure).toMatchObject({ file: '0016_broken.sql', previousVersion: 15 });
    expect(await pgSchemaVersion(db)).toBe(15);
    expect(await tables(db)).toEqual(['a', 'schema_migrations']);
    expect(await db.rows('SELECT * FROM a')).toEqual([]);
  });

  it('refuses a database newer than the files', async () => {
    const { db } = await freshPool();
    await migratePostgres(
      db,
      migrationsDir({ '0015_base.sql': 'CREATE TABLE a (x integer);', '0016_more.sql': 'SELECT 1;' }),
      NOW,
    );
    const older = migrationsDir({ '0015_base.sql': 'CREATE TABLE a (x integer);' });
    await expect(migratePostgres(db, older, NOW)).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(migratePostgres(db, older, NOW)).rejects.toMatchObject({ databaseVersion: 16, codeVersion: 15 });
  });

  it('applies each file once when several runners start on one fresh database at once', async () => {
    const { url } = await freshPool();
    const dir = migrationsDir({
      '0015_base.sql': 'CREATE TABLE a (x integer);',
      '0016_more.sql': 'INSERT INTO a VALUES (1);',
    });
    const pools = [1, 2, 3, 4].map(() => new PgDb(url, { poolSize: 2 }));
    cleanups.push(...pools.map((pool) => () => pool.close()));
    const results = await Promise.all(pools.map((pool) => migratePostgres(pool, dir, NOW)));
    expect(results.flatMap((result) => result.applied).sort()).toEqual(['0015_base.sql', '0016_more.sql']);
    expect(results.map((result) => result.current)).toEqual([16, 16, 16, 16]);
    expect(await pools[0]?.rows('SELECT x FROM a')).toEqual([{ x: 1 }]);
  });

  it('lets two instances open a fresh database at once: both succeed and each file is applied once', async () => {
    const fresh = await freshDatabase('hiroba_pgbase');
    cleanups.push(fresh.drop);
    const [first, second] = await Promise.all([
      openPostgresStore(fresh.url, { poolSize: 2 }),
      openPostgresStore(fresh.url, { poolSize: 2 }),
    ]);
    cleanups.push(
      () => first.close(),
      () => second.close(),
    );
    expect([...first.migration.applied, ...second.migration.applied]).toEqual(['0015_baseline.sql']);
    expect(first.migration.current).toBe(15);
    expect(second.migration.current).toBe(15);
    const db = new PgDb(fresh.url, { poolSize: 1 });
    cleanups.push(() => db.close());
    expect(await db.rows('SELECT version FROM schema_migrations')).toEqual([{ version: 15 }]);
    expect(first.kind).toBe('postgres');
    expect(first.sqlite).toBeNull();
  });

  it('shows the URL without its password', async () => {
    const fresh = await freshDatabase('hiroba_pgbase');
    cleanups.push(fresh.drop);
    const url = new URL(fresh.url);
    url.password = 'secret';
    // Trust authentication ignores the password, so the store opens and only the location is checked.
    const store = await openPostgresStore(url.toString(), { poolSize: 1 });
    cleanups.push(() => store.close());
    expect(store.location).not.toContain('secret');
    expect(store.location).toContain(url.pathname);
  });
});
