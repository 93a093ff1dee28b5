import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/core/types.js';
import { CopyRefusedError, copySqliteToPostgres } from '../../../src/store/copy-db.js';
import type { Database } from '../../../src/store/database.js';
import { SqliteLeaseRepo } from '../../../src/store/lease-repo.js';
import { SqliteReplayRepo } from '../../../src/store/replay-repo.js';
import { createSyncSqliteRepositories, openSqliteStore } from '../../../src/store/sqlite-store.js';
import { type FreshDatabase, freshDatabase, postgresUrlForTests } from '../../support/postgres.js';

const AT = '2026-11-10T09:00:00.000Z';
const LATER = '2026-11-12T09:00:00.000Z';

/**
 * A SQLite file with rows in every table: a manager with a higher id than their report (the copy
 * must link them after both exist), Japanese text, nulls, floats, retractions (tombstones), the kept
 * figures the store derives, and each repository's own rows.
 */
async function seed(path: string): Promise<void> {
  const store = openSqliteStore(path);
  const db = store.sqlite as Database;
  const repos = createSyncSqliteRepositories(db);
  const ws = repos.workspaces.create({
    platform: 'slack',
    externalId: 'T1',
    name: '広場株式会社',
    settings: { ...defaultSettings(), purpose: '部署を越えて成功事例を共有する', countedChannels: ['C1'] },
    createdAt: AT,
  });
  const report = repos.members.create({
    workspaceId: ws.id,
    name: '佐藤 花子',
    joinedAt: AT,
    platformId: 'U1',
    email: 'hanako@example.jp',
    department: '営業部',
  });
  const boss = repos.members.create({
    workspaceId: ws.id,
    name: '鈴木 一郎',
    joinedAt: AT,
    platformId: 'U2',
    department: '開発部',
    role: 'ops',
  });
  repos.members.update(report.id, { managerId: boss.id });
  const post = repos.activities.insert({
    workspaceId: ws.id,
    eventId: 'msg:C1:1',
    kind: 'post',
    memberId: report.id,
    channelId: 'C1',
    targetMemberId: null,
    parentEventId: null,
    occurredAt: AT,
    day: '2026-11-10',
    points: 3,
  });
  expect(post.inserted).toBe(true);
  repos.activities.insert({
    workspaceId: ws.id,
    eventId: 'msg:C1:2',
    kind: 'reply',
    memberId: boss.id,
    channelId: 'C1',
    targetMemberId: report.id,
    parentEventId: 'msg:C1:1',
    occurredAt: LATER,
    day: '2026-11-12',
    points: 2,
  });
  repos.activities.insert({
    workspaceId: ws.id,
    eventId: 'msg:C1:3',
    kind: 'reaction',
    memberId: boss.id,
    channelId: 'C1',
    targetMemberId: report.id,
    parentEventId: null,
    occurredAt: LATER,
    day: '2026-11-12',
    points: 1,
  });
  repos.activities.retract(ws.id, 'msg:C1:3', LATER);
  repos.activities.saveScoreScale(ws.id, { day: '2026-11-12', p90: 12.375, scored: 2, computedAt: LATER });
  repos.outbox.commitRun(
    { workspaceId: ws.id, job: 'weekly-digest', period: '2026-W46', status: 'done', at: AT, detail: null },
    [
      {
        workspaceId: ws.id,
        job: 'weekly-digest',
        period: '2026-W46',
        recipient: { kind: 'channel', id: 'C1' },
        message: { kind: 'digest', blocks: [], fallback: '今週のダイジェストです' },
        notBefore: AT,
        createdAt: AT,
      },
    ],
  );
  repos.nudges.save({ memberId: report.id, step: 1, lastNudgedAt: AT, restUntil: null });
  repos.submissions.create({
    workspaceId: ws.id,
    memberId: report.id,
    kind: 'story',
    fields: { title: '受注までの工夫', body: '提案書を部署横断で見直しました' },
    status: 'pending',
    createdAt: AT,
    eventId: 'form:V1',
  });
  repos.conversationRefs.save(ws.id, 'member:U1', { conversation: { id: 'a:1' }, serviceUrl: 'http://127.0.0.1/' }, AT);
  repos.confirmations.create({
    workspaceId: ws.id,
    memberId: boss.id,
    command: 'prompt',
    args: { kind: 'story' },
    createdAt: AT,
    expiresAt: LATER,
  });
  repos.pendingActivities.add({
    workspaceId: ws.id,
    eventId: 'msg:C1:9',
    memberPlatformId: 'U9',
    activity: { eventId: 'msg:C1:9', kind: 'post', memberPlatformId: 'U9', channelId: 'C1', occurredAt: AT },
    nextAttemptAt: LATER,
    lastError: 'ratelimited',
    createdAt: AT,
  });
  const grant = { workspaceId: ws.id, memberId: boss.id, createdAt: AT, expiresAt: LATER };
  repos.dashboard.createLoginToken('a'.repeat(64), grant);
  repos.dashboard.createSession('b'.repeat(64), grant);
  repos.audit.record({
    workspaceId: ws.id,
    actorMemberId: boss.id,
    command: 'purpose.set',
    targetMemberId: null,
    summary: { outcome: 'done' },
    at: AT,
  });
  new SqliteLeaseRepo(db).acquire('scheduler', 'host-1', AT, LATER);
  new SqliteReplayRepo(db).firstSeen('slack:abc', LATER);
  await store.close();
}

/** Every table of the SQLite file, each row as its values in column order, sorted. */
async function sqliteTables(path: string): Promise<Map<string, unknown[][]>> {
  const store = openSqliteStore(path);
  const db = store.sqlite as Database;
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    )
    .all();
  const out = new Map<string, unknown[][]>();
  for (const { name } of tables) {
    const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`).all();
    const list = columns.map((c) => `"${c.name}"`).join(', ');
    out.set(name, sortRows(db.prepare(`SELECT ${list} FROM ${name}`).raw().all() as unknown[][]));
  }
  await store.close();
  return out;
}

async function postgresTables(url: string, names: string[], columnsOf: (table: string) => string[]) {
  const client = new pg.Client({
    connectionString: url,
    types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
  });
  await client.connect();
  const out = new Map<string, unknown[][]>();
  try {
    for (const name of names) {
      const list = columnsOf(name)
        .map((c) => `"${c}"`)
        .join(', ');
      const result = await client.query({ text: `SELECT ${list} FROM ${name}`, rowMode: 'array' });
      out.set(name, sortRows(result.rows as unknown[][]));
    }
  } finally {
    await client.end();
  }
  return out;
}

function sortRows(rows: unknown[][]): unknown[][] {
  return rows
    .map((row) => row.map((v) => (v === undefined ? null : v)))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe.skipIf(postgresUrlForTests() === null)('copy-db: SQLite into PostgreSQL', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function setup(): Promise<{ path: string; target: FreshDatabase }> {
    const dir = mkdtempSync(join(tmpdir(), 'hiroba-copy-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const target = await freshDatabase('hiroba_copy');
    cleanups.push(() => target.drop());
    const path = join(dir, 'hiroba.db');
    await seed(path);
    return { path, target };
  }

  it('copies every table row for row, ids and values unchanged, and new rows continue after the copied ids', async () => {
    const { path, target } = await setup();
    const before = await sqliteTables(path);
    for (const [table, rows] of before) expect(rows.length, `the seed leaves ${table} empty`).toBeGreaterThan(0);

    const seen: string[] = [];
    const result = await copySqliteToPostgres(path, target.url, (table) => seen.push(table));
    expect(result.tables.map((t) => t.table).sort()).toEqual([...before.keys()].sort());
    // Parents before children: members before the activities that name them.
    expect(seen.indexOf('members')).toBeLessThan(seen.indexOf('activities'));
    expect(seen.indexOf('workspaces')).toBeLessThan(seen.indexOf('members'));

    const columns = await (async () => {
      const store = openSqliteStore(path);
      const db = store.sqlite as Database;
      const map = new Map<string, string[]>();
      for (const name of before.keys())
        map.set(
          name,
          db
            .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
            .all()
            .map((c) => c.name),
        );
      await store.close();
      return map;
    })();
    const after = await postgresTables(target.url, [...before.keys()], (t) => columns.get(t) ?? []);
    for (const [table, rows] of before) expect(after.get(table), table).toEqual(rows);

    // Identity sequences moved past the copied ids: a new row does not collide.
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const inserted = await client.query<{ id: string }>(
      "INSERT INTO workspaces (platform, external_id, name, settings, created_at) SELECT platform, 'T2', name, settings, created_at FROM workspaces RETURNING id",
    );
    await client.end();
    expect(Number(inserted.rows[0]?.id)).toBeGreaterThan(1);
  });

  it('refuses a target that already holds data, and writes nothing', async () => {
    const { path, target } = await setup();
    await copySqliteToPostgres(path, target.url);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const count = async () => Number((await client.query('SELECT count(*) AS n FROM activities')).rows[0].n);
    const rows = await count();
    await expect(copySqliteToPostgres(path, target.url)).rejects.toThrow(CopyRefusedError);
    await expect(copySqliteToPostgres(path, target.url)).rejects.toThrow(/already holds data/);
    expect(await count()).toBe(rows);
    await client.end();
  });
});
