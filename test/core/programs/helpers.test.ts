import { describe, expect, it } from 'vitest';
import { clip, peopleItems, pointsDiff, weekLabel } from '../../../src/core/programs/blocks.js';
import { summarizeTrend } from '../../../src/core/programs/trend.js';

describe('program helpers', () => {
  it('clip keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('あいうえお', 3)).toBe('あい…');
  });

  it('peopleItems shows at most 10 names, skips blanks and counts the rest', () => {
    expect(peopleItems('en', ['A', ' ', 'B'])).toEqual(['A', 'B']);
    expect(peopleItems('ja', ['佐藤'])).toEqual(['佐藤さん']);
    expect(
      peopleItems(
        'en',
        Array.from({ length: 12 }, (_, i) => `N${i}`),
      ),
    ).toHaveLength(11);
    expect(
      peopleItems(
        'en',
        Array.from({ length: 12 }, (_, i) => `N${i}`),
      ).at(-1),
    ).toBe('and 2 more');
    expect(peopleItems('en', [], 4)).toEqual(['and 4 more']);
  });

  it('weekLabel writes ISO weeks for people and leaves other labels alone', () => {
    expect(weekLabel('ja', '2026-W05')).toBe('2026年 第5週');
    expect(weekLabel('en', '2026-W48')).toBe('week 48, 2026');
    expect(weekLabel('en', 'FY2026')).toBe('FY2026');
  });

  it('pointsDiff compares the rates as they are shown (rounded percentages)', () => {
    expect(pointsDiff(0.424, 0.374)).toBe(5);
    expect(pointsDiff(0.3, 0.35)).toBe(-5);
    expect(pointsDiff(0.401, 0.399)).toBe(0);
  });

  it('summarizeTrend ends with this week, keeps 8 weeks and finds last week', () => {
    const trend = Array.from({ length: 10 }, (_, i) => ({
      week: `2026-W${String(30 + i).padStart(2, '0')}`,
      participationRate: 0.1,
    }));
    const s = summarizeTrend('en', '2026-W40', 0.2, trend);
    expect(s.rates).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2]);
    expect(s.spark).toBe('▅▅▅▅▅▅▅█');
    expect(s.previous).toBe(0.1);
    expect(s.from).toBe('10%');
    expect(s.to).toBe('20%');
  });

  it('summarizeTrend draws a gap for a week without data and has no previous week when there is none', () => {
    const s = summarizeTrend('en', '2026-W02', 0.5, [{ week: '2026-W01', participationRate: Number.NaN }]);
    expect(s.spark).toBe('·█');
    expect(s.from).toBe('—');
    expect(s.previous).toBeNull();
    expect(summarizeTrend('en', '2026-W02', 0, []).spark).toBe('▁');
  });
});
