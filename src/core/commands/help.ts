import { type TextKey, t } from '../i18n/index.js';
import { JOB_NAMES, type Locale, type Role } from '../types.js';
import { type ArgumentName, type CommandTopic, MAX_SETTING_TEXT, type ParseError } from './command.js';
import { hasRole } from './roles.js';

interface HelpEntry {
  topic: CommandTopic;
  line: TextKey;
  /** The least role that sees this line in `help`. */
  role: Role;
}

/** Every line of help, in the order shown; grouped by role when listed. */
const HELP_ENTRIES: readonly HelpEntry[] = [
  { topic: 'help', line: 'commands.line.help', role: 'member' },
  { topic: 'purpose', line: 'commands.line.purposeShow', role: 'member' },
  { topic: 'rules', line: 'commands.line.rulesShow', role: 'member' },
  { topic: 'stats', line: 'commands.line.statsOwn', role: 'member' },
  { topic: 'stats', line: 'commands.line.statsFiscalYear', role: 'member' },
  { topic: 'optout', line: 'commands.line.optout', role: 'member' },
  { topic: 'optin', line: 'commands.line.optin', role: 'member' },
  { topic: 'language', line: 'commands.line.language', role: 'member' },
  { topic: 'stats', line: 'commands.line.statsMember', role: 'manager' },
  { topic: 'stats', line: 'commands.line.statsDepartment', role: 'manager' },
  { topic: 'purpose', line: 'commands.line.purposeSet', role: 'ops' },
  { topic: 'rules', line: 'commands.line.rulesSet', role: 'ops' },
  { topic: 'channels', line: 'commands.line.channelsList', role: 'ops' },
  { topic: 'channels', line: 'commands.line.channelsAdd', role: 'ops' },
  { topic: 'channels', line: 'commands.line.channelsRemove', role: 'ops' },
  { topic: 'digest', line: 'commands.line.digestChannel', role: 'ops' },
  { topic: 'digest', line: 'commands.line.digestPreview', role: 'ops' },
  { topic: 'digest', line: 'commands.line.digestSend', role: 'ops' },
  { topic: 'inactive', line: 'commands.line.inactive', role: 'ops' },
  { topic: 'reach', line: 'commands.line.reach', role: 'ops' },
  { topic: 'profile-fields', line: 'commands.line.profileFieldsShow', role: 'ops' },
  { topic: 'profile-fields', line: 'commands.line.profileFieldsSet', role: 'ops' },
  { topic: 'rollout', line: 'commands.line.rolloutStatus', role: 'ops' },
  { topic: 'rollout', line: 'commands.line.rolloutAdvance', role: 'ops' },
  { topic: 'rollout', line: 'commands.line.rolloutPilot', role: 'ops' },
  { topic: 'rollout', line: 'commands.line.rolloutDepartments', role: 'ops' },
  { topic: 'schedule', line: 'commands.line.scheduleShow', role: 'ops' },
  { topic: 'schedule', line: 'commands.line.scheduleSet', role: 'ops' },
  { topic: 'prompt', line: 'commands.line.prompt', role: 'ops' },
  { topic: 'moderation', line: 'commands.line.moderation', role: 'admin' },
  { topic: 'privacy', line: 'commands.line.privacy', role: 'admin' },
  { topic: 'role', line: 'commands.line.role', role: 'admin' },
];

const SECTIONS: readonly { role: Role; title: TextKey }[] = [
  { role: 'member', title: 'commands.help.section.member' },
  { role: 'manager', title: 'commands.help.section.manager' },
  { role: 'ops', title: 'commands.help.section.ops' },
  { role: 'admin', title: 'commands.help.section.admin' },
];

export interface HelpSection {
  title: string;
  lines: string[];
}

/**
 * The commands a caller with `role` may use, in sections (everyone, managers, ops, admins), for a
 * reply that shows them as lists. Called by the dispatcher for `help`.
 */
export function helpLines(locale: Locale, role: Role): HelpSection[] {
  return SECTIONS.filter((s) => hasRole(role, s.role))
    .map((s) => ({
      title: t(locale, s.title),
      lines: HELP_ENTRIES.filter((e) => e.role === s.role).map((e) => t(locale, e.line)),
    }))
    .filter((s) => s.lines.length > 0);
}

/** `helpLines` as one plain text: title, intro, then each section. Called by the dispatcher for `help`. */
export function helpText(locale: Locale, role: Role): string {
  const parts = [t(locale, 'commands.help.title'), t(locale, 'commands.help.intro')];
  for (const section of helpLines(locale, role)) {
    parts.push('', section.title, ...section.lines.map((line) => `• ${line}`));
  }
  return parts.join('\n');
}

/** How to use one command (every form of it), as plain text. Shown under a parse error. */
export function usage(topic: CommandTopic, locale: Locale): string {
  const lines = HELP_ENTRIES.filter((e) => e.topic === topic).map((e) => `• ${t(locale, e.line)}`);
  const parts = [t(locale, 'commands.usage.title', { command: topic }), ...lines];
  if (topic !== 'help') parts.push(t(locale, 'commands.usage.more'));
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
};

/** The longest text each argument takes (purpose and rules text; a department name). */
const MAX_LENGTH: Partial<Record<ArgumentName, number>> = { text: MAX_SETTING_TEXT, department: 200 };

/** What went wrong, in one sentence that says how to fix it. */
export function parseErrorMessage(error: ParseError, locale: Locale): string {
  const params = {
    command: error.topic,
    word: error.detail ?? '',
    detail: error.detail ?? '',
    jobs: JOB_NAMES.join(', '),
  };
  switch (error.code) {
    case 'empty':
      return t(locale, 'commands.error.empty');
    case 'unknown_command':
      return error.argument === 'subcommand'
        ? t(locale, 'commands.error.unknownSub', params)
        : t(locale, 'commands.error.unknown', params);
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
 * concerned. Called by the dispatcher; never shows anything internal.
 */
export function parseErrorText(error: ParseError, locale: Locale): string {
  return `${parseErrorMessage(error, locale)}\n\n${usage(error.topic, locale)}`;
}
