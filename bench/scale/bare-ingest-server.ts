// The floor for HTTP ingest: a bare Node server that checks the same Slack signature, parses the
// JSON and does one prepared INSERT per event (nothing else), in a process of its own.
// Usage: node --import tsx bare-ingest-server.ts <db> <signing secret>; prints `listening <port>`.
// With `--teams` instead of a secret it takes Bot Framework activities without a check, as Hiroba's
// Teams route does on loopback without credentials.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

const [path, secret] = process.argv.slice(2);
if (!path || !secret) throw new Error('usage: bare-ingest-server.ts <db> <secret | --teams>');
const teams = secret === '--teams';
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, member TEXT NOT NULL, channel TEXT NOT NULL,
  occurred_at TEXT NOT NULL)`);
const insert = db.prepare('INSERT OR IGNORE INTO events (event_id, member, channel, occurred_at) VALUES (?, ?, ?, ?)');

interface TeamsActivity {
  id: string;
  timestamp: string;
  from: { id: string };
  channelData: { teamsChannelId: string };
}

interface Envelope {
  event_id: string;
  event: { user: string; channel: string; ts: string };
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (teams) {
      const activity = JSON.parse(body) as TeamsActivity;
      insert.run(activity.id, activity.from.id, activity.channelData.teamsChannelId, activity.timestamp);
      res.writeHead(200).end();
      return;
    }
    const ts = String(req.headers['x-slack-request-timestamp'] ?? '');
    const given = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
    const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    const envelope = JSON.parse(body) as Envelope;
    const e = envelope.event;
    insert.run(envelope.event_id, e.user, e.channel, new Date(Number(e.ts) * 1000).toISOString());
    res.writeHead(200).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  db.close();
  process.exit(0);
});
