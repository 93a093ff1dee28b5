import { createHash } from 'node:crypto';
import type express from 'express';

/** Slack's own window: Bolt refuses requests older than this; we also refuse those dated this far ahead. */
export const SLACK_SKEW_SECONDS = 300;

/** How long seen keys wait in memory before they are written to the shared table (one transaction). */
export const REPLAY_BATCH_MS = 50;

/** The part of the store's `ReplayRepo` the guard uses. */
export interface ReplayStore {
  /** True when the key was recorded (by any process) and has not expired by `now`. */
  seen(key: string, now: string): Promise<boolean>;
  /** Records every key in one transaction; returns those that were there already. */
  recordMany(entries: ReadonlyArray<{ key: string; expiresAt: string }>): Promise<string[]>;
  deleteExpired(now: string): Promise<number>;
}

export interface RequestGuardDeps {
  replays: ReplayStore;
  now: () => Date;
  /** One line per refused or ignored request (never the body, never the signature). */
  warn: (message: string, fields: Record<string, unknown>) => void;
  /** Milliseconds seen keys wait before they are written (default `REPLAY_BATCH_MS`). */
  batchMs?: number;
}

export type GuardVerdict = 'pass' | 'future' | 'replay';

export interface ReplayGuard {
  /** Decides on one signed request by its headers; a `pass` is remembered as seen. Never rejects. */
  check(signature: string, timestamp: string): Promise<GuardVerdict>;
  /** Writes the keys still waiting in memory (also done on a timer); a refused write waits for the next. */
  flush(): Promise<void>;
  /** The express handler for `POST /slack/events`. */
  handler: express.RequestHandler;
}

/**
 * Runs before Bolt on `POST /slack/events`. Bolt checks the signature and refuses a timestamp more
 * than five minutes old; this adds what Bolt does not: a timestamp more than five minutes in the
 * future is refused (401), and a request whose signature and timestamp were seen before is answered
 * 200 and not acted on (a captured request replayed inside the window, e.g. a `role grant` after a
 * revoke). The key is a hash of the signature and timestamp, which Bolt then verifies against the
 * body, so a forged copy cannot take a real request's place.
 *
 * Seen keys live in memory for their window (exact within this process) and are written to the
 * shared table every `batchMs` in one transaction; each request reads the table, so a replay sent to
 * another process sharing the database is refused once the first copy's batch is written. Only two
 * copies reaching two processes within the same `batchMs` can both pass (the later write logs it).
 * When the database refuses, the memory still answers for this process.
 */
export function createReplayGuard(deps: RequestGuardDeps): ReplayGuard {
  const batchMs = deps.batchMs ?? REPLAY_BATCH_MS;
  const memory = new Map<string, number>();
  let waiting: Array<{ key: string; expiresAt: string }> = [];
  let timer: NodeJS.Timeout | null = null;
  let prunedAt = 0;

  const flush = async (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    const nowMs = deps.now().getTime();
    // Keys go in about in expiry order: drop expired ones from the front (a late one waits its turn).
    for (const [k, until] of memory) {
      if (until >= nowMs) break;
      memory.delete(k);
    }
    try {
      const present = batch.length > 0 ? await deps.replays.recordMany(batch) : [];
      if (present.length > 0)
        deps.warn('Slack request seen by another process within the same batch (replay not refused)', {
          requests: present.length,
        });
      if (nowMs - prunedAt > 60_000) {
        prunedAt = nowMs;
        await deps.replays.deleteExpired(new Date(nowMs).toISOString());
      }
    } catch {
      // The database refuses (a lock, a full disk): this process's memory still answers; written later.
      waiting = batch.concat(waiting);
      arm();
    }
  };

  function arm(): void {
    if (timer !== null) return;
    timer = setTimeout(() => {
      // Runs on its own: flush catches the store's refusals (the keys wait for the next timer).
      void flush();
    }, batchMs);
    timer.unref();
  }

  const check = async (signature: string, timestamp: string): Promise<GuardVerdict> => {
    const nowMs = deps.now().getTime();
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || ts * 1000 > nowMs + SLACK_SKEW_SECONDS * 1000) {
      deps.warn('Slack request refused: timestamp in the future', { skewSeconds: Math.round(ts - nowMs / 1000) });
      return 'future';
    }
    const key = createHash('sha256').update(`${signature}:${timestamp}`).digest('hex');
    let first = !memory.has(key);
    const expiresMs = ts * 1000 + 2 * SLACK_SKEW_SECONDS * 1000;
    if (first) {
      // Taken in memory before the table answers: a copy arriving meanwhile in this process is a replay.
      memory.set(key, expiresMs);
      try {
        if (await deps.replays.seen(key, new Date(nowMs).toISOString())) first = false;
      } catch {
        // The database refuses: this process's memory answered already.
      }
    }
    if (!first) {
      deps.warn('Slack request ignored: seen before (replay)', { timestamp: ts });
      return 'replay';
    }
    waiting.push({ key, expiresAt: new Date(expiresMs).toISOString() });
    arm();
    return 'pass';
  };

  const handler: express.RequestHandler = (req, res, next) => {
    const signature = req.get('x-slack-signature');
    const timestamp = req.get('x-slack-request-timestamp');
    // Without the headers Bolt refuses the request itself.
    if (req.method !== 'POST' || !signature || !timestamp) {
      next();
      return;
    }
    check(signature, timestamp).then((verdict) => {
      if (verdict === 'future') res.status(401).end();
      else if (verdict === 'replay') res.status(200).end();
      else next();
    }, next);
  };

  return { check, flush, handler };
}

/** The guard as one express handler (see `createReplayGuard`). */
export function slackRequestGuard(deps: RequestGuardDeps): express.RequestHandler {
  return createReplayGuard(deps).handler;
}
