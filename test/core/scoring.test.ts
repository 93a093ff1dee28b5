import { describe, expect, it } from 'vitest';
import type { DailyPoints } from '../../src/core/ports.js';
import {
  cappedPoints,
  DAILY_CAP,
  decayedScore,
  HALF_LIFE_DAYS,
  POINTS,
  percentile90,
  percentile90Refined,
  scoreMembers,
} from '../../src/core/scoring.js';
import { addDays } from '../../src/core/time.js';

const TODAY = '2026-11-29';
const row = (memberId: number, day: string, points: number): DailyPoints => ({
  memberId,
  day,
  points,
  contributions: 1,
  activities: 1,
});

describe('points and the daily cap', () => {
  it('has the points of DESIGN.md', () => {
    expect(POINTS).toEqual({ post: 3, reply: 2, reaction: 1, story: 5, idea: 4, prompt_answer: 2 });
    expect(DAILY_CAP).toBe(15);
    expect(HALF_LIFE_DAYS).toBe(14);
  });

  it('caps a day at 15 points', () => {
    expect(cappedPoints(20)).toBe(15);
    expect(cappedPoints(15)).toBe(15);
    expect(cappedPoints(7)).toBe(7);
    expect(cappedPoints(0)).toBe(0);
    expect(cappedPoints(-3)).toBe(0);
  });
});

describe('decayedScore', () => {
  it('counts today at full weight, after the cap', () => {
    expect(decayedScore([{ day: TODAY, points: 20 }], TODAY)).toBe(15);
  });

  it('halves every 14 days', () => {
    expect(decayedScore([{ day: '2026-11-15', points: 15 }], TODAY)).toBe(7.5);
    expect(decayedScore([{ day: '2026-11-01', points: 20 }], TODAY)).toBe(3.75);
  });

  it('sums capped, decayed days', () => {
    const days = [
      { day: TODAY, points: 20 }, // 15
      { day: '2026-11-15', points: 15 }, // 7.5
      { day: '2026-11-01', points: 4 }, // 1
    ];
    expect(decayedScore(days, TODAY)).toBe(23.5);
  });

  it('ignores days after today', () => {
    expect(
      decayedScore(
        [
          { day: '2026-11-30', points: 9 },
          { day: TODAY, points: 2 },
        ],
        TODAY,
      ),
    ).toBe(2);
  });

  it('caps the whole day when it arrives in several entries', () => {
    expect(
      decayedScore(
        [
          { day: TODAY, points: 10 },
          { day: TODAY, points: 10 },
        ],
        TODAY,
      ),
    ).toBe(15);
  });

  it('is 0 with no days', () => {
    expect(decayedScore([], TODAY)).toBe(0);
  });
});

describe('percentile90 (nearest rank, positive values only)', () => {
  it('is 0 with no positive values', () => {
    expect(percentile90([])).toBe(0);
    expect(percentile90([0, 0, 0])).toBe(0);
  });

  it('takes the ⌈0.9·n⌉-th smallest positive value', () => {
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9); // rank 9
    expect(percentile90([11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(10); // rank ⌈9.9⌉ = 10
    expect(percentile90([3, 1, 2])).toBe(3); // rank ⌈2.7⌉ = 3
    expect(percentile90([6, 5, 4, 3, 2, 1])).toBe(6); // rank ⌈5.4⌉ = 6, not 5
    expect(percentile90(Array.from({ length: 20 }, (_, i) => i + 1))).toBe(18);
  });

  it('leaves out zeros so a quiet workspace is not scaled against 0', () => {
    expect(percentile90([0, 0, 0, 0, 0, 0, 0, 0, 0, 5])).toBe(5);
  });
});

describe('percentile90Refined (estimates within rounding of the exact scores)', () => {
  it('gives the exact percentile, recomputing only the scores next to it', () => {
    const exact = Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? 0 : 1 + ((i * 37) % 101) / 3));
    // Ties and near-ties at the rank, and estimates off in the last bits.
    exact[5] = exact[6] = 30.000000000000004;
    const estimates = exact.map((v, id): [number, number] => [id, v === 0 ? 0 : v * (1 + (id % 2 ? 1e-14 : -1e-14))]);
    const asked: number[] = [];
    const p90 = percentile90Refined(estimates, (id) => {
      asked.push(id);
      return exact[id] ?? 0;
    });
    expect(p90).toBe(percentile90(exact));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThan(10);
    expect(percentile90Refined([], () => 1)).toBe(0);
    expect(percentile90Refined([[1, 0]], () => 1)).toBe(0);
  });
});

describe('scoreMembers', () => {
  it('scales raw scores against the 90th percentile, 0–100', () => {
    // Members 1..10 earn i points today (raw = i); member 11 earns nothing. p90 of 1..10 = 9.
    const daily = Array.from({ length: 10 }, (_, i) => row(i + 1, TODAY, i + 1));
    const scores = scoreMembers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], daily, TODAY);
    expect(scores.get(9)?.p90).toBe(9);
    expect(scores.get(9)?.score).toBe(100);
    expect(scores.get(10)?.score).toBe(100); // 111 capped at 100
    expect(scores.get(5)?.score).toBe(56); // round(55.6)
    expect(scores.get(1)?.score).toBe(11); // round(11.1)
    expect(scores.get(11)).toEqual({
      score: 0,
      raw: 0,
      p90: 9,
      daysCounted: 0,
      cappedDays: 0,
      last14Days: 0,
      byDay: [],
    });
    expect(scores.size).toBe(11);
  });

  it('ignores rollups of members it was not asked about', () => {
    const daily = [row(1, TODAY, 4), row(2, TODAY, 2), row(99, TODAY, 15)];
    const scores = scoreMembers([1, 2], daily, TODAY);
    expect(scores.get(1)?.p90).toBe(4);
    expect(scores.get(2)?.score).toBe(50);
    expect(scores.has(99)).toBe(false);
  });

  it('scores everyone 0 when nobody has points', () => {
    const scores = scoreMembers([1, 2], [row(1, TODAY, 0)], TODAY);
    expect(scores.get(1)?.score).toBe(0);
    expect(scores.get(1)?.p90).toBe(0);
  });

  it('explains a score day by day', () => {
    const daily = [
      row(20, TODAY, 20), // capped to 15
      row(20, '2026-11-16', 6), // 13 days ago
      row(20, '2026-11-15', 15), // 14 days ago: weight 0.5
      row(20, '2026-10-20', 3), // 40 days ago
      row(20, '2026-11-30', 8), // tomorrow: ignored
      row(21, TODAY, 1),
    ];
    const s = scoreMembers([20, 21], daily, TODAY).get(20);
    // 15 + 6·0.5^(13/14) + 7.5 + 3·0.5^(40/14) = 15 + 3.15227 + 7.5 + 0.41403
    expect(s?.raw).toBeCloseTo(26.0663, 4);
    expect(s?.p90).toBeCloseTo(26.0663, 4);
    expect(s?.score).toBe(100);
    expect(s?.daysCounted).toBe(4);
    expect(s?.cappedDays).toBe(1);
    expect(s?.last14Days).toBe(21); // 15 today + 6 thirteen days ago; 14 days ago is outside
    expect(s?.byDay.map((d) => d.day)).toEqual([TODAY, '2026-11-16', '2026-11-15', '2026-10-20']);
    expect(s?.byDay[0]).toEqual({ day: TODAY, points: 20, capped: 15, weight: 1 });
    expect(s?.byDay[2]).toEqual({ day: '2026-11-15', points: 15, capped: 15, weight: 0.5 });
  });

  it('lists at most the 28 most recent days', () => {
    const daily = Array.from({ length: 40 }, (_, i) => row(1, addDays(TODAY, -i), 1));
    const s = scoreMembers([1], daily, TODAY).get(1);
    expect(s?.daysCounted).toBe(40);
    expect(s?.byDay).toHaveLength(28);
    expect(s?.byDay[0]?.day).toBe(TODAY);
    expect(s?.byDay[27]?.day).toBe(addDays(TODAY, -27));
    expect(s?.last14Days).toBe(14);
  });
});
