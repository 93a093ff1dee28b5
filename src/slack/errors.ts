import type { SendFailure } from '../core/ports.js';

/**
 * Slack Web API failures → the outbox's classes, and the few errors the adapter throws.
 *
 * Every code that is not one of Slack's "try again" codes (`TRANSIENT_CODES`) is permanent: no
 * retry can fix it. `blocked: true` marks the codes that say this member
 * can never be DMed by Hiroba, so the core stops trying for good:
 * - `cannot_dm_bot`: the recipient is a bot user.
 * - `user_not_visible`: the workspace's settings hide this user from the app (guests, Slack Connect).
 * Not blocked, on purpose:
 * - `user_not_found`, `user_disabled`: the member is gone or deactivated; the directory sync
 *   deactivates them, and a reactivated member may be DMed again.
 * - `account_inactive`: Slack says the *token* belongs to a deleted user or workspace: an install
 *   problem, not the member's choice.
 * - `messages_tab_disabled`: the app's Messages tab is off: an app setting ops can fix.
 * - `channel_not_found`, `not_in_channel`, `is_archived`: a channel problem (invite the bot, pick
 *   another channel).
 */

/** Permanent codes that mean: never DM this member again. */
export const BLOCKING_CODES: ReadonlySet<string> = new Set(['cannot_dm_bot', 'user_not_visible']);

/** Slack's own "try again" codes (HTTP 200 `ok:false`). */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'timeout',
]);

interface CodedLike {
  code?: unknown;
  data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } };
  statusCode?: unknown;
  headers?: Record<string, unknown>;
  retryAfter?: unknown;
  message?: unknown;
}

function retryAfterFromHeaders(headers: Record<string, unknown> | undefined): number | undefined {
  const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = typeof raw === 'string' ? Number.parseInt(raw, 10) : typeof raw === 'number' ? raw : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The WebClient gives up on a 429 with a plain Error once its retries are spent; the wait is in the text. */
const RATE_LIMIT_TEXT = /rate limit was exceeded.*retry-after: (\d+)/iu;

/**
 * What a failed Web API call means for the outbox. Reads the `@slack/web-api` error classes by their
 * `code` (not `instanceof`, so a second copy of the package still maps): platform errors by Slack's
 * error string, HTTP 429 and rate-limit errors as transient with `retryAfterMs`, 5xx and network
 * errors as transient. Unknown platform codes are permanent with the code kept, so ops see it.
 * Called by `SlackPlatform` for every send.
 */
export function toSendFailure(error: unknown): SendFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as CodedLike;
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (TRANSIENT_CODES.has(code)) {
        const seconds = e.data?.response_metadata?.retryAfter;
        return typeof seconds === 'number'
          ? { kind: 'transient', code, retryAfterMs: seconds * 1000 }
          : { kind: 'transient', code };
      }
      if (BLOCKING_CODES.has(code)) return { kind: 'permanent', code, blocked: true };
      return { kind: 'permanent', code };
    }
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : 1;
      return { kind: 'transient', code: 'ratelimited', retryAfterMs: seconds * 1000 };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status === 429) {
        const retryAfterMs = retryAfterFromHeaders(e.headers);
        return retryAfterMs === undefined
          ? { kind: 'transient', code: 'ratelimited' }
          : { kind: 'transient', code: 'ratelimited', retryAfterMs };
      }
      if (status >= 500 || status === 408) return { kind: 'transient', code: `http_${status}` };
      return { kind: 'permanent', code: `http_${status}` };
    }
    case 'slack_webapi_request_error':
      return { kind: 'transient', code: 'network_error' };
  }
  const message = typeof e.message === 'string' ? e.message : '';
  const limited = RATE_LIMIT_TEXT.exec(message);
  if (limited?.[1] !== undefined)
    return { kind: 'transient', code: 'ratelimited', retryAfterMs: Number(limited[1]) * 1000 };
  // Anything else (a bug, a dropped socket before the client wrapped it) is worth another try.
  return { kind: 'transient', code: 'unexpected_error' };
}

/** The Slack error string of a failed call, for logs and for deciding what to do next. */
export function slackErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const data = (error as CodedLike).data;
  return typeof data?.error === 'string' ? data.error : null;
}

/** The Slack adapter's configuration is incomplete or wrong. */
export class SlackConfigError extends Error {
  readonly code = 'slack_config_invalid';
  constructor(readonly problems: string[]) {
    super(`Slack adapter configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SlackConfigError';
  }
}

/** `users.list` failed for good: the directory could not be read. */
export class SlackDirectoryError extends Error {
  readonly code = 'slack_directory_failed';
  constructor(readonly slackCode: string) {
    super(
      slackCode === 'missing_scope'
        ? 'Slack refused users.list (missing_scope): reinstall the app with the scopes of slack/manifest.yml (users:read, users:read.email).'
        : `Slack refused users.list (${slackCode}): check the bot token (SLACK_BOT_TOKEN) and that the app is installed in the workspace.`,
    );
    this.name = 'SlackDirectoryError';
  }
}

/** A modal's private metadata is over Slack's 3000 characters (a programming error, caught in tests). */
export class SlackViewMetadataTooLongError extends Error {
  readonly code = 'slack_view_metadata_too_long';
  constructor(readonly length: number) {
    super(`Modal private_metadata is ${length} characters; Slack allows 3000. Keep only ids in it.`);
    this.name = 'SlackViewMetadataTooLongError';
  }
}

/**
 * Slack refused a token at start (`auth.test` or `apps.connections.open`): revoked, wrong or for a
 * deleted workspace or user. No retry can fix it, so start-up stops with this one line.
 */
export class SlackTokenRefusedError extends Error {
  readonly code = 'slack_token_refused';
  constructor(
    readonly slackCode: string,
    readonly variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' = 'SLACK_BOT_TOKEN',
  ) {
    super(
      variable === 'SLACK_BOT_TOKEN'
        ? `Slack refused SLACK_BOT_TOKEN (${slackCode}): the token was revoked or is wrong. Reinstall the app (Slack app settings → Install App) and copy the Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN.`
        : `Slack refused SLACK_APP_TOKEN (${slackCode}): create an app-level token with the connections:write scope (Slack app settings → Basic Information → App-Level Tokens) and put it in SLACK_APP_TOKEN.`,
    );
    this.name = 'SlackTokenRefusedError';
  }
}
