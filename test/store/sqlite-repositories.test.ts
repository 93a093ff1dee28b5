import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/core/types.js';
import { ACTIVITY_READS, contributionsSql } from '../../src/store/activity-repo.js';
import type { Database } from '../../src/store/database.js';
import { CorruptRowError, InvalidValueError, SchemaTooNewError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { OUTBOX_READS } from '../../src/store/outbox-repo.js';
import type { SynchronousRepositories } from '../../src/store/sqlite-gate.js';
import { createSyncSqliteRepositories, openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { tempDir } from './temp-dir.js';

const T0 = '2026-11-02T00:00:00.000Z';
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function sqliteOf(store: Store): Database {
  if (store.sqlite === null) throw new Error('expected a SQLite store');
  return store.sqlite;
}

function tempStore(): Store {
  const dir = tempDir();
  const store = openSqliteStore(join(dir.path, 'hiroba.db'));
  cleanups.push(async () => {
    await store.close();
    dir.remove();
  });
  return store;
}

/** The SQLite repository classes themselves: how they store, check and read back rows. */
describe('SQLite-specific storage', () => {
  function seeded(): { db: Database; repos: SynchronousRepositories; wsId: number; memberId: number } {
    const db = sqliteOf(tempStore());
    const repos = createSyncSqliteRepositories(db);
    const ws = repos.workspaces.create({
      platform: 'memory',
      externalId: 'acme',
      name: 'Acme',
      settings: defaultSettings(),
      createdAt: T0,
    });
    const member = repos.members.create({ workspaceId: ws.id, name: 'Alice', joinedAt: T0, platformId: 'U1' });
    return { db, repos, wsId: ws.id, memberId: member.id };
  }

  function caught(fn: () => unknown): unknown {
    try {
      fn();
    } catch (error) {
      return error;
    }
    throw new Error('expected an error');
  }

  it('fills defaults for settings the stored JSON does not have', () => {
    const { db, repos, wsId } = seeded();
    db.prepare('UPDATE workspaces SET settings = ? WHERE id = ?').run(
      '{"purpose":"共有の場","quietHours":{"start":"21:00"}}',
      wsId,
    );
    expect(repos.workspaces.get(wsId)?.settings).toEqual({
      ...defaultSettings(),
      purpose: '共有の場',
      quietHours: { start: '21:00', end: '08:00', weekends: true },
    });
  });

  it('throws CorruptRowError naming the table and row for bad settings JSON', () => {
    const { db, repos, wsId } = seeded();
    db.prepare('UPDATE workspaces SET settings = ? WHERE id = ?').run('{"locale":', wsId);
    const notJson = caught(() => repos.workspaces.get(wsId));
    expect(notJson).toBeInstanceOf(CorruptRowError);
    expect(notJson).toMatchObject({ code: 'corrupt_row', table: 'workspaces', rowId: wsId });
    expect((notJson as Error).message).toBe(
      `Row ${wsId} of table workspaces is corrupt: settings is not valid JSON. ` +
        'Correct or delete that row with the sqlite3 shell (after a backup), then retry.',
    );

    db.prepare('UPDATE workspaces SET settings = ? WHERE id = ?').run('{"locale":"fr"}', wsId);
    expect(() => repos.workspaces.list()).toThrow(CorruptRowError);
    expect(() => repos.workspaces.find('memory', 'acme')).toThrow(/settings does not match its schema \(locale:/u);
  });

  it('throws CorruptRowError for a bad outbox message, a bad submission and a bad reference', () => {
    const { db, repos, wsId, memberId } = seeded();
    repos.outbox.enqueue([
      {
        workspaceId: wsId,
        job: 'digest',
        period: 'W1',
        recipient: { kind: 'channel', id: 'C1' },
        message: { kind: 'x', blocks: [], fallback: 'x' },
        notBefore: T0,
        createdAt: T0,
      },
    ]);
    const rowId = repos.outbox.list(wsId)[0]?.id ?? -1;
    db.prepare('UPDATE outbox SET message = ? WHERE id = ?').run(
      '{"kind":"x","blocks":[{"type":"chart"}],"fallback":"x"}',
      rowId,
    );
    expect(caught(() => repos.outbox.due(T0, 10))).toMatchObject({ table: 'outbox', rowId });
    expect(() => repos.outbox.get(rowId)).toThrow(CorruptRowError);

    const submission = repos.submissions.create({
      workspaceId: wsId,
      memberId,
      kind: 'idea',
      fields: { idea: 'x' },
      status: 'pending',
      createdAt: T0,
    });
    db.prepare('UPDATE submissions SET fields = ? WHERE id = ?').run('{"idea":42}', submission.id);
    expect(caught(() => repos.submissions.list(wsId))).toMatchObject({ table: 'submissions', rowId: submission.id });

    repos.conversationRefs.save(wsId, 'k', { a: 1 }, T0);
    db.prepare('UPDATE conversation_refs SET reference = ?').run('not json');
    expect(caught(() => repos.conversationRefs.get(wsId, 'k'))).toMatchObject({
      table: 'conversation_refs',
      rowId: `${wsId}/k`,
    });
  });

  it('refuses to write a message, settings or fields that would not read back', () => {
    const { repos, wsId, memberId } = seeded();
    const bad = { kind: 'x', blocks: [{ type: 'text', text: '' }], fallback: 'x' };
    const error = caught(() =>
      repos.outbox.enqueue([
        {
          workspaceId: wsId,
          job: 'j',
          period: 'p',
          recipient: { kind: 'member', id: 'U1' },
          message: bad as never,
          notBefore: T0,
          createdAt: T0,
        },
      ]),
    );
    expect(error).toBeInstanceOf(InvalidValueError);
    expect((error as Error).message).toMatch(/^Cannot store outbox\.message: blocks\.0\.text:/u);
    expect(repos.outbox.list(wsId)).toEqual([]);

    expect(() => repos.workspaces.updateSettings(wsId, { ...defaultSettings(), inactiveAfterDays: 3 })).toThrow(
      InvalidValueError,
    );
    expect(repos.workspaces.get(wsId)?.settings.inactiveAfterDays).toBe(14);
    expect(() =>
      repos.submissions.create({
        workspaceId: wsId,
        memberId,
        kind: 'idea',
        fields: { idea: 1 } as never,
        status: 'pending',
        createdAt: T0,
      }),
    ).toThrow(InvalidValueError);
    expect(() => repos.conversationRefs.save(wsId, 'k', undefined, T0)).toThrow(InvalidValueError);
  });

  it('writes every instant in one UTC form so text comparisons hold', () => {
    const { repos, wsId, memberId } = seeded();
    const result = repos.activities.insert({
      workspaceId: wsId,
      eventId: 'E1',
      kind: 'post',
      memberId,
      channelId: 'C1',
      targetMemberId: null,
      occurredAt: '2026-11-02T09:00:00+09:00',
      day: '2026-11-02',
      points: 3,
    });
    expect(result.inserted && result.activity.occurredAt).toBe('2026-11-02T00:00:00.000Z');
    expect(repos.activities.between(wsId, '2026-11-02T08:59:59+09:00', '2026-11-02T09:00:01+09:00')).toHaveLength(1);
    expect(() => repos.activities.between(wsId, 'yesterday', T0)).toThrow(InvalidValueError);
    expect(() =>
      repos.activities.insert({
        workspaceId: wsId,
        eventId: 'E2',
        kind: 'post',
        memberId,
        channelId: 'C1',
        targetMemberId: null,
        occurredAt: T0,
        day: '2.11.2026',
        points: 3,
      }),
    ).toThrow(/"2\.11\.2026" is not a day/u);
  });

  it('does not count cancelled rows for a member, and keeps the failure instant', () => {
    const { db, repos, wsId } = seeded();
    const row = {
      workspaceId: wsId,
      job: 'story-prompts',
      recipient: { kind: 'member' as const, id: 'U1' },
      message: { kind: 'x', blocks: [], fallback: 'x' },
      notBefore: T0,
      createdAt: T0,
    };
    repos.outbox.enqueue([
      { ...row, period: 'p1' },
      { ...row, period: 'p2' },
    ]);
    const [first, second] = repos.outbox.list(wsId);
    if (!first || !second) throw new Error('expected two rows');
    db.prepare("UPDATE outbox SET status = 'cancelled' WHERE id = ?").run(first.id);
    expect(repos.outbox.countForMember(wsId, 'U1', ['story-prompts'], T0)).toBe(1);

    repos.outbox.markFailed(second.id, 'user_not_found', '2026-11-02T00:00:07.000Z');
    expect(db.prepare('SELECT failed_at FROM outbox WHERE id = ?').pluck().get(second.id)).toBe(
      '2026-11-02T00:00:07.000Z',
    );
  });

  it('answers the hot queries from indexes', () => {
    const { db } = seeded();
    const plan = (sql: string, ...params: unknown[]): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(OUTBOX_READS.due, T0, 10)).toBe('SEARCH outbox USING INDEX outbox_due (status=? AND not_before<?)');
    expect(plan(OUTBOX_READS.countForMember, 1, 'U1', T0, '["digest"]')).toMatch(
      /^SEARCH outbox USING INDEX outbox_recipient \(workspace_id=\? AND recipient_id=\? AND created_at>\?\)/u,
    );
    expect(plan(ACTIVITY_READS.between, 1, T0, T0)).toBe(
      'SEARCH activities USING INDEX activities_time (workspace_id=? AND occurred_at>? AND occurred_at<?)',
    );
    expect(plan(ACTIVITY_READS.dailyPoints, 1, '2026-01-01', '2026-03-31')).toMatch(
      /^SEARCH daily_rollups USING (?:COVERING )?INDEX daily_rollups_day \(workspace_id=\? AND day>\? AND day<\?\)/u,
    );
    // Bounds are kept per member: read from their own table, never a GROUP BY over the activities.
    for (const sql of [ACTIVITY_READS.contributionBounds, ACTIVITY_READS.lastActivity]) {
      expect(plan(sql, 1)).toBe('SEARCH member_bounds USING INDEX member_bounds_workspace (workspace_id=?)');
    }
    // A member's own rollups come from the primary key; a span of weeks from the time index alone.
    expect(plan(ACTIVITY_READS.memberDailyPoints, 1, 2, '2026-01-01', '2026-03-31')).toMatch(
      /^SEARCH daily_rollups USING INDEX sqlite_autoindex_daily_rollups_1 \(workspace_id=\? AND member_id=\? AND day>\? AND day<\?\)$/u,
    );
    const bounds = { w: 1, b0: T0, b1: T0, b2: T0 };
    expect(plan(contributionsSql(2), bounds)).toMatch(
      /^SEARCH activities USING COVERING INDEX activities_time \(workspace_id=\? AND occurred_at>\? AND occurred_at<\?\)/u,
    );
  });
});

describe('openStore', () => {
  it('migrates on open, keeps data across reopen, and migrates nothing the second time', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'sub', 'hiroba.db');
    const first = await openStore({ kind: 'sqlite', path });
    expect(first).toMatchObject({ kind: 'sqlite', location: path });
    expect(first.migration.applied[0]).toBe('0001_init.sql');
    await first.repos.workspaces.create({
      platform: 'slack',
      externalId: 'T1',
      name: 'Acme',
      settings: defaultSettings(),
      createdAt: T0,
    });
    await first.close();
    await first.close();

    const second = await openStore({ kind: 'sqlite', path });
    cleanups.unshift(() => second.close());
    expect(second.migration).toEqual({ applied: [], current: first.migration.current });
    expect((await second.repos.workspaces.list()).map((w) => w.externalId)).toEqual(['T1']);
    expect(sqliteOf(second).pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a database newer than this Hiroba', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'hiroba.db');
    const store = await openStore({ kind: 'sqlite', path });
    sqliteOf(store)
      .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', ?)")
      .run(T0);
    await store.close();
    await expect(openStore({ kind: 'sqlite', path })).rejects.toThrow(SchemaTooNewError);
  });
});
