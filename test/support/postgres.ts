import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The PostgreSQL server of this test run (`test/support/postgres-global-setup.ts`): an admin URL, or
 * null when the PostgreSQL suite is skipped. Suites use `describe.skipIf(postgresUrlForTests() === null)`.
 */
export function postgresUrlForTests(): string | null {
  return process.env.HIROBA_TEST_DATABASE_URL ?? inject('postgresUrl') ?? null;
}

export interface FreshDatabase {
  /** The new, empty database's URL. */
  url: string;
  /** Drops it (connections still open to it are ended first). */
  drop(): Promise<void>;
}

/** Creates an empty database with a unique name on the test server; one per test file or test. */
export async function freshDatabase(prefix = 'hiroba_test'): Promise<FreshDatabase> {
  const admin = postgresUrlForTests();
  if (admin === null) throw new Error('no PostgreSQL server for the tests (see test/support/postgres-global-setup.ts)');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
