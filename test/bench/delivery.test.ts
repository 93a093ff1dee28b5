import { describe, expect, it } from 'vitest';
import { measureFanOut } from '../../bench/scale/fan-out.js';
import { measureIngestHttp, measureIngestHttpTeams } from '../../bench/scale/ingest-http.js';

// Small runs of the real benches: every process they start is real (the sender, Hiroba, the bare
// server), so these check that what `npm run bench` reports is counted right, not how fast it is.
describe('delivery benches (small)', () => {
  it('fan-out: every DM arrives once, with no conversations.open, also when the sender is killed half-way', async () => {
    const { runs, lines } = await measureFanOut({ dms: 60, rate: 200, leaseMs: 1000 }, () => undefined, [
      [0, false],
      [20, true],
    ]);
    expect(runs.map((r) => [r.name, r.delivered, r.duplicates, r.lost, r.opens])).toEqual([
      ['fan-out', 60, 0, 0, 0],
      ['fan-out 20ms kill', 60, 0, 0, runs[1]?.histories],
    ]);
    expect(runs[1]?.killed).toBe(true);
    // The limiter held the pace: after a burst of 20, the other 40 at 200 a second take 0.2 s.
    expect(runs[0]?.ms).toBeGreaterThanOrEqual(150);
    expect(lines[1]).toMatchObject({ ratio: 0, unit: 's' });
  }, 120_000);

  it('ingest over HTTP: every signed event is stored once by Hiroba and by the bare server', async () => {
    const { runs, lines } = await measureIngestHttp({ events: 300, members: 30, inFlight: 8 });
    expect(runs.map((r) => [r.name, r.stored, r.failed])).toEqual([
      ['bare server', 300, 0],
      ['ingest-http slack', 300, 0],
    ]);
    for (const run of runs) {
      expect(run.eventsPerSecond).toBeGreaterThan(0);
      expect(run.p99Ms).toBeGreaterThanOrEqual(run.p50Ms);
      expect(run.cpuMsPerEvent).toBeGreaterThan(0);
    }
    expect(lines[0]?.name).toBe('ingest-http slack');
  }, 180_000);

  it('ingest over HTTP for Teams: every activity is stored once by Hiroba (loopback mode) and by the bare server', async () => {
    const { runs, lines } = await measureIngestHttpTeams({ events: 200, members: 20, inFlight: 8 });
    expect(runs.map((r) => [r.name, r.stored, r.failed])).toEqual([
      ['bare server teams', 200, 0],
      ['ingest-http teams', 200, 0],
    ]);
    for (const run of runs) expect(run.cpuMsPerEvent).toBeGreaterThan(0);
    expect(lines[0]?.name).toBe('ingest-http teams');
  }, 180_000);
});
