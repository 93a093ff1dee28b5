import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/message.js';
import type { NewOutboxRow, OutboxRepo, Repositories } from '../../../src/core/ports.js';
import { defaultSettings } from '../../../src/core/types.js';
import { RowNotFoundError } from '../../../src/store/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { postgresUrlForTests } from '../../support/postgres.js';
import { acmeWorkspace } from '../activity-fixtures.js';
import { tempDir } from '../temp-dir.js';
import { useTwoInstances } from './two-instances.js';

const T0 = '2026-11-02T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const message: Message = { kind: 'nudge', blocks: [], fallback: 'こんにちは' };

function row(wsId: number, i: number, extra: Partial<NewOutboxRow> = {}): NewOutboxRow {
  return {
    workspaceId: wsId,
    job: 'nudge',
    period: '2026-W45',
    recipient: { kind: 'member', id: `U${i}` },
    message,
    notBefore: at(i % 7),
    createdAt: at(0),
    ...extra,
  };
}

describe.skipIf(postgresUrlForTests() === null)('the PostgreSQL outbox', () => {
  const pg = useTwoInstances('hiroba_pgout', 6, 'TRUNCATE outbox, job_ledger, workspaces RESTART IDENTITY CASCADE');
  let wsId = 0;
  const closers: Array<() => Promise<void> | void> = [];

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function workspace(repos: Repositories): Promise<number> {
    const ws = await repos.workspaces.create(acmeWorkspace(defaultSettings()));
    return ws.id;
  }

  it('gives each of 500 rows to exactly one of two workers draining at the same time', async () => {
    wsId = await workspace(pg.repoA);
    expect(await pg.repoA.outbox.enqueue(Array.from({ length: 500 }, (_, i) => row(wsId, i)))).toBe(500);
    const claimed = new Map<string, number[]>();
    const drain = async (outbox: OutboxRepo, holder: string) => {
      const mine: number[] = [];
      claimed.set(holder, mine);
      for (;;) {
        const rows = await outbox.claim(holder, at(10), at(20), 25);
        if (rows.length === 0) return;
        for (const r of rows) {
          mine.push(r.id);
          expect(await outbox.beginSend(r.id, holder, at(11), at(21))).toBe(true);
          await outbox.markSent(r.id, `m${r.id}`, at(12));
        }
      }
    };
    // Two workers per instance, four in all, every one its own holder.
    await Promise.all([
      drain(pg.repoA.outbox, 'a1'),
      drain(pg.repoA.outbox, 'a2'),
      drain(pg.repoB.outbox, 'b1'),
      drain(pg.repoB.outbox, 'b2'),
    ]);
    const all = [...claimed.values()].flat();
    expect(all).toHaveLength(500);
    expect(new Set(all).size).toBe(500);
    // Both instances took part.
    expect((claimed.get('a1')?.length ?? 0) + (claimed.get('a2')?.length ?? 0)).toBeGreaterThan(0);
    expect((claimed.get('b1')?.length ?? 0) + (claimed.get('b2')?.length ?? 0)).toBeGreaterThan(0);
    expect(await pg.repoB.outbox.backlog()).toEqual({ pending: 0, oldestCreatedAt: null, possibleDuplicates: 0 });
    expect(await pg.repoA.outbox.list(wsId, { status: 'sent' })).toHaveLength(500);
  });

  it('records a run once when two instances commit it at the same time, with its rows enqueued once', async () => {
    wsId = await workspace(pg.repoA);
    const periods = Array.from({ length: 20 }, (_, i) => `2026-W${10 + i}`);
    const commit = (repos: Repositories, period: string) =>
      repos.outbox.commitRun(
        { workspaceId: wsId, job: 'digest', period, status: 'done', at: T0, detail: null },
        Array.from({ length: 30 }, (_, i) => row(wsId, i, { job: 'digest', period })),
      );
    const results = await Promise.all(periods.flatMap((p) => [commit(pg.repoA, p), commit(pg.repoB, p)]));
    for (let i = 0; i < periods.length; i++) expect([results[2 * i], results[2 * i + 1]].sort()).toEqual([false, true]);
    expect(await pg.repoA.outbox.list(wsId)).toHaveLength(20 * 30);
    expect(await pg.repoA.ledger.list(wsId, 'digest')).toHaveLength(20);
    // A run already in the ledger enqueues nothing, even rows that are new.
    expect(await commit(pg.repoA, periods[0] as string)).toBe(false);
  });

  it('keeps the claim rules: lapsed leases taken over, a send in flight counted, skipped rows left, only a live holder sends', async () => {
    wsId = await workspace(pg.repoA);
    await pg.repoA.outbox.enqueue([0, 1, 2, 3].map((i) => row(wsId, i, { notBefore: at(i) })));
    const ids = (await pg.repoA.outbox.pending(wsId)).map((r) => r.id);
    const [r0, r1, r2, r3] = ids as [number, number, number, number];
    // A claims everything but r3; B finds nothing while A's lease lives.
    expect((await pg.repoA.outbox.claim('A', at(5), at(15), 10, [r3])).map((r) => r.id)).toEqual([r0, r1, r2]);
    expect((await pg.repoB.outbox.claim('B', at(6), at(16), 10, [r3])).map((r) => r.id)).toEqual([]);
    // A begins r0 and r1, and is late for r2: its lease has lapsed.
    expect(await pg.repoA.outbox.beginSend(r0, 'A', at(7), at(17))).toBe(true);
    expect(await pg.repoA.outbox.beginSend(r1, 'A', at(7), at(17))).toBe(true);
    expect(await pg.repoA.outbox.beginSend(r2, 'A', at(15), at(25))).toBe(false);
    expect(await pg.repoB.outbox.beginSend(r1, 'B', at(8), at(18))).toBe(false);
    await pg.repoA.outbox.markSent(r0, 'm0', at(8));
    // A dies. After its leases lapse B takes r1 (begun: may have been delivered) and r2 (never begun).
    const taken = await pg.repoB.outbox.claim('B', at(20), at(30), 10);
    expect(taken.map((r) => [r.id, r.claimedBy, r.possibleDuplicates])).toEqual([
      [r1, 'B', 1],
      [r2, 'B', 0],
      [r3, 'B', 0],
    ]);
    expect(await pg.repoB.outbox.backlog()).toMatchObject({ pending: 3, possibleDuplicates: 1 });
    // B gives back what it did not begin; r1 stays with it... until it lapses too.
    expect(await pg.repoB.outbox.beginSend(r1, 'B', at(21), at(31))).toBe(true);
    expect(await pg.repoB.outbox.release('B')).toBe(2);
    expect((await pg.repoA.outbox.get(r2))?.claimedBy).toBeNull();
    await expect(pg.repoA.outbox.markSent(999_999, 'x', at(1))).rejects.toBeInstanceOf(RowNotFoundError);
  });

  it('answers as the SQLite outbox does for the same calls', async () => {
    const dir = tempDir();
    const sqlite = openSqliteStore(join(dir.path, 'hiroba.db'));
    closers.push(async () => {
      await sqlite.close();
      dir.remove();
    });
    const script = async (repos: Repositories) => {
      const ws = await workspace(repos);
      const out = repos.outbox;
      const seen: unknown[] = [];
      seen.push(await out.enqueue(Array.from({ length: 12 }, (_, i) => row(ws, i))));
      seen.push(await out.enqueue([row(ws, 3), row(ws, 3, { recipient: { kind: 'channel', id: 'U3' } })]));
      seen.push(await out.enqueue([row(ws, 4, { job: 'weekly-thanks', createdAt: at(2) })]));
      seen.push((await out.due(at(3), 5)).map((r) => r.id));
      const claimed = await out.claim('w', at(4), at(14), 6, [2]);
      seen.push(claimed.map((r) => r.id));
      seen.push(await out.beginSend(1, 'w', at(5), at(15)));
      await out.markSent(1, 'p1', at(6));
      await out.markFailed(3, 'gone', at(6));
      await out.reschedule(4, at(30), 'rate limited');
      await out.defer(5, at(40));
      await out.defer(1, at(40));
      seen.push(await out.release('w'));
      seen.push(await out.countForMember(ws, 'U4', ['nudge', 'weekly-thanks'], at(0)));
      seen.push(await out.countForMember(ws, 'U4', [], at(0)));
      seen.push(await out.countFinishedBefore(ws, at(7)));
      seen.push(await out.backlog());
      seen.push(await out.list(ws, { job: 'nudge', status: 'pending' }));
      seen.push(await out.list(ws, { recipientId: 'U3' }));
      seen.push(await out.pending());
      seen.push(await out.deleteFinishedBefore(ws, at(7)));
      seen.push(await out.get(1));
      seen.push(
        await out.commitRun({ workspaceId: ws, job: 'digest', period: 'p', status: 'done', at: T0, detail: 'x' }, []),
      );
      seen.push(await repos.ledger.get(ws, 'digest', 'p'));
      return seen;
    };
    // Ids aside: PostgreSQL spends an identity value on a row ON CONFLICT skipped, SQLite does not.
    const withoutIds = (seen: unknown[]) =>
      JSON.parse(JSON.stringify(seen), (key, value: unknown) => (key === 'id' ? undefined : value)) as unknown[];
    const fromPg = await script(pg.repoA);
    expect(withoutIds(fromPg)).toEqual(withoutIds(await script(sqlite.repos)));
    expect(fromPg[3]).toEqual([1, 8, 2, 9, 3]);
    expect(fromPg[4]).toEqual([1, 8, 9, 3, 10, 4]);
  });
});
