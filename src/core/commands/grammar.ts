import { JOB_NAMES, type JobName } from '../types.js';
import { normalizeToken, wordOf } from './aliases.js';
import {
  channelArg,
  choose,
  end,
  fail,
  memberArg,
  ok,
  oneOf,
  plain,
  type Rule,
  readDepartment,
  readTarget,
  type Step,
  settingText,
} from './arguments.js';
import { COMMAND_TOPICS, type CommandTopic, RESERVED_WORDS, type ReservedWord } from './command.js';
import type { Cursor } from './tokens.js';

/** A cron field: digits, names (MON, JAN), and the operators cron-parser accepts. */
const CRON_FIELD = /^[0-9a-z*,/\-?#]+$/iu;
/** People paste cron with quotes or Slack code marks around it. */
const CRON_QUOTES = /^[`"'“”「『]+|[`"'“”」』]+$/gu;

function helpRule(args: Cursor): Step {
  const token = args.next();
  const word = token === undefined ? null : wordOf(token.text);
  args.remaining();
  const topic = COMMAND_TOPICS.find((t) => t === word) ?? null;
  return ok({ type: 'help', topic });
}

function statsRule(args: Cursor): Step {
  const tokens = args.remaining();
  const flags = tokens.filter((t) => wordOf(t.text) === 'fiscal-year');
  const words = tokens.filter((t) => !flags.includes(t));
  const fiscalYear = flags.length > 0;
  if (words.length === 0) return ok({ type: 'stats', target: null, fiscalYear });
  const read = readTarget(args, words, flags, 'stats');
  return read.ok ? ok({ type: 'stats', target: read.target, fiscalYear }) : read.step;
}

function scheduleSetRule(args: Cursor): Step {
  const jobToken = args.next();
  if (jobToken === undefined) return fail('missing_argument', 'schedule', 'job');
  const job = JOB_NAMES.find((name) => name === normalizeToken(jobToken.text)) as JobName | undefined;
  if (job === undefined) return fail('invalid_argument', 'schedule', 'job', jobToken.text);
  const typed = args.restVerbatim();
  const fields = typed
    .normalize('NFKC')
    .replace(CRON_QUOTES, '')
    .trim()
    .split(/\s+/u)
    .filter((f) => f !== '');
  if (fields.length === 0) return fail('missing_argument', 'schedule', 'cron');
  if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) {
    return fail('invalid_argument', 'schedule', 'cron', typed);
  }
  return ok({ type: 'schedule.set', job, cron: fields.join(' ') });
}

function promptRule(args: Cursor): Step {
  return oneOf('prompt', 'kind', ['story', 'idea'], (kind, rest) => {
    const read = readTarget(rest, rest.remaining(), [], 'prompt');
    return read.ok ? ok({ type: 'prompt', kind, target: read.target }) : read.step;
  })(args, {});
}

function departmentsAddRule(args: Cursor): Step {
  const read = readDepartment(args, args.remaining(), [], 'rollout');
  if (!read.ok) return read.step;
  return read.target.kind === 'department'
    ? ok({ type: 'rollout.departments.add', department: read.target.name })
    : fail('missing_argument', 'rollout', 'department');
}

const roleRule: (action: 'grant' | 'revoke') => Rule = (action) =>
  oneOf('role', 'role', ['ops', 'admin'], (role, args) =>
    memberArg('role', (member) =>
      action === 'grant' ? { type: 'role.grant', role, member } : { type: 'role.revoke', role, member },
    )(args, {}),
  );

const reserved =
  (word: ReservedWord): Rule =>
  (args) => {
    // The words after it belong to a later grammar; keep them out of the way for now.
    args.remaining();
    return ok({ type: 'unknown', word });
  };

/**
 * The whole grammar, one entry per first word (see DESIGN.md "Ops command grammar"). Adding a
 * command is an entry here, its aliases in `aliases.ts`, its role in `roles.ts` and its help lines.
 */
export const GRAMMAR: Record<CommandTopic | ReservedWord, Rule> = {
  help: helpRule,
  purpose: choose(
    'purpose',
    {
      show: plain('purpose', { type: 'purpose.show' }),
      set: settingText('purpose', (text) => ({ type: 'purpose.set', text })),
    },
    plain('purpose', { type: 'purpose.show' }),
  ),
  rules: choose(
    'rules',
    {
      show: plain('rules', { type: 'rules.show' }),
      set: settingText('rules', (text) => ({ type: 'rules.set', text })),
    },
    plain('rules', { type: 'rules.show' }),
  ),
  channels: choose(
    'channels',
    {
      list: plain('channels', { type: 'channels.list' }),
      add: channelArg('channels', (channel) => ({ type: 'channels.add', channel })),
      remove: channelArg('channels', (channel) => ({ type: 'channels.remove', channel })),
    },
    plain('channels', { type: 'channels.list' }),
  ),
  digest: choose('digest', {
    channels: channelArg('digest', (channel) => ({ type: 'digest.channel', channel })),
    preview: plain('digest', { type: 'digest.preview' }),
    send: plain('digest', { type: 'digest.send' }),
  }),
  stats: statsRule,
  inactive: plain('inactive', { type: 'inactive' }),
  reach: plain('reach', { type: 'reach' }),
  'profile-fields': choose(
    'profile-fields',
    {
      show: plain('profile-fields', { type: 'profileFields.show' }),
      set: oneOf('profile-fields', 'field', ['departments', 'location', 'manager'], (w, args) => {
        const field = w === 'departments' ? 'department' : w;
        const name = args.restVerbatim();
        if (name === '') return fail('missing_argument', 'profile-fields', 'text');
        if (name.length > 100) return fail('too_long', 'profile-fields', 'text', String(name.length));
        return ok({ type: 'profileFields.set', field, name });
      }),
      clear: oneOf('profile-fields', 'field', ['departments', 'location', 'manager'], (w, args) =>
        end(args, 'profile-fields', { type: 'profileFields.clear', field: w === 'departments' ? 'department' : w }),
      ),
    },
    plain('profile-fields', { type: 'profileFields.show' }),
  ),
  rollout: choose(
    'rollout',
    {
      status: plain('rollout', { type: 'rollout.status' }),
      advance: plain('rollout', { type: 'rollout.advance' }),
      pilot: choose('rollout', {
        add: memberArg('rollout', (member) => ({ type: 'rollout.pilot.add', member })),
        remove: memberArg('rollout', (member) => ({ type: 'rollout.pilot.remove', member })),
      }),
      departments: choose('rollout', { add: departmentsAddRule }),
    },
    plain('rollout', { type: 'rollout.status' }),
  ),
  schedule: choose(
    'schedule',
    { show: plain('schedule', { type: 'schedule.show' }), set: scheduleSetRule },
    plain('schedule', { type: 'schedule.show' }),
  ),
  moderation: oneOf('moderation', 'switch', ['on', 'off'], (w, args) =>
    end(args, 'moderation', { type: 'moderation', enabled: w === 'on' }),
  ),
  privacy: choose('privacy', {
    'manager-names': oneOf('privacy', 'switch', ['on', 'off'], (w, args) =>
      end(args, 'privacy', { type: 'privacy.managerNames', enabled: w === 'on' }),
    ),
  }),
  role: choose('role', { grant: roleRule('grant'), revoke: roleRule('revoke') }),
  prompt: promptRule,
  optout: plain('optout', { type: 'optout' }),
  optin: plain('optin', { type: 'optin' }),
  language: oneOf('language', 'locale', ['ja', 'en'], (locale, args) =>
    end(args, 'language', { type: 'language', locale }),
  ),
  ...(Object.fromEntries(RESERVED_WORDS.map((w) => [w, reserved(w)])) as Record<ReservedWord, Rule>),
};
