import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/database.js';
import { MigrationFailedError, MigrationFilesError, SchemaTooNewError } from '../../src/store/errors.js';
import { DEFAULT_MIGRATIONS_DIR, listMigrations, migrate, schemaVersion } from '../../src/store/migrate.js';
import { tempDir } from './temp-dir.js';

const REPO_MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));
const FILE_COUNT = readdirSync(REPO_MIGRATIONS).filter((f) => f.endsWith('.sql')).length;
const NOW = () => new Date('2026-11-24T01:00:00.000Z');

function tables(db: Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migrate', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function freshDb(): Database {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'hiroba.db'));
    cleanups.push(() => {
      db.close();
      dir.remove();
    });
    return db;
  }

  function migrationsDir(files: Record<string, string>): string {
    const dir = tempDir('hiroba-migrations-');
    cleanups.push(dir.remove);
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir.path, name), sql);
    return dir.path;
  }

  it('finds <repo>/migrations by default', () => {
    expect(DEFAULT_MIGRATIONS_DIR.replace(/\/$/u, '')).toBe(REPO_MIGRATIONS.replace(/\/$/u, ''));
    expect(listMigrations(DEFAULT_MIGRATIONS_DIR)[0]).toMatchObject({
      version: 1,
      name: 'init',
      file: '0001_init.sql',
    });
  });

  it('applies every file to a fresh database and records each in schema_migrations', () => {
    const db = freshDb();
    const result = migrate(db, DEFAULT_MIGRATIONS_DIR, NOW);
    expect(result.current).toBe(FILE_COUNT);
    expect(result.applied).toHaveLength(FILE_COUNT);
    expect(result.applied[0]).toBe('0001_init.sql');
    expect(tables(db)).toEqual([
      'activities',
      'activity_tombstones',
      'audit_log',
      'command_confirmations',
      'conversation_refs',
      'daily_rollups',
      'dashboard_login_tokens',
      'dashboard_sessions',
      'job_ledger',
      'leases',
      'member_bounds',
      'member_weeks',
      'members',
      'nudge_states',
      'outbox',
      'pending_activities',
      'request_replays',
      'schema_migrations',
      'score_scales',
      'submissions',
      'workspaces',
    ]);
    const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
    expect(rows[0]).toEqual({ version: 1, name: 'init', applied_at: '2026-11-24T01:00:00.000Z' });
    expect(rows).toHaveLength(FILE_COUNT);
  });

  it('does nothing on a second run', () => {
    const db = freshDb();
    migrate(db, DEFAULT_MIGRATIONS_DIR, NOW);
    const again = migrate(db, DEFAULT_MIGRATIONS_DIR, NOW);
    expect(again).toEqual({ applied: [], current: FILE_COUNT });
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(FILE_COUNT);
  });

  it('applies only the files newer than the database', () => {
    const db = freshDb();
    const one = migrationsDir({ '0001_first.sql': 'CREATE TABLE a (x INTEGER);' });
    expect(migrate(db, one, NOW)).toEqual({ applied: ['0001_first.sql'], current: 1 });
    const two = migrationsDir({
      '0001_first.sql': 'CREATE TABLE a (x INTEGER);',
      '0002_second.sql': 'CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (7);',
      'README.md': 'not a migration',
    });
    expect(migrate(db, two, NOW)).toEqual({ applied: ['0002_second.sql'], current: 2 });
    expect(db.prepare('SELECT y FROM b').pluck().get()).toBe(7);
  });

  it('refuses a database whose schema is newer than the newest file', () => {
    const db = freshDb();
    migrate(db, DEFAULT_MIGRATIONS_DIR, NOW);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00.000Z')",
    ).run();
    let caught: unknown;
    try {
      migrate(db, DEFAULT_MIGRATIONS_DIR, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaTooNewError);
    const error = caught as SchemaTooNewError;
    expect(error.code).toBe('schema_too_new');
    expect(error.databaseVersion).toBe(99);
    expect(error.codeVersion).toBe(FILE_COUNT);
    expect(error.message).toContain('Upgrade Hiroba');
    expect(schemaVersion(db)).toBe(99);
  });

  it('rolls a failing migration back completely and stays at the previous version', () => {
    const db = freshDb();
    const dir = migrationsDir({
      '0001_first.sql': 'CREATE TABLE a (x INTEGER NOT NULL);',
      '0002_broken.sql': 'CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1); INSERT INTO a VALUES (NULL);',
    });
    expect(() => migrate(db, dir, NOW)).toThrow(MigrationFailedError);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a', 'schema_migrations']);
    expect(db.prepare('SELECT COUNT(*) FROM a').pluck().get()).toBe(0);
    try {
      migrate(db, dir, NOW);
    } catch (error) {
      expect((error as MigrationFailedError).message).toContain('0002_broken.sql');
      expect((error as MigrationFailedError).message).toContain('stays at version 1');
      expect((error as MigrationFailedError).code).toBe('migration_failed');
    }
  });

  it('rolls back a migration that leaves dangling foreign keys', () => {
    const db = freshDb();
    const dir = migrationsDir({
      '0001_first.sql': 'CREATE TABLE p (id INTEGER PRIMARY KEY);',
      '0002_child.sql': 'CREATE TABLE c (p_id INTEGER REFERENCES p(id));',
      '0003_orphans.sql': 'PRAGMA defer_foreign_keys = ON; INSERT INTO c VALUES (42);',
    });
    expect(() => migrate(db, dir, NOW)).toThrow(MigrationFailedError);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM c').pluck().get()).toBe(0);
  });

  it('refuses a gap in the numbering', () => {
    const db = freshDb();
    const dir = migrationsDir({ '0001_a.sql': 'SELECT 1;', '0003_c.sql': 'SELECT 1;' });
    expect(() => migrate(db, dir, NOW)).toThrow(MigrationFilesError);
    expect(() => migrate(db, dir, NOW)).toThrow(/expected migration number 0002 but found 0003_c\.sql/u);
    expect(schemaVersion(db)).toBe(0);
  });

  it('refuses two files with the same number', () => {
    const dir = migrationsDir({ '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;' });
    expect(() => listMigrations(dir)).toThrow(/0001_a\.sql and 0001_b\.sql have the same number/u);
  });

  it('refuses numbering that does not start at 0001', () => {
    const dir = migrationsDir({ '0002_b.sql': 'SELECT 1;' });
    expect(() => listMigrations(dir)).toThrow(/expected migration number 0001/u);
  });

  it('refuses a badly named .sql file and a missing directory', () => {
    const dir = migrationsDir({ '0001_a.sql': 'SELECT 1;', '2_b.sql': 'SELECT 1;' });
    expect(() => listMigrations(dir)).toThrow(/"2_b\.sql" is not named NNNN_name\.sql/u);
    expect(() => listMigrations(join(dir, 'nope'))).toThrow(MigrationFilesError);
  });
});
