import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` for one subcommand, strict: an unknown option or a missing value becomes a
 * `UsageError` with one short line (node's own message, without its advice about `--`).
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  maxPositionals: number,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split(/\.\s/u)[0] ?? error.message) : String(error);
    throw new UsageError(`${command}: ${message.replace(/\.$/u, '')}`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`${command}: unexpected argument "${parsed.positionals[maxPositionals] ?? ''}"`);
  }
  return parsed;
}

/** A whole number option within bounds, or a `UsageError` naming the option. */
export function wholeNumber(
  command: string,
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/u.test(value) || number < min || number > max) {
    throw new UsageError(`${command}: --${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return number;
}
