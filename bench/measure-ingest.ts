import type { ActivityInput } from '../src/core/ports.js';
import { bareInsert, storedRowsAfter } from './baselines.js';
import { atMost, type BenchLine, below } from './report.js';
import { median, sampleSlices, splitEvenly, timeMs, timeMsAsync } from './timing.js';
import type { BenchWorld } from './workload.js';

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
 * Ingests every event through `core.recordActivity` (one implicit transaction per event, as live
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
  const coreUs: number[] = [];
  const bareUs: number[] = [];
  const overhead: number[] = [];
  let recorded = 0;
  let bareRows = 0;
  let lastId = 0;
  for (const chunk of splitEvenly(events, options.chunks)) {
    let stored = 0;
    const { ms: coreMs } = await timeMsAsync(async () => {
      for (const event of chunk) if ((await world.core.recordActivity(event)).status === 'recorded') stored += 1;
    });
    recorded += stored;
    const rows = readBack(lastId);
    lastId = rows[rows.length - 1]?.id ?? lastId;
    const timed = rows.slice(0, options.bareSample);
    const bareMs = timeMs(() => {
      for (const row of timed) insert(row);
    });
    bare.db.transaction(() => {
      for (const row of rows.slice(timed.length)) insert(row);
    })();
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
        const result = await world.core.recordActivity(event);
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
        name: 'ingest',
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
        name: 'redelivery',
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
