import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, listMigrations } from '../../src/store/migrate.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import {
  type CompanyPlan,
  createWorldIn,
  type PlannedMember,
  planCompany,
  sqliteOf,
  workloadOptions,
} from '../workload.js';
import { loadScaleActivity } from './load-activity.js';

/** Bump when the generator changes what it writes, so cached files built by an older one are not reused. */
export const GENERATOR_VERSION = 4;

/**
 * The schema a company is generated against: migrations up to this number. Later migrations are
 * applied to the generated (or cached) file the way an upgrade applies them, backfills included, so
 * a new migration upgrades the cached ten million rows in place instead of regenerating them, and
 * its backfill is exercised at full size. Raise it only with a generator that writes what the newer
 * migrations add.
 */
export const BASE_SCHEMA_VERSION = 13;

/** The shape of one cached company; everything else follows from the seed. */
export interface CompanySpec {
  members: number;
  days: number;
  seed: number;
  /** Mean events per member-week; 7.8 gives ~10 million activities for 100,000 members over 90 days. */
  eventsPerMemberWeek: number;
}

export const SCALE_EVENTS_PER_MEMBER_WEEK = 7.8;

/** A short hash of the migration files up to `BASE_SCHEMA_VERSION` (names and text): the schema a cached file was generated with. */
export function schemaHash(dir: string = DEFAULT_MIGRATIONS_DIR): string {
  const hash = createHash('sha256');
  for (const migration of listMigrations(dir).filter((m) => m.version <= BASE_SCHEMA_VERSION)) {
    hash.update(migration.file).update('\0').update(readFileSync(migration.path)).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** A temporary folder holding the migration files up to `BASE_SCHEMA_VERSION`; the caller removes it. */
function baseMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): string {
  const out = mkdtempSync(join(tmpdir(), 'hiroba-base-schema-'));
  for (const migration of listMigrations(dir).filter((m) => m.version <= BASE_SCHEMA_VERSION))
    copyFileSync(migration.path, join(out, migration.file));
  return out;
}

/** Opens the file once with every migration, so later ones (and their backfills) are applied and timed. */
function upgrade(path: string, progress: (text: string) => void): void {
  const started = Date.now();
  const store = openSqliteStore(path);
  try {
    if (store.migration.applied.length > 0)
      progress(`  applied ${store.migration.applied.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    sqliteOf(store).close();
  }
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
export async function ensureCompany(
  spec: CompanySpec,
  cacheDir: string = defaultCacheDir(),
  progress: (text: string) => void = () => undefined,
): Promise<BuiltCompany> {
  mkdirSync(cacheDir, { recursive: true });
  const path = companyFile(cacheDir, spec);
  const plan = planOf(spec);
  if (existsSync(path)) {
    upgrade(path, progress);
    const store = openSqliteStore(path);
    try {
      const row = sqliteOf(store).prepare('SELECT count(*) AS n FROM activities').get() as { n: number };
      return { path, plan, cached: true, buildMs: 0, activities: row.n };
    } finally {
      sqliteOf(store).close();
    }
  }
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const started = process.hrtime.bigint();
  const base = baseMigrations();
  let activities = 0;
  try {
    const world = await createWorldIn(partial, plan, [opsPerson(plan).email], base);
    progress(`  members in ${(Number(process.hrtime.bigint() - started) / 1e6 / 1000).toFixed(1)} s`);
    progress(`  ${plan.members.length.toLocaleString('en-US')} members written`);
    activities = loadScaleActivity(world, progress);
    world.db.pragma('journal_mode = WAL');
    world.db.exec('ANALYZE');
    world.db.close();
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  upgrade(partial, progress);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, path);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { path, plan, cached: false, buildMs, activities };
}
