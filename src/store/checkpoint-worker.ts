import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { CheckpointThreadData } from './checkpoint-thread.js';

// The checkpoint thread: copies the WAL back into the database file every `everyMs` on a connection
// of its own (PASSIVE: never waits for, nor holds up, a writer or a reader), until told to stop.
const data = workerData as CheckpointThreadData | null;
// Imported anywhere else (a check that every module loads), it does nothing.
if (parentPort !== null && typeof data?.path === 'string') run(data);

function run({ path, everyMs }: CheckpointThreadData): void {
  const db = new BetterSqlite3(path);
  db.pragma('busy_timeout = 0');
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  }, everyMs);
  parentPort?.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    db.close();
    parentPort?.close();
  });
}
