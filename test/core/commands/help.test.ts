import { describe, expect, it } from 'vitest';
import { helpLines, helpText, parseErrorText, usage } from '../../../src/core/commands/help.js';
import { type ParseError, parseCommand } from '../../../src/core/commands/parse.js';
import { createCommandRegistry } from '../../../src/core/commands/registry.js';
import { hasRole } from '../../../src/core/commands/roles.js';
import type { Locale, Platform, Role } from '../../../src/core/types.js';

const registry = createCommandRegistry();
const ROLES: Role[] = ['member', 'manager', 'ops', 'admin'];
const PLATFORMS: [Platform, string][] = [
  ['slack', '/hiroba'],
  ['teams', '@Hiroba'],
];

/** The command words at the start of each help line, e.g. "/hiroba purpose show". */
function forms(locale: Locale, role: Role, platform: Platform = 'slack'): string[] {
  return helpLines(registry, locale, role, platform).flatMap((s) =>
    s.lines.map((line) => line.split(/[（:]/u)[0]!.trim()),
  );
}

const MEMBER = [
  'help',
  'purpose show',
  'rules show',
  'stats',
  'stats --fiscal-year',
  'optout',
  'optin',
  'language ja|en',
];
const MANAGER = ['stats <@member, name or email>', 'stats <department or location>', 'dashboard'];
const OPS = [
  'purpose set <text>',
  'rules set <text>',
  'channels list',
  'channels add <#channel>',
  'channels remove <#channel>',
  'digest channel <#channel>',
  'digest preview',
  'digest send',
  'inactive [department or location] [inactive|never] [page 2] [csv]',
  'reach',
  'profile-fields show',
  'profile-fields set department|location|manager <field>',
  'rollout status',
  'rollout readiness [participation 40%] [reach 60%] [cross 20%] [stories 3]',
  'rollout advance',
  'rollout pilot add|remove <@member>',
  'rollout departments add|remove <department>',
  'schedule show',
  'schedule set <job> <cron>',
  'prompt story|idea <@member, department or location>',
  'confirm|cancel',
  'retention show',
  'retention set <days>',
];
const ADMIN = [
  'moderation on|off',
  'privacy manager-names on|off',
  'role grant|revoke ops|admin <@member>',
  'forget <@member>',
  'audit [n]',
];
const EXPECTED: Record<Role, string[]> = {
  member: MEMBER,
  manager: [...MEMBER, ...MANAGER],
  ops: [...MEMBER, ...MANAGER, ...OPS],
  admin: [...MEMBER, ...MANAGER, ...OPS, ...ADMIN],
};

describe('help lists exactly what the caller may run, in the form they type it', () => {
  for (const [platform, prefix] of PLATFORMS) {
    for (const role of ROLES) {
      it(`${role} on ${platform}`, () => {
        expect(forms('en', role, platform)).toEqual(EXPECTED[role].map((f) => `${prefix} ${f}`));
      });
    }
  }

  it('lists no command the role may not run, and every command it may run', () => {
    for (const role of ROLES) {
      const visible = registry.helpFor(role);
      for (const entry of visible) {
        expect(hasRole(role, entry.definition.role), `${role}: ${entry.definition.id}`).toBe(true);
        expect(hasRole(role, entry.role), `${role}: ${entry.line.key}`).toBe(true);
      }
      const lines = forms('en', role);
      for (const def of registry.definitions.filter((d) => hasRole(role, d.role))) {
        // Each runnable command is on a line that starts with its first two words (grant|revoke share one).
        const heads = lines.flatMap((l) => (l.split(' ')[1] ?? '').split('|'));
        expect(heads.includes(def.words[0]), `${role} can run ${def.id} but help does not show it`).toBe(true);
      }
      for (const line of lines) {
        const parsed = parseCommand(line.replace(/\s*[<[].*$/u, '').replace(/\|\S+/gu, ''));
        if (parsed.ok) expect(hasRole(role, parsed.definition.role), `${role}: ${line}`).toBe(true);
        else expect(parsed.error.code, line).not.toBe('unknown_command');
      }
    }
  });

  it('shows the Japanese forms with their aliases', () => {
    expect(forms('ja', 'member')).toContain('/hiroba stats');
    expect(helpText(registry, 'ja', 'member', 'slack')).toContain(
      '• /hiroba stats（統計）：ご自身の参加スコアとその内訳を表示します',
    );
    expect(helpText(registry, 'ja', 'member', 'teams')).toContain('• @Hiroba stats（統計）：');
  });

  it('advertises forget and audit to admins only', () => {
    for (const role of ROLES) {
      const text = helpText(registry, 'en', role, 'slack') + helpText(registry, 'ja', role, 'teams');
      for (const word of ['audit', 'forget', '監査']) {
        if (role === 'admin') expect(text).toContain(word);
        else expect(text).not.toContain(word);
      }
    }
  });

  it('offers the dashboard link to managers and above, never to members', () => {
    expect(helpText(registry, 'en', 'member', 'slack')).not.toContain('dashboard');
    for (const role of ['manager', 'ops', 'admin'] as const) {
      expect(helpText(registry, 'en', role, 'slack')).toContain('/hiroba dashboard');
      expect(helpText(registry, 'ja', role, 'teams')).toContain('@Hiroba dashboard（ダッシュボード）');
    }
  });

  it('groups lines under one heading per role, in the caller’s language', () => {
    expect(helpLines(registry, 'ja', 'ops', 'slack').map((s) => s.title)).toEqual([
      'どなたでもお使いいただけます',
      'マネージャーの方',
      '運用担当の方',
    ]);
    expect(helpLines(registry, 'en', 'admin', 'slack').map((s) => s.title)).toEqual([
      'Everyone',
      'Managers',
      'Ops',
      'Admins',
    ]);
  });

  it('renders as plain text with a title and an intro per platform', () => {
    expect(helpText(registry, 'en', 'member', 'slack').split('\n').slice(0, 4)).toEqual([
      'Hiroba commands',
      'Type these after /hiroba.',
      '',
      'Everyone',
    ]);
    expect(helpText(registry, 'en', 'member', 'teams').split('\n')[1]).toBe(
      'In a channel, type these after @Hiroba; in your chat with Hiroba, type them as they are.',
    );
    expect(helpText(registry, 'en', 'member', 'slack')).not.toContain('Managers');
  });
});

describe('the registry', () => {
  it('refuses a form that would mean two words', () => {
    expect(() => createCommandRegistry()).not.toThrow();
  });

  it('has one definition per id', () => {
    const ids = registry.definitions.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('usage and error texts', () => {
  function errorOf(text: string): ParseError {
    const result = parseCommand(text, {});
    if (result.ok) throw new Error('parsed');
    return result.error;
  }

  it('shows every form of the topic the caller may use', () => {
    expect(usage(registry, 'schedule', 'en', 'ops', 'slack')).toBe(
      [
        'How to use schedule',
        '• /hiroba schedule show: when each job runs',
        '• /hiroba schedule set <job> <cron>: change when a job runs, e.g. schedule set digest 0 16 * * 5',
        'Type /hiroba help to see every command you can use.',
      ].join('\n'),
    );
    // A member is not shown ops forms, only where to find what they may use.
    expect(usage(registry, 'schedule', 'en', 'member', 'teams')).toBe(
      'Type @Hiroba help to see every command you can use.',
    );
  });

  it('says what is wrong and how to fix it, then the usage (en)', () => {
    expect(parseErrorText(registry, errorOf('language fr'), 'en')).toBe(
      [
        '"fr" is not available. Please say ja (Japanese) or en (English).',
        '',
        'How to use language',
        '• /hiroba language ja|en: the language Hiroba uses with you',
        'Type /hiroba help to see every command you can use.',
      ].join('\n'),
    );
    expect(parseErrorText(registry, errorOf('hepl'), 'en').split('\n')[0]).toBe(
      'There is no command "hepl". Did you mean "help"?',
    );
  });

  it('says what is wrong and how to fix it, then the usage (ja)', () => {
    expect(parseErrorText(registry, errorOf('role grant king <@U1>'), 'ja').split('\n')[0]).toBe(
      '「king」は指定できません。ops（運用担当者）または admin（管理者）を指定してください。',
    );
    expect(parseErrorText(registry, errorOf('ほげ'), 'ja').split('\n')[0]).toBe('「ほげ」というコマンドはありません。');
    expect(parseErrorText(registry, errorOf('スケジュル'), 'ja').split('\n')[0]).toBe(
      '「スケジュル」というコマンドはありません。もしかして「スケジュール」ですか？',
    );
    expect(parseErrorText(registry, errorOf('schedule set weekly 0 9 * * 1'), 'ja').split('\n')[0]).toContain(
      'digest（週次ダイジェスト）',
    );
  });

  it('leaves no placeholder unfilled for any error', () => {
    const bad = [
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
      'inactive page',
      `rules set ${'x'.repeat(3001)}`,
      `stats ${'x'.repeat(201)}`,
      'rollout departments add',
    ];
    for (const text of bad) {
      for (const locale of ['ja', 'en'] as Locale[]) {
        expect(parseErrorText(registry, errorOf(text), locale), `${locale}: ${text}`).not.toMatch(/\{\w+\}/u);
      }
    }
  });
});
