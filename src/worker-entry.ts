import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry`. Running from TypeScript sources (`npm start` through tsx, the
 * tests through vitest), the thread first registers tsx's loader, then imports its entry: a loader
 * given as `--import` in the thread's `execArgv` is not in place yet when Node 20 loads the entry.
 * Built code (dist/) never comes here, so tsx stays a dev dependency.
 */
export function startWorker(
  entry: URL,
  options: WorkerOptions = {},
  fromSource = entry.pathname.endsWith('.ts'),
): Worker {
  return fromSource ? new Worker(throughTsx(entry), { ...options, eval: true }) : new Worker(entry, options);
}

/** The code a thread runs to load `entry` through tsx. */
export function throughTsx(entry: URL): string {
  const api = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
}
