import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointThread } from '../../src/store/checkpoint-thread.js';
import { openDatabase } from '../../src/store/database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe('startCheckpointThread', () => {
  it('copies the WAL into the database file from its own thread; the connection only checkpoints as a fallback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hiroba-ckpt-'));
    dirs.push(dir);
    const path = join(dir, 'hiroba.db');
    const db = openDatabase(path);
    const thread = startCheckpointThread(db, path, { everyMs: 50 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    // About 1,500 pages, past SQLite's own 1,000: committed in small transactions as events are.
    for (let i = 0; i < 600; i += 1)
      db.transaction(() => {
        for (let j = 0; j < 10; j += 1) insert.run('x'.repeat(1000));
      })();
    expect(await until(() => statSync(path).size > 5_000_000)).toBe(true);
    await thread.stop();
    db.close();
  });
});
