import type { TestProject } from 'vitest/node';
import { postgresBinaries, startThrowawayCluster, type ThrowawayCluster } from './pg-cluster.js';

/**
 * Vitest global setup: gives the PostgreSQL tests a server. `HIROBA_TEST_DATABASE_URL` (an admin URL)
 * wins; else a throwaway cluster is started when PostgreSQL is installed. Without either the PostgreSQL
 * suite is skipped and says so, unless `HIROBA_REQUIRE_POSTGRES=1` (CI), which fails the run instead.
 */
let cluster: ThrowawayCluster | null = null;
let skipped: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.HIROBA_TEST_DATABASE_URL ?? null;
  if (url === null) {
    // HIROBA_TEST_POSTGRES=skip runs the rest without PostgreSQL even where it is installed.
    const bin = process.env.HIROBA_TEST_POSTGRES === 'skip' ? null : postgresBinaries();
    if (bin !== null) {
      cluster = await startThrowawayCluster(bin);
      url = cluster.url;
    } else {
      skipped =
        process.env.HIROBA_TEST_POSTGRES === 'skip'
          ? 'HIROBA_TEST_POSTGRES=skip'
          : 'no PostgreSQL found (initdb is not installed and HIROBA_TEST_DATABASE_URL is not set)';
      if (process.env.HIROBA_REQUIRE_POSTGRES === '1')
        throw new Error(`HIROBA_REQUIRE_POSTGRES=1 but ${skipped}: the PostgreSQL suite must run`);
      console.warn(
        `\n⚠ PostgreSQL suite SKIPPED: ${skipped}. Install postgresql (Debian) or set HIROBA_TEST_DATABASE_URL to run it.\n`,
      );
    }
  }
  project.provide('postgresUrl', url);
}

export function teardown(): void {
  cluster?.stop();
  if (skipped !== null) console.warn(`\n⚠ PostgreSQL suite was SKIPPED: ${skipped}.\n`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}
