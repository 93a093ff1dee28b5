import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { defaultSettings } from '../../src/core/types.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { recordingIo, tempDir } from './cli-harness.js';

describe('hiroba backup', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  async function database(): Promise<{ dir: string; path: string }> {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const path = join(temp.dir, 'hiroba.db');
    const store = openSqliteStore(path);
    const ws = await store.repos.workspaces.create({
      platform: 'memory',
      externalId: 'T1',
      name: 'Acme',
      settings: defaultSettings({}),
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const add = store.sqlite!.prepare(
      'INSERT INTO members (workspace_id, platform_id, name, joined_at) VALUES (?, ?, ?, ?)',
    );
    store.sqlite!.transaction(() => {
      for (let i = 0; i < 3000; i++)
        add.run(ws.id, `U${i}`, `member ${i} ${'x'.repeat(200)}`, '2026-01-01T00:00:00.000Z');
    })();
    await store.close();
    return { dir: temp.dir, path };
  }

  it('copies a database that another connection keeps writing to, and the copy is whole', async () => {
    const { dir, path } = await database();
    const writer = new BetterSqlite3(path);
    const add = writer.prepare(
      "INSERT INTO members (workspace_id, platform_id, name, joined_at) VALUES (1, ?, 'late', '2026-01-02T00:00:00.000Z')",
    );
    let n = 0;
    const writing = setInterval(() => {
      if (n < 30) add.run(`L${n++}`);
    }, 1);
    const target = join(dir, 'backup.db');
    const io = recordingIo({ HIROBA_DB: path });
    const code = await runCli(['backup', target, '--locale', 'en'], io);
    clearInterval(writing);
    writer.close();
    expect(code, io.stderr.join('\n')).toBe(0);
    expect(io.stdout[0]).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')} backed up to .*backup\\.db \\(schema version \\d+, \\d+ bytes\\)\\.$`,
        'u',
      ),
    );
    const copy = new BetterSqlite3(target, { readonly: true });
    const members = copy.prepare('SELECT COUNT(*) FROM members').pluck().get() as number;
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(members).toBeGreaterThanOrEqual(3000);
    expect(members).toBeLessThanOrEqual(3030);
  });

  it('never overwrites a file, refuses a missing database, and needs a file name', async () => {
    const { dir, path } = await database();
    const existing = join(dir, 'taken.db');
    writeFileSync(existing, 'keep me');
    const io = recordingIo();
    expect(await runCli(['backup', existing, '--db', path, '--locale', 'en'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/already exists/u);

    const missing = recordingIo();
    expect(await runCli(['backup', join(dir, 'b.db'), '--db', join(dir, 'nope.db')], missing)).toBe(1);
    expect(missing.stderr[0]).toMatch(/データベースがありません/u);
    expect(existsSync(join(dir, 'b.db'))).toBe(false);

    const bare = recordingIo({ HIROBA_DB: path });
    expect(await runCli(['backup'], bare)).toBe(2);
  });
});
