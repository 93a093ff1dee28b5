import { createHash } from 'node:crypto';
import type express from 'express';

/** Slack's own window: Bolt refuses requests older than this; we also refuse those dated this far ahead. */
export const SLACK_SKEW_SECONDS = 300;

export interface ReplayStore {
  /** True the first time the key is seen (recorded until `expiresAt`); false for a replay. */
  firstSeen(key: string, expiresAt: string): boolean;
  deleteExpired(now: string): number;
}

export interface RequestGuardDeps {
  replays: ReplayStore;
  now: () => Date;
  /** One line per refused or ignored request (never the body, never the signature). */
  warn: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * Runs before Bolt on `POST /slack/events`. Bolt checks the signature and refuses a timestamp more
 * than five minutes old; this adds what Bolt does not: a timestamp more than five minutes in the
 * future is refused (401), and a request whose signature and timestamp were seen before is answered
 * 200 and not acted on (a captured request replayed inside the window, e.g. a `role grant` after a
 * revoke). The key is a hash of the signature and timestamp, which Bolt then verifies against the
 * body, so a forged copy cannot take a real request's place. When the database refuses, an in-memory
 * set keeps the check in this process.
 */
export function slackRequestGuard(deps: RequestGuardDeps): express.RequestHandler {
  const memory = new Map<string, number>();
  let seen = 0;
  return (req, res, next) => {
    const signature = req.get('x-slack-signature');
    const timestamp = req.get('x-slack-request-timestamp');
    // Without the headers Bolt refuses the request itself.
    if (req.method !== 'POST' || !signature || !timestamp) {
      next();
      return;
    }
    const nowMs = deps.now().getTime();
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || ts * 1000 > nowMs + SLACK_SKEW_SECONDS * 1000) {
      deps.warn('Slack request refused: timestamp in the future', { skewSeconds: Math.round(ts - nowMs / 1000) });
      res.status(401).end();
      return;
    }
    const key = createHash('sha256').update(`${signature}:${timestamp}`).digest('hex');
    const expiresMs = ts * 1000 + 2 * SLACK_SKEW_SECONDS * 1000;
    let first = !memory.has(key);
    try {
      if (!deps.replays.firstSeen(key, new Date(expiresMs).toISOString())) first = false;
    } catch {
      // The database refuses (a lock, a full disk): this process's own memory still answers.
    }
    if (++seen % 200 === 0) {
      for (const [k, until] of memory) if (until < nowMs) memory.delete(k);
      try {
        deps.replays.deleteExpired(new Date(nowMs).toISOString());
      } catch {
        // Pruned at a later request.
      }
    }
    memory.set(key, expiresMs);
    if (!first) {
      deps.warn('Slack request ignored: seen before (replay)', { timestamp: ts });
      res.status(200).end();
      return;
    }
    next();
  };
}
