import { inject } from 'vitest';
import { createDatabase, type FreshDatabase } from './pg-cluster.js';

export type { FreshDatabase } from './pg-cluster.js';

/**
 * The PostgreSQL server of this test run (`test/support/postgres-global-setup.ts`): an admin URL, or
 * null when the PostgreSQL suite is skipped. Suites use `describe.skipIf(postgresUrlForTests() === null)`.
 */
export function postgresUrlForTests(): string | null {
  return process.env.HIROBA_TEST_DATABASE_URL ?? inject('postgresUrl') ?? null;
}

/** Creates an empty database with a unique name on the test server; one per test file or test. */
export async function freshDatabase(prefix = 'hiroba_test'): Promise<FreshDatabase> {
  const admin = postgresUrlForTests();
  if (admin === null) throw new Error('no PostgreSQL server for the tests (see test/support/postgres-global-setup.ts)');
  return createDatabase(admin, prefix);
}
