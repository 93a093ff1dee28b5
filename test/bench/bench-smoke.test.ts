import { afterEach, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args.js';
import { bareInsert, naiveScores, scoreDifferences, storedRowsAfter } from '../../bench/baselines.js';
import {
  atLeast,
  atMost,
  type BenchLine,
  below,
  formatNumber,
  formatTable,
  meets,
  summaryLine,
} from '../../bench/report.js';
import { runSuite, suiteOptions } from '../../bench/suite.js';
import { median, pairedRatio, sampleEvenly, sampleSlices, splitEvenly } from '../../bench/timing.js';
import {
  BENCH_CHANNELS,
  BENCH_TIMEZONE,
  type BenchDir,
  bulkLoadActivity,
  createBenchDir,
  createWorld,
  dayFactors,
  generateActivity,
  planCompany,
  workloadOptions,
} from '../../bench/workload.js';
import { loadSnapshot, scoresFor } from '../../src/core/service/snapshot.js';
import { FORM_CHANNEL } from '../../src/core/service.js';
import { localDay } from '../../src/core/time.js';

const TINY = workloadOptions({ members: 40, days: 14 });

let dirs: BenchDir[] = [];
function tempDir(): BenchDir {
  const dir = createBenchDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs) dir.remove();
  dirs = [];
});

describe('company plan', () => {
  it('builds a president, departments and teams whose managers come before their reports', () => {
    const plan = planCompany(TINY);
    expect(plan.members).toHaveLength(40);
    expect(plan.departments).toEqual(['Dept 01']);
    expect(plan.members[0]).toMatchObject({ index: 0, managerIndex: null, department: null, isExecutive: true });
    expect(plan.members[1]).toMatchObject({ managerIndex: 0, department: 'Dept 01', isExecutive: true });
    for (const m of plan.members.slice(1)) expect(m.managerIndex).toBeLessThan(m.index);
    // president, the head and five team leads (39 people under the head: 5 teams of up to 8)
    expect(plan.managerIndexes).toEqual([0, 1, 2, 10, 18, 26, 34]);
    expect(new Set(plan.members.map((m) => m.platformId)).size).toBe(40);
    expect(plan.firstDay).toBe('2026-11-07');
  });

  it('keeps the last department silent and the mean rate at the asked events per member-week', () => {
    const plan = planCompany(workloadOptions({ members: 401, days: 28 }));
    expect(plan.departments).toHaveLength(4);
    expect(plan.silentDepartment).toBe('Dept 04');
    const silent = plan.members.filter((m) => m.department === 'Dept 04');
    expect(silent.length).toBeGreaterThan(0);
    expect(silent.every((m) => m.weeklyRate === 0)).toBe(true);
    const meanRate = plan.members.reduce((sum, m) => sum + m.weeklyRate, 0) / plan.members.length;
    expect(meanRate).toBeCloseTo(20, 9);
    const factors = dayFactors(plan);
    expect(factors.reduce((a, b) => a + b, 0)).toBeCloseTo(28 / 7, 9);
  });

  it('refuses sizes it cannot plan, saying what it needs', () => {
    expect(() => planCompany(workloadOptions({ members: 1 }))).toThrow(/members must be a whole number ≥ 2/u);
    expect(() => planCompany(workloadOptions({ days: 3 }))).toThrow(/days must be a whole number ≥ 7/u);
  });
});

describe('activity', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateActivity(planCompany(TINY), 1);
    expect(generateActivity(planCompany(TINY), 1)).toEqual(a);
    expect(generateActivity(planCompany({ ...TINY, seed: 7 }), 1)).not.toEqual(a);
    expect(a).toHaveLength(1515);
  });

  it('holds only events that recordActivity records: ordered, unique, joined, counted, no self-reactions', () => {
    const plan = planCompany(workloadOptions({ members: 120, days: 21 }));
    const events = generateActivity(plan, 1);
    const byPlatform = new Map(plan.members.map((m) => [m.platformId, m]));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    for (const [i, e] of events.entries()) {
      if (i > 0) expect(e.occurredAt >= (events[i - 1]?.occurredAt ?? '')).toBe(true);
      expect(e.occurredAt < plan.options.end).toBe(true);
      expect(e.occurredAt > (byPlatform.get(e.memberPlatformId)?.joinedAt ?? '9')).toBe(true);
      expect(localDay(e.occurredAt, BENCH_TIMEZONE) >= plan.firstDay).toBe(true);
      if (['story', 'idea', 'prompt_answer'].includes(e.kind)) expect(e.channelId).toBe(FORM_CHANNEL);
      else expect(BENCH_CHANNELS).toContain(e.channelId);
      if (e.kind === 'reply' || e.kind === 'reaction') {
        expect(e.targetPlatformId).toBeTruthy();
        expect(e.targetPlatformId).not.toBe(e.memberPlatformId);
      } else {
        expect(e.targetPlatformId).toBeUndefined();
      }
    }
    const perMemberWeek = events.length / plan.members.length / 3;
    expect(perMemberWeek).toBeGreaterThan(16);
    expect(perMemberWeek).toBeLessThan(24);
  });
});

describe('worlds and baselines', () => {
  it('records every event through the core, and the bulk load stores the very same rows and rollups', async () => {
    const dir = tempDir();
    const plan = planCompany(TINY);
    const live = await createWorld(dir, 'live.db', plan);
    const bulk = await createWorld(dir, 'bulk.db', plan);
    try {
      expect(bulk.members.map((m) => m.id)).toEqual(live.members.map((m) => m.id));
      expect(live.members.map((m) => m.managerId)).toEqual(
        plan.members.map((m) => (m.managerIndex === null ? null : live.members[m.managerIndex]?.id)),
      );
      const events = generateActivity(plan, live.workspace.id);
      const statuses: string[] = [];
      for (const e of events) statuses.push((await live.core.recordActivity(e)).status);
      expect(statuses.filter((s) => s !== 'recorded')).toEqual([]);
      expect(bulkLoadActivity(bulk)).toBe(events.length);
      const activities =
        'SELECT workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points FROM activities ORDER BY id';
      const rollups = 'SELECT * FROM daily_rollups ORDER BY workspace_id, member_id, day';
      expect(bulk.store.sqlite!.prepare(activities).all()).toEqual(live.store.sqlite!.prepare(activities).all());
      expect(bulk.store.sqlite!.prepare(rollups).all()).toEqual(live.store.sqlite!.prepare(rollups).all());
    } finally {
      await live.store.close();
      await bulk.store.close();
    }
  });

  it('bare-inserts the stored rows as they are, and the naive scores equal the rollup scores', async () => {
    const dir = tempDir();
    const plan = planCompany(TINY);
    const live = await createWorld(dir, 'live.db', plan);
    const bare = await createWorld(dir, 'bare.db', plan);
    try {
      for (const e of generateActivity(plan, live.workspace.id)) await live.core.recordActivity(e);
      const rows = storedRowsAfter(live.store.sqlite!)(0);
      expect(rows).toHaveLength(1515);
      const insert = bareInsert(bare.store.sqlite!);
      for (const row of rows) insert(row);
      expect(storedRowsAfter(bare.store.sqlite!)(0)).toEqual(rows);
      expect(storedRowsAfter(live.store.sqlite!)(rows[9]?.id ?? 0)).toEqual(rows.slice(10));

      const snapshot = await loadSnapshot(live.repos, live.workspace, new Date(plan.options.end));
      const rollup = await scoresFor(live.repos, snapshot);
      const naive = await naiveScores(live.repos, snapshot);
      expect(rollup.size).toBe(40);
      expect(scoreDifferences(rollup, naive)).toEqual([]);
      expect([...rollup.values()].some((s) => s.score === 100)).toBe(true);
      const changed = new Map(naive);
      const first = [...changed.entries()][0];
      if (first) changed.set(first[0], { ...first[1], score: first[1].score + 1 });
      expect(scoreDifferences(rollup, changed)).toEqual([first?.[0]]);
    } finally {
      await live.store.close();
      await bare.store.close();
    }
  });
});

describe('timing helpers', () => {
  it('take medians, slices and samples', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(splitEvenly([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(splitEvenly([1, 2], 5)).toEqual([[1], [2]]);
    expect(sampleEvenly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([0, 3, 6]);
    expect(sampleEvenly([1, 2], 5)).toEqual([1, 2]);
    expect(sampleSlices([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 2, 3)).toEqual([
      [0, 1, 2],
      [5, 6, 7],
    ]);
    expect(pairedRatio([2, 9, 4], [1, 3, 1])).toBe(3);
  });
});

describe('report', () => {
  const line = (name: string, ratio: number, target = atMost(5)): BenchLine => ({
    name,
    value: 12345.6,
    unit: 'events/s',
    ratio,
    ratioMeaning: 'a ÷ b',
    target,
    detail: 'x',
  });

  it('judges ratios against at-most, below and at-least targets; an unmeasured ratio fails', () => {
    expect(meets(line('a', 5))).toBe(true);
    expect(meets(line('a', 5.01))).toBe(false);
    expect(meets(line('a', 1, below(1)))).toBe(false);
    expect(meets(line('a', 0.99, below(1)))).toBe(true);
    expect(meets(line('a', 3, atLeast(3)))).toBe(true);
    expect(meets(line('a', 2.9, atLeast(3)))).toBe(false);
    expect(meets(line('a', Number.NaN))).toBe(false);
  });

  it('prints the table and the summary line', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(4.567)).toBe('4.57');
    expect(formatNumber(0.01234)).toBe('0.0123');
    expect(formatNumber(Number.NaN)).toBe('n/a');
    const lines = [line('ingest', 2), line('scoring', 2, atLeast(3))];
    const table = formatTable(lines).split('\n');
    expect(table[0]).toBe('benchmark   value  unit      ratio  target  result  ratio is / details');
    expect(table[2]).toBe('ingest     12,346  events/s  2.00×  ≤ 5×    PASS    a ÷ b; x');
    expect(table[3]).toBe('scoring    12,346  events/s  2.00×  ≥ 3×    WARN    a ÷ b; x');
    expect(summaryLine(lines)).toBe('bench: 1 of 2 targets met (WARN: scoring)');
    expect(summaryLine([line('ingest', 2)])).toBe('bench: 1 of 1 targets met');
  });
});

describe('command line', () => {
  it('reads sizes, --quick and flags, and explains bad values', () => {
    expect(parseBenchArgs([])).toEqual({
      ok: true,
      args: {
        members: 100_000,
        small: 25_000,
        days: 90,
        seed: 20261120,
        ingestMembers: 1000,
        timeout: 900,
        quick: false,
        help: false,
        only: ['scale', 'ack', 'delivery', 'live'],
      },
    });
    expect(parseBenchArgs(['--only', 'delivery,ack'])).toMatchObject({ ok: true, args: { only: ['ack', 'delivery'] } });
    expect(parseBenchArgs(['--only=live'])).toMatchObject({ ok: true, args: { only: ['live'] } });
    expect(parseBenchArgs(['--only', 'ingest'])).toEqual({
      ok: false,
      error: '--only needs sections out of scale, ack, delivery, live (got ingest), e.g. --only delivery,ack',
    });
    expect(parseBenchArgs(['--quick'])).toMatchObject({
      ok: true,
      args: { members: 2000, small: 500, days: 28, ingestMembers: 100, quick: true },
    });
    expect(parseBenchArgs(['--quick', '--members', '800'])).toMatchObject({
      ok: true,
      args: { members: 800, small: 200, days: 28 },
    });
    expect(parseBenchArgs(['--members', '100', '--small', '100'])).toEqual({
      ok: false,
      error: '--small (100) must be under --members (100)',
    });
    expect(parseBenchArgs(['--members=2000', '--days', '60'])).toMatchObject({
      ok: true,
      args: { members: 2000, days: 60 },
    });
    expect(parseBenchArgs(['--members', 'many'])).toEqual({
      ok: false,
      error: '--members needs a whole number of at least 10 (got many), e.g. --members 100000',
    });
    expect(parseBenchArgs(['--days'])).toEqual({
      ok: false,
      error: '--days needs a whole number of at least 7 (got nothing), e.g. --days 90',
    });
    expect(parseBenchArgs(['--fast'])).toEqual({ ok: false, error: 'unknown argument "--fast"; see --help' });
  });
});

describe('the whole suite at a tiny size', () => {
  it('produces the six lines with measured ratios and no workload warnings', async () => {
    const dir = tempDir();
    const progress: string[] = [];
    const result = await runSuite(
      suiteOptions({ members: 20, days: 14, repetitions: 1, chunks: 2, redeliverySlices: 2, redeliverySize: 50 }),
      dir,
      (text) => progress.push(text),
    );
    expect(result.lines.map((l) => l.name)).toEqual([
      'ingest',
      'redelivery',
      'scoring',
      'digest',
      'manager-reports',
      'nudges',
    ]);
    for (const l of result.lines) {
      expect(Number.isFinite(l.value)).toBe(true);
      expect(Number.isFinite(l.ratio)).toBe(true);
      expect(l.detail).not.toMatch(/NOT|DIFFERENTLY/u);
    }
    expect(result.lines.find((l) => l.name === 'redelivery')?.detail).toMatch(/every one answered duplicate/u);
    expect(result.lines.find((l) => l.name === 'scoring')?.detail).toMatch(/same scores/u);
    expect(result.lines.find((l) => l.name === 'manager-reports')?.detail).toMatch(
      /job \(dry run\) for all \d+ managers/u,
    );
    expect(result.context[0]).toMatch(/^company: 20 members \(\d+ managers, 1 departments\), 14 days/u);
    expect(result.context[1]).toMatch(/^4× company: 80 members/u);
    expect(progress[0]).toMatch(/^ingesting [\d,]+ events through core\.recordActivity/u);
  });
});
