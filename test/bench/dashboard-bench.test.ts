import { afterEach, describe, expect, it } from 'vitest';
import { measureDashboard, OVERVIEW_BUDGET_MS } from '../../bench/measure-dashboard.js';
import { type BenchDir, createBenchDir } from '../../bench/workload.js';

let dir: BenchDir | null = null;
afterEach(() => {
  dir?.remove();
  dir = null;
});

describe('bench: dashboard overview line', () => {
  it('renders the overview of a generated company and reports it against the one-second budget', async () => {
    dir = createBenchDir();
    const line = await measureDashboard(dir, { members: 60, days: 21, seed: 1, repetitions: 1 });
    expect(line.name).toBe('dashboard-overview');
    expect(line.unit).toBe('ms');
    expect(line.value).toBeGreaterThan(0);
    expect(line.ratio).toBeCloseTo(line.value / OVERVIEW_BUDGET_MS, 10);
    expect(line.target).toEqual({ kind: 'at-most', limit: 1, label: '≤ 1×' });
    expect(line.detail).toMatch(/^60 members, [\d,]+ activities, 13 weeks/u);
  });
});
