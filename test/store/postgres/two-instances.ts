import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Repositories } from '../../../src/core/ports.js';
import { PgDb } from '../../../src/store/postgres/pg-db.js';
import { migratePostgres } from '../../../src/store/postgres/pg-migrate.js';
import { createPostgresRepositories } from '../../../src/store/postgres/pg-store.js';
import { type FreshDatabase, freshDatabase } from '../../support/postgres.js';

/** The repositories of two instances, each with its own pool, on one database. */
export interface TwoInstances {
  readonly repoA: Repositories;
  readonly repoB: Repositories;
}

/**
 * Two instances on a fresh, migrated database for the tests of one describe block (call it at the
 * top of the block): `truncate` empties what the tests wrote after each of them, and the pools and
 * the database go after the last.
 */
export function useTwoInstances(name: string, poolSize: number, truncate: string): TwoInstances {
  let fresh: FreshDatabase | undefined;
  let a: PgDb | undefined;
  let b: PgDb | undefined;
  let repos: { repoA: Repositories; repoB: Repositories } | undefined;

  beforeAll(async () => {
    fresh = await freshDatabase(name);
    a = new PgDb(fresh.url, { poolSize });
    b = new PgDb(fresh.url, { poolSize });
    await migratePostgres(a);
    repos = { repoA: createPostgresRepositories(a), repoB: createPostgresRepositories(b) };
  });

  afterEach(async () => {
    await a?.exec(truncate);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fresh?.drop();
  });

  const started = () => {
    if (repos === undefined) throw new Error('the instances start in beforeAll: use them inside a test');
    return repos;
  };
  return {
    get repoA() {
      return started().repoA;
    },
    get repoB() {
      return started().repoB;
    },
  };
}
