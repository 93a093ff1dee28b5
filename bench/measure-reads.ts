import { audience, loadSnapshot, scoresFor, type Snapshot } from '../src/core/service/snapshot.js';
import { buildDigest, buildManagerReport } from '../src/core/service/reports.js';
import { runJob } from '../src/scheduler/job-runner.js';
import { managerReportsJob, nudgesJob } from '../src/scheduler/jobs/program-jobs.js';
import type { Member } from '../src/core/types.js';
import { naiveScores, scoreDifferences } from './baselines.js';
import { formatNumber, atLeast, atMost, type BenchLine } from './report.js';
import { interleaved, mean, median, pairedRatio, sampleEvenly, timeMs, timeMsAsync } from './timing.js';
import type { BenchWorld } from './workload.js';

export interface ReadOptions {
  repetitions: number;
  /** Managers whose report is timed at each size. */
  managerSample: number;
  /** Run the manager-reports job for everyone even when the sample says it would take long. */
  fullJobs: boolean;
  /** Above this estimated time the full manager-reports job is left out (unless `fullJobs`). */
  jobBudgetMs: number;
}

function now(world: BenchWorld): Date {
  return new Date(world.plan.options.end);
}

function snapshotOf(world: BenchWorld): Snapshot {
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
  const snapshot = snapshotOf(world);
  const differences = scoreDifferences(scoresFor(world.repos, snapshot), naiveScores(world.repos, snapshot));
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
    () => buildDigest(small.repos, snapshotOf(small), locale),
    () => buildDigest(big.repos, snapshotOf(big), locale),
  ]);
  const perMember = at4N.map((ms) => ms / size(big));
  return {
    name: 'digest',
    value: median(atN),
    unit: 'ms',
    ratio: pairedRatio(perMember, atN.map((ms) => ms / size(small))),
    ratioMeaning: `per-member cost at ${size(big)} ÷ at ${size(small)} members`,
    target: atMost(2),
    detail: `${size(big)} members: ${formatNumber(median(at4N))} ms; median of ${atN.length}`,
  };
}

/** Managers the manager-reports job addresses (in the audience, with reports), as the job picks them. */
function reportedManagers(snapshot: Snapshot): Member[] {
  const managers = new Set(snapshot.eligible.map((m) => m.managerId).filter((id): id is number => id !== null));
  return audience(snapshot).filter((m) => managers.has(m.id) && m.platformId !== null);
}

/**
 * Cost of one manager's report at N and at 4N (a sample of managers spread over the tree, the two
 * sizes taking turns). A job that grows linearly with the company costs the same per manager at
 * both sizes. The whole job (dry run) is run at N when the sample says it fits the budget.
 */
export async function measureManagerReports(small: BenchWorld, big: BenchWorld, options: ReadOptions): Promise<BenchLine> {
  const locale = small.workspace.settings.locale;
  let smallSnapshot = snapshotOf(small);
  const snapshotMs = timeMs(() => {
    smallSnapshot = snapshotOf(small);
  });
  const bigSnapshot = snapshotOf(big);
  const managers = reportedManagers(smallSnapshot);
  const sampleN = sampleEvenly(managers, options.managerSample);
  const sample4N = sampleEvenly(reportedManagers(bigSnapshot), options.managerSample);
  const atN: number[] = [];
  const at4N: number[] = [];
  for (let i = 0; i < Math.max(sampleN.length, sample4N.length); i += 1) {
    const a = sampleN[i];
    const b = sample4N[i];
    if (a) atN.push(timeMs(() => buildManagerReport(small.repos, smallSnapshot, a, locale)));
    if (b) at4N.push(timeMs(() => buildManagerReport(big.repos, bigSnapshot, b, locale)));
  }
  const sampleMean = mean(atN);
  const estimateMs = snapshotMs + managers.length * sampleMean;
  let value = sampleMean;
  let jobNote: string;
  if (options.fullJobs || estimateMs <= options.jobBudgetMs) {
    const { ms, value: outcome } = await timeMsAsync(() => runJob({ repos: small.repos }, managerReportsJob, small.workspace, { now: now(small), dryRun: true }));
    value = ms / Math.max(1, outcome.rows.length);
    jobNote = `job (dry run) for all ${outcome.rows.length} managers: ${formatNumber(ms / 1000)} s`;
  } else {
    jobNote = `job for all ${managers.length} managers ≈ ${formatNumber(estimateMs / 1000)} s, estimated from the sample (--full-jobs runs it)`;
  }
  return {
    name: 'manager-reports',
    value,
    unit: 'ms/manager',
    ratio: mean(at4N) / sampleMean,
    ratioMeaning: `per-manager cost at ${size(big)} ÷ at ${size(small)} members`,
    target: atMost(2),
    detail: `${jobNote}; sample of ${atN.length}+${at4N.length} reports: ${formatNumber(sampleMean)} → ${formatNumber(mean(at4N))} ms`,
  };
}

/** The nudges job (dry run: builds every DM, changes nothing) at N and at 4N members, per member. */
export async function measureNudges(small: BenchWorld, big: BenchWorld, options: ReadOptions): Promise<BenchLine> {
  let nudges = 0;
  const [atN = [], at4N = []] = await interleaved(options.repetitions, [
    async () => {
      nudges = (await runJob({ repos: small.repos }, nudgesJob, small.workspace, { now: now(small), dryRun: true })).rows.length;
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
