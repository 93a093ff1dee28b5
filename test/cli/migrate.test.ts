import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { defaultSettings } from '../../src/core/types.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
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
