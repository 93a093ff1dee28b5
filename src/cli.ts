// The `hiroba` command (bin/hiroba.js imports the built copy of this file; `npm run demo` and
// `npm start` run it through tsx). Every subcommand lives in src/cli/.
import { installFatalHandlers } from './cli/fatal-handlers.js';
import { processIo } from './cli/io.js';
import { runCli } from './cli/run.js';

installFatalHandlers();
process.exitCode = await runCli(process.argv.slice(2), processIo());
