import { POINTS } from '../../src/core/scoring.js';
import { FORM_CHANNEL } from '../../src/core/service.js';
import { addDays, zonedTimeToUtc } from '../../src/core/time.js';
import { CONTRIBUTION_KINDS } from '../../src/core/types.js';
import { createRandom } from '../../src/demo/random.js';
import {
  BENCH_CHANNELS,
  BENCH_TIMEZONE,
  type BenchWorld,
  CHANNEL_WEIGHTS,
  dayFactors,
  FORM_KINDS,
  KIND_WEIGHTS,
  KINDS,
  WORK_SPAN_MS,
  WORK_START_MS,
} from '../workload.js';

/** Cumulative weights for one `next()` per pick. */
function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w / total;
    out[i] = sum;
  });
  return out;
}

function pickCumulative(cum: Float64Array, roll: number): number {
  for (let i = 0; i < cum.length; i += 1) if (roll < (cum[i] ?? 1)) return i;
  return cum.length - 1;
}

/**
 * Generates the window's activity for a scale company and writes it straight into `activities` and
 * `daily_rollups` with the values `recordActivity` stores (local day, points, rollup sums), with the
 * same shape as `activityDays` (rates, day factors, kinds, channels, same-department targets two
 * times out of three, nothing before joining or at/after the end) but lean enough for ten million
 * rows: typed arrays per day, positional binds, no journal, and the secondary indexes built once at
 * the end from their own stored SQL (so the schema stays the project's). For a file nothing else uses.
 */
export function loadScaleActivity(world: BenchWorld, progress: (text: string) => void = () => undefined): number {
  const { db } = world;
  const { plan } = world;
  const { members, options } = plan;
  const random = createRandom(options.seed ^ 0x5ca1e);
  const next = random.next;
  const factors = dayFactors(plan);
  const end = Date.parse(options.end);
  const ids = Int32Array.from(world.members.map((m) => m.id));
  const joined = Float64Array.from(members.map((m) => Date.parse(m.joinedAt)));
  const rates = Float64Array.from(members.map((m) => m.weeklyRate));
  const departmentOf = new Int32Array(members.length);
  const departmentNames = new Map<string | null, number>();
  const byDepartment: number[][] = [];
  members.forEach((m, i) => {
    let d = departmentNames.get(m.department);
    if (d === undefined) {
      d = byDepartment.length;
      departmentNames.set(m.department, d);
      byDepartment.push([]);
    }
    departmentOf[i] = d;
    byDepartment[d]?.push(i);
  });
  const kindCum = cumulative(KIND_WEIGHTS);
  const channelCum = cumulative(CHANNEL_WEIGHTS);
  const kindPoints = KINDS.map((k) => POINTS[k]);
  const kindContribution = KINDS.map((k) => (CONTRIBUTION_KINDS.includes(k) ? 1 : 0));
  const kindIsForm = KINDS.map((k) => FORM_KINDS.has(k));
  const workspaceId = world.workspace.id;

  db.pragma('cache_size = -1048576');
  // CREATE INDEX sorts ten million keys: in memory, with a helper thread, instead of temp files.
  db.pragma('temp_store = MEMORY');
  db.pragma('threads = 2');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('activities', 'daily_rollups') AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const insert = db.prepare(
    `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rollup = db.prepare(
    'INSERT INTO daily_rollups (workspace_id, member_id, day, points, contributions, activities) VALUES (?, ?, ?, ?, ?, ?)',
  );

  let capacity = 1 << 16;
  let at = new Float64Array(capacity);
  let who = new Int32Array(capacity);
  let kindOf = new Uint8Array(capacity);
  let channelOf = new Uint8Array(capacity);
  let target = new Int32Array(capacity);
  const grow = (): void => {
    capacity *= 2;
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    at = copy(at, (n) => new Float64Array(n));
    who = copy(who, (n) => new Int32Array(n));
    kindOf = copy(kindOf, (n) => new Uint8Array(n));
    channelOf = copy(channelOf, (n) => new Uint8Array(n));
    target = copy(target, (n) => new Int32Array(n));
  };
  // Rollups are summed here and written at the end in primary-key order (member, day): appends
  // instead of a random insert per member and day.
  const cells = members.length * options.days;
  const points = new Int32Array(cells);
  const contributions = new Int32Array(cells);
  const counts = new Int32Array(cells);

  let written = 0;
  const started = Date.now();
  const writeDay = db.transaction((d: number, day: string, count: number, order: number[]) => {
    // Event ids sort in time order, so the unique (workspace_id, event_id) index grows by appends.
    let position = 0;
    for (const e of order) {
      const m = who[e] ?? 0;
      const kind = kindOf[e] ?? 0;
      const t = target[e] ?? -1;
      insert.run(
        workspaceId,
        `ev-${day}-${String(position).padStart(7, '0')}`,
        KINDS[kind],
        ids[m],
        kindIsForm[kind] ? FORM_CHANNEL : BENCH_CHANNELS[channelOf[e] ?? 0],
        t < 0 ? null : ids[t],
        new Date(at[e] ?? 0).toISOString(),
        day,
        kindPoints[kind],
      );
      position += 1;
      const cell = m * options.days + d;
      points[cell] = (points[cell] ?? 0) + (kindPoints[kind] ?? 0);
      contributions[cell] = (contributions[cell] ?? 0) + (kindContribution[kind] ?? 0);
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
    written += count;
  });

  for (let d = 0; d < options.days; d += 1) {
    const day = addDays(plan.firstDay, d);
    const dayStart = zonedTimeToUtc(day, '00:00', BENCH_TIMEZONE).getTime() + WORK_START_MS;
    const factor = factors[d] ?? 0;
    let count = 0;
    for (let m = 0; m < members.length; m += 1) {
      const mean = (rates[m] ?? 0) * factor;
      if (mean <= 0) continue;
      const n = random.poisson(mean);
      for (let k = 0; k < n; k += 1) {
        const when = dayStart + Math.floor(next() * WORK_SPAN_MS);
        const kind = pickCumulative(kindCum, next());
        const channel = pickCumulative(channelCum, next());
        let t = -1;
        if (KINDS[kind] === 'reply' || KINDS[kind] === 'reaction') {
          const colleagues = byDepartment[departmentOf[m] ?? 0] ?? [];
          for (let attempt = 0; attempt < 8 && t < 0; attempt += 1) {
            const pick =
              colleagues.length > 1 && next() < 2 / 3
                ? (colleagues[Math.floor(next() * colleagues.length)] ?? 0)
                : Math.floor(next() * members.length);
            if (pick !== m) t = pick;
          }
          if (t < 0) t = m === 0 ? 1 : 0;
        }
        if (when >= end || when <= (joined[m] ?? 0)) continue;
        if (count === capacity) grow();
        at[count] = when;
        who[count] = m;
        kindOf[count] = kind;
        channelOf[count] = channel;
        target[count] = t;
        count += 1;
      }
    }
    const order = Array.from({ length: count }, (_, i) => i);
    const times = at;
    order.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
    writeDay(d, day, count, order);
    if ((d + 1) % 15 === 0)
      progress(
        `  ${d + 1} days, ${written.toLocaleString('en-US')} activities, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  const dayNames = Array.from({ length: options.days }, (_, d) => addDays(plan.firstDay, d));
  db.transaction(() => {
    // Member ids ascend with plan order, so (member, day) order is the primary key's order.
    for (let m = 0; m < members.length; m += 1) {
      for (let d = 0; d < options.days; d += 1) {
        const cell = m * options.days + d;
        const c = counts[cell] ?? 0;
        if (c > 0) rollup.run(workspaceId, ids[m], dayNames[d], points[cell], contributions[cell], c);
      }
    }
  })();
  progress(`  rollups: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const index of indexes) {
    const t0 = Date.now();
    db.exec(index.sql);
    progress(`  index ${index.name}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  // The kept per-member bounds (migration 0011), as the store keeps them on every insert.
  const t0 = Date.now();
  db.exec(`DELETE FROM member_bounds WHERE workspace_id = ${Number(workspaceId)};
    INSERT INTO member_bounds (member_id, workspace_id, first_contribution, last_contribution, last_activity)
    SELECT member_id, workspace_id,
           MIN(CASE WHEN kind IN (${CONTRIBUTION_SQL}) THEN occurred_at END),
           MAX(CASE WHEN kind IN (${CONTRIBUTION_SQL}) THEN occurred_at END),
           MAX(occurred_at)
    FROM activities WHERE workspace_id = ${Number(workspaceId)} GROUP BY workspace_id, member_id`);
  progress(`  member bounds: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  db.pragma('foreign_keys = ON');
  return written;
}

/** The contribution kinds as an SQL list (constants of the core, never input). */
const CONTRIBUTION_SQL = CONTRIBUTION_KINDS.map((kind) => `'${kind}'`).join(', ');
