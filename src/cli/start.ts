import { main } from '../main.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';

/**
 * `hiroba start`: the composition root (`main`). Resolves once Hiroba is listening (exit code 0; the
 * process then lives until SIGINT/SIGTERM), or with 1 when it cannot start — bad configuration, no
 * Slack or Teams credentials (the line points to `npm run demo`), an unusable database or port.
 */
export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  parseCommandArgs('start', argv, {}, 0);
  const result = await main(io.env, { io: { err: io.err } });
  return result.ok ? EXIT.ok : result.exitCode;
}
