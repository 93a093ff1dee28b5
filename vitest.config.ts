import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // A PostgreSQL server for the PostgreSQL suite: HIROBA_TEST_DATABASE_URL, else a throwaway cluster.
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
