import { afterAll, describe } from 'vitest';
import { PgDb } from '../../../src/store/postgres/pg-db.js';
import { migratePostgres } from '../../../src/store/postgres/pg-migrate.js';
import { createPostgresRepositories } from '../../../src/store/postgres/pg-store.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../../support/postgres.js';
import { runRepositoryContract } from '../repository-contract.js';

describe.skipIf(postgresUrlForTests() === null)('PostgreSQL repositories', () => {
  // One database for the file, emptied before each test (faster than creating one per test); identities
  // restart too, so ids are as small as on a fresh database.
  let shared: { fresh: FreshDatabase; db: PgDb } | null = null;

  afterAll(async () => {
    await shared?.db.close();
    await shared?.fresh.drop();
  });

  runRepositoryContract(async () => {
    if (shared === null) {
      const fresh = await freshDatabase('hiroba_pgbase');
      const db = new PgDb(fresh.url, { poolSize: 4 });
      shared = { fresh, db };
      await migratePostgres(db);
    }
    const { db } = shared;
    const tables = await db.rows<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
    );
    await db.exec(`TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`);
    return { repos: createPostgresRepositories(db), cleanup: async () => undefined };
  });
});
