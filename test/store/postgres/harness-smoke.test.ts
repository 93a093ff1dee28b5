import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, postgresUrlForTests } from '../../support/postgres.js';

describe.skipIf(postgresUrlForTests() === null)('the PostgreSQL test server', () => {
  it('gives each test an empty database of its own, and drops it', async () => {
    const db = await freshDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const tables = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    await client.end();
    expect(tables.rows[0]).toEqual({ n: 0 });
    await db.drop();
    const admin = new pg.Client({ connectionString: postgresUrlForTests() ?? '' });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(db.url).pathname.slice(1)]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});
