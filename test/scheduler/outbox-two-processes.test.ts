import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewOutboxRow } from '../../src/core/ports.js';
import { addWorkspace, type TempStore, tempStore, textMessage } from './fixture.js';

const SCRIPT = fileURLToPath(new URL('./outbox-process.script.ts', import.meta.url));
const T0 = '2026-11-27T00:00:00.000Z';

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Two real Hiroba processes on one database file (a rolling deploy, a second replica). */
describe('outbox across two processes', () => {
  let db: TempStore;
  let fake: Server;
  let url: string;
  const received: Array<{ to: string; holder: string }> = [];
  const waiting: Array<() => void> = [];

  beforeEach(async () => {
    db = tempStore();
    received.length = 0;
    waiting.length = 0;
    fake = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        const call = JSON.parse(body) as { to: string; holder: string };
        received.push(call);
        const id = `m${received.length}`;
        // No answer until both processes are sending (so they overlap however late one starts), then a
        // little latency, as a real API has.
        waiting.push(() => setTimeout(() => res.end(JSON.stringify({ id })), 2));
        if (new Set(received.map((r) => r.holder)).size === 2) for (const answer of waiting.splice(0)) answer();
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/send`;
  });
  afterEach(async () => {
    await new Promise((resolve) => fake.close(resolve));
    await db.close();
  });

  it('100 members prompted: each gets exactly one message, and both processes sent some', async () => {
    const ws = await addWorkspace(db.repos);
    const rows: NewOutboxRow[] = Array.from({ length: 100 }, (_, i) => ({
      workspaceId: ws.id,
      job: 'story-prompts',
      period: '2026-W48',
      recipient: { kind: 'member', id: `U${i + 1}` },
      message: textMessage(`prompt ${i + 1}`),
      notBefore: T0,
      createdAt: T0,
    }));
    await db.repos.outbox.enqueue(rows);
    await db.store.close(); // the test process steps aside: only the two children use the file

    const [a, b] = await Promise.all([run([db.path, url, 'A']), run([db.path, url, 'B'])]);
    expect([a.code, b.code], `${a.err}\n${b.err}`).toEqual([0, 0]);

    const perMember = new Map<string, number>();
    for (const r of received) perMember.set(r.to, (perMember.get(r.to) ?? 0) + 1);
    expect(perMember.size).toBe(100);
    expect([...perMember.values()].every((n) => n === 1)).toBe(true);
    expect(received).toHaveLength(100);
    const byHolder = new Set(received.map((r) => r.holder));
    expect(byHolder).toEqual(new Set(['A', 'B']));

    await db.reopen();
    expect(await db.repos.outbox.list(ws.id, { status: 'sent' })).toHaveLength(100);
  }, 60_000);
});
