import { describe, expect, it } from 'vitest';
import { helpLines, helpText, parseErrorText, usage } from '../../../src/core/commands/help.js';
import { type ParseError, parseCommand } from '../../../src/core/commands/parse.js';
import { COMMAND_ROLES, hasRole } from '../../../src/core/commands/roles.js';
import type { Locale, Role } from '../../../src/core/types.js';

/** The command words at the start of each help line, e.g. "purpose show". */
function forms(locale: Locale, role: Role): string[] {
  return helpLines(locale, role).flatMap((s) => s.lines.map((line) => line.split(/[（:]/u)[0]!.trim()));
}

const MEMBER_FORMS = [
  'help',
  'purpose show',
  'rules show',
  'stats',
  'stats --fiscal-year',
  'optout',
  'optin',
  'language ja|en',
];
const MANAGER_FORMS = ['stats <@メンバー またはメールアドレス>', 'stats <部署名>'];
const OPS_FORMS = [
  'purpose set <本文>',
  'rules set <本文>',
  'channels list',
  'channels add <#チャンネル>',
  'channels remove <#チャンネル>',
  'digest channel <#チャンネル>',
  'digest preview',
  'digest send',
  'inactive',
  'reach',
  'profile-fields show',
  'profile-fields set department|location|manager <項目名>',
  'rollout status',
  'rollout advance',
  'rollout pilot add|remove <@メンバー>',
  'rollout departments add <部署名>',
  'schedule show',
  'schedule set <ジョブ名> <cron式>',
  'prompt story|idea <@メンバー または部署名>',
];
const ADMIN_FORMS = ['moderation on|off', 'privacy manager-names on|off', 'role grant|revoke ops|admin <@メンバー>'];

describe('help lists only what the caller may use', () => {
  it('member (ja)', () => {
    expect(forms('ja', 'member')).toEqual(MEMBER_FORMS);
  });
  it('manager (ja) adds stats for reports', () => {
    expect(forms('ja', 'manager')).toEqual([...MEMBER_FORMS, ...MANAGER_FORMS]);
  });
  it('ops (ja) adds every ops command', () => {
    expect(forms('ja', 'ops')).toEqual([...MEMBER_FORMS, ...MANAGER_FORMS, ...OPS_FORMS]);
  });
  it('admin (ja) adds moderation, privacy and roles', () => {
    expect(forms('ja', 'admin')).toEqual([...MEMBER_FORMS, ...MANAGER_FORMS, ...OPS_FORMS, ...ADMIN_FORMS]);
  });

  it('member (en)', () => {
    expect(forms('en', 'member')).toEqual([
      'help',
      'purpose show',
      'rules show',
      'stats',
      'stats --fiscal-year',
      'optout',
      'optin',
      'language ja|en',
    ]);
  });
  it('manager (en)', () => {
    expect(forms('en', 'manager').slice(8)).toEqual(['stats <@member or email>', 'stats <department>']);
  });
  it('ops (en)', () => {
    const ops = forms('en', 'ops');
    expect(ops).toHaveLength(8 + 2 + 19);
    expect(ops).toContain('schedule set <job> <cron>');
    expect(ops).not.toContain('moderation on|off');
  });
  it('admin (en)', () => {
    expect(forms('en', 'admin').slice(-3)).toEqual([
      'moderation on|off',
      'privacy manager-names on|off',
      'role grant|revoke ops|admin <@member>',
    ]);
  });

  it('groups lines under one heading per role, in the caller’s language', () => {
    expect(helpLines('ja', 'ops').map((s) => s.title)).toEqual([
      'どなたでもお使いいただけます',
      'マネージャーの方',
      '運用担当の方',
    ]);
    expect(helpLines('en', 'admin').map((s) => s.title)).toEqual(['Everyone', 'Managers', 'Ops', 'Admins']);
  });

  it('renders as plain text with a title and an intro', () => {
    const text = helpText('en', 'member');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Hiroba commands',
      'On Slack, type these after /hiroba; on Teams, after @Hiroba.',
      '',
      'Everyone',
    ]);
    expect(text).toContain('• optout: stop prompts and nudges from Hiroba');
    expect(text).not.toContain('Managers');
    expect(helpText('ja', 'member')).toContain('• stats（統計）：ご自身の参加スコアとその内訳を表示します');
  });

  it('never lists a command the role may not run', () => {
    const types: Record<string, string> = {
      help: 'help',
      'purpose show': 'purpose.show',
      'purpose set <text>': 'purpose.set',
      'rules show': 'rules.show',
      'rules set <text>': 'rules.set',
      'channels list': 'channels.list',
      'digest send': 'digest.send',
      inactive: 'inactive',
      reach: 'reach',
      'moderation on|off': 'moderation',
    };
    for (const role of ['member', 'manager', 'ops', 'admin'] as Role[]) {
      for (const form of forms('en', role)) {
        const type = types[form];
        if (type !== undefined)
          expect(hasRole(role, COMMAND_ROLES[type as keyof typeof COMMAND_ROLES]), `${role} ${form}`).toBe(true);
      }
    }
  });
});

describe('COMMAND_ROLES', () => {
  it('matches the grammar table', () => {
    expect(COMMAND_ROLES['purpose.show']).toBe('member');
    expect(COMMAND_ROLES['purpose.set']).toBe('ops');
    expect(COMMAND_ROLES.stats).toBe('member');
    expect(COMMAND_ROLES['digest.send']).toBe('ops');
    expect(COMMAND_ROLES['schedule.set']).toBe('ops');
    expect(COMMAND_ROLES.prompt).toBe('ops');
    expect(COMMAND_ROLES.moderation).toBe('admin');
    expect(COMMAND_ROLES['privacy.managerNames']).toBe('admin');
    expect(COMMAND_ROLES['role.grant']).toBe('admin');
    expect(COMMAND_ROLES.language).toBe('member');
  });

  it('orders roles member < manager < ops < admin', () => {
    expect(hasRole('manager', 'member')).toBe(true);
    expect(hasRole('manager', 'ops')).toBe(false);
    expect(hasRole('ops', 'manager')).toBe(true);
    expect(hasRole('ops', 'admin')).toBe(false);
    expect(hasRole('admin', 'ops')).toBe(true);
  });
});

describe('usage and error texts', () => {
  function errorOf(text: string): ParseError {
    const result = parseCommand(text, {});
    if (result.ok) throw new Error('parsed');
    return result.error;
  }

  it('shows every form of the topic', () => {
    expect(usage('schedule', 'en')).toBe(
      [
        'How to use schedule',
        '• schedule show: when each job runs',
        '• schedule set <job> <cron>: change when a job runs, e.g. schedule set digest 0 16 * * 5',
        'Type help to see every command you can use.',
      ].join('\n'),
    );
  });

  it('says what is wrong and how to fix it, then the usage (en)', () => {
    expect(parseErrorText(errorOf('language fr'), 'en')).toBe(
      [
        '"fr" is not available. Please say ja (Japanese) or en (English).',
        '',
        'How to use language',
        '• language ja|en: the language Hiroba uses with you',
        'Type help to see every command you can use.',
      ].join('\n'),
    );
    expect(parseErrorText(errorOf('schedule set digest'), 'en').split('\n')[0]).toBe(
      'Please give a cron expression after the job name (e.g. 0 16 * * 5 is Fridays at 16:00).',
    );
    expect(parseErrorText(errorOf(`purpose set ${'x'.repeat(3001)}`), 'en').split('\n')[0]).toBe(
      'Please keep it to 3,000 characters (this was 3,001).',
    );
  });

  it('says what is wrong and how to fix it, then the usage (ja)', () => {
    expect(parseErrorText(errorOf('role grant king <@U1>'), 'ja').split('\n')[0]).toBe(
      '「king」は指定できません。ops（運用担当）または admin（管理者）を指定してください。',
    );
    expect(parseErrorText(errorOf('ほげ'), 'ja')).toBe(
      [
        '「ほげ」というコマンドはありません。',
        '',
        'help の使い方',
        '• help（ヘルプ）：お使いいただけるコマンドの一覧を表示します',
      ].join('\n'),
    );
    expect(parseErrorText(errorOf('schedule set weekly 0 9 * * 1'), 'ja').split('\n')[0]).toBe(
      '「weekly」というジョブはありません。指定できるのは purpose-reminder, story-prompts, idea-call, digest, manager-reports, nudges, directory-sync, retention です。',
    );
    expect(parseErrorText(errorOf('channels add'), 'ja').split('\n')[0]).toBe(
      'チャンネルを #チャンネル名 の形で指定してください。対象のチャンネル内で実行すると、そのチャンネルが対象になります。',
    );
  });

  it('leaves no placeholder unfilled for any error', () => {
    const bad = [
      '',
      'zzz',
      'digest',
      'digest zzz',
      'digest send x',
      'channels add x',
      'schedule set',
      'schedule set x',
      'schedule set digest',
      'schedule set digest 1',
      'moderation',
      'moderation x',
      'role grant',
      'role grant x',
      'role grant ops',
      'role grant ops x',
      'language',
      'language x',
      'prompt',
      'prompt x',
      'prompt story',
      'purpose set',
      `rules set ${'x'.repeat(3001)}`,
      `stats ${'x'.repeat(201)}`,
      'rollout departments add',
    ];
    for (const text of bad) {
      for (const locale of ['ja', 'en'] as Locale[]) {
        expect(parseErrorText(errorOf(text), locale), `${locale}: ${text}`).not.toMatch(/\{\w+\}/u);
      }
    }
  });
});
