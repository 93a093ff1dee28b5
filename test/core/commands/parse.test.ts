import { describe, expect, it } from 'vitest';
import { type Command, type ParseError, parseCommand } from '../../../src/core/commands/parse.js';

function command(text: string, channelId: string | null = null): Command {
  const result = parseCommand(text, { channelId });
  if (!result.ok) throw new Error(`"${text}" did not parse: ${JSON.stringify(result.error)}`);
  return result.command;
}

function error(text: string, channelId: string | null = null): ParseError {
  const result = parseCommand(text, { channelId });
  if (result.ok) throw new Error(`"${text}" parsed as ${JSON.stringify(result.command)}`);
  return result.error;
}

const U1 = { kind: 'platformId', id: 'U1' } as const;

describe('every grammar line in English', () => {
  const cases: [string, Command][] = [
    ['help', { type: 'help', topic: null }],
    ['help stats', { type: 'help', topic: 'stats' }],
    ['purpose show', { type: 'purpose.show' }],
    ['purpose set Share what you learn', { type: 'purpose.set', text: 'Share what you learn' }],
    ['rules show', { type: 'rules.show' }],
    ['rules set Be kind. Post in threads.', { type: 'rules.set', text: 'Be kind. Post in threads.' }],
    ['channels list', { type: 'channels.list' }],
    ['channels add <#C100|sns>', { type: 'channels.add', channel: { id: 'C100', name: 'sns', implicit: false } }],
    ['channels remove <#C100>', { type: 'channels.remove', channel: { id: 'C100', name: null, implicit: false } }],
    [
      'digest channel <#C200|digest>',
      { type: 'digest.channel', channel: { id: 'C200', name: 'digest', implicit: false } },
    ],
    ['digest preview', { type: 'digest.preview' }],
    ['digest send', { type: 'digest.send' }],
    ['stats', { type: 'stats', target: null, fiscalYear: false }],
    ['stats <@U1>', { type: 'stats', target: { kind: 'member', member: U1 }, fiscalYear: false }],
    [
      'stats taro@example.com',
      {
        type: 'stats',
        target: { kind: 'member', member: { kind: 'email', email: 'taro@example.com' } },
        fiscalYear: false,
      },
    ],
    ['stats Sales', { type: 'stats', target: { kind: 'group', name: 'Sales' }, fiscalYear: false }],
    ['stats --fiscal-year', { type: 'stats', target: null, fiscalYear: true }],
    ['stats <@U1> --fiscal-year', { type: 'stats', target: { kind: 'member', member: U1 }, fiscalYear: true }],
    [
      'stats --fiscal-year Customer Success',
      { type: 'stats', target: { kind: 'group', name: 'Customer Success' }, fiscalYear: true },
    ],
    ['inactive', { type: 'inactive', group: null, state: null, page: 1, csv: false }],
    ['rollout status', { type: 'rollout.status' }],
    ['rollout advance', { type: 'rollout.advance' }],
    ['rollout pilot add <@U1>', { type: 'rollout.pilot.add', member: U1 }],
    ['rollout pilot remove <@U1>', { type: 'rollout.pilot.remove', member: U1 }],
    ['rollout departments add Customer Success', { type: 'rollout.departments.add', department: 'Customer Success' }],
    ['schedule show', { type: 'schedule.show' }],
    ['schedule set digest 0 16 * * 5', { type: 'schedule.set', job: 'digest', cron: '0 16 * * 5' }],
    ['schedule set nudges 0 0 10 * * WED', { type: 'schedule.set', job: 'nudges', cron: '0 0 10 * * WED' }],
    [
      'schedule set purpose-reminder 0 10 1-7 * 1',
      { type: 'schedule.set', job: 'purpose-reminder', cron: '0 10 1-7 * 1' },
    ],
    ['moderation on', { type: 'moderation', enabled: true }],
    ['moderation off', { type: 'moderation', enabled: false }],
    ['privacy manager-names on', { type: 'privacy.managerNames', enabled: true }],
    ['privacy manager-names off', { type: 'privacy.managerNames', enabled: false }],
    ['role grant ops <@U1>', { type: 'role.grant', role: 'ops', member: U1 }],
    ['role revoke admin <@U1>', { type: 'role.revoke', role: 'admin', member: U1 }],
    ['prompt story <@U1>', { type: 'prompt', kind: 'story', target: { kind: 'member', member: U1 } }],
    ['prompt idea Engineering', { type: 'prompt', kind: 'idea', target: { kind: 'group', name: 'Engineering' } }],
    ['optout', { type: 'optout' }],
    ['optin', { type: 'optin' }],
    ['language ja', { type: 'language', locale: 'ja' }],
    ['language en', { type: 'language', locale: 'en' }],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });
});

describe('Japanese forms', () => {
  const cases: [string, Command][] = [
    ['ヘルプ', { type: 'help', topic: null }],
    ['使い方', { type: 'help', topic: null }],
    ['目的　表示', { type: 'purpose.show' }],
    [
      '目的 設定 部署を越えて、学びと成功事例を共有する場です。',
      { type: 'purpose.set', text: '部署を越えて、学びと成功事例を共有する場です。' },
    ],
    ['ルール 表示', { type: 'rules.show' }],
    ['チャンネル 一覧', { type: 'channels.list' }],
    [
      'チャンネル　追加　<#C1|社内sns>',
      { type: 'channels.add', channel: { id: 'C1', name: '社内sns', implicit: false } },
    ],
    ['チャンネル 削除', { type: 'channels.remove', channel: { id: 'C9', name: null, implicit: true } }],
    ['ダイジェスト チャンネル', { type: 'digest.channel', channel: { id: 'C9', name: null, implicit: true } }],
    ['ダイジェスト プレビュー', { type: 'digest.preview' }],
    ['ダイジェスト 送信', { type: 'digest.send' }],
    ['統計', { type: 'stats', target: null, fiscalYear: false }],
    [
      '統計 営業部　東日本 年度',
      { type: 'stats', target: { kind: 'group', name: '営業部　東日本' }, fiscalYear: true },
    ],
    ['未参加', { type: 'inactive', group: null, state: null, page: 1, csv: false }],
    ['休眠', { type: 'inactive', group: null, state: null, page: 1, csv: false }],
    ['展開 状況', { type: 'rollout.status' }],
    ['展開 次へ', { type: 'rollout.advance' }],
    ['展開 パイロット 追加 <@U1>', { type: 'rollout.pilot.add', member: U1 }],
    ['展開 部署 追加 経営企画部', { type: 'rollout.departments.add', department: '経営企画部' }],
    ['スケジュール 表示', { type: 'schedule.show' }],
    ['スケジュール 設定 digest ０ １６ ＊ ＊ ５', { type: 'schedule.set', job: 'digest', cron: '0 16 * * 5' }],
    ['承認制 オン', { type: 'moderation', enabled: true }],
    ['承認制 オフ', { type: 'moderation', enabled: false }],
    ['プライバシー 氏名表示 有効', { type: 'privacy.managerNames', enabled: true }],
    ['権限 付与 運用 <@U1>', { type: 'role.grant', role: 'ops', member: U1 }],
    ['権限 取消 管理者 <@U1>', { type: 'role.revoke', role: 'admin', member: U1 }],
    ['依頼 事例 営業部', { type: 'prompt', kind: 'story', target: { kind: 'group', name: '営業部' } }],
    ['依頼 アイデア <@U1>', { type: 'prompt', kind: 'idea', target: { kind: 'member', member: U1 } }],
    ['配信停止', { type: 'optout' }],
    ['配信再開', { type: 'optin' }],
    ['言語 英語', { type: 'language', locale: 'en' }],
    ['言語 日本語', { type: 'language', locale: 'ja' }],
    ['ﾍﾙﾌﾟ', { type: 'help', topic: null }],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(command(text, 'C9')).toEqual(expected);
  });
});

describe('words are case-insensitive and full-width tolerant', () => {
  it.each([
    ['HELP', { type: 'help', topic: null }],
    ['Purpose Show', { type: 'purpose.show' }],
    ['ＳＴＡＴＳ', { type: 'stats', target: null, fiscalYear: false }],
    ['  digest　　SEND  ', { type: 'digest.send' }],
    ['Language EN', { type: 'language', locale: 'en' }],
    ['schedule set DIGEST 0 16 * * 5', { type: 'schedule.set', job: 'digest', cron: '0 16 * * 5' }],
  ] as [string, Command][])('%s', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });
});

describe('mentions of each shape', () => {
  it('reads a Slack user mention with and without a name', () => {
    expect(command('rollout pilot add <@U0ABC123>')).toEqual({
      type: 'rollout.pilot.add',
      member: { kind: 'platformId', id: 'U0ABC123' },
    });
    expect(command('rollout pilot add <@U0ABC123|hanako>')).toEqual({
      type: 'rollout.pilot.add',
      member: { kind: 'platformId', id: 'U0ABC123' },
    });
    expect(command('role grant ops <@W012|Hanako Sato>')).toEqual({
      type: 'role.grant',
      role: 'ops',
      member: { kind: 'platformId', id: 'W012' },
    });
  });

  it('reads Slack channel mentions with a name, an empty name and none', () => {
    expect(command('channels add <#C0123|general>')).toMatchObject({ channel: { id: 'C0123', name: 'general' } });
    expect(command('channels add <#C0123|>')).toMatchObject({ channel: { id: 'C0123', name: null } });
    expect(command('channels add <#C0123>')).toMatchObject({ channel: { id: 'C0123', name: null } });
  });

  it('reads a Teams channel mention with its name, as the Teams adapter writes it', () => {
    expect(command('channels add <#19:abcDEF123@thread.tacv2|全社 SNS>')).toEqual({
      type: 'channels.add',
      channel: { id: '19:abcDEF123@thread.tacv2', name: '全社 SNS', implicit: false },
    });
  });

  it('reads a pasted Teams channel id', () => {
    expect(command('digest channel 19:abcDEF123@thread.tacv2')).toEqual({
      type: 'digest.channel',
      channel: { id: '19:abcDEF123@thread.tacv2', name: null, implicit: false },
    });
  });

  it('reads a Teams at-mention (spaces inside) as a name', () => {
    expect(command('stats <at>山田 太郎</at>')).toEqual({
      type: 'stats',
      target: { kind: 'member', member: { kind: 'name', name: '山田 太郎' } },
      fiscalYear: false,
    });
    expect(command('role grant admin <at>Hanako Sato</at>')).toEqual({
      type: 'role.grant',
      role: 'admin',
      member: { kind: 'name', name: 'Hanako Sato' },
    });
  });

  it("skips the bot's own Teams at-mention at the start", () => {
    expect(command('<at>Hiroba</at> stats <at>Taro</at>')).toEqual({
      type: 'stats',
      target: { kind: 'member', member: { kind: 'name', name: 'Taro' } },
      fiscalYear: false,
    });
  });

  it('reads emails, plain and as Slack mailto links, in lower case', () => {
    expect(command('rollout pilot add Taro.Yamada@Example.co.jp')).toEqual({
      type: 'rollout.pilot.add',
      member: { kind: 'email', email: 'taro.yamada@example.co.jp' },
    });
    expect(command('rollout pilot add <mailto:hanako@example.com|hanako@example.com>')).toEqual({
      type: 'rollout.pilot.add',
      member: { kind: 'email', email: 'hanako@example.com' },
    });
  });

  it('reads a plain @name as a name', () => {
    expect(command('rollout pilot remove @taro')).toEqual({
      type: 'rollout.pilot.remove',
      member: { kind: 'name', name: 'taro' },
    });
  });
});

describe('channel-implicit forms', () => {
  it('means the channel the words were said in', () => {
    expect(command('channels add', 'C777')).toEqual({
      type: 'channels.add',
      channel: { id: 'C777', name: null, implicit: true },
    });
    expect(command('channels remove', 'C777')).toEqual({
      type: 'channels.remove',
      channel: { id: 'C777', name: null, implicit: true },
    });
    expect(command('digest channel', '19:x@thread.tacv2')).toEqual({
      type: 'digest.channel',
      channel: { id: '19:x@thread.tacv2', name: null, implicit: true },
    });
  });

  it('prefers a channel that is named', () => {
    expect(command('channels add <#C1|a>', 'C777')).toEqual({
      type: 'channels.add',
      channel: { id: 'C1', name: 'a', implicit: false },
    });
  });

  it('is an error outside a channel', () => {
    for (const text of ['channels add', 'channels remove']) {
      expect(error(text, null)).toEqual({ code: 'missing_argument', topic: 'channels', argument: 'channel' });
    }
    expect(error('digest channel', null)).toEqual({ code: 'missing_argument', topic: 'digest', argument: 'channel' });
    expect(parseCommand('digest channel', {})).toEqual({
      ok: false,
      error: { code: 'missing_argument', topic: 'digest', argument: 'channel' },
    });
  });
});

describe('setting texts are kept as typed', () => {
  it('keeps inner spacing, newlines and marks; trims the ends', () => {
    const text = '社内の学びを共有する場です。\n  ・質問は気軽に\n  ・*太字* も <そのまま>';
    expect(command(`purpose set   ${text}  \n`)).toEqual({ type: 'purpose.set', text });
    expect(command(`rules set\n${text}`)).toEqual({ type: 'rules.set', text });
  });

  it('accepts 3000 characters and refuses 3001', () => {
    expect(command(`purpose set ${'あ'.repeat(3000)}`)).toEqual({ type: 'purpose.set', text: 'あ'.repeat(3000) });
    expect(error(`purpose set ${'あ'.repeat(3001)}`)).toEqual({
      code: 'too_long',
      topic: 'purpose',
      argument: 'text',
      detail: '3001',
    });
    expect(error(`rules set ${'x'.repeat(4000)}`)).toEqual({
      code: 'too_long',
      topic: 'rules',
      argument: 'text',
      detail: '4000',
    });
  });

  it('needs some text', () => {
    expect(error('purpose set')).toEqual({ code: 'missing_argument', topic: 'purpose', argument: 'text' });
    expect(error('rules set 　 ')).toEqual({ code: 'missing_argument', topic: 'rules', argument: 'text' });
  });
});

describe('bare topic words', () => {
  it.each([
    ['purpose', { type: 'purpose.show' }],
    ['rules', { type: 'rules.show' }],
    ['channels', { type: 'channels.list' }],
    ['rollout', { type: 'rollout.status' }],
    ['schedule', { type: 'schedule.show' }],
  ] as [string, Command][])('%s shows the current state', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });
});

describe('later words', () => {
  it.each([
    ['forget <@U1>', { type: 'forget', member: { kind: 'platformId', id: 'U1' } }],
    ['忘れる taro@example.jp', { type: 'forget', member: { kind: 'email', email: 'taro@example.jp' } }],
    ['audit', { type: 'audit', count: 20 }],
    ['監査ログ ５０', { type: 'audit', count: 50 }],
    ['retention', { type: 'retention.show' }],
    ['保存期間 設定 365日', { type: 'retention.set', days: 365 }],
  ] as [string, Command][])('%s is a command now', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });
  it.each([
    ['audit 0', 'count'],
    ['audit 201', 'count'],
    ['audit many', 'count'],
    ['retention set 29', 'days'],
    ['retention set 731', 'days'],
    ['retention set', 'days'],
    ['forget', 'member'],
  ])('%s is refused with the argument named', (text, argument) => {
    expect(error(text)).toMatchObject({ argument });
  });
  it.each(['dashboard', 'ダッシュボード', 'DASHBOARD'])('%s asks for a dashboard link', (text) => {
    expect(command(text)).toEqual({ type: 'dashboard' });
  });
  it('profile-fields maps a dimension to a field label kept verbatim', () => {
    expect(command('profile-fields set department 所属 部署')).toEqual({
      type: 'profileFields.set',
      field: 'department',
      name: '所属 部署',
    });
    expect(command('プロフィール項目 設定 上長 Xf01')).toEqual({
      type: 'profileFields.set',
      field: 'manager',
      name: 'Xf01',
    });
    expect(command('fields clear location')).toEqual({ type: 'profileFields.clear', field: 'location' });
    expect(command('profile-fields')).toEqual({ type: 'profileFields.show' });
  });
  it('reach (and 到達状況) is the reach report', () => {
    expect(command('reach')).toEqual({ type: 'reach' });
    expect(command('到達状況')).toEqual({ type: 'reach' });
  });
});

describe('bad input', () => {
  const cases: [string, ParseError][] = [
    ['frobnicate', { code: 'unknown_command', topic: 'help', detail: 'frobnicate' }],
    ['よろしく', { code: 'unknown_command', topic: 'help', detail: 'よろしく' }],
    ['purpose delete', { code: 'unknown_command', topic: 'purpose', argument: 'subcommand', detail: 'delete' }],
    ['digest', { code: 'missing_argument', topic: 'digest', argument: 'subcommand' }],
    ['digest later', { code: 'unknown_command', topic: 'digest', argument: 'subcommand', detail: 'later' }],
    ['digest send now', { code: 'invalid_argument', topic: 'digest', argument: 'extra', detail: 'now' }],
    ['channels add general', { code: 'invalid_argument', topic: 'channels', argument: 'channel', detail: 'general' }],
    ['channels add <#C1> <#C2>', { code: 'invalid_argument', topic: 'channels', argument: 'extra', detail: '<#C2>' }],
    ['schedule set', { code: 'missing_argument', topic: 'schedule', argument: 'job' }],
    ['schedule set digest', { code: 'missing_argument', topic: 'schedule', argument: 'cron' }],
    [
      'schedule set weekly 0 16 * * 5',
      { code: 'invalid_argument', topic: 'schedule', argument: 'job', detail: 'weekly' },
    ],
    [
      'schedule set digest 0 16 * *',
      { code: 'invalid_argument', topic: 'schedule', argument: 'cron', detail: '0 16 * *' },
    ],
    [
      'schedule set digest 0 0 16 * * 5 2027',
      { code: 'invalid_argument', topic: 'schedule', argument: 'cron', detail: '0 0 16 * * 5 2027' },
    ],
    [
      'schedule set digest 0 16 * * 金',
      { code: 'invalid_argument', topic: 'schedule', argument: 'cron', detail: '0 16 * * 金' },
    ],
    ['moderation', { code: 'missing_argument', topic: 'moderation', argument: 'switch' }],
    ['moderation maybe', { code: 'invalid_argument', topic: 'moderation', argument: 'switch', detail: 'maybe' }],
    ['privacy', { code: 'missing_argument', topic: 'privacy', argument: 'subcommand' }],
    ['privacy manager-names', { code: 'missing_argument', topic: 'privacy', argument: 'switch' }],
    ['role', { code: 'missing_argument', topic: 'role', argument: 'subcommand' }],
    ['role grant', { code: 'missing_argument', topic: 'role', argument: 'role' }],
    ['role grant king <@U1>', { code: 'invalid_argument', topic: 'role', argument: 'role', detail: 'king' }],
    ['role grant ops', { code: 'missing_argument', topic: 'role', argument: 'member' }],
    ['role grant ops taro', { code: 'invalid_argument', topic: 'role', argument: 'member', detail: 'taro' }],
    [
      'role grant ops not-an-email@',
      { code: 'invalid_argument', topic: 'role', argument: 'member', detail: 'not-an-email@' },
    ],
    ['role grant ops <@U1> <@U2>', { code: 'invalid_argument', topic: 'role', argument: 'extra', detail: '<@U2>' }],
    ['language', { code: 'missing_argument', topic: 'language', argument: 'locale' }],
    ['language fr', { code: 'invalid_argument', topic: 'language', argument: 'locale', detail: 'fr' }],
    ['prompt', { code: 'missing_argument', topic: 'prompt', argument: 'kind' }],
    ['prompt poem <@U1>', { code: 'invalid_argument', topic: 'prompt', argument: 'kind', detail: 'poem' }],
    ['prompt story', { code: 'missing_argument', topic: 'prompt', argument: 'target' }],
    ['stats <@U1> Sales', { code: 'invalid_argument', topic: 'stats', argument: 'extra', detail: 'Sales' }],
    ['stats bad@', { code: 'invalid_argument', topic: 'stats', argument: 'member', detail: 'bad@' }],
    ['rollout pilot add', { code: 'missing_argument', topic: 'rollout', argument: 'member' }],
    ['rollout pilot', { code: 'missing_argument', topic: 'rollout', argument: 'subcommand' }],
    ['rollout departments add', { code: 'missing_argument', topic: 'rollout', argument: 'department' }],
    ['rollout backwards', { code: 'unknown_command', topic: 'rollout', argument: 'subcommand', detail: 'backwards' }],
    ['inactive page', { code: 'missing_argument', topic: 'inactive', argument: 'page' }],
    ['optout please now', { code: 'invalid_argument', topic: 'optout', argument: 'extra', detail: 'please now' }],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(error(text)).toEqual(expected);
  });

  it('refuses a department name over 200 characters', () => {
    expect(error(`stats ${'部'.repeat(201)}`)).toEqual({
      code: 'too_long',
      topic: 'stats',
      argument: 'department',
      detail: '201',
    });
  });
});

describe('forgiving input', () => {
  it('shows help for nothing at all, and for the bot name alone', () => {
    for (const text of ['', '  　 ', 'hiroba', '@Hiroba', '<at>Hiroba</at>'])
      expect(command(text)).toEqual({ type: 'help', topic: null });
  });

  it('drops a leading hiroba / @Hiroba (Teams 1:1 chat, habits)', () => {
    expect(command('hiroba help')).toEqual({ type: 'help', topic: null });
    expect(command('@Hiroba stats')).toEqual({ type: 'stats', target: null, fiscalYear: false });
    expect(command('/hiroba 統計')).toEqual({ type: 'stats', target: null, fiscalYear: false });
  });

  it.each([
    ['hepl', 'help'],
    ['statistics', 'stats'],
    ['sceduel', 'schedule'],
    ['スケジュル', 'スケジュール'],
    ['rollot', 'rollout'],
  ])('suggests a word for the typo %s', (typed, suggestion) => {
    expect(error(typed)).toEqual({ code: 'unknown_command', topic: 'help', detail: typed, suggestion });
  });

  it('suggests a second word too', () => {
    expect(error('rollout advence')).toEqual({
      code: 'unknown_command',
      topic: 'rollout',
      argument: 'subcommand',
      detail: 'advence',
      suggestion: 'advance',
    });
  });

  it('reads a name with a space after @ as one member', () => {
    for (const text of ['stats @斎藤 明美', 'stats ＠斎藤　明美']) {
      expect(command(text)).toMatchObject({ target: { kind: 'member', member: { kind: 'name' } } });
    }
    expect(command('stats @斎藤 明美 --fiscal-year')).toEqual({
      type: 'stats',
      target: { kind: 'member', member: { kind: 'name', name: '斎藤 明美' } },
      fiscalYear: true,
    });
    expect(command('rollout pilot add @斎藤 明美')).toEqual({
      type: 'rollout.pilot.add',
      member: { kind: 'name', name: '斎藤 明美' },
    });
  });

  it('takes job names in Japanese', () => {
    expect(command('スケジュール 設定 ダイジェスト 0 16 * * 5')).toEqual({
      type: 'schedule.set',
      job: 'digest',
      cron: '0 16 * * 5',
    });
    expect(command('schedule set お声がけ 0 10 * * 3')).toMatchObject({ job: 'nudges' });
  });

  it('reads inactive filters and pages', () => {
    expect(command('inactive 営業 never page 3')).toEqual({
      type: 'inactive',
      group: '営業',
      state: 'never',
      page: 3,
      csv: false,
    });
    expect(command('未参加 大阪支社 2ページ CSV')).toEqual({
      type: 'inactive',
      group: '大阪支社',
      state: null,
      page: 2,
      csv: true,
    });
  });

  it('has rollout departments remove and confirm', () => {
    expect(command('展開 部署 削除 営業')).toEqual({ type: 'rollout.departments.remove', department: '営業' });
    expect(command('確定')).toEqual({ type: 'confirm' });
    expect(command('cancel')).toEqual({ type: 'cancel' });
  });
});
