import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { companyFile, ensureCompany, opsPerson, plainMember, schemaHash } from '../../bench/scale/company-db.js';
import { digestChecks, digestWindow, recount } from '../../bench/scale/recount.js';
import { runTask, runTasks } from '../../bench/scale/run-task.js';
import { formatChecks, formatScale, runScale, type TaskRunner } from '../../bench/scale/scale-suite.js';
import { performTask } from '../../bench/scale/task-child.js';
import { BENCH_TIMEZONE } from '../../bench/workload.js';
import { POINTS } from '../../src/core/scoring.js';
import { localDay } from '../../src/core/time.js';
import { openDatabase } from '../../src/store/database.js';

const SPEC = { members: 60, days: 14, seed: 7, eventsPerMemberWeek: 7.8 };

let dirs: string[] = [];
function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-bench-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

const inProcess: TaskRunner = async (db, task, input) => ({ ok: true, ...(await performTask(db, task, input)) });

describe('cached scale company', () => {
  it('is built once, keyed by parameters and schema, and reused', async () => {
    const dir = cacheDir();
    const first = await ensureCompany(SPEC, dir);
    expect(first.cached).toBe(false);
    expect(first.activities).toBeGreaterThan(200);
    expect(basename(first.path)).toContain(`schema${schemaHash()}`);
    expect(companyFile(dir, { ...SPEC, seed: 8 })).not.toBe(first.path);
    const again = await ensureCompany(SPEC, dir);
    expect(again).toMatchObject({ cached: true, path: first.path, activities: first.activities });
  });

  it('stores what recordActivity would: points and local day per row, rollups that sum the rows', async () => {
    const built = await ensureCompany(SPEC, cacheDir());
    const db = openDatabase(built.path);
    try {
      const rows = db
        .prepare('SELECT kind, points, occurred_at, day, member_id, target_member_id FROM activities')
        .all() as {
        kind: keyof typeof POINTS;
        points: number;
        occurred_at: string;
        day: string;
        member_id: number;
        target_member_id: number | null;
      }[];
      for (const row of rows) {
        expect(row.points).toBe(POINTS[row.kind]);
        expect(row.day).toBe(localDay(row.occurred_at, BENCH_TIMEZONE));
        expect(row.target_member_id).not.toBe(row.member_id);
        expect(row.occurred_at < built.plan.options.end).toBe(true);
      }
      const sums = db
        .prepare(
          `SELECT (SELECT sum(activities) FROM daily_rollups) AS rolled, (SELECT count(*) FROM activities) AS stored,
                  (SELECT sum(points) FROM daily_rollups) AS rolledPoints, (SELECT sum(points) FROM activities) AS points,
                  (SELECT count(*) FROM (SELECT 1 FROM activities GROUP BY member_id, day)) AS cells,
                  (SELECT count(*) FROM daily_rollups) AS rollups`,
        )
        .get() as Record<string, number>;
      expect(sums.rolled).toBe(sums.stored);
      expect(sums.rolledPoints).toBe(sums.points);
      expect(sums.rollups).toBe(sums.cells);
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities'")
        .all();
      expect(indexes.length).toBeGreaterThanOrEqual(4);
      expect(opsPerson(built.plan).index).not.toBe(plainMember(built.plan).index);
      const role = db.prepare('SELECT role FROM members WHERE platform_id = ?').get(opsPerson(built.plan).platformId);
      expect(role).toEqual({ role: 'admin' });
    } finally {
      db.close();
    }
  });
});

describe('scale suite at a tiny size', () => {
  it('times every job and answer at both sizes and the weekly figures equal the SQL recount', async () => {
    const result = await runScale(
      {
        small: 30,
        large: 60,
        days: 14,
        seed: 7,
        eventsPerMemberWeek: 7.8,
        timeoutMs: 60_000,
        cacheDir: cacheDir(),
        runner: inProcess,
      },
      () => undefined,
    );
    expect(result.lines.map((l) => l.task)).toEqual([
      'floor',
      'digest',
      'manager-reports',
      'nudges',
      'story-prompts',
      'score-scale',
      'ops-stats',
      'ops-stats-department',
      'member-stats',
      'app-home',
    ]);
    for (const line of result.lines) {
      expect(Number.isFinite(line.largeMs)).toBe(true);
      expect(Number.isFinite(line.growth)).toBe(true);
    }
    for (const run of [result.small, result.large]) {
      expect(run.checks.length).toBeGreaterThanOrEqual(5);
      expect(run.checks.filter((c) => !c.ok)).toEqual([]);
    }
    expect(formatChecks(result.large)[0]).toMatch(/^recount at 60 members: (\d+) of \1 figures equal/u);
    expect(formatScale(result).split('\n')[0]).toMatch(/^task\s+ms at 30\s+ms at 60\s+× scan\s+peak MB\s+growth/u);
  });

  it('the recount notices a figure that is off by one', async () => {
    const built = await ensureCompany(SPEC, cacheDir());
    const input = { now: built.plan.options.end, ops: 'x', member: 'x', department: 'x', sampleManagers: [] };
    const digest = await performTask(built.path, 'digest', input);
    const message = Object.values(digest.samples)[0];
    if (!message) throw new Error('the digest job built no message');
    const db = openDatabase(built.path);
    try {
      const window = digestWindow(built.plan.options.end, BENCH_TIMEZONE);
      const figures = recount(db, window, window.to);
      expect(figures.members).toBeGreaterThan(50);
      expect(figures.contributors).toBeGreaterThan(0);
      expect(digestChecks(message, figures).every((c) => c.ok)).toBe(true);
      const off = digestChecks(message, {
        ...figures,
        contributors: figures.contributors + 1,
        posts: figures.posts - 1,
      });
      expect(off.filter((c) => !c.ok).map((c) => c.what)).toEqual(['digest participation', 'digest posts']);
    } finally {
      db.close();
    }
  });

  it('runs a task in a process of its own and reads its time and peak memory', async () => {
    const built = await ensureCompany(SPEC, cacheDir());
    const input = { now: built.plan.options.end, ops: 'x', member: 'x', department: 'x', sampleManagers: [] };
    const result = await runTask(built.path, 'floor', input, 60_000);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.runs).toHaveLength(3);
      expect(result.rows).toBeGreaterThan(50);
      expect(result.maxRssKb).toBeGreaterThan(10_000);
    }
    const killed = await runTask(built.path, 'floor', input, 1);
    expect(killed).toMatchObject({ ok: false });
    if (!killed.ok) expect(killed.reason).toMatch(/^killed after 0 s/u);
  });

  it('runs several tasks in one process (the quick run), one result each in order', async () => {
    const built = await ensureCompany(SPEC, cacheDir());
    const input = { now: built.plan.options.end, ops: 'x', member: 'x', department: 'x', sampleManagers: [] };
    const [floor, digest] = await runTasks(built.path, ['floor', 'digest'], input, 60_000);
    expect(floor?.ok && floor.runs.length).toBe(3);
    expect(digest?.ok && digest.rows).toBe(1);
    expect(digest?.ok && Object.keys(digest.samples)).toHaveLength(1);
    // A bad task fails the process: every task of it says so.
    const failed = await runTasks(built.path, ['floor', 'nope' as 'floor'], input, 60_000);
    expect(failed.map((r) => r.ok)).toEqual([false, false]);
  });
});
