import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { MAX_BODY_BYTES, readLimitedBody } from '../body-limit.js';
import type { BotIdentity } from './bot-identity.js';
import { type GuardVerdict, SLACK_SKEW_SECONDS } from './request-guard.js';

/** The events taken before Bolt: the ones that come in bursts and need no Slack call to be recorded. */
export const FAST_EVENTS: ReadonlySet<string> = new Set(['message', 'reaction_added', 'reaction_removed']);

/** Longer than this and the event is acknowledged while it is still being handled (Slack waits 3 s). */
export const FAST_ACK_WAIT_MS = 2500;

export interface FastEventsDeps {
  signingSecret: string;
  /** The bot's ids once Slack answered `auth.test` (the route answers 503 before that). */
  identity: () => BotIdentity | null;
  /** Handles one verified Events API body (`handleSlackEvent`); resolves once it is recorded or held. */
  handle: (body: unknown) => Promise<void>;
  /** Where a failed handler is logged (the event is still acknowledged, as Bolt does). */
  onError: (error: unknown) => void;
  /**
   * The replay guard's decision on a signed event taken here (`ReplayGuard.check`). Needed when this
   * runs before the guard's own express handler (the shared server's front door); a request handed
   * on is left for that handler to decide.
   */
  replay?: (signature: string, timestamp: string) => Promise<GuardVerdict>;
  now?: () => number;
}

/** Runs as express middleware (express's request and response extend these) or before express. */
export type FastEventsHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

type RawRequest = http.IncomingMessage & { rawBody?: Buffer };

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answer(res: http.ServerResponse, status: number): void {
  if (!res.headersSent) res.writeHead(status).end();
}

interface Envelope {
  type?: unknown;
  event?: { type?: unknown; subtype?: unknown; user?: unknown; bot_id?: unknown };
}

/** Slack's `v0` signature over the raw body, compared in constant time; false when too old. */
export function verifySlackSignature(
  secret: string,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number,
): boolean {
  if (!signature || !timestamp) return false;
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowMs / 1000 - ts) > SLACK_SKEW_SECONDS) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Takes signed `event_callback` bodies of `FAST_EVENTS` before Bolt's middleware chain: checks the
 * signature once, hands the body to the same handler Bolt's listener calls, and answers 200 once it
 * is recorded (or held by the dead-letter file), so an acknowledged event is never only in memory.
 * Everything else (a bad signature, commands, interactivity, other events, `url_verification`) goes
 * on to Bolt with the body already read (`req.rawBody`, which Bolt's receiver reads first). Events
 * from the bot itself are acknowledged and dropped, as Bolt's `ignoreSelf` does.
 */
export function slackFastEvents(deps: FastEventsDeps): FastEventsHandler {
  const now = deps.now ?? Date.now;
  /** Hands a verified event to `handle` and acknowledges it once handled, or after `FAST_ACK_WAIT_MS`. */
  const take = (envelope: Envelope, res: http.ServerResponse): void => {
    let answered = false;
    const ack = (): void => {
      if (answered) return;
      answered = true;
      answer(res, 200);
    };
    const late = setTimeout(ack, FAST_ACK_WAIT_MS);
    deps
      .handle(envelope)
      .catch((error: unknown) => deps.onError(error))
      .finally(() => {
        clearTimeout(late);
        ack();
      });
  };
  return (req, res, next) => {
    const type = req.headers['content-type'] ?? '';
    const declared = Number(req.headers['content-length'] ?? 0);
    // Not ready, not JSON, or declared too large: what comes after this answers (503, Bolt, 413).
    if (!type.startsWith('application/json') || deps.identity() === null || !(declared <= MAX_BODY_BYTES)) {
      next();
      return;
    }
    readLimitedBody(req).then(
      (body) => {
        if (body === null) {
          res
            .writeHead(413, { Connection: 'close', 'Content-Type': 'application/json' })
            .end('{"error":"payload_too_large"}');
          return;
        }
        (req as RawRequest).rawBody = body;
        const identity = deps.identity();
        const signature = header(req, 'x-slack-signature');
        const timestamp = header(req, 'x-slack-request-timestamp');
        const signed = verifySlackSignature(deps.signingSecret, signature, timestamp, body, now());
        let envelope: Envelope | null = null;
        if (signed && identity !== null) {
          try {
            envelope = JSON.parse(body.toString('utf8')) as Envelope;
          } catch {
            envelope = null;
          }
        }
        const event = envelope?.event;
        if (
          envelope === null ||
          envelope.type !== 'event_callback' ||
          typeof event !== 'object' ||
          event === null ||
          typeof event.type !== 'string' ||
          !FAST_EVENTS.has(event.type) ||
          identity === null
        ) {
          next();
          return;
        }
        if (
          (event.user !== undefined && event.user === identity.botUserId) ||
          (event.subtype === 'bot_message' && event.bot_id === identity.botId)
        ) {
          answer(res, 200);
          return;
        }
        // Signed, so both headers are there. A replay is answered and not acted on, as the guard does.
        const replay = deps.replay;
        if (replay === undefined) {
          take(envelope, res);
          return;
        }
        replay(signature ?? '', timestamp ?? '').then(
          (verdict) => {
            if (verdict === 'pass') take(envelope, res);
            else answer(res, verdict === 'replay' ? 200 : 401);
          },
          (error: unknown) => {
            deps.onError(error);
            // Not acknowledged: Slack delivers it again.
            answer(res, 500);
          },
        );
      },
      (error: unknown) => {
        deps.onError(error);
        // The body could not be read (the client went away): nothing was acknowledged.
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  };
}
