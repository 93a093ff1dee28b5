import type { WebClient } from '@slack/web-api';
import { SlackTokenRefusedError, slackErrorCode, toSendFailure } from './errors.js';
import type { SlackLog } from './slack-platform.js';

/** Who the bot token is (`auth.test`): Bolt needs the bot's ids to ignore its own messages. */
export interface BotIdentity {
  teamId: string;
  teamName: string;
  botId: string;
  botUserId: string;
}

/**
 * `auth.test` codes that say the token itself is no good: revoked, wrong, or its workspace or user
 * gone. Retrying cannot help; start-up stops with one line that says what to do.
 */
export const TOKEN_REFUSED_CODES: ReadonlySet<string> = new Set([
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_authed',
  'not_allowed_token_type',
]);

export type IdentityAttempt =
  | { ok: true; identity: BotIdentity }
  | { ok: false; fatal: SlackTokenRefusedError }
  | { ok: false; fatal: null; reason: string; retryAfterMs?: number };

/** One `auth.test`, classified: the identity, a refused token (fatal), or a transient failure. */
export async function fetchIdentity(client: WebClient): Promise<IdentityAttempt> {
  try {
    const res = await client.auth.test();
    if (!res.team_id || !res.user_id || !res.bot_id)
      return { ok: false, fatal: null, reason: 'auth.test answered without team_id, user_id or bot_id' };
    return {
      ok: true,
      identity: { teamId: res.team_id, teamName: res.team ?? res.team_id, botId: res.bot_id, botUserId: res.user_id },
    };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== null && TOKEN_REFUSED_CODES.has(code)) return { ok: false, fatal: new SlackTokenRefusedError(code) };
    const failure = toSendFailure(error);
    const reason = code ?? failure.code;
    return failure.kind === 'transient' && failure.retryAfterMs !== undefined
      ? { ok: false, fatal: null, reason, retryAfterMs: failure.retryAfterMs }
      : { ok: false, fatal: null, reason };
  }
}

export interface BackoffOptions {
  /** First wait after a failure (doubles each time, up to `maxMs`). */
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { firstMs: 1000, maxMs: 60_000 };

/** The wait before attempt `n + 1` (n ≥ 1 failures so far), with ±20 % jitter so restarts do not align. */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.firstMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface RetryLoop<T> {
  /** Resolves with the first success, or null when stopped first; rejects only with a fatal error. */
  result: Promise<T | null>;
  stop(): void;
}

/**
 * Runs `attempt` until it succeeds, waiting with backoff between failures and logging each one on a
 * single line. A fatal failure ends the loop with a rejection; `stop()` ends it with null. Used for
 * the token check at start and for (re)connecting Socket Mode, so a bad Slack day never kills boot.
 */
export function retryUntilReady<T>(
  what: string,
  attempt: () => Promise<
    | { ok: true; value: T }
    | { ok: false; fatal: Error }
    | { ok: false; fatal: null; reason: string; retryAfterMs?: number }
  >,
  deps: { log: SlackLog; backoff?: BackoffOptions; onFailure?: (reason: string) => void },
): RetryLoop<T> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const run = async (): Promise<T | null> => {
    for (let failures = 1; !stopped; failures += 1) {
      const outcome = await attempt();
      if (stopped) return null;
      if (outcome.ok) return outcome.value;
      if (outcome.fatal !== null) throw outcome.fatal;
      const wait = Math.max(backoffDelay(failures, backoff), outcome.retryAfterMs ?? 0);
      deps.onFailure?.(outcome.reason);
      deps.log.warn(`${what} failed (${outcome.reason}); retrying in ${Math.round(wait / 100) / 10} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    return null;
  };
  return {
    result: run(),
    stop() {
      stopped = true;
      wake?.();
    },
  };
}

/** A transient reason from anything thrown (Socket Mode start-up), or the fatal error it means. */
export function classifySocketError(
  error: unknown,
): { ok: false; fatal: Error } | { ok: false; fatal: null; reason: string } {
  const code = slackErrorCode(error);
  if (code !== null && (TOKEN_REFUSED_CODES.has(code) || code === 'missing_scope' || code === 'no_permission'))
    return { ok: false, fatal: new SlackTokenRefusedError(code, 'SLACK_APP_TOKEN') };
  return { ok: false, fatal: null, reason: code ?? toSendFailure(error).code };
}
