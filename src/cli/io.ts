import type { Locale } from '../core/types.js';

/** Where a CLI command writes and what it reads; tests pass a recording one. */
export interface CliIo {
  /** Results (stdout). */
  out(line: string): void;
  /** Problems and progress (stderr). */
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** The language asked for with `--locale` (set by `runCli`); unset → the workspace's, HIROBA_LOCALE, ja. */
  locale?: Locale;
}

/** Exit codes shared by every subcommand. */
export const EXIT = {
  ok: 0,
  /** The command ran and failed (could not start, a job threw, the database refused). */
  failed: 1,
  /** Bad arguments or unusable input (unknown option, unreadable file, no valid row, unknown workspace). */
  usage: 2,
} as const;

/** Called by `src/cli.ts`: the process's own streams and environment. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  };
}
