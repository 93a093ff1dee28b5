import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memberFiguresOf } from '../../src/core/metrics.js';
import { decayedScore } from '../../src/core/scoring.js';
import { type ActivityKind, defaultSettings, type Member } from '../../src/core/types.js';
import { createRandom } from '../../src/demo/random.js';
import { JS_TRIM_CHARS } from '../../src/store/activity-sql.js';
import { DEFAULT_MIGRATIONS_DIR, listMigrations } from '../../src/store/migrate.js';
import { createSyncSqliteRepositories, openSqliteStore } from '../../src/store/sqlite-store.js';
import {
  DAY,
  KINDS,
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
const world = (store: TempStore, people = 24): World => syncWorld(store, people, defaultSettings());

/** Random activity over three weeks: every kind, self-targets, missing targets, same instants. */
function fill(w: World, count: number, seed = 7): void {
  const random = createRandom(seed);
  for (let i = 0; i < count; i++)
    w.repos.activities.insert(randomActivity(w.wsId, w.members, random, i, { points: 1 }));
}

function rawBounds(w: World): Map<number, { first: string | null; last: string | null; lastActivity: string }> {
  const all = w.repos.activities.between(w.wsId, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
  const out = new Map<number, { first: string | null; last: string | null; lastActivity: string }>();
  for (const a of all) {
    const b = out.get(a.memberId) ?? { first: null, last: null, lastActivity: a.occurredAt };
    if (a.occurredAt > b.lastActivity) b.lastActivity = a.occurredAt;
    if (['post', 'reply', 'story', 'idea'].includes(a.kind)) {
      if (b.first === null || a.occurredAt < b.first) b.first = a.occurredAt;
      if (b.last === null || a.occurredAt > b.last) b.last = a.occurredAt;
    }
    out.set(a.memberId, b);
  }
  return out;
}

function keptBounds(w: World): Map<number, { first: string | null; last: string | null; lastActivity: string }> {
  const out = new Map<number, { first: string | null; last: string | null; lastActivity: string }>();
  for (const m of w.members) {
    const b = w.repos.activities.boundsOf(m.id);
    if (b) out.set(m.id, b);
  }
  return out;
}

describe('kept member bounds', () => {
  it('follow every insert and retraction exactly as a GROUP BY over the raw rows says', () => {
    const w = world(tempStore());
    fill(w, 600);
    expect(keptBounds(w)).toEqual(rawBounds(w));
    // Retract the rows that are someone's bounds (first, last, latest) and some others.
    const all = w.repos.activities.between(w.wsId, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    const bounds = rawBounds(w);
    const edges = all.filter((a) => {
      const b = bounds.get(a.memberId);
      return b && (a.occurredAt === b.first || a.occurredAt === b.last || a.occurredAt === b.lastActivity);
    });
    for (const a of [...edges, ...all.filter((_, i) => i % 7 === 0)]) w.repos.activities.retract(w.wsId, a.eventId, T0);
    expect(keptBounds(w)).toEqual(rawBounds(w));
    const contributed = new Map(
      [...rawBounds(w)].filter(([, b]) => b.first !== null).map(([id, b]) => [id, { first: b.first, last: b.last }]),
    );
    expect(w.repos.activities.contributionBounds(w.wsId)).toEqual(contributed);
    expect(w.repos.activities.lastActivity(w.wsId)).toEqual(
      new Map([...rawBounds(w)].map(([id, b]) => [id, b.lastActivity])),
    );
  });

  it('drop a member whose every activity was retracted', () => {
    const w = world(tempStore(), 2);
    fill(w, 6);
    for (const a of w.repos.activities.between(w.wsId, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'))
      w.repos.activities.retract(w.wsId, a.eventId, T0);
    expect(keptBounds(w).size).toBe(0);
    expect(w.repos.activities.firstContributionAt(w.members[0]?.id ?? 0)).toBeNull();
  });

  it('keep a first contribution whose raw row retention pruned', () => {
    const w = world(tempStore(), 1);
    fill(w, 40);
    const before = keptBounds(w).get(w.members[0]?.id ?? 0);
    // Retention deletes raw rows older than its window and keeps the aggregates.
    w.db.prepare('DELETE FROM activities WHERE occurred_at < ?').run('2026-11-12T00:00:00.000Z');
    expect(keptBounds(w).get(w.members[0]?.id ?? 0)).toEqual(before);
  });

  it('are backfilled by migration 0011 from the activities already stored', async () => {
    // A database at schema 0010 with activity, then upgraded.
    const dir = tempDir();
    later(() => dir.remove());
    const base = join(dir.path, 'migrations');
    mkdirSync(base);
    for (const m of listMigrations(DEFAULT_MIGRATIONS_DIR).filter((f) => f.version <= 10))
      copyFileSync(m.path, join(base, m.file));
    expect(readdirSync(base)).toHaveLength(10);
    const old = tempStore(base);
    const w = world(old);
    // At schema 0010 the rows are written as that version wrote them (no bounds table yet).
    const insert = old.db.prepare(
      `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points)
       VALUES (?, ?, ?, ?, 'C1', NULL, ?, ?, 1)`,
    );
    const random = createRandom(3);
    for (let i = 0; i < 300; i++) {
      const at = new Date(Date.parse(T0) + Math.floor(random.next() * 21 * DAY)).toISOString();
      const kind = KINDS[Math.floor(random.next() * KINDS.length)] as ActivityKind;
      const member = w.members[Math.floor(random.next() * w.members.length)] as Member;
      insert.run(w.wsId, `E${i}`, kind, member.id, at, at.slice(0, 10));
    }
    const expected = rawBounds(w);
    await old.store.close();
    const upgraded = openSqliteStore(old.path);
    later(() => upgraded.close());
    expect(upgraded.migration.applied).toContain('0011_member_bounds_score_scales.sql');
    if (upgraded.sqlite === null) throw new Error('expected a SQLite store');
    expect(keptBounds({ ...w, db: upgraded.sqlite, repos: createSyncSqliteRepositories(upgraded.sqlite) })).toEqual(
      expected,
    );
  });
});

describe('memberFigures', () => {
  it('counts per member and range exactly what the core counts from the raw rows', () => {
    const w = world(tempStore(), 30);
    fill(w, 1500, 11);
    const weeks = [0, 1, 2, 3].map((k) => new Date(Date.parse(T0) + k * 7 * DAY - 3_600_000));
    const rows = w.repos.activities.memberFigures(
      w.wsId,
      weeks.map((d) => d.toISOString()),
    );
    const all = w.repos.activities.between(w.wsId, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    const departments = new Map(w.members.map((m) => [m.id, m.department]));
    let crossing = 0;
    for (let r = 0; r < 3; r++) {
      const from = weeks[r] as Date;
      const to = weeks[r + 1] as Date;
      const expected = memberFiguresOf(w.members, all, (id) => departments.get(id), from, to);
      const got = new Map(
        rows
          .filter((row) => row.range === r)
          .map((row) => [
            row.memberId,
            {
              contributions: row.contributions,
              activities: row.activities,
              posts: row.posts,
              interactions: row.interactions,
              crossing: row.crossing,
            },
          ]),
      );
      expect(got).toEqual(expected);
      for (const f of expected.values()) crossing += f.crossing;
      const firstPosts = new Map(rows.filter((row) => row.range === r).map((row) => [row.memberId, row.firstPost]));
      for (const [id, at] of firstPosts) {
        const posts = all
          .filter((a) => a.memberId === id && ['post', 'story', 'idea'].includes(a.kind))
          .filter((a) => a.occurredAt >= from.toISOString() && a.occurredAt < to.toISOString());
        expect(at).toBe(posts[0]?.occurredAt ?? null);
      }
      const contributions = new Map(
        w.repos.activities
          .contributionsIn(
            w.wsId,
            weeks.map((d) => d.toISOString()),
          )
          .filter((row) => row.range === r)
          .map((row) => [row.memberId, { contributions: row.contributions, activities: row.activities }]),
      );
      expect(contributions).toEqual(
        new Map([...expected].map(([id, f]) => [id, { contributions: f.contributions, activities: f.activities }])),
      );
    }
    // The data really has interactions across departments that trimming decides.
    expect(crossing).toBeGreaterThan(0);
  });

  it('trims departments with exactly the characters String.prototype.trim removes', () => {
    for (const code of JS_TRIM_CHARS) expect(String.fromCodePoint(code).trim()).toBe('');
    // And none that it keeps: every other BMP character survives trim().
    const trimmed = new Set(JS_TRIM_CHARS);
    for (let code = 0; code <= 0xffff; code++) {
      // Every JS space lies below U+3100 or in U+FE00–U+FFFF; the rest is checked by the ranges.
      if (code >= 0x3100 && code < 0xfe00) continue;
      if (!trimmed.has(code)) expect(String.fromCodePoint(code).trim(), `U+${code.toString(16)}`).not.toBe('');
    }
  });

  it('refuses bounds out of order and stores nothing', () => {
    const w = world(tempStore(), 2);
    expect(() => w.repos.activities.memberFigures(w.wsId, ['2026-11-09T00:00:00.000Z', T0])).toThrow(/ascending/u);
    expect(w.repos.activities.memberFigures(w.wsId, [T0])).toEqual([]);
  });
});

describe('daily rollups and the score scale', () => {
  it('estimates every score in SQL within rounding, and reads one member alone', () => {
    const w = world(tempStore(), 5);
    fill(w, 200);
    const today = '2026-11-24';
    const estimates = w.repos.activities.scoreEstimates(w.wsId, '2026-08-18', today, { cap: 15, halfLifeDays: 14 });
    for (const m of w.members) {
      const exact = decayedScore(w.repos.activities.memberDailyPoints(m.id, '2026-08-18', today), today);
      expect(Math.abs((estimates.get(m.id) ?? 0) - exact)).toBeLessThanOrEqual(exact * 1e-12);
    }
    const one = w.members[0]?.id ?? 0;
    expect(w.repos.activities.memberDailyPoints(one, '2026-11-01', '2026-11-30')).toEqual(
      w.repos.activities.dailyPoints(w.wsId, '2026-11-01', '2026-11-30').filter((d) => d.memberId === one),
    );
  });

  it('keeps the first scale of a day and refuses a scale that is not a number', () => {
    const w = world(tempStore(), 1);
    expect(w.repos.activities.scoreScale(w.wsId, '2026-11-02')).toBeNull();
    w.repos.activities.saveScoreScale(w.wsId, { day: '2026-11-02', p90: 12.5, scored: 3, computedAt: T0 });
    w.repos.activities.saveScoreScale(w.wsId, { day: '2026-11-02', p90: 99, scored: 4, computedAt: T0 });
    expect(w.repos.activities.scoreScale(w.wsId, '2026-11-02')).toEqual({
      day: '2026-11-02',
      p90: 12.5,
      scored: 3,
      computedAt: T0,
    });
    expect(() =>
      w.repos.activities.saveScoreScale(w.wsId, { day: '2026-11-03', p90: Number.NaN, scored: 1, computedAt: T0 }),
    ).toThrow();
    expect(w.repos.activities.scoreScale(w.wsId, '2026-11-03')).toBeNull();
  });
});
