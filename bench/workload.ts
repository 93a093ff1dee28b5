import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityInput, Clock, HirobaCore, Repositories } from '../src/core/ports.js';
import { POINTS } from '../src/core/scoring.js';
import { upsertMemberEntry } from '../src/core/service/members.js';
import { createHirobaCore, FORM_CHANNEL } from '../src/core/service.js';
import { addDays, localDay, weekdayOfDay, zonedTimeToUtc } from '../src/core/time.js';
import { type ActivityKind, CONTRIBUTION_KINDS, type Member, type Workspace } from '../src/core/types.js';
import { createRandom, type Random } from '../src/demo/random.js';
import type { Database } from '../src/store/database.js';
import { rebuildKeptFigures } from '../src/store/kept-figures.js';
import { DEFAULT_MIGRATIONS_DIR } from '../src/store/migrate.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { Store } from '../src/store/store.js';

/** The shape of one benchmark company and its activity. Everything follows from the seed. */
export interface WorkloadOptions {
  members: number;
  days: number;
  seed: number;
  /** The benchmark's "now": activity stops just before it; jobs and reports run at it. */
  end: string;
  /** Mean events per member and week, over everyone (lurkers and the silent department included). */
  eventsPerMemberWeek: number;
}

/** Friday 16:00 in Tokyo: when the weekly digest goes out. */
export const DEFAULT_END = '2026-11-20T07:00:00.000Z';
export const BENCH_TIMEZONE = 'Asia/Tokyo';
/** Counted SNS channels; the first is the digest channel. Weighted 6:3:1 for where people write. */
export const BENCH_CHANNELS = ['C0BENCHGEN', 'C0BENCHTIPS', 'C0BENCHSTORY'] as const;

/** Defaults of `npm run bench`; `--quick` uses 200 members and 30 days. */
export function workloadOptions(overrides: Partial<WorkloadOptions> = {}): WorkloadOptions {
  return { members: 1000, days: 90, seed: 20261120, end: DEFAULT_END, eventsPerMemberWeek: 20, ...overrides };
}

export interface PlannedMember {
  index: number;
  platformId: string;
  name: string;
  email: string;
  /** Null only for the president. */
  department: string | null;
  location: string;
  managerIndex: number | null;
  isExecutive: boolean;
  joinedAt: string;
  /** Expected events per week over the whole window (0 for the silent department). */
  weeklyRate: number;
}

export interface CompanyPlan {
  options: WorkloadOptions;
  members: PlannedMember[];
  departments: string[];
  /** The department that never takes part (none in companies of under three departments). */
  silentDepartment: string | null;
  /** Indexes of members who have at least one report. */
  managerIndexes: number[];
  /** First local day of activity (the window is `days` local days ending on the day of `end`). */
  firstDay: string;
}

const LOCATIONS = ['Tokyo', 'Osaka', 'Fukuoka'] as const;
const TEAM_SIZE = 8;
const DEPARTMENT_SIZE = 100;
const _DAY_MS = 86_400_000;

/** How much people take part, relative to each other: many lurkers, a few enthusiasts. */
const PROFILES = [
  { share: 0.3, relative: 0.1 },
  { share: 0.45, relative: 1 },
  { share: 0.18, relative: 2.5 },
  { share: 0.07, relative: 6 },
] as const;

/**
 * A company of `options.members` people: a president, departments of about a hundred (uneven),
 * each with a head who reports to the president and teams of eight under a lead. Heads of the
 * first three departments are executives; about 2% of staff join during the window; the last
 * department never takes part. Called by the benchmark and its smoke test.
 */
export function planCompany(options: WorkloadOptions): CompanyPlan {
  if (!Number.isInteger(options.members) || options.members < 2)
    throw new RangeError(`members must be a whole number ≥ 2, got ${options.members}`);
  if (!Number.isInteger(options.days) || options.days < 7)
    throw new RangeError(`days must be a whole number ≥ 7, got ${options.days}`);
  const random = createRandom(options.seed);
  const lastDay = localDay(options.end, BENCH_TIMEZONE);
  const firstDay = addDays(lastDay, -(options.days - 1));
  const joinedBefore = zonedTimeToUtc(addDays(firstDay, -30), '09:00', BENCH_TIMEZONE).toISOString();

  const departmentCount = Math.max(1, Math.round((options.members - 1) / DEPARTMENT_SIZE));
  const departments = Array.from({ length: departmentCount }, (_, d) => `Dept ${String(d + 1).padStart(2, '0')}`);
  const sizes = departmentSizes(options.members - 1, departmentCount, random);
  const silentDepartment = departmentCount >= 3 ? (departments[departmentCount - 1] ?? null) : null;

  const members: PlannedMember[] = [];
  const add = (
    department: string | null,
    managerIndex: number | null,
    isExecutive: boolean,
    location: string,
  ): number => {
    const index = members.length;
    const newHire = managerIndex !== null && !isExecutive && random.chance(0.02);
    const joinOffset = newHire ? random.int(1, Math.floor((options.days * 2) / 3)) : 0;
    members.push({
      index,
      platformId: `UB${String(index).padStart(6, '0')}`,
      name: `Member ${String(index).padStart(6, '0')}`,
      email: `member${index}@bench.example`,
      department,
      location,
      managerIndex,
      isExecutive,
      joinedAt: newHire
        ? zonedTimeToUtc(addDays(firstDay, joinOffset), '09:00', BENCH_TIMEZONE).toISOString()
        : joinedBefore,
      weeklyRate: 0,
    });
    return index;
  };

  const president = add(null, null, true, 'Tokyo');
  departments.forEach((department, d) => {
    const size = sizes[d] ?? 0;
    if (size === 0) return;
    const head = add(department, president, d < 3, random.pick(LOCATIONS));
    let left = size - 1;
    while (left > 0) {
      const location = random.pick(LOCATIONS);
      const lead = add(department, head, false, location);
      left -= 1;
      for (let s = 0; s < TEAM_SIZE - 1 && left > 0; s += 1, left -= 1) add(department, lead, false, location);
    }
  });

  assignRates(members, silentDepartment, options.eventsPerMemberWeek, random);
  const managerIndexes = [...new Set(members.map((m) => m.managerIndex).filter((i): i is number => i !== null))].sort(
    (a, b) => a - b,
  );
  return { options, members, departments, silentDepartment, managerIndexes, firstDay };
}

/** Uneven department sizes (×0.6 to ×1.4 of the mean) that add up to `total`. */
function departmentSizes(total: number, count: number, random: Random): number[] {
  const weights = Array.from({ length: count }, () => 0.6 + 0.8 * random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % count) {
    const size = sizes[i] ?? 1;
    if (diff > 0) {
      sizes[i] = size + 1;
      diff -= 1;
    } else if (size > 1) {
      sizes[i] = size - 1;
      diff += 1;
    }
  }
  return sizes;
}

/** Gives each member a weekly rate so that the company's mean is `perWeek`. */
function assignRates(members: PlannedMember[], silent: string | null, perWeek: number, random: Random): void {
  const relative = members.map((m) => {
    if (silent !== null && m.department === silent) return 0;
    const profile = PROFILES[random.weighted(PROFILES.map((p) => p.share))] ?? PROFILES[1];
    return profile.relative * (0.75 + 0.5 * random.next());
  });
  const sum = relative.reduce((a, b) => a + b, 0);
  const scale = sum > 0 ? (perWeek * members.length) / sum : 0;
  members.forEach((m, i) => {
    m.weeklyRate = (relative[i] ?? 0) * scale;
  });
}

/**
 * Relative activity of each day of the window, normalised so that a member's expected events over
 * the window are `weeklyRate × days / 7`: quiet weekends, adoption that grows over the window, and
 * one campaign week at about 60% of it.
 */
export function dayFactors(plan: CompanyPlan): number[] {
  const { days } = plan.options;
  const campaign = Math.floor(days * 0.6);
  const raw = Array.from({ length: days }, (_, d) => {
    const weekday = weekdayOfDay(addDays(plan.firstDay, d));
    const weekly = weekday === 6 ? 0.12 : weekday === 7 ? 0.08 : 1;
    const growth = 0.7 + (0.6 * d) / Math.max(1, days - 1);
    const spike = d >= campaign && d < campaign + 7 ? 1.5 : 1;
    return weekly * growth * spike;
  });
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((f) => (f * days) / 7 / sum);
}

export const KINDS: readonly ActivityKind[] = ['reaction', 'reply', 'post', 'story', 'idea', 'prompt_answer'];
export const KIND_WEIGHTS = [48, 26, 20, 1.5, 1.5, 3];
export const FORM_KINDS = new Set<ActivityKind>(['story', 'idea', 'prompt_answer']);
export const CHANNEL_WEIGHTS = [6, 3, 1];
/** Local working day in which events fall: 08:00 to 19:00. */
export const WORK_START_MS = 8 * 3_600_000;
export const WORK_SPAN_MS = 11 * 3_600_000;

/** One local day of activity (workspace time zone) and its events in time order. */
export interface ActivityDay {
  day: string;
  events: ActivityInput[];
}

/**
 * The activity of the window, one local day at a time, each day's events in time order. Every
 * event is one `recordActivity` records (counted channel or form, known member, joined, no
 * self-reaction), so the stored rows are exactly the events. Replies and reactions go to a
 * colleague in the same department two times out of three.
 */
export function* activityDays(plan: CompanyPlan, workspaceId: number): Generator<ActivityDay> {
  const { options, members } = plan;
  const random = createRandom(options.seed ^ 0x5eed);
  const factors = dayFactors(plan);
  const end = Date.parse(options.end);
  const byDepartment = new Map<string | null, number[]>();
  for (const m of members) {
    const list = byDepartment.get(m.department) ?? [];
    list.push(m.index);
    byDepartment.set(m.department, list);
  }
  const joinedMs = members.map((m) => Date.parse(m.joinedAt));

  for (let d = 0; d < options.days; d += 1) {
    const day = addDays(plan.firstDay, d);
    const dayStart = zonedTimeToUtc(day, '00:00', BENCH_TIMEZONE).getTime();
    const factor = factors[d] ?? 0;
    const events: { at: number; input: ActivityInput }[] = [];
    for (const member of members) {
      const mean = member.weeklyRate * factor;
      if (mean <= 0) continue;
      const count = random.poisson(mean);
      for (let k = 0; k < count; k += 1) {
        const at = dayStart + WORK_START_MS + Math.floor(random.next() * WORK_SPAN_MS);
        const kind = KINDS[random.weighted(KIND_WEIGHTS)] ?? 'post';
        if (at >= end || at <= (joinedMs[member.index] ?? 0)) continue;
        const input: ActivityInput = {
          workspaceId,
          eventId: `ev-${d}-${member.index}-${k}`,
          kind,
          memberPlatformId: member.platformId,
          channelId: FORM_KINDS.has(kind)
            ? FORM_CHANNEL
            : (BENCH_CHANNELS[random.weighted(CHANNEL_WEIGHTS)] ?? BENCH_CHANNELS[0]),
          occurredAt: new Date(at).toISOString(),
        };
        if (kind === 'reply' || kind === 'reaction') {
          input.targetPlatformId =
            members[pickTarget(member, byDepartment, members.length, random)]?.platformId ?? null;
        }
        events.push({ at, input });
      }
    }
    events.sort((a, b) => a.at - b.at);
    yield { day, events: events.map((e) => e.input) };
  }
}

/** A colleague other than `member`: same department two times out of three, else anyone. */
function pickTarget(
  member: PlannedMember,
  byDepartment: Map<string | null, number[]>,
  total: number,
  random: Random,
): number {
  const colleagues = byDepartment.get(member.department) ?? [];
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const index = colleagues.length > 1 && random.chance(2 / 3) ? random.pick(colleagues) : random.int(0, total - 1);
    if (index !== member.index) return index;
  }
  return member.index === 0 ? 1 : 0;
}

/** The whole window's activity in time order. */
export function generateActivity(plan: CompanyPlan, workspaceId: number): ActivityInput[] {
  const all: ActivityInput[] = [];
  for (const { events } of activityDays(plan, workspaceId)) for (const event of events) all.push(event);
  return all;
}

/** A clock the benchmark sets by hand (members join in the past, jobs run at `end`). */
export class BenchClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: string | Date): void {
    this.current = new Date(at);
  }
}

/** A temp directory under os.tmpdir() for the benchmark's SQLite files; `remove` deletes it all. */
export interface BenchDir {
  path: string;
  remove(): void;
}

export function createBenchDir(): BenchDir {
  const path = mkdtempSync(join(tmpdir(), 'hiroba-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A SQLite store's connection, which the bench reads and loads with plain SQL. */
export function sqliteOf(store: Store): Database {
  if (store.sqlite === null) throw new Error(`bench: ${store.location} is not a SQLite store`);
  return store.sqlite;
}

/** One store with one workspace and the planned company in it, no activity yet. */
export interface BenchWorld {
  store: Store;
  /** The store's SQLite connection: the bench loads rows and reads the plan with plain SQL. */
  db: Database;
  repos: Repositories;
  core: HirobaCore;
  clock: BenchClock;
  workspace: Workspace;
  plan: CompanyPlan;
  /** Stored members in plan order (`members[i]` is plan member i). */
  members: Member[];
}

/**
 * Opens `<dir>/<file>` and sets up a workspace as ops would (counted channels, digest channel,
 * rollout phase `company`) with every planned member, created in plan order through the core so
 * that two worlds of the same plan get the same member ids. The clock ends at `end`.
 */
export function createWorld(dir: BenchDir, file: string, plan: CompanyPlan): Promise<BenchWorld> {
  return createWorldIn(join(dir.path, file), plan);
}

/** `createWorld` at a given file path (the scale benchmark keeps its companies in a cache folder). */
export async function createWorldIn(
  path: string,
  plan: CompanyPlan,
  admins: readonly string[] = [],
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<BenchWorld> {
  const store = openSqliteStore(path, migrationsDir);
  const db = sqliteOf(store);
  return { ...(await populateWorld(store, plan, admins)), db };
}

/** The workspace and planned company of `createWorld` in an opened store of either kind (no SQLite handle). */
export async function populateWorld(
  store: Store,
  plan: CompanyPlan,
  admins: readonly string[] = [],
): Promise<Omit<BenchWorld, 'db'>> {
  const clock = new BenchClock(new Date(plan.members[0]?.joinedAt ?? plan.options.end));
  const core = createHirobaCore({ repos: store.repos, clock, admins });
  const created = await core.workspace('memory', 'TBENCH', 'Bench Co');
  const workspace = await store.repos.workspaces.updateSettings(created.id, {
    ...created.settings,
    timezone: BENCH_TIMEZONE,
    locale: 'ja',
    countedChannels: [...BENCH_CHANNELS],
    digestChannel: BENCH_CHANNELS[0],
    rolloutPhase: 'company',
  });
  // The directory rules of `core.upsertMember`, and the inclusion it makes at a join in the `company`
  // phase (included the moment they join), without its scan of the whole directory per join: that is
  // quadratic, hours at 100,000 members. Kick-off DMs are not queued (no measured job reads them).
  const deps = { repos: store.repos, admins: new Set(admins.map((a) => a.toLowerCase())) };
  const members = await store.repos.transaction(async () => {
    const stored: Member[] = [];
    for (const m of plan.members) {
      const manager = m.managerIndex === null ? null : plan.members[m.managerIndex];
      const entry = await upsertMemberEntry(
        deps,
        workspace.id,
        {
          platformId: m.platformId,
          name: m.name,
          email: m.email,
          department: m.department,
          location: m.location,
          manager: manager?.email ?? null,
          isExecutive: m.isExecutive,
        },
        new Date(m.joinedAt),
      );
      stored.push(await store.repos.members.update(entry.id, { includedAt: entry.joinedAt }));
    }
    return stored;
  });
  clock.set(plan.options.end);
  return { store, repos: store.repos, core, clock, workspace, plan, members };
}

/**
 * Writes the window's activity straight into `activities` and `daily_rollups`, in one transaction,
 * with the values `recordActivity` would store (same event ids, member ids, instants, local days,
 * points and rollup sums; the smoke test checks the two agree). For the 4× company, whose ingest
 * is not what is measured: a million events through the live path would take minutes.
 * First-post thanks are not queued (no job measured here reads them). Returns the rows written.
 */
export function bulkLoadActivity(world: BenchWorld): number {
  const { db } = world;
  const ids = new Map(world.plan.members.map((m, i) => [m.platformId, world.members[i]?.id ?? 0]));
  const insert = db.prepare(
    `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points)
     VALUES (@workspace_id, @event_id, @kind, @member_id, @channel_id, @target_member_id, @occurred_at, @day, @points)`,
  );
  const rollup = db.prepare(
    `INSERT INTO daily_rollups (workspace_id, member_id, day, points, contributions, activities)
     VALUES (@workspace_id, @member_id, @day, @points, @contributions, @activities)`,
  );
  const workspaceId = world.workspace.id;
  let written = 0;
  // A large page cache while loading only (a million rows over four indexes thrash the default
  // 2 MB); the measurements then run with the same cache as every other connection.
  const cacheSize = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -262144');
  db.transaction(() => {
    for (const { day, events } of activityDays(world.plan, workspaceId)) {
      const sums = new Map<number, { points: number; contributions: number; activities: number }>();
      for (const event of events) {
        const memberId = ids.get(event.memberPlatformId);
        if (memberId === undefined) throw new Error(`bench: no member ${event.memberPlatformId}`);
        const points = POINTS[event.kind];
        insert.run({
          workspace_id: workspaceId,
          event_id: event.eventId,
          kind: event.kind,
          member_id: memberId,
          channel_id: event.channelId,
          target_member_id: event.targetPlatformId ? (ids.get(event.targetPlatformId) ?? null) : null,
          occurred_at: event.occurredAt,
          day,
          points,
        });
        const sum = sums.get(memberId) ?? { points: 0, contributions: 0, activities: 0 };
        sum.points += points;
        sum.contributions += CONTRIBUTION_KINDS.includes(event.kind) ? 1 : 0;
        sum.activities += 1;
        sums.set(memberId, sum);
        written += 1;
      }
      for (const [memberId, sum] of sums) rollup.run({ workspace_id: workspaceId, member_id: memberId, day, ...sum });
    }
    // The figures the store keeps per day and week beyond points, from the rows just written.
    rebuildKeptFigures(db, workspaceId);
  })();
  db.pragma(`cache_size = ${Number(cacheSize)}`);
  return written;
}
