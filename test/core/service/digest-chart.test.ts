import { describe, expect, it } from 'vitest';
import { chartWeekLabel } from '../../../src/core/service/digest-chart.js';

describe('chart week labels', () => {
  it('labels a week by the date of its Monday', () => {
    expect(chartWeekLabel('ja', '2025-W48')).toBe('11/24');
    expect(chartWeekLabel('en', '2025-W48')).toBe('Nov 24');
    // ISO week 1 of 2026 starts in December 2025; week 53 of 2026 runs into 2027.
    expect(chartWeekLabel('ja', '2026-W01')).toBe('12/29');
    expect(chartWeekLabel('en', '2026-W01')).toBe('Dec 29');
    expect(chartWeekLabel('en', '2026-W53')).toBe('Dec 28');
    expect(chartWeekLabel('ja', '2026-W10')).toBe('3/2');
  });

  it('shows a label that is not an ISO week as given', () => {
    expect(chartWeekLabel('ja', 'FY2026')).toBe('FY2026');
    expect(chartWeekLabel('en', '2025-W53')).toBe('2025-W53');
  });
});
