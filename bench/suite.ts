import { cpus, loadavg } from 'node:os';
import { measureIngest, measureIngestPostgres } from './measure-ingest.js';
import { measureDigest, measureManagerReports, measureNudges, measureScoring } from './measure-reads.js';
import type { BenchPostgres } from './postgres.js';
import type { BenchLine } from './report.js';
import { timeMs, timeMsAsync } from './timing.js';
import {
  type BenchDir,
  bulkLoadActivity,
  type CompanyPlan,
  createWorld,
  generateActivity,
  planCompany,
  workloadOptions,
} from './workload.js';

export interface SuiteOptions {
  members: number;
  days: number;
  seed: number;
  /** Repetitions of each cheap measurement (the median is reported). */
  repetitions: number;
  /** Slices the first ingest is timed in. */
  chunks: number;
  /** Rows per slice the bare INSERT baseline is timed on. */
  bareSample: number;
  redeliverySlices: number;
  redeliverySize: number;
}

/** What `npm run bench` runs by default; `--quick` only changes members and days. */
export function suiteOptions(overrides: Partial<SuiteOptions> = {}): SuiteOptions {
  return {
    members: 1000,
    days: 90,
    seed: 20261120,
    repetitions: 5,
    chunks: 10,
    bareSample: 4000,
    redeliverySlices: 7,
    redeliverySize: 5000,
    ...overrides,
  };
}

export interface SuiteResult {
  /** Lines about the workload and the machine, printed above the table. */
  context: string[];
  lines: BenchLine[];
}

function describe(plan: CompanyPlan, events: number): string {
  const perWeek = events / plan.members.length / (plan.options.days / 7);
  return (
    `${plan.members.length.toLocaleString('en-US')} members (${plan.managerIndexes.length} managers, ${plan.departments.length} departments` +
    `${plan.silentDepartment ? ', one silent' : ''}), ${plan.options.days} days, ${events.toLocaleString('en-US')} events ` +
    `(${perWeek.toFixed(1)} per member-week)`
  );
}

/**
 * Builds the workloads in `dir` and runs every measurement: ingest and redelivery at N, scoring at
 * N, digest, manager reports and nudges at N against 4N. `progress` hears what is being done (the
 * runner prints it to stderr). Closes every store it opened; the caller removes `dir`. Given a
 * PostgreSQL server, ingest and redelivery run again on it (lines labelled `(postgres)` right after
 * theirs; a `context` target when short of the SQLite one).
 */
export async function runSuite(
  options: SuiteOptions,
  dir: BenchDir,
  progress: (text: string) => void = () => undefined,
  postgres?: BenchPostgres,
): Promise<SuiteResult> {
  const base = { days: options.days, seed: options.seed };
  const plan = planCompany(workloadOptions({ ...base, members: options.members }));
  const world = await createWorld(dir, 'company.db', plan);
  const bare = await createWorld(dir, 'bare-insert.db', plan);
  const bigPlan = planCompany(workloadOptions({ ...base, members: options.members * 4 }));
  const big = await createWorld(dir, 'company-4x.db', bigPlan);
  try {
    const phase = async <T>(label: string, fn: () => T | Promise<T>): Promise<T> => {
      progress(`${label}…`);
      const { ms, value } = await timeMsAsync(async () => fn());
      progress(`  ${(ms / 1000).toFixed(1)} s`);
      return value;
    };
    const events = generateActivity(plan, world.workspace.id);
    const ingest = await phase(
      `ingesting ${events.length.toLocaleString('en-US')} events through core.recordActivity (and the bare INSERT baseline)`,
      () => measureIngest(world, bare, events, options),
    );
    await bare.store.close();
    const onPostgres =
      postgres === undefined
        ? null
        : await phase('the same ingest and redelivery with the store on PostgreSQL', () =>
            measureIngestPostgres(postgres, plan, options),
          );

    let loadMs = 0;
    const bigEvents = await phase(
      `loading ${bigPlan.members.length.toLocaleString('en-US')} members' activity for the scaling lines`,
      () => {
        let written = 0;
        loadMs = timeMs(() => {
          written = bulkLoadActivity(big);
        });
        return written;
      },
    );
    const reads = { repetitions: options.repetitions };
    const scoring = await phase('scoring', () => measureScoring(world, reads));
    const digest = await phase('digest', () => measureDigest(world, big, reads));
    const managers = await phase('manager reports', () => measureManagerReports(world, big, reads));
    const nudges = await phase('nudges', () => measureNudges(world, big, reads));
    return {
      context: [
        `company: ${describe(plan, events.length)}, ingested live (one transaction per event)`,
        `4× company: ${describe(bigPlan, bigEvents)}, bulk-loaded in ${(loadMs / 1000).toFixed(1)} s (same rows, not measured)`,
        `machine: node ${process.version}, ${cpus().length} cpus, load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}; ratios are measured in this run, values depend on the machine`,
      ],
      lines: [...ingest.lines, ...(onPostgres?.lines ?? []), scoring, digest, managers, nudges],
    };
  } finally {
    for (const w of [world, bare, big]) await w.store.close();
  }
}
