import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Message, messageSchema, messageToPlainText } from '../../../src/core/message.js';
import type { Member } from '../../../src/core/types.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
let ops: Member;
const text = (m: Message): string => messageToPlainText(messageSchema.parse(m));
const run = async (who: Member, words: string, channelId: string | null = null): Promise<Message> =>
  await h.core.runCommand({ workspaceId: h.workspace.id, platformId: who.platformId ?? '', text: words, channelId });

beforeEach(async () => {
  h = await createHarness({
    core: { channelName: async (_ws, id) => (id === 'C2' ? 'random-sns' : null) },
  });
  await h.settings({ countedChannels: ['C1'], locale: 'ja' });
  ops = await h.member({ name: '運用 花子', department: '経営企画部' }, { role: 'ops' });
});
afterEach(() => h.close());

describe('purpose show / rules show', () => {
  it('answer with the text itself and who set it when', async () => {
    expect(text(await run(ops, 'purpose show'))).toContain('まだ設定されていません');
    await run(ops, 'purpose set 部署をこえて学びを共有する場です。');
    const shown = text(await run(await h.member({ name: '一般 太郎' }), 'purpose show'));
    expect(shown).toBe(
      '# 社内SNSの目的\n部署をこえて学びを共有する場です。\n運用 花子さんが2026年11月24日に設定しました。',
    );
    expect(shown).not.toContain('毎月');
    await run(ops, 'rules set 返信は気軽に。');
    expect(text(await run(ops, 'rules'))).toContain('返信は気軽に。\n運用 花子さんが2026年11月24日に設定しました。');
  });
});

describe('channels by name', () => {
  it('keeps the name a mention carries, asks the platform otherwise, and never shows an id', async () => {
    expect(text(await run(ops, 'channels add <#C3|全社sns>'))).toContain('#全社sns を集計対象に追加しました');
    expect(text(await run(ops, 'channels add', 'C2'))).toContain('#random-sns を集計対象に追加しました');
    const list = text(await run(ops, 'channels list'));
    expect(list).toContain('#全社sns');
    expect(list).toContain('#random-sns');
    expect(list).toContain('名前を確認できないチャンネル');
    expect(list).not.toMatch(/C[123]\b/u);
  });
});

describe('schedules in words', () => {
  it('shows each job in the caller language with its cron, and warns about quiet hours', async () => {
    const shown = text(await run(ops, 'schedule show'));
    expect(shown).toContain('週次ダイジェスト（digest）：毎週金曜 16:00（0 16 * * 5）');
    expect(shown).toContain('目的のリマインド（purpose-reminder）：毎月第1月曜 10:00（0 10 * * 1#1）');
    const late = text(await run(ops, 'schedule set nudges 0 21 * * *'));
    expect(late).toContain('お声がけのスケジュールを「毎日 21:00（0 21 * * *）」');
    expect(late).toContain('個別メッセージは控える時間帯が明けてから届きます');
    expect(h.workspace.settings.schedules).toEqual({ nudges: '0 21 * * *' });
    const day = text(await run(ops, 'スケジュール 設定 ダイジェスト 0 15 * * 5'));
    expect(day).not.toContain('控える時間帯');
    expect(h.workspace.settings.schedules.digest).toBe('0 15 * * 5');
  });
});

describe('stats reads groups and names as typed', () => {
  let boss: Member;
  beforeEach(async () => {
    boss = await h.member({ name: '斎藤 明美', department: '営業部', location: '大阪支社' });
    for (let i = 0; i < 5; i++)
      await h.member({ name: `営業 ${i}`, department: '営業部', location: '大阪支社' }, { managerId: boss.id });
    await h.member({ name: '企画 一郎', department: '営業企画部', location: '東京本社' });
  });

  it('resolves names with or without a space, half- or full-width', async () => {
    for (const words of ['stats @斎藤 明美', 'stats 斎藤明美', 'stats 斎藤　明美', 'stats ＠斎藤明美']) {
      expect(text(await run(ops, words)), words).toContain('# 斎藤 明美さんの参加状況');
    }
  });

  it('resolves departments and locations by name or unique prefix; ambiguous names list candidates', async () => {
    expect(text(await run(ops, 'stats 営業部'))).toContain('# 営業部の参加状況');
    expect(text(await run(ops, 'stats 大阪支社'))).toContain('# 大阪支社の参加状況');
    expect(text(await run(ops, 'stats 大阪'))).toContain('# 大阪支社の参加状況');
    const ambiguous = text(await run(ops, 'stats 営業'));
    expect(ambiguous).toContain('複数あります');
    expect(ambiguous).toContain('• 営業部');
    expect(ambiguous).toContain('• 営業企画部');
    expect((await run(ops, 'stats 存在しない部')).kind).toBe('command-error');
  });

  it('gives a manager the department made of their own reports, and nothing else', async () => {
    expect((await run(boss, 'stats 営業部')).kind).toBe('stats');
    expect((await run(boss, 'stats 営業企画部')).kind).toBe('command-error');
    expect((await run(await h.member({ name: '一般 太郎' }), 'stats 営業部')).kind).toBe('command-error');
  });

  it('shows the period as dates, people with 名, and no raw decimals or ISO weeks', async () => {
    const own = text(await run(boss, 'stats'));
    expect(own).toContain('# 参加状況：直近7日間（11月17日〜11月23日）');
    // One pair of brackets in the header, never brackets inside brackets.
    expect(own.split('\n')[0]).not.toMatch(/（[^）]*（/u);
    expect(own).toContain('ご自身のチーム（5名）');
    expect(own).not.toMatch(/\d{4}-W\d{2}|\d\.\d|ジニ/u);
    expect(text(await run(ops, 'stats'))).toContain('ジニ係数');
  });
});

describe('stats never gives a figure about fewer than five executives', () => {
  it('hides executive participation under five and shows it from five', async () => {
    for (let i = 0; i < 4; i++) await h.member({ name: `役員 ${i}`, department: '経営企画部' }, { isExecutive: true });
    const few = text(await run(ops, 'stats'));
    expect(few).toContain('参加した役員');
    expect(few).toMatch(/参加した役員[^\n]*人数が少ないため表示しません/u);
    expect(few).not.toMatch(/参加した役員[^\n]*名中/u);
    await h.member({ name: '役員 4', department: '経営企画部' }, { isExecutive: true });
    expect(text(await run(ops, 'stats'))).toMatch(/参加した役員[^\n]*5名中0名/u);
  });
});

describe('bulk actions wait for a confirmation', () => {
  let sales: Member[];
  beforeEach(async () => {
    sales = [];
    for (const i of [0, 1, 2]) sales.push(await h.member({ name: `営業 ${i}`, department: '営業部' }));
    await h.member({ name: '営業 休', department: '営業部' }, { optedOut: true });
    await h.member({ name: '営業 外', department: '営業部' }, { reachable: false });
  });

  it('previews who gets what and who is skipped why, and sends nothing before confirm', async () => {
    const preview = await run(ops, 'prompt story 営業部');
    expect(preview.kind).toBe('command-preview');
    const shown = text(preview);
    expect(shown).toContain('営業部の3名に成功事例の投稿のお願いを送ります');
    expect(shown).toContain('配信を停止している方: 1名：営業 休さん');
    expect(shown).toContain('アプリが未インストールの方: 1名：営業 外さん');
    expect(shown).toContain('[確定して送信] [キャンセル]');
    expect(await h.repos.outbox.list(h.workspace.id)).toEqual([]);
    expect(text(await run(ops, '確定'))).toContain('3名に送信します');
    expect(
      (await h.repos.outbox.list(h.workspace.id, { job: 'prompt-story' })).map((r) => r.recipient.id).sort(),
    ).toEqual(sales.map((m) => m.platformId).sort());
    // Confirmed once: a second confirm finds nothing.
    expect(text(await run(ops, 'confirm'))).toContain('確定を待っている操作はありません');
  });

  it('confirms through the button, only for the person who asked, within ten minutes', async () => {
    const preview = await run(ops, 'prompt idea 営業部');
    const button = preview.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0];
    expect(button?.actionId).toBe('hiroba.command.confirm');
    const other = await h.member({ name: '別の 運用' }, { role: 'ops' });
    const click = (who: Member) =>
      h.core.handleAction({
        workspaceId: h.workspace.id,
        platformId: who.platformId ?? '',
        actionId: button?.actionId ?? '',
        value: button?.value ?? '',
      });
    expect(text((await click(other)) as Message)).toContain('確定を待っている操作はありません');
    expect(await h.repos.outbox.list(h.workspace.id)).toEqual([]);
    h.clock.advance(11 * 60_000);
    expect(text((await click(ops)) as Message)).toContain('10分');
    expect(await h.repos.outbox.list(h.workspace.id)).toEqual([]);
    await run(ops, 'prompt idea 営業部');
    h.clock.advance(9 * 60_000);
    expect(text(await run(ops, 'confirm'))).toContain('3名に送信します');
  });

  it('cancels, and runs nothing', async () => {
    await run(ops, 'rollout departments add 営業');
    expect(text(await run(ops, 'cancel'))).toContain('取りやめました');
    expect(h.workspace.settings.rolloutDepartments).toEqual([]);
  });

  it('rollout departments remove takes a department out after a preview', async () => {
    await run(ops, 'rollout departments add 営業');
    await run(ops, 'confirm');
    expect(h.workspace.settings.rolloutDepartments).toEqual(['営業部']);
    await h.settings({ rolloutPhase: 'expansion' });
    const preview = text(await run(ops, 'rollout departments remove 営業部'));
    expect(preview).toContain('対象から外れる方：5名');
    await run(ops, 'confirm');
    expect(h.workspace.settings.rolloutDepartments).toEqual([]);
  });

  it('digest send previews where and which week, then posts once', async () => {
    await h.settings({ digestChannel: 'C1', channelNames: { C1: '全社sns' } });
    const preview = text(await run(ops, 'digest send'));
    expect(preview).toContain('11月23日〜29日の週次ダイジェストを #全社sns に投稿します');
  });
});

describe('inactive', () => {
  it('filters by group and state, pages, counts per reason and department, marks executives and ops', async () => {
    await h.member({ name: '社長', department: '経営企画部' }, { isExecutive: true });
    for (let i = 0; i < 30; i++) await h.member({ name: `営業 ${String(i).padStart(2, '0')}`, department: '営業部' });
    await h.member({ name: '開発 休', department: '開発部' }, { optedOut: true });
    const first = text(await run(ops, 'inactive'));
    expect(first).toContain('全社でしばらく投稿のないメンバー（未投稿の方を含む）：33名中33名');
    expect(first).toContain('営業部：30名');
    expect(first).toContain('配信を停止している方: 1名');
    expect(first).toContain('2ページ中1ページ目です。続きは `/hiroba inactive page 2`');
    expect(first.split('\n').find((l) => l.includes('•') && l.includes('（'))).not.toContain('社長');
    const second = text(await run(ops, 'inactive page 2'));
    expect(second).toContain('社長（経営企画部）【役員】：未投稿・お声がけの対象外');
    expect(second).toContain('運用 花子（経営企画部）【運用担当者】');
    const sales = text(await run(ops, '未参加 営業 never'));
    expect(sales).toContain('営業部でしばらく投稿のないメンバー（未投稿の方を含む）：30名中30名');
    expect(sales).not.toContain('開発');
  });
});

describe('inactive csv', () => {
  it('sends the whole filtered list as a CSV file to the caller, and says so plainly where files cannot go', async () => {
    const files: { to: string; name: string; content: string }[] = [];
    await h.close();
    h = await createHarness({
      core: {
        sendFile: async (_ws, to, file) => {
          files.push({ to, name: file.name, content: file.content });
          return { ok: true, messageId: 'F1' };
        },
      },
    });
    await h.settings({ locale: 'ja' });
    ops = await h.member({ name: '運用 花子', department: '経営企画部' }, { role: 'ops' });
    for (let i = 0; i < 40; i++)
      await h.member({ name: `営業 ${i}`, department: '営業部', email: `s${i}@example.com` });
    await h.member({ name: '"引用" 太郎', department: '開発部, 東京' });
    expect(text(await run(ops, 'inactive 営業部 csv'))).toContain(
      '一覧（40名）を CSV ファイルで個別メッセージにお送りしました',
    );
    const [file] = files;
    expect(file?.to).toBe(ops.platformId);
    expect(file?.name).toBe('hiroba-inactive-2026-11-24.csv');
    const lines = (file?.content ?? '').split('\r\n');
    expect(lines[0]).toBe('\uFEFF氏名,メールアドレス,部署,拠点,状態,お声がけ,役員,運用担当者');
    expect(lines).toHaveLength(42);
    expect(lines).toContain('営業 0,s0@example.com,営業部,,未投稿,お声がけ未送信,0,0');
    await run(ops, 'inactive csv');
    expect(files[1]?.content).toContain('"""引用"" 太郎",,"開発部, 東京"');
    await h.close();
    h = await createHarness();
    ops = await h.member({ name: '運用 花子' }, { role: 'ops' });
    expect(text(await run(ops, 'inactive csv'))).toContain('ファイルをお送りできません');
  });

  it('where files cannot go but the dashboard is set up, answers with a private dashboard link for the CSV', async () => {
    await h.close();
    h = await createHarness({ core: { dashboardUrl: 'https://hiroba.example.jp' } });
    await h.settings({ locale: 'ja' });
    ops = await h.member({ name: '運用 花子' }, { role: 'ops' });
    const answer = await run(ops, 'inactive csv');
    expect(answer.kind).toBe('dashboard-link');
    expect(text(answer)).toContain('「活動が止まっている方」のページから CSV をダウンロード');
    expect(JSON.stringify(answer)).toMatch(/https:\/\/hiroba\.example\.jp\/dashboard\/login\?token=[A-Za-z0-9_-]+/u);
  });
});
