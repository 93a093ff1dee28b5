import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../../src/demo/run-demo.js';

describe('runDemo (ja, ten weeks)', () => {
  let result: DemoResult;
  const lines: string[] = [];

  // The whole ten weeks of a 318-person company take a while on a busy machine.
  beforeAll(async () => {
    result = await runDemo({ out: (line) => lines.push(line) });
  }, 180_000);
  afterAll(() => {
    rmSync(dirname(result.dbPath), { recursive: true, force: true });
  });

  it('writes its database to a temporary directory, never into the repository', () => {
    expect(existsSync(result.dbPath)).toBe(true);
    expect(result.dbPath.startsWith(tmpdir())).toBe(true);
    expect(resolve(result.dbPath).startsWith(resolve('.'))).toBe(false);
    expect(lines).toContain(`データベース：${result.dbPath}`);
  });

  it('records every simulated activity once, with nothing ignored', () => {
    expect(result.simulation.recorded).toBe(result.activity.events.length);
    expect(result.simulation.ignored).toEqual({});
  });

  it('ran every program: a digest each Friday, manager reports, prompts, idea calls, nudges, reminders', () => {
    // Ten channel digests, plus the leaders' weekly stories in weeks with stories.
    expect(result.sent.digest).toBeGreaterThan(10);
    for (const job of [
      'manager-reports',
      'story-prompts',
      'idea-call',
      'nudges',
      'purpose-reminder',
      'first-post-thanks',
      'welcome',
    ]) {
      expect(result.sent[job] ?? 0).toBeGreaterThan(0);
    }
  });

  it('shows what each audience received: the channel digest, a head of department, a nudge, a story prompt', () => {
    expect(result.shown.digest?.row.recipient).toEqual({ kind: 'channel', id: 'CHIROBA001' });
    expect(result.shown.managerReport?.member?.title).toBe('head');
    expect(result.shown.nudge?.row.recipient.kind).toBe('member');
    expect(result.shown.storyPrompt?.row.recipient.kind).toBe('member');
    const headings = lines.filter((line) => line.startsWith('■ '));
    expect(headings).toEqual([
      '■ 導入の経過',
      `■ ${result.shown.kickoff?.member?.name ?? ''}さんに届いたキックオフ（Hiroba からの最初のメッセージ）`,
      '■ チャンネル #hiroba-広場 に届いた展開のお知らせ',
      '■ チャンネル #hiroba-広場 に届いた週次ダイジェスト',
      `■ ${result.shown.managerReport?.member?.name ?? ''}さん（${result.shown.managerReport?.member?.department ?? ''} 部長）に届いたマネージャーレポート`,
      `■ ${result.shown.nudge?.member?.name ?? ''}さんに届いたお声がけ（しばらく投稿のない方へ）`,
      `■ ${result.shown.leader?.member?.name ?? ''}さん（役員）に届いた今週の成功事例`,
      `■ ${result.shown.storyPrompt?.member?.name ?? ''}さんに届いた成功事例の投稿のお願い`,
      '■ 週ごとの推移（全社）',
      '■ 部署別（直近の週）',
      '■ 送信したメッセージ',
    ]);
    // Each shown message is printed with its title.
    expect(lines.filter((line) => line.startsWith('  │ # '))).toHaveLength(7);
  });

  it('ends with the promises check: every promise kept over everything sent', () => {
    expect(result.promises.results.flatMap((r) => r.breaches)).toEqual([]);
    expect(lines.at(-1)).toBe(`約束：${result.promises.total}項目すべて守られました`);
  });

  it('summarises ten weeks in which participation grows and the pilot phase comes first', () => {
    expect(result.weeks).toHaveLength(10);
    expect(result.weeks.map((row) => row.phase)).toEqual([
      'pilot',
      'pilot',
      'pilot',
      'expansion',
      'expansion',
      'expansion',
      'company',
      'company',
      'company',
      'company',
    ]);
    const first = result.weeks[0]?.metrics.participationRate ?? 1;
    const last = result.weeks.at(-1)?.metrics.participationRate ?? 0;
    expect(last).toBeGreaterThan(first * 3);
    // Executives take part only from the president's week on.
    expect(result.weeks.slice(0, 7).every((row) => row.metrics.executives.active === 0)).toBe(true);
    expect(result.weeks[7]?.metrics.executives.active).toBeGreaterThan(0);
  });

  it('shows the department that never joined at zero', () => {
    const accounting = result.departments.find((row) => row.department === '経理部');
    expect(accounting?.metrics.members).toBe(24);
    expect(accounting?.metrics.contributors).toBe(0);
    expect(accounting?.metrics.reached).toBe(0);
  });
});

describe('runDemo --locale en', () => {
  it('speaks English around the messages and in them', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const result = await runDemo({ locale: 'en', weeks: 4, out: (line) => lines.push(line) });
    rmSync(dirname(result.dbPath), { recursive: true, force: true });
    expect(lines[0]).toBe('Hiroba demo — Hiroba Trading Co., Ltd. (318 people, 6 departments, 3 sites)');
    expect(lines).toContain('■ Weekly digest posted in #hiroba-square');
    expect(result.weeks).toHaveLength(4);
    const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
    expect(lines.filter((line) => japanese.test(line))).toEqual([]);
  });
});
