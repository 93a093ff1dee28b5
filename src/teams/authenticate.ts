import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type Authentication = Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
export type AuthenticatedRequest = Awaited<ReturnType<Authentication['authenticateRequest']>>;

export type AuthenticationOutcome =
  | { ok: true; result: AuthenticatedRequest }
  | {
      ok: false;
      /** 401: the token is missing, malformed or refused. 503: the signing keys cannot be read now. */
      status: 401 | 503;
      /** For the log line: what was wrong, never the token. */
      reason: string;
      /** The response body's text: nothing about the check itself. */
      publicText: string;
    };

const JWT_ERRORS: ReadonlySet<string> = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * Checks a Bot Framework request's `Authorization` header with botbuilder's own authentication
 * (issuer, signature, audience = MicrosoftAppId, expiry, and the `serviceurl` claim against the
 * activity's). Never throws. botbuilder prints some refusals itself (a whole error, stack included,
 * to the console); those lines are dropped here, so a refused request makes exactly the one line the
 * caller logs. With authentication disabled (no app id) every request passes, as botbuilder decides.
 * Called by the bot for every `POST /api/messages`.
 */
export async function authenticateTeamsRequest(
  auth: Authentication,
  activity: Activity,
  authorization: string,
  options: { requireToken: boolean },
): Promise<AuthenticationOutcome> {
  // A header that is not `Bearer <JWT>` cannot be a Bot Framework token: no need to fetch keys.
  if (options.requireToken && !looksLikeBearerJwt(authorization)) {
    return refused(401, authorization === '' ? 'no Authorization header' : 'Authorization is not a Bearer JWT');
  }
  try {
    const result = await withoutSdkConsole(() => auth.authenticateRequest(activity, authorization));
    return { ok: true, result };
  } catch (error) {
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    const name = error instanceof Error ? error.name : '';
    const message = firstLine(error instanceof Error ? error.message : String(error));
    const rejected =
      statusCode === 400 || statusCode === 401 || statusCode === 403 || JWT_ERRORS.has(name) || name === 'SyntaxError';
    return rejected ? refused(401, message) : refused(503, `signing keys unavailable: ${message}`);
  }
}

function refused(status: 401 | 503, reason: string): AuthenticationOutcome {
  return {
    ok: false,
    status,
    reason,
    publicText: status === 401 ? 'unauthorized' : 'the request cannot be checked now; try again later',
  };
}

function looksLikeBearerJwt(header: string): boolean {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/u.exec(header.trim());
  if (!match) return false;
  try {
    for (const part of [match[1], match[2]]) {
      const decoded: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
      if (decoded === null || typeof decoded !== 'object') return false;
    }
    return true;
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 300);
}

// botbuilder's token checks write to the console (`console.error(err)` with its stack, and the
// signing keys on a signature mismatch). While checks run, the console methods are wrapped: calls
// made from inside a check go nowhere, any other call goes through as before. The console is given
// back untouched when the last check in flight ends.
const CONSOLE_METHODS = ['error', 'warn', 'log', 'info', 'debug'] as const;
const checking = new AsyncLocalStorage<true>();
let inFlight = 0;
let saved: Pick<Console, (typeof CONSOLE_METHODS)[number]> | null = null;

async function withoutSdkConsole<T>(run: () => Promise<T>): Promise<T> {
  if (inFlight === 0) {
    const originals = {
      error: console.error,
      warn: console.warn,
      log: console.log,
      info: console.info,
      debug: console.debug,
    };
    saved = originals;
    for (const method of CONSOLE_METHODS) {
      console[method] = (...args: unknown[]): void => {
        if (checking.getStore() !== true) originals[method].apply(console, args);
      };
    }
  }
  inFlight += 1;
  try {
    return await checking.run(true, run);
  } finally {
    inFlight -= 1;
    if (inFlight === 0 && saved !== null) {
      Object.assign(console, saved);
      saved = null;
    }
  }
}

/**
 * The Bot Framework public-cloud endpoints with another OpenID metadata address for channel tokens.
 * botbuilder uses either all of its defaults or all of the given values, so every one is spelled out.
 */
export function botFrameworkEndpoints(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}
