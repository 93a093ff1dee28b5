import pino from 'pino';
import type { LogLevel } from './config.js';

/** What every part of the running process logs through (the scheduler's `Logger` has the same shape). */
export interface AppLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values never reach a log line, at any depth: credentials, and anything a member
 * typed (a message's `text`, a card's input `values`, a request `body`). Compared case-insensitively.
 */
export const SENSITIVE_KEYS: readonly string[] = [
  'authorization',
  'cookie',
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'secret',
  'signingSecret',
  'clientSecret',
  'password',
  'appPassword',
  'MicrosoftAppPassword',
  'text',
  'body',
  'value',
  'values',
  'fields',
  'rawBody',
];

const SENSITIVE = new Set(SENSITIVE_KEYS.map((key) => key.toLowerCase()));

/**
 * The same keys as pino redaction paths, for the top level and two levels down (`headers.authorization`,
 * `req.headers.authorization`). pino's paths are exact; `scrub` below covers deeper and differently
 * cased keys before pino sees them.
 */
export const REDACT_PATHS: readonly string[] = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

// Credentials that may sit inside a sentence (an SDK's error message): Slack tokens, bearer tokens, JWTs.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]+/gu,
  /\bxapp-[A-Za-z0-9-]+/gu,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/giu,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/gu,
];

/** A string with every credential-shaped part replaced by `[redacted]`. */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

const MAX_DEPTH = 6;

/**
 * Fields made safe to write: sensitive keys replaced at any depth, credential-shaped strings cut out,
 * errors reduced to their message and code (never a stack: one entry stays one line), cycles and
 * deep nesting cut short instead of throwing.
 */
export function scrub(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return typeof code === 'string' || typeof code === 'number'
        ? { message: redactText(value.message), code }
        : redactText(value.message);
    }
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SENSITIVE.has(key.toLowerCase()) ? REDACTED : scrub(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * A pino logger at HIROBA_LOG_LEVEL behind the `AppLogger` interface: one JSON object per line
 * (`{"level":"info","time":"<ISO>",…fields,"msg":"…"}`), with tokens, secrets, authorization headers
 * and whatever a member typed redacted. Lines go to stderr so that stdout stays for the CLI's own
 * output. Created by `src/main.ts` and the CLI; `write` receives each line without its newline.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): AppLogger {
  const destination = { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) };
  const log = pino(
    {
      level,
      base: null,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    destination,
  );
  const at = (entryLevel: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (!log.isLevelEnabled(entryLevel)) return;
    const safe = fields === undefined ? {} : (scrub(fields) as Record<string, unknown>);
    log[entryLevel](safe, redactText(message));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
