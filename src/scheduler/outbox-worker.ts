import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PROMPT_JOBS } from '../core/index.js';
import type { ChatPlatform, Clock, OutboxRow, Repositories, SendFailure, SendResult } from '../core/ports.js';
import type { Platform, Workspace } from '../core/types.js';
import { isDatabaseUnavailable } from '../store/errors.js';
import { type Logger, silentLogger } from './logger.js';
import { nextAllowedTime } from './quiet-hours.js';
import { limitKeys, RateLimiter, type RateLimitOverrides, resolveRateLimits, workspaceKeys } from './rate-limit.js';

export interface BackoffPolicy {
  /** First retry waits up to this long (full jitter: a random delay between 0 and the ceiling). */
  baseMs: number;
  /** The ceiling never grows past this. */
  capMs: number;
  /** After this many failed attempts a transient failure becomes `gave_up: <code>`. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2000, capMs: 15 * 60_000, maxAttempts: 8 };

export interface OutboxWorkerOptions {
  repos: Repositories;
  /** The running platforms; rows of a workspace whose platform is absent wait. */
  platforms: Partial<Record<Platform, ChatPlatform>>;
  clock: Clock;
  limits?: RateLimitOverrides;
  backoff?: Partial<BackoffPolicy>;
  /** 0 ≤ random() < 1; tests pass a fixed one. */
  random?: () => number;
  /** Waits between sends for the rate limiter; tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** How often the loop looks for due rows. */
  pollMs?: number;
  batchSize?: number;
  /**
   * Sends in flight at once (default 16), so network latency does not cap the rate below the
   * platform's limit. Sends to one conversation still go one after another, in order.
   */
  concurrency?: number;
  logger?: Logger;
  /** Who claims rows (unique per process); defaults to host, pid and a random suffix. */
  holder?: string;
  /** How long a claim holds before another process may take the row over. */
  leaseMs?: number;
}

export interface DrainResult {
  sent: number;
  failed: number;
  /** Rescheduled after a transient failure (Retry-After or backoff). */
  deferred: number;
}

/** A send whose result could not be written yet; written again at every poll until it sticks. */
interface Unrecorded {
  rowId: number;
  write: () => Promise<void>;
}

/** A claim outlives a slow send (rate-limit waits, Retry-After) but not a crashed process by long. */
export const DEFAULT_LEASE_MS = 2 * 60_000;

/** Enough for a platform's whole per-second budget to be in flight over a slow link. */
export const DEFAULT_CONCURRENCY = 16;

export interface OutboxWorker {
  /** Sends every row due now, in order, once each; returns what happened. */
  drain(): Promise<DrainResult>;
  /** Starts the poll loop (rows left pending by an earlier process go first: they are oldest). */
  start(): void;
  /** Stops the loop and any drain after the send in progress; resolves when both have ended. */
  stop(): Promise<void>;
  /** Looks for due rows now instead of at the next poll (after a job enqueued). */
  notify(): void;
  /** Sends whose result is still waiting to be written (the database refused it so far). */
  unrecorded(): number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The only sender: takes due outbox rows oldest first and hands each to its platform's `send`, within
 * the platform's rate limits. ok → sent; transient → tried again after Retry-After or an exponential
 * backoff with full jitter, up to `maxAttempts`; permanent → failed with the reason (and, when the
 * member blocked the bot, the member is marked never to be DMed again). One row's failure never holds
 * up the rows behind it. Created by `src/main.ts` and the demo.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { repos, platforms, clock } = options;
  const logger = options.logger ?? silentLogger;
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 100;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const limits = resolveRateLimits(options.limits);
  const limiter = new RateLimiter(() => clock.now().getTime());
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const unrecorded = new Map<number, Unrecorded>();

  let stopping = false;
  let loop: Promise<void> | null = null;
  let draining: Promise<DrainResult> | null = null;
  let wake: (() => void) | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;

  function retryDelay(attempt: number): number {
    const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor(random() * ceiling);
  }

  async function onTransient(
    row: OutboxRow,
    failure: Extract<SendFailure, { kind: 'transient' }>,
    workspace: Workspace,
  ): Promise<'failed' | 'deferred'> {
    const now = clock.now();
    const attempt = row.attempts + 1;
    if (attempt >= backoff.maxAttempts) {
      await repos.outbox.markFailed(row.id, `gave_up: ${failure.code}`, now.toISOString());
      logger.warn('send given up', { rowId: row.id, code: failure.code, attempts: attempt });
      return 'failed';
    }
    const delay = failure.retryAfterMs !== undefined ? failure.retryAfterMs : retryDelay(attempt);
    const at = now.getTime() + Math.max(0, delay);
    if (failure.retryAfterMs !== undefined) {
      // A 429 speaks for the whole workspace's budget, not only this row.
      for (const key of workspaceKeys(limits, workspace.platform, workspace.id)) limiter.pause(key, at);
    }
    await repos.outbox.reschedule(row.id, new Date(at).toISOString(), failure.code);
    return 'deferred';
  }

  async function onPermanent(row: OutboxRow, failure: Extract<SendFailure, { kind: 'permanent' }>): Promise<void> {
    const now = clock.now().toISOString();
    await repos.transaction(async () => {
      await repos.outbox.markFailed(row.id, failure.code, now);
      if (failure.blocked && row.recipient.kind === 'member') {
        const member = await repos.members.byPlatformId(row.workspaceId, row.recipient.id);
        if (member && !member.blockedBot) await repos.members.update(member.id, { blockedBot: true });
      }
    });
    logger.warn('send failed for good', { rowId: row.id, code: failure.code, blocked: failure.blocked ?? false });
  }

  /**
   * What is decided before a row's turn at the rate limiter: a member who blocked the bot or opted
   * out since, and quiet hours. Null: the row goes on to be sent.
   */
  async function screen(row: OutboxRow, workspace: Workspace): Promise<keyof DrainResult | null> {
    if (row.recipient.kind !== 'member') return null;
    const member = await repos.members.byPlatformId(row.workspaceId, row.recipient.id);
    if (member?.blockedBot) {
      await repos.outbox.markFailed(
        row.id,
        'blocked: the member refused messages from the bot earlier',
        clock.now().toISOString(),
      );
      return 'failed';
    }
    if (member?.optedOut && (PROMPT_JOBS as readonly string[]).includes(row.job)) {
      await repos.outbox.markFailed(
        row.id,
        'opted_out: the member opted out after this was queued',
        clock.now().toISOString(),
      );
      return 'failed';
    }
    // Every DM waits out quiet hours, weekends and (calendar jp) holidays, whoever queued it.
    const now = clock.now();
    const allowed = nextAllowedTime(now, workspace.settings);
    if (allowed.getTime() > now.getTime()) {
      await repos.outbox.defer(row.id, allowed.toISOString());
      return 'deferred';
    }
    return null;
  }

  /** Sends one row that has its token and `beginSend` mark, and writes what happened. */
  async function sendOne(row: OutboxRow, workspace: Workspace, platform: ChatPlatform): Promise<keyof DrainResult> {
    let result: SendResult;
    try {
      result = await platform.send(workspace, row.recipient, row.message);
    } catch (error) {
      // Adapters return expected failures; a throw is a bug or an outage nobody mapped. Keep the row.
      logger.error('send threw', { rowId: row.id, error: error instanceof Error ? error.message : String(error) });
      result = { ok: false, failure: { kind: 'transient', code: 'unexpected_error' } };
    }
    if (result.ok) {
      const { messageId } = result;
      await record(row.id, () => repos.outbox.markSent(row.id, messageId, clock.now().toISOString()));
      return 'sent';
    }
    const failure = result.failure;
    if (failure.kind === 'permanent') {
      await record(row.id, () => onPermanent(row, failure));
      return 'failed';
    }
    let outcome: 'failed' | 'deferred' = 'deferred';
    await record(row.id, async () => {
      outcome = await onTransient(row, failure, workspace);
    });
    return outcome;
  }

  /**
   * Writes a send's result. When the database refuses (disk full, a lock held elsewhere), the result
   * is kept here and written again at every poll; the row stays claimed meanwhile, so neither this
   * process nor (until the lease lapses) another one sends it again.
   */
  async function record(rowId: number, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      unrecorded.set(rowId, { rowId, write });
      logger.error('send result not recorded; kept to be written again', { rowId, error: errorText(error) });
    }
  }

  async function writeUnrecorded(): Promise<void> {
    for (const entry of [...unrecorded.values()]) {
      try {
        await entry.write();
        unrecorded.delete(entry.rowId);
        logger.info('send result recorded after a retry', { rowId: entry.rowId });
      } catch {
        // The database still refuses; the next poll tries again.
        return;
      }
    }
  }

  function leaseEnd(from: Date): string {
    return new Date(from.getTime() + leaseMs).toISOString();
  }

  async function drainOnce(): Promise<DrainResult> {
    const counts: DrainResult = { sent: 0, failed: 0, deferred: 0 };
    await writeUnrecorded();
    const workspaces = new Map<number, Workspace | null>();
    // Rows that stay due without being tried (their platform is not running) are looked past; a row
    // is tried once per drain, even when its retry is already due again.
    const waiting = new Set<number>();
    const tried = new Set<number>();
    // Sends under way, and per conversation the last one, so a conversation's rows keep their order.
    const inFlight = new Set<Promise<void>>();
    const lastTo = new Map<string, Promise<void>>();
    try {
      while (!stopping) {
        const now = clock.now();
        const skip = [...waiting, ...tried, ...unrecorded.keys()];
        const rows = await repos.outbox.claim(holder, now.toISOString(), leaseEnd(now), batchSize, skip);
        if (rows.length === 0) break;
        for (const row of rows) {
          if (stopping) break;
          tried.add(row.id);
          let workspace = workspaces.get(row.workspaceId);
          if (workspace === undefined) {
            workspace = await repos.workspaces.get(row.workspaceId);
            workspaces.set(row.workspaceId, workspace);
          }
          if (!workspace) {
            await repos.outbox.markFailed(row.id, 'workspace_gone', clock.now().toISOString());
            counts.failed++;
            continue;
          }
          const platform = platforms[workspace.platform];
          if (!platform) {
            waiting.add(row.id);
            continue;
          }
          if (row.sendingSince) {
            const found = await deliveredBefore(row, workspace, platform, row.sendingSince);
            if (found !== null) {
              await record(row.id, () => repos.outbox.markSent(row.id, found, clock.now().toISOString()));
              counts.sent++;
              continue;
            }
            if (!(await mayResend(row))) {
              counts.failed++;
              continue;
            }
          }
          const conversation = `${row.workspaceId}:${row.recipient.kind}:${row.recipient.id}`;
          const before = lastTo.get(conversation);
          if (before !== undefined) await before;
          while (inFlight.size >= concurrency) await Promise.race(inFlight);
          if (stopping) break;
          const screened = await screen(row, workspace);
          if (screened) {
            counts[screened]++;
            continue;
          }
          const keys = limitKeys(limits, workspace.platform, workspace.id, row.recipient);
          for (let wait = limiter.waitMs(keys); wait > 0 && !stopping; wait = limiter.waitMs(keys)) {
            await sleep(wait);
          }
          if (stopping) break;
          limiter.take(keys);
          const startedAt = clock.now();
          if (!(await repos.outbox.beginSend(row.id, holder, startedAt.toISOString(), leaseEnd(startedAt)))) {
            // Another process took the row over after this claim lapsed: it sends it, not this one.
            logger.warn('outbox row taken over by another process; not sent here', { rowId: row.id });
            counts.deferred++;
            continue;
          }
          const sending: Promise<void> = sendOne(row, workspace, platform)
            .then((outcome) => {
              counts[outcome]++;
            })
            .finally(() => {
              inFlight.delete(sending);
              if (lastTo.get(conversation) === sending) lastTo.delete(conversation);
            });
          inFlight.add(sending);
          lastTo.set(conversation, sending);
          // A send that answers at once (a local platform) is finished before the next one starts, so
          // its outcome (a 429, a refused write) counts for the next; only a send still waiting on the
          // network lets the next one go alongside it.
          await Promise.race([sending, nextTurn()]);
        }
      }
    } finally {
      // Every send under way ends (and its result is written) before the claims go back.
      await Promise.allSettled([...inFlight]);
      // Rows claimed but not reached (a stop, a platform not running) go back at once, not after the lease.
      try {
        await repos.outbox.release(holder);
      } catch (error) {
        // With the database away the drain's own failure says so once; these lapse with their lease.
        if (!isDatabaseUnavailable(error))
          logger.warn('claims not released; they lapse with their lease', { error: errorText(error) });
      }
    }
    return counts;
  }

  /**
   * A row taken over from a holder that died mid-send: the platform is asked whether the message
   * arrived (Slack: the conversation's recent history). Its id when it did, else null (not found, or
   * the platform cannot tell: then it is sent again, counted as a possible duplicate).
   */
  async function deliveredBefore(
    row: OutboxRow,
    workspace: Workspace,
    platform: ChatPlatform,
    since: string,
  ): Promise<string | null> {
    if (!platform.findSent) return null;
    try {
      const found = await platform.findSent(workspace, row.recipient, row.message, since);
      if (typeof found !== 'string') return null;
      logger.info('outbox row taken over was delivered before its sender stopped; not sent again', {
        rowId: row.id,
        job: row.job,
      });
      return found;
    } catch (error) {
      logger.warn('could not tell whether a taken-over row was delivered; sending it again', {
        rowId: row.id,
        error: errorText(error),
      });
      return null;
    }
  }

  /**
   * A row taken over from a holder that began sending it and never wrote the result: it may have
   * been delivered. It is sent once more (counted as a possible duplicate); a second such take-over
   * fails it rather than risk a third copy.
   */
  async function mayResend(row: OutboxRow): Promise<boolean> {
    const times = row.possibleDuplicates ?? 0;
    logger.warn('possible duplicate: outbox row taken over after its sender stopped mid-send', {
      rowId: row.id,
      job: row.job,
      times,
    });
    if (times <= 1) return true;
    await repos.outbox.markFailed(
      row.id,
      'unconfirmed: sent twice without a recorded result; not sent a third time (check the recipient)',
      clock.now().toISOString(),
    );
    return false;
  }

  function drain(): Promise<DrainResult> {
    // One drain at a time: the poll loop and a caller never send the same row twice.
    if (draining) return draining.then(() => drain());
    const current = drainOnce().finally(() => {
      draining = null;
    });
    draining = current;
    return current;
  }

  function waitForPoll(): Promise<void> {
    return new Promise((resolve) => {
      wake = () => {
        if (pollTimer) clearTimeout(pollTimer);
        pollTimer = null;
        wake = null;
        resolve();
      };
      pollTimer = setTimeout(() => wake?.(), pollMs);
    });
  }

  async function run(): Promise<void> {
    // While the database is away (a failover, a cut network) the drain fails at every poll: said once
    // when it starts, once when the database answers again, not twice a second in between.
    let away: string | null = null;
    while (!stopping) {
      try {
        const counts = await drain();
        if (away !== null) {
          logger.info('database answers again; outbox sending resumed', { since: away });
          away = null;
        }
        if (counts.sent + counts.failed + counts.deferred > 0) logger.info('outbox drained', { ...counts });
      } catch (error) {
        if (!isDatabaseUnavailable(error))
          logger.error('outbox drain failed; retrying at the next poll', { error: errorText(error) });
        else if (away === null) {
          away = clock.now().toISOString();
          logger.error('database unavailable; outbox sending waits for it', { error: errorText(error) });
        }
      }
      if (!stopping) await waitForPoll();
    }
  }

  return {
    drain,
    start() {
      if (loop !== null) return;
      stopping = false;
      loop = run().finally(() => {
        loop = null;
      });
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await draining;
      stopping = false;
    },
    notify() {
      wake?.();
    },
    unrecorded() {
      return unrecorded.size;
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
