import { describe, expect, it } from 'vitest';
import { SPARK_GAP, sparkline } from '../../src/core/sparkline.js';

describe('sparkline', () => {
  it('draws one bar per value from ▁ at min to █ at max', () => {
    expect(sparkline([0, 1 / 7, 2 / 7, 3 / 7, 4 / 7, 5 / 7, 6 / 7, 1])).toBe('▁▂▃▄▅▆▇█');
  });

  it('rounds to the nearest of the eight levels', () => {
    // 0.5 × 7 = 3.5 → level 4 (▅); 0.2 × 7 = 1.4 → level 1 (▂)
    expect(sparkline([0.5, 0.2])).toBe('▅▂');
  });

  it('gives an empty string for no values', () => {
    expect(sparkline([])).toBe('');
  });

  it('draws a gap for NaN and infinities', () => {
    expect(sparkline([Number.NaN, 1, Number.POSITIVE_INFINITY, 0])).toBe(`${SPARK_GAP}█${SPARK_GAP}▁`);
  });

  it('clamps values outside the scale', () => {
    expect(sparkline([-0.5, 2])).toBe('▁█');
  });

  it('scales between a custom min and max', () => {
    expect(sparkline([10, 20, 30], 10, 30)).toBe('▁▅█');
  });

  it('draws values above min full when there is no range (max <= min)', () => {
    expect(sparkline([0, 0.3, 0], 0, 0)).toBe('▁█▁');
  });

  it('is pure: the same input gives the same output and the input is untouched', () => {
    const values = [0.1, 0.4, 0.9];
    expect(sparkline(values)).toBe(sparkline(values));
    expect(values).toEqual([0.1, 0.4, 0.9]);
  });
});
