import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDb, pgCode, UNIQUE_VIOLATION } from '../../../src/store/postgres/pg-db.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../../support/postgres.js';

describe.skipIf(postgresUrlForTests() === null)('PgDb', () => {
  let fresh: FreshDatabase;
  let db: PgDb;

  beforeAll(async () => {
    fresh = await freshDatabase('hiroba_pgbase');
    db = new PgDb(fresh.url, { poolSize: 4 });
    await db.exec('CREATE TABLE t (k text PRIMARY KEY, n bigint NOT NULL)');
  });

  afterAll(async () => {
    await db?.close();
    await fresh?.drop();
  });

  async function keys(): Promise<string[]> {
    return (await db.rows<{ k: string }>('SELECT k FROM t ORDER BY k')).map((row) => row.k);
  }

  it('reads int8 and numeric as numbers, and counts changed rows', async () => {
    await db.exec('TRUNCATE t');
    expect(await db.run('INSERT INTO t VALUES ($1, $2), ($3, $4)', ['a', 2 ** 40, 'b', 1])).toBe(2);
    expect(await db.one('SELECT COUNT(*) AS c, SUM(n) AS s, MAX(n) AS m FROM t')).toEqual({
      c: 2,
      s: 2 ** 40 + 1,
      m: 2 ** 40,
    });
    expect(await db.one('SELECT k FROM t WHERE k = $1', ['none'])).toBeNull();
  });

  it('runs a transaction again when PostgreSQL cancels it to break a deadlock, so both writers finish', async () => {
    await db.exec('TRUNCATE t');
    await db.run("INSERT INTO t VALUES ('x', 0), ('y', 0)");
    // Each transaction locks one row, waits until the other locked its row, then wants the other's row.
    let arrived = 0;
    const bothLocked = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (arrived >= 2) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    let runs = 0;
    const writer = (first: string, second: string) =>
      db.transaction(async () => {
        runs++;
        await db.run('UPDATE t SET n = n + 1 WHERE k = $1', [first]);
        arrived++;
        await bothLocked;
        await db.run('UPDATE t SET n = n + 1 WHERE k = $1', [second]);
      });
    await Promise.all([writer('x', 'y'), writer('y', 'x')]);
    // One of them was cancelled once (deadlock) and ran again: each row was incremented by both, once.
    expect(runs).toBe(3);
    expect(await db.rows('SELECT k, n FROM t ORDER BY k')).toEqual([
      { k: 'x', n: 2 },
      { k: 'y', n: 2 },
    ]);
  });

  it('writes script values as literals that read back exactly, whatever they hold', async () => {
    await db.exec('TRUNCATE t');
    const hostile = [
      "'; DROP TABLE t; --",
      "back\\slash \\' and $1 and $2",
      '日本語\u3000全角　と 🎌',
      "E'x' || 'y'",
      '-1',
    ];
    for (const [i, k] of hostile.entries())
      await db.script([
        { sql: 'SELECT pg_advisory_xact_lock($1::integer)', params: [i] },
        { sql: 'INSERT INTO t (k, n) VALUES ($1::text, $2::bigint)', params: [k, -i - 1] },
      ]);
    expect(await db.rows('SELECT k, n FROM t ORDER BY n DESC')).toEqual(hostile.map((k, i) => ({ k, n: -i - 1 })));
    await expect(db.script([{ sql: 'SELECT $1::text', params: ['a\u0000b'] }])).rejects.toThrow(/NUL/u);
  });

  it("keeps pg's error, so callers can tell a unique violation", async () => {
    await db.exec('TRUNCATE t');
    await db.run('INSERT INTO t VALUES ($1, 1)', ['a']);
    const error = await db.run('INSERT INTO t VALUES ($1, 1)', ['a']).catch((e: unknown) => e);
    expect(pgCode(error)).toBe(UNIQUE_VIOLATION);
    expect(pgCode(new Error('x'))).toBeNull();
  });

  it('commits what the awaited calls wrote, or rolls all of it back', async () => {
    await db.exec('TRUNCATE t');
    await db.transaction(async () => {
      await db.run("INSERT INTO t VALUES ('a', 1)");
      await db.run("INSERT INTO t VALUES ('b', 1)");
    });
    await expect(
      db.transaction(async () => {
        await db.run("INSERT INTO t VALUES ('c', 1)");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await keys()).toEqual(['a', 'b']);
  });

  it('runs every awaited call of the transaction on its connection, and nested ones as savepoints', async () => {
    await db.exec('TRUNCATE t');
    await db.transaction(async () => {
      const backend = await db.one<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(db.inTransaction()).toBe(true);
      await db.run("INSERT INTO t VALUES ('a', 1)");
      await expect(
        db.transaction(async () => {
          expect(await db.one('SELECT pg_backend_pid() AS pid')).toEqual(backend);
          await db.run("INSERT INTO t VALUES ('b', 1)");
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await db.transaction(async () => {
        await db.run("INSERT INTO t VALUES ('c', 1)");
      });
      // The rolled-back savepoint left the transaction usable.
      expect(await keys()).toEqual(['a', 'c']);
    });
    expect(db.inTransaction()).toBe(false);
    expect(await keys()).toEqual(['a', 'c']);
  });

  it("keeps another caller's write out of an open transaction: it survives the rollback", async () => {
    await db.exec('TRUNCATE t');
    let release: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction(async () => {
      await db.run("INSERT INTO t VALUES ('inside', 1)");
      await paused;
      throw new Error('boom');
    });
    // Outside the transaction's async context: its own connection, committed on its own.
    await db.run("INSERT INTO t VALUES ('outside', 1)");
    release();
    await expect(transaction).rejects.toThrow('boom');
    expect(await keys()).toEqual(['outside']);
  });

  it('gives the connection back after a failed statement, so the pool keeps serving', async () => {
    await db.exec('TRUNCATE t');
    for (let i = 0; i < 6; i++) {
      await expect(db.transaction(() => db.run('SELECT no_such_column FROM t'))).rejects.toThrow();
    }
    await db.transaction(() => db.run("INSERT INTO t VALUES ('after', 1)"));
    expect(await keys()).toEqual(['after']);
    expect(db.pool.totalCount).toBeLessThanOrEqual(4);
    expect(db.pool.waitingCount).toBe(0);
  });
});
