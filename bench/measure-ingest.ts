import pg from 'pg';
import type { ActivityInput, HirobaCore } from '../src/core/ports.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { type ActivityRow, bareInsert, storedRowsAfter } from './baselines.js';
import type { BenchDatabase, BenchPostgres } from './postgres.js';
import { asContext, atMost, type BenchLine, below, meets } from './report.js';
import { median, sampleSlices, splitEvenly, timeMs, timeMsAsync } from './timing.js';
import { type BenchWorld, type CompanyPlan, generateActivity, populateWorld } from './workload.js';

export interface IngestOptions {
  /** Consecutive slices the window is ingested in; each is one sample. */
  chunks: number;
  /**
   * Rows of each slice the bare INSERT is timed on (one commit each, like live events); the rest
   * of the slice goes in untimed in one transaction, so the bare table grows as the real one does.
   */
  bareSample: number;
  /** Slices of already-stored events sent again, and how many events each. */
  redeliverySlices: number;
  redeliverySize: number;
}

export interface IngestOutcome {
  lines: BenchLine[];
  events: number;
  recorded: number;
}

/**
 * Ingests every event through `hiroba.recordActivity` (one implicit transaction per event, as live
 * traffic arrives), slice by slice; after each slice the rows it stored are inserted into the bare
 * world's `activities` with one prepared INSERT each (timed on the first `bareSample` of them).
 * The two alternate, so load on the machine hits both alike. Then slices from across the window are delivered again (all duplicates).
 * `bare` must be a world of the same plan with no activity.
 */
export async function measureIngest(
  world: BenchWorld,
  bare: BenchWorld,
  events: readonly ActivityInput[],
  options: IngestOptions,
): Promise<IngestOutcome> {
  if (bare.workspace.id !== world.workspace.id || bare.members.some((m, i) => m.id !== world.members[i]?.id)) {
    throw new Error('bench: the bare world must be built from the same plan, so member ids match');
  }
  const readBack = storedRowsAfter(world.db);
  const insert = bareInsert(bare.db);
  return measureIngestAgainst(
    world.core,
    {
      readBack: (afterId) => Promise.resolve(readBack(afterId)),
      timedInserts: (rows) =>
        Promise.resolve(
          timeMs(() => {
            for (const row of rows) insert(row);
          }),
        ),
      untimedInserts: (rows) => {
        bare.db.transaction(() => {
          for (const row of rows) insert(row);
        })();
        return Promise.resolve();
      },
    },
    events,
    options,
    '',
  );
}

/** The bare side of the ingest line: what the core stored, and the same rows inserted plainly. */
interface IngestFloor {
  readBack(afterId: number): Promise<ActivityRow[]>;
  /** One INSERT per row, each its own implicit transaction; the time they took in ms. */
  timedInserts(rows: readonly ActivityRow[]): Promise<number>;
  /** The rest of a slice in one transaction, untimed. */
  untimedInserts(rows: readonly ActivityRow[]): Promise<void>;
}

async function measureIngestAgainst(
  hiroba: HirobaCore,
  floor: IngestFloor,
  events: readonly ActivityInput[],
  options: IngestOptions,
  suffix: string,
): Promise<IngestOutcome> {
  const coreUs: number[] = [];
  const bareUs: number[] = [];
  const overhead: number[] = [];
  let recorded = 0;
  let bareRows = 0;
  let lastId = 0;
  for (const chunk of splitEvenly(events, options.chunks)) {
    let stored = 0;
    const { ms: coreMs } = await timeMsAsync(async () => {
      for (const event of chunk) if ((await hiroba.recordActivity(event)).status === 'recorded') stored += 1;
    });
    recorded += stored;
    const rows = await floor.readBack(lastId);
    lastId = rows[rows.length - 1]?.id ?? lastId;
    const timed = rows.slice(0, options.bareSample);
    const bareMs = await floor.timedInserts(timed);
    await floor.untimedInserts(rows.slice(timed.length));
    bareRows += timed.length;
    const core = (coreMs * 1000) / chunk.length;
    const base = timed.length > 0 ? (bareMs * 1000) / timed.length : Number.NaN;
    coreUs.push(core);
    bareUs.push(base);
    overhead.push(core / base);
  }

  const duplicateUs: number[] = [];
  let notDuplicate = 0;
  let delivered = 0;
  for (const slice of sampleSlices(events, options.redeliverySlices, options.redeliverySize)) {
    delivered += slice.length;
    const { ms } = await timeMsAsync(async () => {
      for (const event of slice) {
        const result = await hiroba.recordActivity(event);
        if (result.status !== 'ignored' || result.reason !== 'duplicate') notDuplicate += 1;
      }
    });
    duplicateUs.push((ms * 1000) / slice.length);
  }

  const coreMedian = median(coreUs);
  const bareMedian = median(bareUs);
  const duplicateMedian = median(duplicateUs);
  const lost = events.length - recorded;
  return {
    events: events.length,
    recorded,
    lines: [
      {
        name: `ingest${suffix}`,
        value: 1e6 / coreMedian,
        unit: 'events/s',
        ratio: median(overhead),
        ratioMeaning: 'recordActivity ÷ bare INSERT time per event',
        target: atMost(5),
        detail:
          `bare INSERT ${Math.round(1e6 / bareMedian).toLocaleString('en-US')} rows/s (timed on ${bareRows.toLocaleString('en-US')} of the rows); ` +
          `${events.length.toLocaleString('en-US')} events in ${coreUs.length} slices, median` +
          (lost > 0 ? `; ${lost} events NOT recorded (workload bug)` : ''),
      },
      {
        name: `redelivery${suffix}`,
        value: 1e6 / duplicateMedian,
        unit: 'events/s',
        ratio: duplicateMedian / coreMedian,
        ratioMeaning: 'duplicate ÷ first delivery time per event',
        target: below(1),
        detail:
          `${delivered.toLocaleString('en-US')} stored events sent again in ${duplicateUs.length} slices from across the window, median` +
          (notDuplicate > 0 ? `; ${notDuplicate} NOT answered as duplicate` : '; every one answered duplicate'),
      },
    ],
  };
}

const BARE_INSERT_PG = `INSERT INTO activities (workspace_id, event_id, kind, member_id, channel_id, target_member_id, occurred_at, day, points)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

function bareParams(row: ActivityRow): unknown[] {
  return [
    row.workspace_id,
    row.event_id,
    row.kind,
    row.member_id,
    row.channel_id,
    row.target_member_id,
    row.occurred_at,
    row.day,
    row.points,
  ];
}

/**
 * The ingest and redelivery lines again with the store on PostgreSQL (issue 14): the same plan and
 * events through `hiroba.recordActivity` on a fresh database, against one parameterised INSERT per row
 * (autocommit, as each live event is its own transaction) into a second fresh database of the same
 * schema and members. A line short of its SQLite target is returned as measured-only context.
 */
export async function measureIngestPostgres(
  server: BenchPostgres,
  plan: CompanyPlan,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const databases: BenchDatabase[] = [];
  const stores: Store[] = [];
  const clients: pg.Client[] = [];
  try {
    const open = async (): Promise<{ store: Store; client: pg.Client }> => {
      const database = await server.fresh();
      databases.push(database);
      const store = await openStore({ kind: 'postgres', url: database.url });
      stores.push(store);
      const client = new pg.Client({ connectionString: database.url });
      clients.push(client);
      await client.connect();
      return { store, client };
    };
    const real = await open();
    const bare = await open();
    const world = await populateWorld(real.store, plan);
    await populateWorld(bare.store, plan);
    const events = generateActivity(plan, world.workspace.id);
    const outcome = await measureIngestAgainst(
      world.core,
      {
        readBack: async (afterId) =>
          (
            await real.client.query<ActivityRow>('SELECT * FROM activities WHERE id > $1 ORDER BY id', [afterId])
          ).rows.map((row) => ({ ...row, id: Number(row.id) })),
        timedInserts: async (rows) => {
          const started = performance.now();
          for (const row of rows) await bare.client.query(BARE_INSERT_PG, bareParams(row));
          return performance.now() - started;
        },
        untimedInserts: async (rows) => {
          await bare.client.query('BEGIN');
          for (const row of rows) await bare.client.query(BARE_INSERT_PG, bareParams(row));
          await bare.client.query('COMMIT');
        },
      },
      events,
      options,
      ' (postgres)',
    );
    return { ...outcome, lines: outcome.lines.map((line) => (meets(line) ? line : asContext(line))) };
  } finally {
    for (const client of clients) await client.end();
    for (const store of stores) await store.close();
    for (const database of databases) await database.drop();
  }
}
