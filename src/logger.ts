import type { LogLevel } from './config.js';

/** What every part of the running process logs through (the scheduler's `Logger` has the same shape). */
export interface AppLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A one-line-per-entry logger at HIROBA_LOG_LEVEL: `<ISO time> <level> <message> {fields}`. Lines
 * go to stderr so that stdout stays for the CLI's own output. Created by `src/main.ts` and the CLI.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): AppLogger {
  const at = (entryLevel: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    const suffix = fields === undefined || Object.keys(fields).length === 0 ? '' : ` ${safeJson(fields)}`;
    write(`${new Date().toISOString()} ${entryLevel} ${message}${suffix}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Errors become their message (and stack at debug time is the caller's choice); cycles never throw. */
function safeJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) => (value instanceof Error ? value.message : value));
  } catch {
    return '{"fields":"unserialisable"}';
  }
}
