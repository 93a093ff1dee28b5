import { type TextKey, t } from '../i18n/index.js';
import { JOB_NAMES, type Locale, type Platform, type Role } from '../types.js';
import { type ArgumentName, MAX_SETTING_TEXT, type ParseError } from './command.js';
import type { CommandRegistry } from './command-registry.js';

const ROLES_IN_ORDER: readonly Role[] = ['member', 'manager', 'ops', 'admin'];

const SECTION_TITLES: Record<Role, TextKey> = {
  member: 'commands.help.section.member',
  manager: 'commands.help.section.manager',
  ops: 'commands.help.section.ops',
  admin: 'commands.help.section.admin',
};

/** How a command is typed on each platform: `/hiroba stats` on Slack, `@Hiroba stats` on Teams. */
export function commandPrefix(platform: Platform): string {
  return platform === 'teams' ? '@Hiroba' : '/hiroba';
}

export interface HelpSection {
  title: string;
  lines: string[];
}

/**
 * The commands a caller with `role` may run, in sections (everyone, managers, ops, admins), each
 * line in the form the caller types on their platform. Called by `help`.
 */
export function helpLines(registry: CommandRegistry, locale: Locale, role: Role, platform: Platform): HelpSection[] {
  const entries = registry.helpFor(role);
  const prefix = commandPrefix(platform);
  return ROLES_IN_ORDER.map((section) => ({
    title: t(locale, SECTION_TITLES[section]),
    lines: entries.filter((e) => e.role === section).map((e) => `${prefix} ${t(locale, e.line.key)}`),
  })).filter((s) => s.lines.length > 0);
}

/** `helpLines` as one plain text: title, intro, then each section. */
export function helpText(registry: CommandRegistry, locale: Locale, role: Role, platform: Platform): string {
  const parts = [
    t(locale, 'commands.help.title'),
    t(locale, `commands.help.intro.${platform === 'teams' ? 'teams' : 'slack'}`),
  ];
  for (const section of helpLines(registry, locale, role, platform)) {
    parts.push('', section.title, ...section.lines.map((line) => `• ${line}`));
  }
  return parts.join('\n');
}

/**
 * How to use one command (the forms of it the caller may run), as plain text. Shown under a parse
 * error; a topic the caller may not run at all shows only the pointer to `help`.
 */
export function usage(
  registry: CommandRegistry,
  topic: string,
  locale: Locale,
  role: Role = 'admin',
  platform: Platform = 'slack',
): string {
  const prefix = commandPrefix(platform);
  const lines = registry
    .helpFor(role)
    .filter((e) => e.definition.words[0] === topic)
    .map((e) => `• ${prefix} ${t(locale, e.line.key)}`);
  const parts = lines.length > 0 ? [t(locale, 'commands.usage.title', { command: topic }), ...lines] : [];
  if (topic !== 'help' || lines.length === 0) parts.push(t(locale, 'commands.usage.more', { cmd: prefix }));
  return parts.join('\n');
}

const MISSING: Record<ArgumentName, TextKey> = {
  subcommand: 'commands.missing.subcommand',
  channel: 'commands.missing.channel',
  member: 'commands.missing.member',
  target: 'commands.missing.target',
  department: 'commands.missing.department',
  job: 'commands.missing.job',
  cron: 'commands.missing.cron',
  text: 'commands.missing.text',
  role: 'commands.missing.role',
  locale: 'commands.missing.locale',
  switch: 'commands.missing.switch',
  kind: 'commands.missing.kind',
  field: 'commands.missing.field',
  extra: 'commands.missing.extra',
  page: 'commands.missing.page',
  count: 'commands.missing.count',
  days: 'commands.missing.days',
  threshold: 'commands.missing.threshold',
};

const INVALID: Record<ArgumentName, TextKey> = {
  subcommand: 'commands.invalid.subcommand',
  channel: 'commands.invalid.channel',
  member: 'commands.invalid.member',
  target: 'commands.invalid.target',
  department: 'commands.invalid.department',
  job: 'commands.invalid.job',
  cron: 'commands.invalid.cron',
  text: 'commands.invalid.text',
  role: 'commands.invalid.role',
  locale: 'commands.invalid.locale',
  switch: 'commands.invalid.switch',
  kind: 'commands.invalid.kind',
  field: 'commands.invalid.field',
  extra: 'commands.invalid.extra',
  page: 'commands.invalid.page',
  count: 'commands.invalid.count',
  days: 'commands.invalid.days',
  threshold: 'commands.invalid.threshold',
};

/** The longest text each argument takes (purpose and rules text; a department name). */
const MAX_LENGTH: Partial<Record<ArgumentName, number>> = { text: MAX_SETTING_TEXT, department: 200 };

/** Job names as people read them, in the caller's language, for error messages. */
export function jobList(locale: Locale): string {
  return JOB_NAMES.map((job) => `${job}（${t(locale, `commands.job.${job}`)}）`).join(locale === 'ja' ? '、' : ', ');
}

/** What went wrong, in one sentence that says how to fix it (and, for a typo, what was meant). */
export function parseErrorMessage(error: ParseError, locale: Locale): string {
  const params = {
    command: error.topic,
    word: error.detail ?? '',
    detail: error.detail ?? '',
    jobs: jobList(locale),
  };
  switch (error.code) {
    case 'empty':
      return t(locale, 'commands.error.empty');
    case 'unknown_command': {
      const base =
        error.argument === 'subcommand'
          ? t(locale, 'commands.error.unknownSub', params)
          : t(locale, 'commands.error.unknown', params);
      return error.suggestion === undefined
        ? base
        : `${base}${locale === 'ja' ? '' : ' '}${t(locale, 'commands.error.didYouMean', { suggestion: error.suggestion })}`;
    }
    case 'missing_argument':
      return t(locale, MISSING[error.argument ?? 'subcommand'], params);
    case 'invalid_argument':
      return t(locale, INVALID[error.argument ?? 'extra'], params);
    case 'too_long':
      return t(locale, 'commands.error.tooLong', {
        max: MAX_LENGTH[error.argument ?? 'text'] ?? MAX_SETTING_TEXT,
        length: Number(error.detail ?? 0),
      });
  }
}

/**
 * The whole reply to words that are not a command: what went wrong, then how to use the command
 * concerned. Never shows anything internal.
 */
export function parseErrorText(
  registry: CommandRegistry,
  error: ParseError,
  locale: Locale,
  role: Role = 'admin',
  platform: Platform = 'slack',
): string {
  return `${parseErrorMessage(error, locale)}\n\n${usage(registry, error.topic, locale, role, platform)}`;
}
