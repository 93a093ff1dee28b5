import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { type CompanyPlan, createWorldIn, type PlannedMember, planCompany, workloadOptions } from '../workload.js';
import { loadScaleActivity } from './load-activity.js';

/** Bump when the generator changes what it writes, so cached files built by an older one are not reused. */
export const GENERATOR_VERSION = 2;

/** The shape of one cached company; everything else follows from the seed. */
export interface CompanySpec {
  members: number;
  days: number;
  seed: number;
  /** Mean events per member-week; 7.8 gives ~10 million activities for 100,000 members over 90 days. */
  eventsPerMemberWeek: number;
}

export const SCALE_EVENTS_PER_MEMBER_WEEK = 7.8;

/** A short hash of every migration file (names and text): the schema the cached file was built with. */
export function schemaHash(dir: string = DEFAULT_MIGRATIONS_DIR): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(dir, name)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** Where cached companies live between runs (`HIROBA_BENCH_CACHE` or the OS temp folder). */
export function defaultCacheDir(): string {
  return process.env.HIROBA_BENCH_CACHE ?? join(tmpdir(), 'hiroba-bench-cache');
}

/** The cache file of a spec: parameters, schema hash and generator version are all in the name. */
export function companyFile(cacheDir: string, spec: CompanySpec): string {
  const key = `m${spec.members}-d${spec.days}-s${spec.seed}-e${spec.eventsPerMemberWeek}-schema${schemaHash()}-g${GENERATOR_VERSION}`;
  return join(cacheDir, `company-${key}.db`);
}

/**
 * The ops person whose `stats` the benchmark times: the first member who manages nobody and is no
 * executive (so their own view is not a manager's), made admin through HIROBA_ADMINS' path.
 */
export function opsPerson(plan: CompanyPlan): PlannedMember {
  const managers = new Set(plan.managerIndexes);
  const found = plan.members.find(
    (m) => !managers.has(m.index) && !m.isExecutive && m.department !== plan.silentDepartment,
  );
  if (!found) throw new Error('bench: the company has no member to act as ops');
  return found;
}

/** A plain member whose own `stats` and App Home are timed: the last active non-manager of the first department. */
export function plainMember(plan: CompanyPlan): PlannedMember {
  const managers = new Set(plan.managerIndexes);
  const ops = opsPerson(plan);
  const found = plan.members.find(
    (m) =>
      m.index > ops.index &&
      !managers.has(m.index) &&
      !m.isExecutive &&
      m.weeklyRate > 0 &&
      m.department !== plan.silentDepartment,
  );
  if (!found) throw new Error('bench: the company has no plain member');
  return found;
}

export function planOf(spec: CompanySpec): CompanyPlan {
  return planCompany(workloadOptions(spec));
}

export interface BuiltCompany {
  path: string;
  plan: CompanyPlan;
  /** True when the file came from the cache. */
  cached: boolean;
  /** Time spent building (0 when cached). */
  buildMs: number;
  activities: number;
}

/**
 * The company of `spec` as a SQLite file with the project's schema, built once and then reused
 * (the file name carries the parameters and the schema hash). Built into a `.partial` file and
 * renamed when complete, so an interrupted build is never taken for a finished one.
 */
export function ensureCompany(
  spec: CompanySpec,
  cacheDir: string = defaultCacheDir(),
  progress: (text: string) => void = () => undefined,
): BuiltCompany {
  mkdirSync(cacheDir, { recursive: true });
  const path = companyFile(cacheDir, spec);
  const plan = planOf(spec);
  if (existsSync(path)) {
    const store = openStore(path);
    try {
      const row = store.db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number };
      return { path, plan, cached: true, buildMs: 0, activities: row.n };
    } finally {
      store.db.close();
    }
  }
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const started = process.hrtime.bigint();
  const world = createWorldIn(partial, plan, [opsPerson(plan).email]);
  progress(`  members in ${(Number(process.hrtime.bigint() - started) / 1e6 / 1000).toFixed(1)} s`);
  progress(`  ${plan.members.length.toLocaleString('en-US')} members written`);
  const activities = loadScaleActivity(world, progress);
  world.store.db.pragma('journal_mode = WAL');
  world.store.db.exec('ANALYZE');
  world.store.db.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, path);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { path, plan, cached: false, buildMs, activities };
}
