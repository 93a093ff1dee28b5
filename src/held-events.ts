import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { activityInputSchema } from './core/index.js';
import type { HirobaCore, RecordResult } from './core/ports.js';
import type { AppLogger } from './logger.js';
import { isDatabaseUnavailable, sqliteCode } from './store/errors.js';

const heldEventSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('record'), input: activityInputSchema }),
  z.object({ op: z.literal('retract'), workspaceId: z.number().int().positive(), eventId: z.string().min(1) }),
]);
type HeldEvent = z.infer<typeof heldEventSchema>;

export interface HeldEventsOptions {
  core: HirobaCore;
  /** The dead-letter file (JSON lines), next to the database; null keeps events in memory only. */
  file: string | null;
  logger: AppLogger;
  /** How long to wait before writing held events again. */
  retryMs?: number;
}

export interface HeldEvents {
  /** The core the adapters get: the same, except that events the database refuses are held. */
  core: HirobaCore;
  /** Events waiting for the database. */
  held(): number;
  /** The SQLite code of the last refusal while events are held (`SQLITE_FULL`), else null. */
  lastError(): string | null;
  /** Reads the dead-letter file left by an earlier process and writes what it holds; returns how many. */
  replay(): Promise<number>;
  /**
   * Writes held events now, in order, until the database refuses again; returns how many are left.
   * Never rejects: a refusal keeps the events, any other failure drops the event with a log line.
   */
  flush(): Promise<number>;
  /** Stops the retry timer (held events stay in the file for the next start). */
  stop(): void;
}

/** `<db>.held-events.jsonl`: where events acknowledged to a platform wait while the database refuses. */
export function heldEventsFile(dbPath: string): string | null {
  if (dbPath === ':memory:' || dbPath === '' || dbPath.startsWith('file::memory:')) return null;
  return `${dbPath}.held-events.jsonl`;
}

/**
 * Nothing acknowledged is lost: Slack and Teams get their acknowledgement before (or whether or not)
 * the event is stored, so an event the database refuses for the moment (a write lock held elsewhere,
 * a full disk) is kept in memory, appended to a dead-letter file next to the database, and written
 * again in order every `retryMs` and on the next start. Replays are safe: an event id is counted once
 * and a removal's tombstone outlives its add. While events are held, later ones queue behind them so
 * a removal never overtakes its add. Created by `src/main.ts` around the core the adapters use.
 */
export function holdEventsOnFailure(options: HeldEventsOptions): HeldEvents {
  const { core, file, logger } = options;
  const retryMs = options.retryMs ?? 2000;
  const queue: HeldEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastCode: string | null = null;
  let stopped = false;
  let flushing: Promise<number> | null = null;

  async function apply(event: HeldEvent): Promise<void> {
    if (event.op === 'record') await core.recordActivity(event.input);
    else await core.retractActivity(event.workspaceId, event.eventId);
  }

  function persist(event: HeldEvent): void {
    if (file === null) return;
    try {
      appendFileSync(file, `${JSON.stringify(event)}\n`);
    } catch (error) {
      // The disk that refused the database may refuse this too: the event stays in memory.
      logger.error('held event not written to the dead-letter file; kept in memory', {
        file,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  function hold(event: HeldEvent, error: unknown): void {
    lastCode = sqliteCode(error) ?? lastCode;
    queue.push(event);
    persist(event);
    logger.warn('database refused an event; held to be recorded later', { op: event.op, code: lastCode });
    arm();
  }

  function arm(): void {
    if (timer !== null || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      // flush never rejects (see HeldEvents.flush); what it cannot write waits for the next timer.
      void flush();
    }, retryMs);
  }

  /** One flush at a time: two would write the same first event twice while the other awaits. */
  function flush(): Promise<number> {
    flushing ??= writeQueue().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  async function writeQueue(): Promise<number> {
    // The event stays at the head of the queue while it is written, so later ones queue behind it.
    while (queue.length > 0) {
      const event = queue[0] as HeldEvent;
      try {
        await apply(event);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          lastCode = sqliteCode(error) ?? lastCode;
          arm();
          return queue.length;
        }
        // Not the database's state but the event itself (a workspace since removed): it can never be stored.
        logger.error('held event dropped: it cannot be recorded', {
          op: event.op,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      queue.shift();
    }
    lastCode = null;
    if (file !== null && existsSync(file)) {
      try {
        writeFileSync(file, '');
      } catch {
        // Replaying the same events on the next start is harmless: each event is counted once.
      }
    }
    return 0;
  }

  async function run<T>(event: HeldEvent, write: () => Promise<T>, heldResult: T): Promise<T> {
    if (queue.length > 0) {
      queue.push(event);
      persist(event);
      arm();
      return heldResult;
    }
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      hold(event, error);
      return heldResult;
    }
  }

  const HELD: RecordResult = { status: 'ignored', reason: 'held' };
  const wrapped: HirobaCore = Object.create(core) as HirobaCore;
  wrapped.recordActivity = (input) =>
    run({ op: 'record', input: activityInputSchema.parse(input) }, () => core.recordActivity(input), HELD);
  wrapped.recordActivities = async (inputs) => {
    const holdAll = (error: unknown): RecordResult[] => {
      // Checked only when held (the core checks each input itself); one that is malformed would be
      // ignored as such when recorded, so it is not kept.
      const events: HeldEvent[] = [];
      const results: RecordResult[] = inputs.map((input) => {
        const parsed = activityInputSchema.safeParse(input);
        if (!parsed.success) return { status: 'ignored', reason: 'malformed' };
        events.push({ op: 'record', input: parsed.data });
        return HELD;
      });
      if (queue.length === 0) lastCode = sqliteCode(error) ?? lastCode;
      for (const event of events) {
        queue.push(event);
        persist(event);
      }
      if (error !== null && events.length > 0)
        logger.warn('database refused events; held to be recorded later', { events: events.length, code: lastCode });
      arm();
      return results;
    };
    if (queue.length > 0) return holdAll(null);
    try {
      return await core.recordActivities(inputs);
    } catch (error) {
      // The whole burst rolled back together: every event of it is held.
      if (!isDatabaseUnavailable(error)) throw error;
      return holdAll(error);
    }
  };
  wrapped.retractActivity = (workspaceId, eventId) =>
    run({ op: 'retract', workspaceId, eventId }, () => core.retractActivity(workspaceId, eventId), false);

  return {
    core: wrapped,
    held: () => queue.length,
    lastError: () => (queue.length > 0 ? lastCode : null),
    async replay() {
      if (file === null || !existsSync(file)) return 0;
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      const events: HeldEvent[] = [];
      for (const line of lines) {
        try {
          events.push(heldEventSchema.parse(JSON.parse(line)));
        } catch {
          logger.error('dead-letter line unreadable; skipped', { file });
        }
      }
      // The file already holds them: queue without appending again, ahead of anything newer.
      queue.unshift(...events);
      if (events.length > 0) logger.info('replaying held events from the last run', { events: events.length });
      await flush();
      return events.length;
    },
    flush,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
