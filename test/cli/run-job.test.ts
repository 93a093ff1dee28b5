import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAt } from '../../src/cli/at-time.js';
import { runCli } from '../../src/cli/run.js';
import { runJobCommand } from '../../src/cli/run-job.js';
import type { Clock } from '../../src/core/ports.js';
import { createHirobaCore } from '../../src/core/service.js';
import { defaultSettings, JOB_NAMES, type Locale } from '../../src/core/types.js';
import { hirobaJobs } from '../../src/main.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { recordingIo, tempDir } from './cli-harness.js';

// Friday 2026-03-13 16:00 in Tokyo: ISO week 2026-W11.
const clock: Clock = { now: () => new Date('2026-03-13T07:00:00.000Z') };

describe('hiroba run-job', () => {
  let db: string;
  let cleanup: () => void;

  async function setUp(locale: Locale = 'ja'): Promise<void> {
    const store = openSqliteStore(db);
    const workspace = await store.repos.workspaces.create({
      platform: 'slack',
      externalId: 'T0123',
      name: 'Example Co',
      settings: defaultSettings({ locale, digestChannel: 'C0DIGEST', countedChannels: ['C0DIGEST'] }),
      createdAt: '2026-01-05T00:00:00.000Z',
    });
    for (const [n, [name, department]] of [
      ['山田 花子', '営業部'],
      ['鈴木 太郎', '営業部'],
      ['佐藤 次郎', null],
    ].entries()) {
      await store.repos.members.create({
        workspaceId: workspace.id,
        name: name ?? '',
        department: department ?? null,
        platformId: `U00${n}`,
        email: `m${n}@example.co.jp`,
        joinedAt: '2026-01-05T00:00:00.000Z',
        includedAt: '2026-01-05T00:00:00.000Z',
        isPilot: true,
      });
    }
    await store.close();
  }

  beforeEach(() => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    db = join(temp.dir, 'hiroba.db');
  });
  afterEach(() => cleanup());

  async function pendingRows(): Promise<Array<{ job: string; period: string; recipient: string }>> {
    const store = openSqliteStore(db);
    const rows = (await store.repos.outbox.pending()).map((row) => ({
      job: row.job,
      period: row.period,
      recipient: row.recipient.id,
    }));
    await store.close();
    return rows;
  }

  it('--dry-run prints what would be sent, in Japanese, and writes nothing', async () => {
    await setUp();
    const io = recordingIo();
    expect(await runJobCommand(['digest', '--dry-run', '--db', db], io, clock)).toBe(0);
    expect(io.stdout.slice(0, 3)).toEqual([
      '週次ダイジェスト（digest）、ワークスペース T0123、期間 2026-W11: 試行のため何も書き込んでいません。送信予定のメッセージは 1件です（ダイジェスト1件）。',
      '宛先: メンバー 0名、チャンネル 1件',
      '--- 宛先: チャンネル C0DIGEST',
    ]);
    expect(io.stdout.length).toBeGreaterThan(4);
    expect(await pendingRows()).toEqual([]);
  });

  it('--dry-run names each member recipient with department, and counts them by department', async () => {
    await setUp();
    const io = recordingIo();
    expect(await runJobCommand(['nudges', '--dry-run', '--db', db], io, clock)).toBe(0);
    expect(io.stdout[0]).toMatch(
      /^お声がけ（nudges）、ワークスペース T0123、期間 2026-W11: .*送信予定のメッセージは 3件です/u,
    );
    // The job's own summary is in the workspace's language too, not English inside Japanese.
    expect(io.stdout[0]).toContain('（お声がけ 3件、次の段階を待っている方・お休み中の方 0名）');
    expect(io.stdout.slice(1, 3)).toEqual(['宛先: メンバー 3名、チャンネル 0件', '部署別: 営業部 2名、部署なし 1名']);
    expect(io.stdout.filter((line) => line.startsWith('--- '))).toEqual([
      '--- 宛先: 山田 花子（営業部、U000）',
      '--- 宛先: 鈴木 太郎（営業部、U001）',
      '--- 宛先: 佐藤 次郎（部署なし、U002）',
    ]);
    expect(await pendingRows()).toEqual([]);
  });

  it('--at evaluates the job as of that time in the workspace zone', async () => {
    await setUp();
    // Three days after they joined nobody is due a nudge yet (new members are left alone for 7 days).
    const early = recordingIo();
    expect(await runJobCommand(['nudges', '--dry-run', '--at', '2026-01-08T12:00', '--db', db], early, clock)).toBe(0);
    expect(early.stdout[0]).toBe('2026年1月8日(木) 12:00（Asia/Tokyo）の時点で評価しました。');
    expect(early.stdout[1]).toMatch(/期間 2026-W02: .*送信予定のメッセージは 0件です/u);

    // A date alone is when the job's schedule fires that day: the Friday digest at 16:00.
    const digest = recordingIo();
    expect(await runJobCommand(['digest', '--dry-run', '--at', '2026-03-06', '--db', db], digest, clock)).toBe(0);
    expect(digest.stdout[0]).toBe('2026年3月6日(金) 16:00（Asia/Tokyo）の時点で評価しました。');
    expect(digest.stdout[1]).toMatch(/^週次ダイジェスト（digest）、ワークスペース T0123、期間 2026-W10: /u);
    expect(await pendingRows()).toEqual([]);
  });

  it('refuses an --at it cannot read, and --at without --dry-run', async () => {
    await setUp();
    for (const at of ['2026-02-30', 'yesterday', '2026-03-06T25:00', '06/03/2026']) {
      const io = recordingIo();
      expect(await runCli(['run-job', 'digest', '--dry-run', '--at', at, '--db', db], io)).toBe(2);
      expect(io.stderr).toEqual([
        `run-job: --at「${at}」を日時として読み取れません。2026-03-06、2026-03-06T16:00、2026-03-06T07:00Z のいずれかの形式で指定してください。`,
      ]);
    }
    const real = recordingIo();
    expect(await runCli(['run-job', 'digest', '--at', '2026-03-06', '--db', db], real)).toBe(2);
    expect(await pendingRows()).toEqual([]);
  });

  it('runs the job once per period: a second run queues nothing', async () => {
    await setUp();
    const first = recordingIo();
    expect(await runJobCommand(['digest', '--workspace', 'T0123', '--db', db], first, clock)).toBe(0);
    expect(first.stdout).toEqual([
      '週次ダイジェスト（digest）、ワークスペース T0123、期間 2026-W11: 実行しました。1件のメッセージを送信キューに入れました（ダイジェスト1件）。',
      '起動中の Hiroba が数秒以内に送信します。起動していない場合は hiroba start で送信されます。',
    ]);
    expect(await pendingRows()).toEqual([{ job: 'digest', period: '2026-W11', recipient: 'C0DIGEST' }]);

    const second = recordingIo();
    expect(await runJobCommand(['digest', '--db', db], second, clock)).toBe(0);
    expect(second.stdout).toEqual([
      '週次ダイジェスト（digest）、ワークスペース T0123、期間 2026-W11: この期間は実行済みです（同じ期間には1回しか実行しません）。何も送信キューに入れていません。',
    ]);
    expect(await pendingRows()).toHaveLength(1);
  });

  it("speaks the workspace's language, and takes a job by its label", async () => {
    await setUp('en');
    const io = recordingIo();
    expect(await runJobCommand(['Weekly Digest', '--dry-run', '--db', db], io, clock)).toBe(0);
    expect(io.stdout[0]).toBe(
      'weekly digest (digest) for T0123, period 2026-W11: dry run, nothing written; messages that would be queued: 1 (one digest)',
    );
    const ja = recordingIo();
    expect(
      await runJobCommand(
        ['週次ダイジェスト', '--dry-run', '--db', db, '--at', '2026-03-13T16:00'],
        { ...ja, locale: 'ja' },
        clock,
      ),
    ).toBe(0);
    expect(ja.stdout).toContain('2026年3月13日(金) 16:00（Asia/Tokyo）の時点で評価しました。');
  });

  it('names an unknown workspace, exit 2', async () => {
    await setUp();
    const io = recordingIo();
    expect(await runCli(['run-job', 'digest', '--workspace', 'T9', '--db', db], io)).toBe(2);
    expect(io.stderr).toEqual([
      'run-job: ワークスペース T9 はこのデータベースにありません。登録済み: T0123（Slack、Example Co）',
    ]);
  });

  it('says how to get a workspace when the database has none', async () => {
    expect(await runCli(['migrate', '--db', db], recordingIo())).toBe(0);
    const io = recordingIo();
    expect(await runCli(['run-job', 'digest', '--db', db], io)).toBe(2);
    expect(io.stderr).toEqual([
      'run-job: このデータベースにはまだワークスペースがありません。Hiroba を Slack または Teams にインストールするか、hiroba import-directory で名簿を取り込んでください。',
    ]);
  });

  it('directory-sync needs the platform credentials, exit 1', async () => {
    await setUp();
    const io = recordingIo({});
    expect(await runJobCommand(['directory-sync', '--db', db], io, clock)).toBe(1);
    expect(io.stderr).toEqual([
      'run-job: directory-sync は Slack のメンバー一覧を読み取ります。Slack の認証情報を設定して（.env.example を参照）、もう一度実行してください。',
    ]);
  });

  it('runs retention (every job name is registered)', async () => {
    await setUp();
    const io = recordingIo();
    expect(await runJobCommand(['retention', '--dry-run', '--db', db], io, clock)).toBe(0);
    expect(io.stdout).toEqual([
      '古い記録の削除（retention）、ワークスペース T0123、期間 2026-03-13: 試行のため何も書き込んでいません。送信予定のメッセージは 0件です（送信済みのメッセージ記録 0件（2025-12-13T07:00:00.000Z より前）と実行記録 0件（2025-02-06T07:00:00.000Z より前）、活動記録 0件（2025-09-14T07:00:00.000Z より前、保存期間 180日。日ごとの集計は残します）を削除します）。',
    ]);
  });

  it('registers a definition for every job name', async () => {
    await setUp();
    const store = openSqliteStore(db);
    const names = hirobaJobs(createHirobaCore({ repos: store.repos, clock }), {}).map((job) => job.name);
    await store.close();
    expect([...names].sort()).toEqual([...JOB_NAMES].sort());
  });
});

describe('parseAt', () => {
  const settings = defaultSettings({ timezone: 'Asia/Tokyo' });
  it.each([
    ['2026-03-06T16:00', '2026-03-06T07:00:00.000Z'],
    ['2026-03-06 16:00:30', '2026-03-06T07:00:30.000Z'],
    ['2026-03-06T07:00Z', '2026-03-06T07:00:00.000Z'],
    ['2026-03-06T16:00+09:00', '2026-03-06T07:00:00.000Z'],
    ['2026-03-06T16:00+0900', '2026-03-06T07:00:00.000Z'],
  ])('%s → %s', (value, iso) => {
    expect(parseAt(value, 'digest', settings)?.toISOString()).toBe(iso);
  });

  it("takes a date alone as the job's scheduled time that day, else the start of the day", () => {
    // digest: Fridays 16:00; 2026-03-05 is a Thursday.
    expect(parseAt('2026-03-06', 'digest', settings)?.toISOString()).toBe('2026-03-06T07:00:00.000Z');
    expect(parseAt('2026-03-05', 'digest', settings)?.toISOString()).toBe('2026-03-04T15:00:00.000Z');
    const custom = defaultSettings({ timezone: 'Asia/Tokyo', schedules: { digest: '30 9 * * 4' } });
    expect(parseAt('2026-03-05', 'digest', custom)?.toISOString()).toBe('2026-03-05T00:30:00.000Z');
  });

  it('reads wall-clock times in the workspace zone', () => {
    const ny = defaultSettings({ timezone: 'America/New_York' });
    expect(parseAt('2026-07-01T09:00', 'nudges', ny)?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
  });

  it.each(['', '2026-13-01', '2026-02-29', '2026-03-06T24:00', '2026-03-06T10:60', 'now', '2026/03/06'])(
    'refuses %j',
    (value) => {
      expect(parseAt(value, 'digest', settings)).toBeNull();
    },
  );
});
