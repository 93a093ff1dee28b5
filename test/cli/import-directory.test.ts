import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { createHirobaCore } from '../../src/core/service.js';
import { defaultSettings, type Locale } from '../../src/core/types.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { recordingIo, tempDir } from './cli-harness.js';

const HEADER = 'email,name,department,location,manager_email,executive';
/** The heading row of the issue: a Japanese HR system's export. */
const JAPANESE_EXPORT = [
  '氏名,メールアドレス,部門,事業所,上司メールアドレス,役員',
  '山田 花子,hanako@example.co.jp,営業部,大阪支社,,○',
  '鈴木 太郎,taro@example.co.jp,営業部,大阪支社,hanako@example.co.jp,×',
];
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

interface StoredMember {
  email: string | null;
  name: string;
  department: string | null;
  location: string | null;
  executive: boolean;
  manager: string | null;
}

describe('hiroba import-directory', () => {
  let dir: string;
  let db: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = join(dir, 'hiroba.db');
  });
  afterEach(() => cleanup());

  async function addWorkspace(externalId: string, name: string, locale: Locale = 'ja'): Promise<void> {
    const store = openSqliteStore(db);
    await store.repos.workspaces.create({
      platform: 'slack',
      externalId,
      name,
      settings: defaultSettings({ locale }),
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    await store.close();
  }

  function csv(name: string, lines: string[]): string {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  async function workspaces(): Promise<
    Array<{ platform: string; externalId: string; name: string; timezone: string }>
  > {
    const store = openSqliteStore(db);
    const list = (await store.repos.workspaces.list()).map((w) => ({
      platform: w.platform,
      externalId: w.externalId,
      name: w.name,
      timezone: w.settings.timezone,
    }));
    await store.close();
    return list;
  }

  async function members(): Promise<StoredMember[]> {
    const store = openSqliteStore(db);
    const [workspace] = await store.repos.workspaces.list();
    const list = workspace === undefined ? [] : await store.repos.members.list(workspace.id);
    const byId = new Map(list.map((member) => [member.id, member]));
    await store.close();
    return list.map((member) => ({
      email: member.email,
      name: member.name,
      department: member.department,
      location: member.location,
      executive: member.isExecutive,
      manager: member.managerId === null ? null : (byId.get(member.managerId)?.email ?? null),
    }));
  }

  describe('before Slack or Teams is connected', () => {
    it('creates the database and the Slack workspace, and imports the Japanese HR export in full (issue 9)', async () => {
      const file = csv('org.csv', [
        ...JAPANESE_EXPORT.slice(0, 1).map((h) => `${h},部門コード`),
        ...JAPANESE_EXPORT.slice(1).map((r) => `${r},S01`),
      ]);
      const io = recordingIo();
      expect(existsSync(db)).toBe(false);
      expect(await runCli(['import-directory', file, '--workspace', 'T0123', '--db', db], io)).toBe(0);
      expect(io.stderr).toEqual([]);
      expect(io.stdout).toEqual([
        `${file} を読み込みました（文字コード UTF-8、カンマ区切り）。`,
        '列の対応: 氏名 → 氏名、メールアドレス → メールアドレス、部門 → 部署、事業所 → 勤務地、上司メールアドレス → 上長、役員 → 役員',
        '列「部門コード」は使いません。',
        `${db} にデータベースを作成しました。`,
        'ワークスペース T0123（Slack）を作成しました。Slack に Hiroba をインストールすると、このワークスペースがそのまま使われます。',
        `${file} → T0123: 新規 2名、更新 0名、問題 0件`,
      ]);
      expect(await workspaces()).toEqual([
        { platform: 'slack', externalId: 'T0123', name: 'T0123', timezone: 'Asia/Tokyo' },
      ]);
      expect(await members()).toEqual([
        {
          email: 'hanako@example.co.jp',
          name: '山田 花子',
          department: '営業部',
          location: '大阪支社',
          executive: true,
          manager: null,
        },
        {
          email: 'taro@example.co.jp',
          name: '鈴木 太郎',
          department: '営業部',
          location: '大阪支社',
          executive: false,
          manager: 'hanako@example.co.jp',
        },
      ]);
    });

    it('imports into a migrated, empty database with --workspace, and the bot later uses that workspace', async () => {
      expect(await runCli(['migrate', '--db', db], recordingIo())).toBe(0);
      const file = csv('org.csv', JAPANESE_EXPORT);
      const io = recordingIo({ HIROBA_TIMEZONE: 'Asia/Tokyo' });
      expect(
        await runCli(['import-directory', file, '--workspace', 'T0123', '--name', 'Example Co', '--db', db], io),
      ).toBe(0);
      expect(io.stdout).not.toContain(`${db} にデータベースを作成しました。`);
      expect(io.stdout.at(-1)).toBe(`${file} → Example Co（T0123）: 新規 2名、更新 0名、問題 0件`);

      // What the Slack adapter does on its first event from team T0123 (app-context.ts): the same
      // workspace, and the platform's directory sync matches the imported members by email.
      const store = openSqliteStore(db);
      const core = createHirobaCore({ repos: store.repos, clock: { now: () => new Date('2026-03-02T00:00:00Z') } });
      const [imported] = await store.repos.workspaces.list();
      const connected = await core.workspace('slack', 'T0123', 'Example Co');
      expect(connected.id).toBe(imported?.id);
      await core.syncDirectory(connected.id, [
        { platformId: 'U0HANAKO', name: 'Hanako Yamada', email: 'hanako@example.co.jp' },
        { platformId: 'U0TARO', name: 'Taro Suzuki', email: 'taro@example.co.jp' },
      ]);
      const list = await store.repos.members.list(connected.id);
      expect(await store.repos.workspaces.list()).toHaveLength(1);
      expect(list.map((m) => [m.email, m.platformId, m.department])).toEqual([
        ['hanako@example.co.jp', 'U0HANAKO', '営業部'],
        ['taro@example.co.jp', 'U0TARO', '営業部'],
      ]);
      await store.close();
    });

    it('creates a Teams workspace from a tenant id, stored in lower case as Teams sends it', async () => {
      const file = csv('org.csv', JAPANESE_EXPORT);
      const io = recordingIo();
      expect(await runCli(['import-directory', file, '--workspace', TENANT.toUpperCase(), '--db', db], io)).toBe(0);
      expect(io.stdout).toContain(
        `ワークスペース ${TENANT}（Teams）を作成しました。Teams に Hiroba をインストールすると、このワークスペースがそのまま使われます。`,
      );
      expect((await workspaces()).map((w) => [w.platform, w.externalId])).toEqual([['teams', TENANT]]);
      const store = openSqliteStore(db);
      const core = createHirobaCore({ repos: store.repos, clock: { now: () => new Date('2026-03-02T00:00:00Z') } });
      expect((await core.workspace('teams', TENANT)).id).toBe((await store.repos.workspaces.list())[0]?.id);
      expect(await store.repos.workspaces.list()).toHaveLength(1);
      await store.close();

      // A re-import names the tenant in whatever case and updates the same workspace.
      const again = recordingIo();
      expect(await runCli(['import-directory', file, '--workspace', TENANT.toUpperCase(), '--db', db], again)).toBe(0);
      expect(again.stdout.at(-1)).toBe(`${file} → ${TENANT}: 新規 0名、更新 2名、問題 0件`);
    });

    it('takes the workspace settings from HIROBA_TIMEZONE and HIROBA_LOCALE, as start would', async () => {
      const file = csv('org.csv', JAPANESE_EXPORT);
      const io = recordingIo({ HIROBA_TIMEZONE: 'America/New_York', HIROBA_LOCALE: 'en' });
      expect(await runCli(['import-directory', file, '--workspace', 'T0123', '--db', db], io)).toBe(0);
      expect(io.stdout.at(-1)).toBe(`${file} → T0123: 2 created, 0 updated, problems: 0`);
      expect((await workspaces())[0]?.timezone).toBe('America/New_York');
      const bad = recordingIo({ HIROBA_TIMEZONE: 'Tokyo' });
      expect(
        await runCli(['import-directory', file, '--workspace', 'T0999', '--platform', 'slack', '--db', db], bad),
      ).toBe(2);
      expect(bad.stderr).toEqual([
        'import-directory: HIROBA_TIMEZONE「Tokyo」はタイムゾーンとして読み取れません。Asia/Tokyo のような IANA のタイムゾーン名を指定してください。',
      ]);
    });

    it('asks for --platform when the id does not say, and checks the id against the platform', async () => {
      const file = csv('org.csv', JAPANESE_EXPORT);
      const cases: Array<[string[], string]> = [
        [
          ['--workspace', 'acme'],
          'import-directory: 「acme」が Slack と Teams のどちらのワークスペースか判断できません。--platform slack または --platform teams を指定してください。',
        ],
        [
          ['--workspace', 'T0123', '--platform', 'teams'],
          'import-directory: 「T0123」は Teams のテナント ID の形式ではありません。テナント ID は xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx の形式です（Azure portal の Microsoft Entra ID の概要に表示されます）。',
        ],
        [
          ['--workspace', 't0123', '--platform', 'slack'],
          'import-directory: 「t0123」は Slack のチーム ID の形式ではありません。Slack のチーム ID は T または E で始まる英大文字と数字です（例: T0123ABCD）。',
        ],
      ];
      for (const [args, line] of cases) {
        const io = recordingIo();
        expect(await runCli(['import-directory', file, ...args, '--db', db], io)).toBe(2);
        expect(io.stderr).toEqual([line]);
      }
      const bad = recordingIo();
      expect(
        await runCli(['import-directory', file, '--workspace', 'T0123', '--platform', 'line', '--db', db], bad),
      ).toBe(2);
      expect(bad.stderr[0]).toBe('--platform には slack または teams を指定してください（指定された値: 「line」）。');
      expect(existsSync(db)).toBe(false);
    });

    it('creates nothing, not even the database, when the file has no row to import', async () => {
      const file = csv('no-email.csv', ['氏名,部署', '山田 花子,営業部']);
      const io = recordingIo();
      expect(await runCli(['import-directory', file, '--workspace', 'T0123', '--db', db], io)).toBe(2);
      expect(io.stdout).toEqual([
        `${file} を読み込みました（文字コード UTF-8、カンマ区切り）。`,
        '列の対応: 氏名 → 氏名、部署 → 部署',
        `${file} → T0123: 新規 0名、更新 0名、問題 1件`,
        '1行目: 「メールアドレス」の列が見つからないため取り込めません。1行目の見出しに「email」、「メールアドレス」、「メール」、「Eメール」、「Eメールアドレス」、「電子メール」、「e-mail」、「mail」、「email address」のいずれかを記載してください（読み取った見出し: 氏名、部署）。',
      ]);
      expect(io.stderr).toEqual([
        'import-directory: 取り込める行がありませんでした。上記の内容を修正して、もう一度実行してください。',
      ]);
      expect(existsSync(db)).toBe(false);

      expect(await runCli(['migrate', '--db', db], recordingIo())).toBe(0);
      expect(await runCli(['import-directory', file, '--workspace', 'T0123', '--db', db], recordingIo())).toBe(2);
      expect(await workspaces()).toEqual([]);
    });

    it('reads Excel\'s "Unicode テキスト" (UTF-16LE with BOM, tab-separated)', async () => {
      const path = join(dir, 'org.txt');
      const text = JAPANESE_EXPORT.map((line) => line.replaceAll(',', '\t')).join('\r\n');
      writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const io = recordingIo();
      expect(await runCli(['import-directory', path, '--workspace', 'T0123', '--db', db], io)).toBe(0);
      expect(io.stdout[0]).toBe(`${path} を読み込みました（文字コード UTF-16LE、タブ区切り）。`);
      expect((await members()).map((m) => [m.name, m.department, m.location, m.executive, m.manager])).toEqual([
        ['山田 花子', '営業部', '大阪支社', true, null],
        ['鈴木 太郎', '営業部', '大阪支社', false, 'hanako@example.co.jp'],
      ]);
    });

    it('refuses an Excel workbook with the reason, exit 2', async () => {
      const path = join(dir, 'org.xlsx');
      writeFileSync(path, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
      const io = recordingIo();
      expect(await runCli(['import-directory', path, '--workspace', 'T0123', '--db', db], io)).toBe(2);
      expect(io.stdout).toEqual([
        `${path} → T0123: 新規 0名、更新 0名、問題 1件`,
        '1行目: Excel ブック（.xlsx / .xls）は読み取れません。Excel で「名前を付けて保存」から「CSV UTF-8（コンマ区切り）」または「Unicode テキスト」を選んで保存し直してください。',
      ]);
      expect(existsSync(db)).toBe(false);
    });
  });

  it('keeps the valid rows, reports each bad row as "N行目: 理由", exit 0', async () => {
    await addWorkspace('T0123', 'Example Co');
    const file = csv('org.csv', [
      HEADER,
      'hanako@example.co.jp,山田 花子,営業部,東京本社,,yes',
      'taro@example.co.jp,鈴木 太郎,営業部,大阪支社,hanako@example.co.jp,no',
      'not-an-email,佐藤,営業部,,,',
      'jiro@example.co.jp,,開発部,,,',
    ]);
    const io = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db], io)).toBe(0);
    expect(io.stdout).toEqual([
      `${file} を読み込みました（文字コード UTF-8、カンマ区切り）。`,
      '列の対応: email → メールアドレス、name → 氏名、department → 部署、location → 勤務地、manager_email → 上長、executive → 役員',
      `${file} → Example Co（T0123）: 新規 2名、更新 0名、問題 2件`,
      '4行目: email「not-an-email」はメールアドレスの形式ではありません。',
      '5行目: nameが空欄です。',
    ]);
    expect((await members()).map((m) => [m.email, m.department, m.manager])).toEqual([
      ['hanako@example.co.jp', '営業部', null],
      ['taro@example.co.jp', '営業部', 'hanako@example.co.jp'],
    ]);
  });

  it('speaks English with --locale en, or when the workspace is English', async () => {
    await addWorkspace('T0123', 'Example Co');
    const file = csv('org.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no', 'x,X,,,,']);
    const io = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db, '--locale', 'en'], io)).toBe(0);
    expect(io.stdout).toEqual([
      `Read ${file} (UTF-8, comma-separated).`,
      'Columns: email → email, name → name, department → department, location → location, manager_email → manager, executive → executive',
      `${file} → Example Co (T0123): 1 created, 0 updated, problems: 1`,
      'line 3: email "x" is not an email address.',
    ]);

    const other = join(dir, 'english.db');
    db = other;
    await addWorkspace('T0456', 'English Co', 'en');
    const english = recordingIo();
    expect(await runCli(['import-directory', file, '--db', other], english)).toBe(0);
    expect(english.stdout.at(-2)).toBe(`${file} → English Co (T0456): 1 created, 0 updated, problems: 1`);
  });

  it('says which optional columns the file leaves out, so nothing is lost silently', async () => {
    await addWorkspace('T0123', 'Example Co');
    const first = csv('first.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    await runCli(['import-directory', first, '--db', db], recordingIo());
    const second = csv('second.csv', ['氏名,メールアドレス', '山田 花子,hanako@example.co.jp']);
    const io = recordingIo();
    expect(await runCli(['import-directory', second, '--db', db, '--workspace', 'T0123'], io)).toBe(0);
    expect(io.stdout).toEqual([
      `${second} を読み込みました（文字コード UTF-8、カンマ区切り）。`,
      '列の対応: 氏名 → 氏名、メールアドレス → メールアドレス',
      '部署の列がないため、登録済みの部署の情報は変更しません。',
      '勤務地の列がないため、登録済みの勤務地の情報は変更しません。',
      '上長の列がないため、登録済みの上長の情報は変更しません。',
      '役員の列がないため、登録済みの役員の情報は変更しません。',
      `${second} → Example Co（T0123）: 新規 0名、更新 1名、問題 0件`,
    ]);
    expect((await members()).map((m) => [m.department, m.location])).toEqual([['営業部', '東京本社']]);
  });

  it('exits 2 when the file cannot be read', async () => {
    const io = recordingIo();
    expect(await runCli(['import-directory', join(dir, 'missing.csv'), '--db', db], io)).toBe(2);
    expect(io.stderr).toEqual([
      `import-directory: ${join(dir, 'missing.csv')} を読み込めません。ファイルが見つかりません。`,
    ]);
  });

  it('without --workspace, refuses a database path that does not exist instead of creating one', async () => {
    const file = csv('org.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    const io = recordingIo();
    const typo = `${db}.typo`;
    expect(await runCli(['import-directory', file, '--db', typo], io)).toBe(1);
    expect(io.stderr).toEqual([
      `import-directory: ${typo} にデータベースがありません。--db または HIROBA_DB をご確認ください。新しく始める場合は --workspace <W> を指定すると、データベースとワークスペースを作成して取り込みます。`,
    ]);
    expect(existsSync(typo)).toBe(false);
  });

  it('without --workspace, an empty database says how to create the workspace, exit 2', async () => {
    const file = csv('org.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    expect(await runCli(['migrate', '--db', db], recordingIo())).toBe(0);
    const io = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db], io)).toBe(2);
    expect(io.stderr).toEqual([
      'import-directory: このデータベースにはまだワークスペースがありません。--workspace に Slack のチーム ID（T…）または Teams のテナント ID を指定すると、ワークスペースを作成して取り込みます。',
    ]);
  });

  it('asks for --workspace when there are several; a new id needs --platform to be created', async () => {
    await addWorkspace('T0123', 'Example Co');
    await addWorkspace('T0456', 'Other Co');
    const file = csv('org.csv', [HEADER, 'hanako@example.co.jp,山田 花子,営業部,東京本社,,no']);
    const several = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db], several)).toBe(2);
    expect(several.stderr).toEqual([
      'import-directory: このデータベースにはワークスペースが2件あります。--workspace で1つ指定してください: T0123（Slack、Example Co）、T0456（Slack、Other Co）',
    ]);
    const typo = recordingIo();
    expect(await runCli(['import-directory', file, '--db', db, '--workspace', 'T9'], typo)).toBe(2);
    expect(typo.stderr).toEqual([
      'import-directory: ワークスペース T9 はこのデータベースにありません（登録済み: T0123（Slack、Example Co）、T0456（Slack、Other Co））。入力誤りでなければ、--platform slack|teams を指定すると新しいワークスペースとして作成します。',
    ]);
    expect(await workspaces()).toHaveLength(2);
    const confirmed = recordingIo();
    expect(
      await runCli(['import-directory', file, '--db', db, '--workspace', 'T9AB', '--platform', 'slack'], confirmed),
    ).toBe(0);
    expect((await workspaces()).map((w) => w.externalId)).toEqual(['T0123', 'T0456', 'T9AB']);
  });
});
