import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The option node names in its message (`'--workspace <value>'` → `--workspace`). */
function optionIn(message: string): string {
  const quoted = /'([^']+)'/u.exec(message)?.[1] ?? '';
  return quoted.split(' ')[0] ?? quoted;
}

/**
 * `util.parseArgs` for one subcommand, strict: an unknown option, a missing value or an extra
 * argument becomes a `UsageError` that the CLI prints in its language.
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
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError('cli.args.unknownOption', { command, option: optionIn(message) });
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const key = /does not take an argument/u.test(message) ? 'cli.args.noValue' : 'cli.args.missingValue';
      throw new UsageError(key, { command, option: optionIn(message) });
    }
    throw new UsageError('cli.args.invalid', { command, detail: message.split(/\.\s/u)[0] ?? message });
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError('cli.args.unexpected', { command, value: parsed.positionals[maxPositionals] ?? '' });
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
    throw new UsageError('cli.args.wholeNumber', { command, option: name, min: String(min), max: String(max), value });
  }
  return number;
}
