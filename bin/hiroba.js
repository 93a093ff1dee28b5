#!/usr/bin/env node
import { spawn } from 'node:child_process';
// Runs the built CLI when present, else the TypeScript source through tsx (development checkouts).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, join(root, 'src', 'cli.ts'), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  // A stop signal is Hiroba's to handle (finish the send in progress, give back the leases). SIGTERM
  // and SIGHUP, sent to this process alone (systemd, kill), are passed on; Ctrl-C's SIGINT reaches the
  // whole process group, the child included, so this process only waits for the child to end.
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  process.on('SIGINT', () => undefined);
  child.on('exit', (code, signal) =>
    process.exit(code ?? (signal === null ? 1 : 128 + (signal === 'SIGINT' ? 2 : 15))),
  );
}
