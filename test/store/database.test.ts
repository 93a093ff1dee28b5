import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, journalMode, openDatabase } from '../../src/store/database.js';
import { tempDir } from './temp-dir.js';

describe('openDatabase', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function open(path: string): Database {
    const db = openDatabase(path);
    cleanups.unshift(() => db.close());
    return db;
  }

  it('opens a file in WAL mode with foreign keys, busy timeout and synchronous NORMAL', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const db = open(join(dir.path, 'hiroba.db'));
    expect(journalMode(db)).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // 1 = NORMAL
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('creates missing parent directories of the file', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'data', 'nested', 'hiroba.db');
    open(path);
    expect(existsSync(path)).toBe(true);
  });

  it('keeps WAL when the file is opened again by a second connection', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'hiroba.db');
    const first = open(path);
    first.exec('CREATE TABLE t (x INTEGER)');
    first.prepare('INSERT INTO t VALUES (1)').run();
    const second = open(path);
    expect(journalMode(second)).toBe('wal');
    expect(second.prepare('SELECT x FROM t').pluck().get()).toBe(1);
  });

  it('opens :memory: (which cannot use WAL) with foreign keys on', () => {
    const db = open(':memory:');
    expect(journalMode(db)).toBe('memory');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
