// One "Hiroba process" for the two-process test: opens the database as the server does (short busy
// timeout), and drains the outbox to a fake platform over HTTP on 127.0.0.1 until nothing is due.
// Usage: node --import tsx outbox-process.script.ts <db> <fake-url> <holder>
import type { ChatPlatform } from '../../src/core/ports.js';
import { SERVER_BUSY_TIMEOUT_MS } from '../../src/main.js';
import { createOutboxWorker } from '../../src/scheduler/outbox-worker.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

const [dbPath, url, holder] = process.argv.slice(2);
if (!dbPath || !url || !holder) throw new Error('usage: outbox-process.script.ts <db> <fake-url> <holder>');

const BUSINESS_HOURS = Date.parse('2026-11-27T01:00:00.000Z');
const STARTED = Date.now();
const store = openSqliteStore(dbPath, undefined, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
const platform: ChatPlatform = {
  platform: 'memory',
  async send(_workspace, to) {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ to: to.id, holder }) });
    const body = (await res.json()) as { id: string };
    return { ok: true, messageId: body.id };
  },
  async listMembers() {
    return [];
  },
};
const worker = createOutboxWorker({
  repos: store.repos,
  platforms: { memory: platform },
  // Business hours on a weekday (10:00 JST, Friday 27 November 2026), moving with real time: quiet
  // hours and weekends would otherwise hold every row, and the test would depend on the hour it runs.
  clock: { now: () => new Date(BUSINESS_HOURS + (Date.now() - STARTED)) },
  holder,
  batchSize: 10,
});
let sent = 0;
// Never outlive the test: a row that never becomes due must not leave this process spinning.
const GIVE_UP = Date.now() + 55_000;
for (;;) {
  if (Date.now() > GIVE_UP) {
    process.stderr.write(`${holder}: rows still pending after 55 s\n`);
    process.exit(3);
  }
  try {
    const result = await worker.drain();
    sent += result.sent;
    if ((await store.repos.outbox.pending()).length === 0 && worker.unrecorded() === 0) break;
  } catch {
    // A claim refused by the other process's lock: try again, as the poll loop would.
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await store.close();
process.stdout.write(`${JSON.stringify({ holder, sent })}\n`);
