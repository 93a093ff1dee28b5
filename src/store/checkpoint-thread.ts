import { startWorker } from '../worker-entry.js';
import type { Database } from './database.js';

/** How often the checkpoint thread copies the WAL into the database file. */
export const CHECKPOINT_EVERY_MS = 1000;

/**
 * The server connection's own automatic checkpoint, as a fallback only (the thread does the work):
 * at this many WAL pages (about 80 MB) it checkpoints on the main thread as SQLite does by default.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

export interface CheckpointThreadData {
  path: string;
  everyMs: number;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside the commit that takes
 * the WAL past 1,000 pages: on the committing connection, so on the main thread, with two fsyncs, while
 * every request waits. Here the server's connection checkpoints only as a fallback, and a thread with
 * its own connection runs a PASSIVE checkpoint every `everyMs`. Started by `startHiroba` for a file
 * database; `stop` ends the thread (its last checkpoint done) before the database is closed.
 */
export function startCheckpointThread(
  db: Database,
  path: string,
  options: { everyMs?: number; onError?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  const data: CheckpointThreadData = { path, everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS };
  const worker = startWorker(new URL(`./checkpoint-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url), {
    workerData: data,
  });
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  let failed = false;
  let stopping = false;
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined) options.onError?.(message.error);
  });
  worker.on('error', (error) => {
    failed = true;
    // Without the thread the connection checkpoints itself again, as SQLite does by default.
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    options.onError?.(error.message);
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping && db.open) db.pragma('wal_autocheckpoint = 1000');
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      if (!failed) worker.postMessage('stop');
      const force = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(force);
    },
  };
}
