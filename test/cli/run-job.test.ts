import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { runJobCommand } from '../../src/cli/run-job.js';
import type { Clock } from '../../src/core/ports.js';
import { createHirobaCore } from '../../src/core/service.js';
import { defaultSettings, JOB_NAMES } from '../../src/core/types.js';
import { hirobaJobs } from '../../src/main.js';
import { openStore } from '../../src/store/sqlite-store.js';
import { recordingIo, tempDir } from './cli-harness.js';

// Friday 2026-03-13 16:00 in Tokyo: ISO week 2026-W11.
const clock: Clock = { now: () => new Date('2026-03-13T07:00:00.000Z') };

describe('hiroba run-job', () => {
  let db: string;
  let cleanup: () => void;

  beforeEach(() => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    db = join(temp.dir, 'hiroba.db');
    const store = openStore(db);
    const workspace = store.repos.workspaces.create({
      platform: 'slack',
      externalId: 'T0123',
      name: 'Example Co',
      settings: defaultSettings({ digestChannel: 'C0DIGEST', countedChannels: ['C0DIGEST'] }),
      createdAt: '2026-01-05T00:00:00.000Z',
    });
    for (const [n, name] of ['山田 花子', '鈴木 太郎', '佐藤 次郎'].entries()) {
      store.repos.members.create({
        workspaceId: workspace.id,
        name,
        platformId: `U00${n}`,
        email: `m${n}@example.co.jp`,
        joinedAt: '2026-01-05T00:00:00.000Z',
      });
    }
    store.close();
  });
  afterEach(() => cleanup());

  function pendingRows(): Array<{ job: string; period: string; recipient: string }> {
    const store = openStore(db);
    const rows = store.repos.outbox
      .pending()
      .map((row) => ({ job: row.job, period: row.period, recipient: row.recipient.id }));
    store.close();
    return rows;
  }

  it('--dry-run prints what would be sent and writes nothing', async () => {
    const io = recordingIo();
    expect(await runJobCommand(['digest', '--dry-run', '--db', db], io, clock)).toBe(0);
    expect(io.stdout[0]).toBe(
      'digest for T0123, period 2026-W11: dry run, nothing written; 1 message(s) would be queued (digest)',
    );
    expect(io.stdout[1]).toBe('--- to channel C0DIGEST');
    expect(io.stdout.length).toBeGreaterThan(3);
    expect(pendingRows()).toEqual([]);
  });

  it('runs the job once per period: a second run queues nothing', async () => {
    const first = recordingIo();
    expect(await runJobCommand(['digest', '--workspace', 'T0123', '--db', db], first, clock)).toBe(0);
    expect(first.stdout).toEqual([
      'digest for T0123, period 2026-W11: ran, 1 message(s) queued (digest)',
      'The running Hiroba sends them within seconds; if it is not running, `hiroba start` sends them.',
    ]);
    expect(pendingRows()).toEqual([{ job: 'digest', period: '2026-W11', recipient: 'C0DIGEST' }]);

    const second = recordingIo();
    expect(await runJobCommand(['digest', '--db', db], second, clock)).toBe(0);
    expect(second.stdout).toEqual([
      'digest for T0123, period 2026-W11: already ran for this period (the ledger keeps it to once); nothing queued again',
    ]);
    expect(pendingRows()).toHaveLength(1);
  });

  it('names an unknown workspace, exit 2', async () => {
    const io = recordingIo();
    expect(await runCli(['run-job', 'digest', '--workspace', 'T9', '--db', db], io)).toBe(2);
    expect(io.stderr).toEqual(['run-job: no workspace T9 in the database; it holds: T0123 (slack, Example Co)']);
  });

  it('directory-sync needs the platform credentials, exit 1', async () => {
    const io = recordingIo({});
    expect(await runJobCommand(['directory-sync', '--db', db], io, clock)).toBe(1);
    expect(io.stderr).toEqual([
      "run-job: directory-sync reads the slack directory; set that platform's credentials (see .env.example) and run it again",
    ]);
  });

  it('runs retention (every job name is registered)', async () => {
    const io = recordingIo();
    expect(await runJobCommand(['retention', '--dry-run', '--db', db], io, clock)).toBe(0);
    expect(io.stdout).toEqual([
      'retention for T0123, period 2026-03-13: dry run, nothing written; 0 message(s) would be queued (would delete 0 outbox row(s) finished before 2025-12-13T07:00:00.000Z, 0 ledger entr(ies) before 2025-02-06T07:00:00.000Z)',
    ]);
  });

  it('registers a definition for every job name', () => {
    const store = openStore(db);
    const names = hirobaJobs(createHirobaCore({ repos: store.repos, clock }), {}).map((job) => job.name);
    store.close();
    expect([...names].sort()).toEqual([...JOB_NAMES].sort());
  });
});
