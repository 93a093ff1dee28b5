import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { commandHelp, usage } from '../../src/cli/usage.js';
import { catalogues } from '../../src/core/i18n/index.js';
import { JOB_NAMES } from '../../src/core/types.js';
import { HEADING_ALIASES } from '../../src/directory/headings.js';
import { recordingIo, tempDir } from './cli-harness.js';

const JA = usage('ja');
const EN = usage('en');

describe('hiroba (argument handling)', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  it('prints the usage in Japanese by default for help, exit 0', async () => {
    const io = recordingIo();
    expect(await runCli(['help'], io)).toBe(0);
    expect(io.stdout).toEqual([JA]);
    expect(JA.split('\n')[0]).toBe('使い方: hiroba <コマンド> [オプション]');
    expect(JA).toBe(catalogues.ja['cli.usage']);
  });

  it('prints the usage in English with --locale en (before or after the command) or HIROBA_LOCALE=en', async () => {
    for (const [argv, env] of [
      [['help', '--locale', 'en'], {}],
      [['--locale=en', 'help'], {}],
      [['help'], { HIROBA_LOCALE: 'en' }],
    ] as const) {
      const io = recordingIo({ ...env });
      expect(await runCli([...argv], io)).toBe(0);
      expect(io.stdout).toEqual([EN]);
    }
    expect(EN.split('\n')[0]).toBe('Usage: hiroba <command> [options]');
    // --locale wins over HIROBA_LOCALE.
    const io = recordingIo({ HIROBA_LOCALE: 'en' });
    expect(await runCli(['help', '--locale', 'ja'], io)).toBe(0);
    expect(io.stdout).toEqual([JA]);
  });

  it('lists every command and option in both languages', () => {
    for (const text of [JA, EN]) {
      for (const word of ['start', 'demo', 'migrate', 'import-directory', 'run-job', 'help']) {
        expect(text).toContain(`  ${word}`);
      }
      for (const option of [
        '--locale ja|en',
        '--workspace <W>',
        '--platform slack|teams',
        '--dry-run',
        '--at <',
        '--db <',
      ]) {
        expect(text).toContain(option);
      }
    }
  });

  it('explains one command in detail with help <command> or <command> --help', async () => {
    const io = recordingIo();
    expect(await runCli(['help', 'import-directory'], io)).toBe(0);
    const help = io.stdout[0] ?? '';
    expect(help).toBe(commandHelp('ja', 'import-directory'));
    // The headings it lists are the ones the reader recognises (one table for both).
    for (const alias of Object.values(HEADING_ALIASES).flat()) expect(help).toContain(alias);
    expect(help).toContain('Unicode テキスト');
    const runJob = recordingIo();
    expect(await runCli(['run-job', '--help', '--locale', 'en'], runJob)).toBe(0);
    for (const job of JOB_NAMES) expect(runJob.stdout[0]).toContain(`  ${job} (`);
    expect(runJob.stdout[0]).toContain('  digest (weekly digest)');
  });

  it('prints the usage without a command, exit 2', async () => {
    const io = recordingIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.stdout).toEqual([JA]);
  });

  it('refuses an unknown command with one line and the usage, exit 2', async () => {
    const io = recordingIo();
    expect(await runCli(['deploy'], io)).toBe(2);
    expect(io.stderr).toEqual(['hiroba: 「deploy」というコマンドはありません。', JA]);
    const en = recordingIo();
    expect(await runCli(['deploy', '--locale', 'en'], en)).toBe(2);
    expect(en.stderr).toEqual(['hiroba: unknown command "deploy"', EN]);
  });

  it('refuses a --locale it does not speak, in the language it would otherwise use', async () => {
    const io = recordingIo();
    expect(await runCli(['help', '--locale', 'fr'], io)).toBe(2);
    expect(io.stderr).toEqual(['hiroba: --locale には ja または en を指定してください（指定された値: 「fr」）。', JA]);
    const missing = recordingIo({ HIROBA_LOCALE: 'en' });
    expect(await runCli(['migrate', '--locale'], missing)).toBe(2);
    expect(missing.stderr).toEqual(["hiroba: Option '--locale' needs a value", EN]);
  });

  it.each([
    [['migrate', '--nope'], 'migrate: オプション --nope はありません。'],
    [['migrate', 'extra'], 'migrate: 「extra」は不要な引数です。'],
    [
      ['import-directory'],
      'import-directory: 取り込むファイルを指定してください（例: npx hiroba import-directory 名簿.csv --workspace T0123ABCD）。',
    ],
    [
      ['import-directory', 'a.csv', '--workspace'],
      'import-directory: オプション --workspace には値を指定してください。',
    ],
    [['run-job', 'digest', '--dry-run=yes'], 'run-job: オプション --dry-run には値を指定できません。'],
    [
      ['run-job'],
      'run-job: 実行するジョブを指定してください。指定できるのは purpose-reminder, story-prompts, idea-call, digest, manager-reports, nudges, directory-sync, retention です。',
    ],
    [
      ['run-job', 'weekly'],
      'run-job: 「weekly」というジョブはありません。指定できるのは purpose-reminder, story-prompts, idea-call, digest, manager-reports, nudges, directory-sync, retention です。',
    ],
    [
      ['run-job', 'digest', '--at', '2026-03-06'],
      'run-job: --at は --dry-run と合わせて指定してください（過去や未来の時点で実際に送信することはできません）。',
    ],
    [['demo', '--weeks', '2'], 'demo: --weeks には 4〜52 の整数を指定してください（指定された値: 「2」）。'],
    [['demo', '--weeks', 'ten'], 'demo: --weeks には 4〜52 の整数を指定してください（指定された値: 「ten」）。'],
    [['start', '--port', '80'], 'start: オプション --port はありません。'],
  ])('%j → one line, the usage, exit 2, no stack trace', async (argv, line) => {
    const io = recordingIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr).toEqual([line, JA]);
    expect(io.stdout).toEqual([]);
  });

  it.each([
    [['migrate', '--nope'], "migrate: Unknown option '--nope'"],
    [['import-directory', 'a.csv', '--workspace'], "import-directory: Option '--workspace' needs a value"],
    [['demo', '--weeks', '2'], 'demo: --weeks must be a whole number from 4 to 52 (got "2")'],
  ])('%j in English → one line and the usage', async (argv, line) => {
    const io = recordingIo();
    expect(await runCli([...argv, '--locale', 'en'], io)).toBe(2);
    expect(io.stderr).toEqual([line, EN]);
  });

  it('refuses a demo database that already exists (it would mix two runs)', async () => {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const io = recordingIo();
    expect(await runCli(['demo', '--db', temp.dir], io)).toBe(2);
    expect(io.stderr[0]).toBe(
      `demo: ${temp.dir} はすでにあります。--db には新しいファイルを指定してください（--db を省略すると一時ファイルを使います）。`,
    );
  });

  it('prints one line, not a stack trace, when a command fails unexpectedly', async () => {
    const temp = tempDir();
    temps.push(temp.cleanup);
    const io = recordingIo();
    // A directory where the database file should be: SQLite cannot open it.
    expect(await runCli(['migrate', '--db', temp.dir], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(
      new RegExp(`^migrate: データベース ${temp.dir.replace(/[/\\]/gu, '.')} を開けません: `, 'u'),
    );
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /u);
  });
});
