import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../support/postgres.js';
import { type RecordingIo, recordingIo, tempDir } from './cli-harness.js';

/** Every table a copy must name (the SQLite schema, without `schema_migrations`). */
const TABLES = [
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
  'score_scales',
  'submissions',
  'workspaces',
];

/** The row count of every table, read straight from PostgreSQL. */
async function countRows(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(result.rows[0]?.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** The same URL with a password in it (the test server trusts loopback, so an invented one works). */
function withPassword(url: string): { url: string; password: string; shown: string } {
  const parsed = new URL(url);
  if (parsed.password === '') parsed.password = 'Secret-pw-4711';
  const password = parsed.password;
  const withIt = parsed.toString();
  parsed.password = '';
  return { url: withIt, password, shown: parsed.toString() };
}

function printed(io: RecordingIo): string {
  return [...io.stdout, ...io.stderr].join('\n');
}

describe.skipIf(postgresUrlForTests() === null)('hiroba copy-db', () => {
  const temp = tempDir();
  const source = join(temp.dir, 'demo.db');
  let target: FreshDatabase;
  let to: { url: string; password: string; shown: string };
  let first: RecordingIo;
  let firstExit: number;

  // One demo company (4 weeks: about 7,000 rows over 20 tables), copied once; the tests read the result.
  beforeAll(async () => {
    expect(await runCli(['demo', '--db', source, '--weeks', '4', '--locale', 'en'], recordingIo())).toBe(0);
    target = await freshDatabase('hiroba_cli_copy');
    to = withPassword(target.url);
    first = recordingIo();
    firstExit = await runCli(['copy-db', '--to', to.url, '--db', source, '--locale', 'en'], first);
  }, 120_000);

  afterAll(async () => {
    await target?.drop();
    temp.cleanup();
  });

  it('copies every table, names each with its row count, and ends with the done line', async () => {
    expect(first.stderr).toEqual([]);
    expect(firstExit).toBe(0);
    const counts = await countRows(to.url);
    expect(counts.workspaces).toBe(1);
    expect(counts.members).toBeGreaterThan(100);
    expect(counts.activities).toBeGreaterThan(1000);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect(first.stdout[0]).toBe(`Copying ${source} into ${to.shown}. Keep Hiroba stopped until the copy is done.`);
    const tableLines = first.stdout.slice(1, -1);
    expect(tableLines.toSorted()).toEqual(TABLES.map((table) => `  ${table}: ${counts[table]} rows`).toSorted());
    // Parents before children: a member row refers to its workspace, an activity to its member.
    expect(tableLines.indexOf(`  workspaces: ${counts.workspaces} rows`)).toBeLessThan(
      tableLines.indexOf(`  members: ${counts.members} rows`),
    );
    expect(tableLines.indexOf(`  members: ${counts.members} rows`)).toBeLessThan(
      tableLines.indexOf(`  activities: ${counts.activities} rows`),
    );
    expect(first.stdout.at(-1)).toBe(
      `Copied ${TABLES.length} tables (${total} rows in all) into ${to.shown} and checked their row counts (schema version 15). ` +
        "Start every instance with HIROBA_DATABASE_URL set to this database's URL (with its password).",
    );
    expect(printed(first)).not.toContain(to.password);
  });

  it('gives the same dry-run digest from the copy as from the SQLite file', async () => {
    // The demo's last Friday: the digest of that week already ran, so both also say so (the ledger came along).
    const args = ['run-job', 'digest', '--dry-run', '--at', '2026-03-13T16:30', '--locale', 'en'];
    const fromSqlite = recordingIo();
    expect(await runCli([...args, '--db', source], fromSqlite)).toBe(0);
    const fromPostgres = recordingIo({ HIROBA_DATABASE_URL: to.url });
    expect(await runCli(args, fromPostgres)).toBe(0);
    expect(fromSqlite.stderr).toEqual([]);
    expect(fromPostgres.stderr).toEqual([]);
    expect(fromSqlite.stdout.join('\n')).toContain('This period already ran');
    expect(fromSqlite.stdout.join('\n')).toMatch(/Participation this week .* was [1-9]\d*%/);
    expect(fromPostgres.stdout).toEqual(fromSqlite.stdout);
  });

  it('refuses to copy again into the database that now holds data, and changes nothing there', async () => {
    const before = await countRows(to.url);
    const io = recordingIo();
    expect(await runCli(['copy-db', '--to', to.url, '--db', source, '--locale', 'en'], io)).toBe(1);
    expect(io.stderr).toEqual([
      `copy-db: could not copy into ${to.shown}; no row was written into its tables: ` +
        'the PostgreSQL database already holds data (workspaces); name an empty database',
    ]);
    expect(printed(io)).not.toContain(to.password);
    expect(await countRows(to.url)).toEqual(before);
    // Japanese too, the reason included.
    const japanese = recordingIo();
    expect(await runCli(['copy-db', '--to', to.url, '--db', source], japanese)).toBe(1);
    expect(japanese.stderr[0]).toMatch(
      /^copy-db: .* にコピーできませんでした。コピー先のテーブルには1行も書き込んでいません: /,
    );
    expect(japanese.stderr[0]).toContain('コピー先の PostgreSQL にはすでにデータがあります（workspaces）');
  });

  it('takes the target from HIROBA_DATABASE_URL when --to is not given', async () => {
    const io = recordingIo({ HIROBA_DATABASE_URL: to.url });
    expect(await runCli(['copy-db', '--db', source, '--locale', 'en'], io)).toBe(1);
    expect(io.stdout[0]).toBe(`Copying ${source} into ${to.shown}. Keep Hiroba stopped until the copy is done.`);
    expect(io.stderr[0]).toContain('already holds data');
    expect(printed(io)).not.toContain(to.password);
  });

  it('reads the source from HIROBA_DB when --db is not given', async () => {
    const io = recordingIo({ HIROBA_DB: source });
    expect(await runCli(['copy-db', '--to', to.url, '--locale', 'en'], io)).toBe(1);
    expect(io.stdout[0]).toBe(`Copying ${source} into ${to.shown}. Keep Hiroba stopped until the copy is done.`);
    expect(io.stderr[0]).toContain('already holds data');
  });

  it('asks for --to (exit 2) and takes only a PostgreSQL URL there (exit 2)', async () => {
    const missing = recordingIo();
    expect(await runCli(['copy-db', '--db', source, '--locale', 'en'], missing)).toBe(2);
    expect(printed(missing)).toContain(
      'copy-db: name the PostgreSQL database to copy into with HIROBA_DATABASE_URL (preferred: the password stays out of the shell history) or --to.',
    );
    for (const bad of ['mysql://x', 'mysql://root:pw@db.example.com/hiroba', '', 'hiroba.db']) {
      const io = recordingIo();
      expect(await runCli(['copy-db', '--to', bad, '--db', source, '--locale', 'en'], io)).toBe(2);
      expect(printed(io)).toContain(
        'copy-db: --to must be a PostgreSQL URL such as postgres://hiroba:secret@db.example.com:5432/hiroba.',
      );
    }
    const japanese = recordingIo();
    expect(await runCli(['copy-db', '--db', source], japanese)).toBe(2);
    expect(printed(japanese)).toContain('copy-db: コピー先の PostgreSQL を HIROBA_DATABASE_URL（推奨。');
  });

  it('fails (exit 1) when there is no source file, and creates none', async () => {
    const fresh = await freshDatabase('hiroba_cli_copy_nosource');
    try {
      const missing = join(temp.dir, 'no-such.db');
      const io = recordingIo();
      expect(await runCli(['copy-db', '--to', fresh.url, '--db', missing, '--locale', 'en'], io)).toBe(1);
      expect(io.stdout).toEqual([]);
      expect(io.stderr).toEqual([`copy-db: there is no database at ${missing}. Check --db or HIROBA_DB.`]);
      expect(existsSync(missing)).toBe(false);
      const fromEnv = recordingIo({ HIROBA_DB: missing });
      expect(await runCli(['copy-db', '--to', fresh.url], fromEnv)).toBe(1);
      expect(fromEnv.stderr).toEqual([
        `copy-db: ${missing} にデータベースがありません。--db または HIROBA_DB を確認してください。`,
      ]);
    } finally {
      await fresh.drop();
    }
  });
});
