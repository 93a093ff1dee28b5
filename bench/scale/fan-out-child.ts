// One Hiroba sender for the fan-out bench: opens the database as the server does, and drains the
// outbox through the real Slack platform and send client to the fake Slack until nothing is due.
// Usage: node --import tsx fan-out-child.ts '<json FanOutChildInput>'
import webApi from '@slack/web-api';
import { SERVER_BUSY_TIMEOUT_MS } from '../../src/main.js';
import { createOutboxWorker } from '../../src/scheduler/outbox-worker.js';
import { slackSendClient } from '../../src/slack/app.js';
import { SlackPlatform } from '../../src/slack/slack-platform.js';
import { openStore, type StoreTarget } from '../../src/store/open-store.js';

export interface FanOutChildInput {
  /** The SQLite file or the PostgreSQL database the sender opens, as the server would. */
  target: StoreTarget;
  apiUrl: string;
  /** The workspace budget the sender is told (HIROBA_RATE_LIMITS slack.perWorkspace=<rate>/1s). */
  rate: number;
  holder: string;
  leaseMs: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as FanOutChildInput;
const token = 'xoxb-bench-fan-out';
const store = await openStore(input.target, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
const platform = new SlackPlatform(
  new webApi.WebClient(token, { slackApiUrl: input.apiUrl, retryConfig: { retries: 0 } }),
  { sendClient: slackSendClient(token, { apiUrl: input.apiUrl }) },
);
const worker = createOutboxWorker({
  repos: store.repos,
  platforms: { slack: platform },
  clock: { now: () => new Date() },
  limits: { slack: { perWorkspace: { limit: input.rate, windowMs: 1000, burst: Math.ceil(input.rate / 10) } } },
  holder: input.holder,
  leaseMs: input.leaseMs,
});
const started = performance.now();
let sent = 0;
let deferred = 0;
for (;;) {
  const result = await worker.drain();
  sent += result.sent;
  deferred += result.deferred;
  if ((await store.repos.outbox.backlog()).pending === 0 && worker.unrecorded() === 0) break;
  // Rows rescheduled after a 429, or held by a dead sender's lease: look again shortly, as the poll does.
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await store.close();
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ sent, deferred, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
