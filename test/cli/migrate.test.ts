import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { defaultSettings } from '../../src/core/types.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../support/postgres.js';
import { recordingIo, tempDir } from './cli-harness.js';

const migrationFiles = readdirSync(new URL('../../migrations/', import.meta.url))
  .filter((file) => file.endsWith('.sql'))
  .sort();

describe('hiroba migrate', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  it('applies every migration to a new database, then says it is up to date', async () => {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const path = join(temp.dir, 'hiroba.db');
    const first = recordingIo();
    expect(await runCli(['migrate', '--db', path], first)).toBe(0);
    expect(first.stdout).toEqual([
      `${path}: ${migrationFiles.join(', ')} を適用しました。スキーマのバージョンは ${migrationFiles.length} です。`,
    ]);
    const second = recordingIo();
    expect(await runCli(['migrate', '--db', path], second)).toBe(0);
    expect(second.stdout).toEqual([`${path}: スキーマは最新です（バージョン ${migrationFiles.length}）。`]);
    const english = recordingIo();
    expect(await runCli(['migrate', '--db', path, '--locale', 'en'], english)).toBe(0);
    expect(english.stdout).toEqual([`${path}: schema is up to date (version ${migrationFiles.length})`]);
  });

  it("speaks the workspaces' language when they share one", async () => {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const path = join(temp.dir, 'hiroba.db');
    const store = openSqliteStore(path);
    await store.repos.workspaces.create({
      platform: 'slack',
      externalId: 'T0123',
      name: 'Example Co',
      settings: defaultSettings({ locale: 'en' }),
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    await store.close();
    const io = recordingIo();
    expect(await runCli(['migrate', '--db', path], io)).toBe(0);
    expect(io.stdout).toEqual([`${path}: schema is up to date (version ${migrationFiles.length})`]);
  });

  it('uses HIROBA_DB when --db is not given', async () => {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const path = join(temp.dir, 'from-env.db');
    const io = recordingIo({ HIROBA_DB: path });
    expect(await runCli(['migrate'], io)).toBe(0);
    expect(io.stdout[0]?.startsWith(`${path}: 0001_init.sql`)).toBe(true);
  });
});

/**
 * The URL of a fresh database with a password in it: the test server's own when it has one, else an
 * invented one (the test server trusts loopback connections, so any password is accepted).
 */
function withPassword(url: string): { url: string; password: string } {
  const parsed = new URL(url);
  if (parsed.password === '') parsed.password = 'Secret-pw-4711';
  return { url: parsed.toString(), password: parsed.password };
}

describe.skipIf(postgresUrlForTests() === null)('hiroba migrate on PostgreSQL (HIROBA_DATABASE_URL)', () => {
  const databases: FreshDatabase[] = [];
  afterEach(async () => {
    for (const database of databases.splice(0)) await database.drop();
  });

  async function database(): Promise<{ url: string; password: string; shown: string }> {
    const fresh = await freshDatabase('hiroba_cli_migrate');
    databases.push(fresh);
    const { url, password } = withPassword(fresh.url);
    const shown = new URL(url);
    shown.password = '';
    return { url, password, shown: shown.toString() };
  }

  function everything(io: { stdout: string[]; stderr: string[] }): string {
    return [...io.stdout, ...io.stderr].join('\n');
  }

  it('applies the baseline to a new database, then says it is up to date, never showing the password', async () => {
    const { url, password, shown } = await database();
    const env = { HIROBA_DATABASE_URL: url };
    const first = recordingIo(env);
    expect(await runCli(['migrate'], first)).toBe(0);
    expect(first.stdout).toEqual([
      `${shown}: 0015_baseline.sql を適用しました。スキーマのバージョンは ${migrationFiles.length} です。`,
    ]);
    const second = recordingIo(env);
    expect(await runCli(['migrate'], second)).toBe(0);
    expect(second.stdout).toEqual([`${shown}: スキーマは最新です（バージョン ${migrationFiles.length}）。`]);
    const english = recordingIo(env);
    expect(await runCli(['migrate', '--locale', 'en'], english)).toBe(0);
    expect(english.stdout).toEqual([`${shown}: schema is up to date (version ${migrationFiles.length})`]);
    for (const io of [first, second, english]) {
      expect(io.stderr).toEqual([]);
      expect(everything(io)).not.toContain(password);
    }
  });

  it('migrates the --db file, not the PostgreSQL database, when both are given (the flag wins)', async () => {
    const temp = tempDir();
    try {
      const { url } = await database();
      const path = join(temp.dir, 'named.db');
      const io = recordingIo({ HIROBA_DATABASE_URL: url });
      expect(await runCli(['migrate', '--db', path, '--locale', 'en'], io)).toBe(0);
      expect(io.stdout[0]).toMatch(new RegExp(`^${path.replaceAll('/', '\\/')}: applied 0001_init\\.sql`, 'u'));
      expect(readdirSync(temp.dir)).toContain('named.db');
      // PostgreSQL was not touched: migrating it now applies its baseline.
      const pg = recordingIo({ HIROBA_DATABASE_URL: url });
      expect(await runCli(['migrate', '--locale', 'en'], pg)).toBe(0);
      expect(pg.stdout[0]).toContain('applied 0015_baseline.sql');
    } finally {
      temp.cleanup();
    }
  });

  it('refuses a database written by a newer Hiroba with exit 1, leaving it as it was', async () => {
    const { url, password, shown } = await database();
    const env = { HIROBA_DATABASE_URL: url };
    expect(await runCli(['migrate'], recordingIo(env))).toBe(0);
    const newer = migrationFiles.length + 1;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        newer,
        `00${newer}_future.sql`,
        '2030-01-01T00:00:00.000Z',
      ]);
      const io = recordingIo(env);
      expect(await runCli(['migrate', '--locale', 'en'], io)).toBe(1);
      expect(io.stdout).toEqual([]);
      expect(io.stderr).toEqual([
        `migrate: cannot open the database ${shown}: The database schema is version ${newer}, but this Hiroba only knows up to version ${migrationFiles.length}. ` +
          'Upgrade Hiroba to the release that wrote this database (or restore a backup made by this version).',
      ]);
      expect(everything(io)).not.toContain(password);
      const japanese = recordingIo(env);
      expect(await runCli(['migrate'], japanese)).toBe(1);
      expect(japanese.stderr[0]).toContain(`migrate: データベース ${shown} を開けません`);
      expect(japanese.stderr[0]).toContain(`The database schema is version ${newer}`);
      const versions = await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(versions.rows.map((row) => row.version)).toEqual([migrationFiles.length, newer]);
    } finally {
      await client.end();
    }
  });
});
