import type { SendFailure } from '../core/ports.js';

/**
 * Bot Connector errors → the outbox's `SendFailure`. Called by `TeamsPlatform` around every send.
 *
 * | connector answer | failure | why |
 * |---|---|---|
 * | 429 Too Many Requests | transient `throttled`, `retryAfterMs` from `Retry-After` | Teams throttles per bot and per conversation; the SDK already retried up to 3 times honouring `Retry-After` |
 * | 412 Precondition Failed | transient `precondition_failed` | a conflicting concurrent operation in the conversation; trying again works |
 * | 500, 502, 503, 504 | transient `server_error` / `bad_gateway` / `service_unavailable` / `gateway_timeout` | the service is having trouble |
 * | network error (refused, reset, timed out, DNS) | transient `network` | nothing reached Teams |
 * | 401 | transient `unauthorized` | the app id/password is wrong or the token expired: ops fix the configuration and the row goes out then |
 * | 403 on a 1:1 chat | permanent `app_not_installed` (not `blocked`) | the app was removed for the member; installing it again undoes that, so the platform marks the member unreachable rather than blocked for good |
 * | 403 on a channel | permanent `forbidden` | the bot was removed from the team |
 * | 404 | permanent `conversation_not_found` | the conversation, channel or user is gone |
 * | 400, 413 | permanent `bad_request` / `too_large` | sending the same activity again fails the same way |
 * | anything else | transient `unexpected` | unknown: retried with backoff rather than lost |
 */
export function toSendFailure(error: unknown, context: { personal: boolean }): SendFailure {
  const status = statusOf(error);
  if (status === undefined) {
    return isNetworkError(error) ? { kind: 'transient', code: 'network' } : { kind: 'transient', code: 'unexpected' };
  }
  switch (status) {
    case 429: {
      const retryAfterMs = retryAfterMsOf(error);
      return retryAfterMs === undefined
        ? { kind: 'transient', code: 'throttled' }
        : { kind: 'transient', code: 'throttled', retryAfterMs };
    }
    case 412:
      return { kind: 'transient', code: 'precondition_failed' };
    case 500:
      return { kind: 'transient', code: 'server_error' };
    case 502:
      return { kind: 'transient', code: 'bad_gateway' };
    case 503: {
      const retryAfterMs = retryAfterMsOf(error);
      return retryAfterMs === undefined
        ? { kind: 'transient', code: 'service_unavailable' }
        : { kind: 'transient', code: 'service_unavailable', retryAfterMs };
    }
    case 504:
      return { kind: 'transient', code: 'gateway_timeout' };
    case 401:
      return { kind: 'transient', code: 'unauthorized' };
    case 403:
      return context.personal
        ? { kind: 'permanent', code: APP_NOT_INSTALLED }
        : { kind: 'permanent', code: 'forbidden' };
    case 404:
      return { kind: 'permanent', code: 'conversation_not_found' };
    case 400:
      return { kind: 'permanent', code: 'bad_request' };
    case 413:
      return { kind: 'permanent', code: 'too_large' };
    default:
      return status >= 500
        ? { kind: 'transient', code: `http_${status}` }
        : { kind: 'permanent', code: `http_${status}` };
  }
}

/** Failure code of a 1:1 send Teams refused because the member does not have the app (any more). */
export const APP_NOT_INSTALLED = 'app_not_installed';

/** True when Teams refused to open a 1:1 chat because the member does not have the app (403/404). */
export function isNotInstalledRefusal(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}

/** HTTP status of a connector error (`RestError.statusCode`, or a response's `status`). */
export function statusOf(error: unknown): number | undefined {
  if (!isObject(error)) return undefined;
  if (typeof error.statusCode === 'number') return error.statusCode;
  if (typeof error.status === 'number') return error.status;
  const response = error.response;
  if (isObject(response) && typeof response.status === 'number') return response.status;
  return undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
]);

function isNetworkError(error: unknown): boolean {
  if (!isObject(error)) return false;
  if (typeof error.code === 'string' && NETWORK_CODES.has(error.code)) return true;
  return isObject(error.cause) ? isNetworkError(error.cause) : false;
}

/** `Retry-After` (seconds, or an HTTP date) of the error's response, in ms. */
export function retryAfterMsOf(error: unknown, now: Date = new Date()): number | undefined {
  if (!isObject(error) || !isObject(error.response)) return undefined;
  const value = headerOf(error.response.headers, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now.getTime()) : undefined;
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  // @azure/core-rest-pipeline's HttpHeaders
  if (typeof headers.get === 'function') {
    const value: unknown = (headers.get as (n: string) => unknown).call(headers, name);
    if (typeof value === 'string') return value;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
