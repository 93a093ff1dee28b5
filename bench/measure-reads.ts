import { buildDigest } from '../src/core/service/reports.js';
import { loadSnapshot, type Snapshot, scoresFor } from '../src/core/service/snapshot.js';
import { runJob } from '../src/scheduler/job-runner.js';
import { managerReportsJob, nudgesJob } from '../src/scheduler/jobs/program-jobs.js';
import { naiveScores, scoreDifferences } from './baselines.js';
import { atLeast, atMost, type BenchLine, formatNumber } from './report.js';
import { interleaved, median, pairedRatio, timeMsAsync } from './timing.js';
import type { BenchWorld } from './workload.js';

export interface ReadOptions {
  repetitions: number;
}

function now(world: BenchWorld): Date {
  return new Date(world.plan.options.end);
}

function snapshotOf(world: BenchWorld): Promise<Snapshot> {
  return loadSnapshot(world.repos, world.workspace, now(world));
}

function size(world: BenchWorld): number {
  return world.plan.members.length;
}

/**
 * Scores of every member from the daily rollups (`scoresFor`) against the same scores recomputed
 * from raw activities; the two must agree, and the rollups should be the cheaper source.
 */
export async function measureScoring(world: BenchWorld, options: ReadOptions): Promise<BenchLine> {
  const snapshot = await snapshotOf(world);
  const differences = scoreDifferences(
    await scoresFor(world.repos, snapshot),
    await naiveScores(world.repos, snapshot),
  );
  const [rollup = [], naive = []] = await interleaved(options.repetitions, [
    () => scoresFor(world.repos, snapshot),
    () => naiveScores(world.repos, snapshot),
  ]);
  return {
    name: 'scoring',
    value: median(rollup),
    unit: 'ms',
    ratio: pairedRatio(naive, rollup),
    ratioMeaning: 'raw-activity recompute ÷ scoresFor (rollups) time',
    target: atLeast(3),
    detail:
      `naive ${formatNumber(median(naive))} ms; ${snapshot.eligible.length} members; median of ${rollup.length}; ` +
      (differences.length === 0 ? 'same scores' : `${differences.length} members score DIFFERENTLY`),
  };
}

/** The digest job's work (snapshot + buildDigest) at N and at 4N members, per member. */
export async function measureDigest(small: BenchWorld, big: BenchWorld, options: ReadOptions): Promise<BenchLine> {
  const locale = small.workspace.settings.locale;
  const [atN = [], at4N = []] = await interleaved(options.repetitions, [
    async () => buildDigest(small.repos, await snapshotOf(small), locale),
    async () => buildDigest(big.repos, await snapshotOf(big), locale),
  ]);
  const perMember = at4N.map((ms) => ms / size(big));
  return {
    name: 'digest',
    value: median(atN),
    unit: 'ms',
    ratio: pairedRatio(
      perMember,
      atN.map((ms) => ms / size(small)),
    ),
    ratioMeaning: `per-member cost at ${size(big)} ÷ at ${size(small)} members`,
    target: atMost(2),
    detail: `${size(big)} members: ${formatNumber(median(at4N))} ms; median of ${atN.length}`,
  };
}

/**
 * The manager-reports job (dry run: builds every report, changes nothing) at N and at 4N members,
 * per manager. A job that grows linearly with the company costs the same per manager at both sizes.
 */
export async function measureManagerReports(
  small: BenchWorld,
  big: BenchWorld,
  options: ReadOptions,
): Promise<BenchLine> {
  const perManager = async (world: BenchWorld): Promise<{ ms: number; managers: number }> => {
    const { ms, value: outcome } = await timeMsAsync(() =>
      runJob({ repos: world.repos }, managerReportsJob, world.workspace, { now: now(world), dryRun: true }),
    );
    return { ms: ms / Math.max(1, outcome.rows.length), managers: outcome.rows.length };
  };
  const atN: number[] = [];
  const at4N: number[] = [];
  let managersN = 0;
  let managers4N = 0;
  const runs = Math.max(1, Math.min(3, options.repetitions));
  for (let i = 0; i < runs; i += 1) {
    const a = await perManager(small);
    const b = await perManager(big);
    atN.push(a.ms);
    at4N.push(b.ms);
    managersN = a.managers;
    managers4N = b.managers;
  }
  const valueN = median(atN);
  const value4N = median(at4N);
  return {
    name: 'manager-reports',
    value: valueN,
    unit: 'ms/manager',
    ratio: value4N / valueN,
    ratioMeaning: `per-manager cost at ${size(big)} ÷ at ${size(small)} members`,
    target: atMost(2),
    detail: `job (dry run) for all ${managersN} managers at ${size(small)} and ${managers4N} at ${size(big)}; ${formatNumber(valueN)} → ${formatNumber(value4N)} ms per manager, median of ${runs}`,
  };
}

/** The nudges job (dry run: builds every DM, changes nothing) at N and at 4N members, per member. */
export async function measureNudges(small: BenchWorld, big: BenchWorld, options: ReadOptions): Promise<BenchLine> {
  let nudges = 0;
  const [atN = [], at4N = []] = await interleaved(options.repetitions, [
    async () => {
      nudges = (await runJob({ repos: small.repos }, nudgesJob, small.workspace, { now: now(small), dryRun: true }))
        .rows.length;
    },
    () => runJob({ repos: big.repos }, nudgesJob, big.workspace, { now: now(big), dryRun: true }),
  ]);
  return {
    name: 'nudges',
    value: median(atN),
    unit: 'ms',
    ratio: pairedRatio(
      at4N.map((ms) => ms / size(big)),
      atN.map((ms) => ms / size(small)),
    ),
    ratioMeaning: `per-member cost at ${size(big)} ÷ at ${size(small)} members`,
    target: atMost(2),
    detail: `${size(big)} members: ${formatNumber(median(at4N))} ms; ${nudges} nudges at ${size(small)}; median of ${atN.length}`,
  };
}
