import pg from 'pg';
// The throwaway cluster is the one the test suite starts (initdb, durability off); the bench borrows
// it rather than keeping a copy of its own.
import {
  createDatabase,
  type FreshDatabase,
  postgresBinaries,
  startThrowawayCluster,
  withClient,
} from '../test/support/pg-cluster.js';

/** A fresh, empty database on the bench's PostgreSQL server, dropped after one measurement. */
export type BenchDatabase = FreshDatabase;

/** The PostgreSQL server the bench measures its PostgreSQL lines on, for the whole run. */
export interface BenchPostgres {
  /** Where it came from, for the report (`HIROBA_BENCH_DATABASE_URL` or a throwaway cluster). */
  source: string;
  fresh(): Promise<BenchDatabase>;
  /** Counts the rows of `table` in the database at `url` (through one kept connection per URL). */
  counter(url: string): Promise<{ count(table: string): Promise<number>; close(): Promise<void> }>;
  close(): Promise<void>;
}

function serverAt(admin: string, source: string, stop: () => void): BenchPostgres {
  return {
    source,
    fresh: () => createDatabase(admin, 'hiroba_bench'),
    async counter(url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return {
        count: async (table) =>
          Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n ?? 0),
        close: () => client.end(),
      };
    },
    close: () => {
      stop();
      return Promise.resolve();
    },
  };
}

/**
 * Finds the PostgreSQL server for the bench's PostgreSQL lines: `HIROBA_BENCH_DATABASE_URL` (an admin
 * URL: a database is created for each measurement and dropped after it), else a throwaway cluster
 * when `initdb` is installed (stopped and removed by `close`), else the reason there is none.
 */
export async function benchPostgres(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ok: true; server: BenchPostgres } | { ok: false; reason: string }> {
  const given = env.HIROBA_BENCH_DATABASE_URL?.trim();
  if (given) {
    try {
      await withClient(given, (client) => client.query('SELECT 1'));
    } catch (error) {
      return {
        ok: false,
        reason: `HIROBA_BENCH_DATABASE_URL does not answer (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    const shown = new URL(given);
    shown.password = '';
    return { ok: true, server: serverAt(given, `HIROBA_BENCH_DATABASE_URL (${shown.host})`, () => undefined) };
  }
  const bin = postgresBinaries();
  if (bin === null) return { ok: false, reason: 'HIROBA_BENCH_DATABASE_URL is not set and initdb is not installed' };
  try {
    const cluster = await startThrowawayCluster(bin);
    return {
      ok: true,
      server: serverAt(cluster.url, `a throwaway cluster (${bin}, fsync off)`, () => cluster.stop()),
    };
  } catch (error) {
    return {
      ok: false,
      reason: `a throwaway cluster did not start (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
