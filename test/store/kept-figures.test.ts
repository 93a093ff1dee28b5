import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MemberRangeFigures } from '../../src/core/ports.js';
import type { Member } from '../../src/core/types.js';
import { createRandom } from '../../src/demo/random.js';
import { DEFAULT_MIGRATIONS_DIR, listMigrations } from '../../src/store/migrate.js';
import { weekOfDay } from '../../src/store/rows/kept-figures-row.js';
import { createSyncSqliteRepositories, openSqliteStore } from '../../src/store/sqlite-store.js';
import {
  DEPARTMENTS,
  randomActivity,
  type SyncWorld,
  syncWorld,
  T0,
  type TempStore,
  useCleanups,
  useTempStores,
} from './activity-fixtures.js';
import { tempDir } from './temp-dir.js';

const tempStore = useTempStores();
const later = useCleanups();

type World = SyncWorld;
const world = (store: TempStore, people: number): World => syncWorld(store, people);

/** Kept figures and the raw count over the same days, keyed by range and member. */
function compare(w: World, days: string[]): { kept: Map<string, unknown>; raw: Map<string, unknown> } {
  const key = (rows: MemberRangeFigures[]) =>
    new Map(rows.map(({ memberId, range, ...figures }) => [`${range}|${memberId}`, figures]));
  const raw = key(
    w.repos.activities.memberFigures(
      w.wsId,
      days.map((d) => `${d}T00:00:00.000Z`),
    ),
  );
  return { kept: key(w.repos.activities.keptFigures(w.wsId, days)), raw };
}

describe('kept figures per day and week', () => {
  it('equal the raw count after inserts, retractions and department moves, for weeks and odd day ranges', () => {
    const w = world(tempStore(), 30);
    const random = createRandom(17);
    for (let i = 0; i < 1500; i++) w.repos.activities.insert(randomActivity(w.wsId, w.members, random, i));
    // Retract a tenth, then move a third of the people between departments (padded, blank, none).
    for (let i = 0; i < 1500; i += 10) w.repos.activities.retract(w.wsId, `E${i}`, T0);
    for (const m of w.members.filter((_, i) => i % 3 === 0))
      w.repos.members.update(m.id, {
        department: DEPARTMENTS[Math.floor(random.next() * DEPARTMENTS.length)] ?? null,
      });
    // Some more activity after the moves, counted by the new departments.
    for (let i = 1500; i < 1800; i++) w.repos.activities.insert(randomActivity(w.wsId, w.members, random, i));

    const weeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
    const byWeek = compare(w, weeks);
    expect(byWeek.kept).toEqual(byWeek.raw);
    // Ranges that are no whole ISO week read the days: Thursday to Thursday, one day, eleven days.
    const odd = compare(w, ['2026-11-05', '2026-11-12', '2026-11-13', '2026-11-24']);
    expect(odd.kept).toEqual(odd.raw);
    // Who took part, as ids alone, for the same ranges: equal to the figures' members.
    for (const days of [weeks, ['2026-11-05', '2026-11-12', '2026-11-13', '2026-11-24']]) {
      const figures = w.repos.activities.memberFigures(
        w.wsId,
        days.map((d) => `${d}T00:00:00.000Z`),
      );
      w.repos.activities.keptParticipants(w.wsId, days).forEach((p, r) => {
        const inRange = figures.filter((f) => f.range === r);
        const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
        expect(sorted(p.active)).toEqual(sorted(inRange.filter((f) => f.activities > 0).map((f) => f.memberId)));
        expect(sorted(p.contributors)).toEqual(
          sorted(inRange.filter((f) => f.contributions > 0).map((f) => f.memberId)),
        );
      });
    }
    // The data has crossings and posts to count.
    const totals = [...byWeek.kept.values()] as Array<{ crossing: number; posts: number }>;
    expect(totals.reduce((n, f) => n + f.crossing, 0)).toBeGreaterThan(0);
    expect(totals.reduce((n, f) => n + f.posts, 0)).toBeGreaterThan(0);
  });

  it('find the first post again when the first one is retracted, and drop an emptied week', () => {
    const w = world(tempStore(), 1);
    const member = w.members[0] as Member;
    const post = (eventId: string, at: string) =>
      w.repos.activities.insert({
        workspaceId: w.wsId,
        eventId,
        kind: 'post',
        memberId: member.id,
        channelId: 'C1',
        targetMemberId: null,
        occurredAt: at,
        day: at.slice(0, 10),
        points: 3,
      });
    post('a', '2026-11-03T09:00:00.000Z');
    post('b', '2026-11-03T08:00:00.000Z');
    post('c', '2026-11-05T10:00:00.000Z');
    const week = () => w.repos.activities.keptFigures(w.wsId, ['2026-11-02', '2026-11-09']);
    expect(week()[0]?.firstPost).toBe('2026-11-03T08:00:00.000Z');
    w.repos.activities.retract(w.wsId, 'b', T0);
    expect(week()[0]).toMatchObject({ firstPost: '2026-11-03T09:00:00.000Z', posts: 2, activities: 2 });
    w.repos.activities.retract(w.wsId, 'a', T0);
    expect(week()[0]?.firstPost).toBe('2026-11-05T10:00:00.000Z');
    w.repos.activities.retract(w.wsId, 'c', T0);
    expect(week()).toEqual([]);
  });

  it('refuses days that are no days or out of order', () => {
    const w = world(tempStore(), 1);
    expect(() => w.repos.activities.keptFigures(w.wsId, ['2026-11-09', '2026-11-02'])).toThrow(/ascending/u);
    expect(() => w.repos.activities.keptFigures(w.wsId, ['2026-11-02T00:00:00Z'])).toThrow(/not a day/u);
    expect(w.repos.activities.keptFigures(w.wsId, ['2026-11-02'])).toEqual([]);
  });

  it('put a day in the ISO week of its Monday', () => {
    expect(weekOfDay('2026-11-02')).toBe('2026-11-02');
    expect(weekOfDay('2026-11-08')).toBe('2026-11-02');
    expect(weekOfDay('2026-11-09')).toBe('2026-11-09');
    expect(weekOfDay('2027-01-01')).toBe('2026-12-28');
  });

  it('are backfilled by migration 0014 from the activities and rollups already stored', async () => {
    const dir = tempDir();
    later(() => dir.remove());
    const base = join(dir.path, 'migrations');
    mkdirSync(base);
    for (const m of listMigrations(DEFAULT_MIGRATIONS_DIR).filter((f) => f.version <= 13))
      copyFileSync(m.path, join(base, m.file));
    const old = tempStore(base);
    const w = world(old, 20);
    // At schema 0013 the rows are written as that version wrote them: activities and the old rollup columns.
    const insert = old.db.prepare(
      `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points)
       VALUES (@workspaceId, @eventId, @kind, @memberId, 'C1', @targetMemberId, @occurredAt, @day, @points)`,
    );
    const rollup = old.db.prepare(
      `INSERT INTO daily_rollups (workspace_id, member_id, day, points, contributions, activities)
       VALUES (@workspaceId, @memberId, @day, @points, @contribution, 1)
       ON CONFLICT (workspace_id, member_id, day) DO UPDATE SET points = points + excluded.points,
         contributions = contributions + excluded.contributions, activities = activities + 1`,
    );
    const random = createRandom(5);
    for (let i = 0; i < 600; i++) {
      const a = randomActivity(w.wsId, w.members, random, i);
      insert.run(a);
      rollup.run({ ...a, contribution: ['post', 'reply', 'story', 'idea'].includes(a.kind) ? 1 : 0 });
    }
    await old.store.close();
    const upgraded = openSqliteStore(old.path);
    later(() => upgraded.close());
    expect(upgraded.migration.applied).toContain('0014_kept_figures.sql');
    if (upgraded.sqlite === null) throw new Error('expected a SQLite store');
    const u = { ...w, repos: createSyncSqliteRepositories(upgraded.sqlite) };
    const weeks = compare(u, ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeks.kept.size).toBeGreaterThan(20);
    expect(weeks.kept).toEqual(weeks.raw);
    const days = compare(u, ['2026-11-04', '2026-11-20']);
    expect(days.kept).toEqual(days.raw);
  });
});
