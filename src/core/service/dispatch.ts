import {
  COMMAND_ROLES,
  type Command,
  helpLines,
  type ParseError,
  parseCommand,
  parseErrorMessage,
  usage,
} from '../commands/parse.js';
import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import { listBlock, message, textBlock } from '../programs/blocks.js';
import type { Locale, Member, Role, Workspace } from '../types.js';
import * as admin from './commands-admin.js';
import * as settings from './commands-settings.js';
import * as statsCommands from './commands-stats.js';
import type { CommandContext, Handler, ServiceDeps } from './context.js';
import { dashboardLink } from './dashboard-link.js';
import { problem, reply, roleName } from './replies.js';
import { effectiveRole, hasRole } from './roles.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';

/** `help`: the commands this caller may use, one list per role section. */
function helpMessage(locale: Locale, role: Role): Message {
  const title = t(locale, 'commands.help.title');
  const blocks = [
    textBlock(t(locale, 'commands.help.intro')),
    ...helpLines(locale, role).map((s) => listBlock(s.lines, s.title)),
  ];
  return message({ kind: 'help', title, blocks, fallback: title });
}

/** A parse error: what is wrong, then the usage of that command. */
function parseErrorReply(error: ParseError, locale: Locale): Message {
  const text = parseErrorMessage(error, locale);
  return message({
    kind: 'command-error',
    blocks: [textBlock(text), textBlock(usage(error.topic, locale), true)],
    fallback: text,
  });
}

type HandlerTable = { [K in Command['type']]: Handler<Extract<Command, { type: K }>> };

const HANDLERS: HandlerTable = {
  help: (ctx) => helpMessage(ctx.locale, ctx.role),
  'purpose.show': settings.purposeShow,
  'purpose.set': settings.purposeSet,
  'rules.show': settings.rulesShow,
  'rules.set': settings.rulesSet,
  'channels.list': settings.channelsList,
  'channels.add': settings.channelsAdd,
  'channels.remove': settings.channelsRemove,
  'digest.channel': settings.digestChannel,
  'digest.preview': admin.digestPreview,
  'digest.send': admin.digestSend,
  stats: statsCommands.stats,
  inactive: statsCommands.inactive,
  reach: statsCommands.reach,
  'profileFields.show': settings.profileFieldsShow,
  'profileFields.set': settings.profileFieldsSet,
  'profileFields.clear': settings.profileFieldsClear,
  'rollout.status': admin.rolloutStatus,
  'rollout.advance': admin.rolloutAdvance,
  'rollout.pilot.add': admin.pilotAdd,
  'rollout.pilot.remove': admin.pilotRemove,
  'rollout.departments.add': admin.departmentsAdd,
  'schedule.show': settings.scheduleShow,
  'schedule.set': settings.scheduleSet,
  moderation: settings.moderation,
  'privacy.managerNames': settings.managerNames,
  'role.grant': admin.roleGrant,
  'role.revoke': admin.roleRevoke,
  prompt: admin.prompt,
  optout: settings.optout,
  optin: settings.optin,
  language: settings.language,
  unknown: (ctx, cmd) =>
    cmd.word === 'dashboard' ? dashboardLink(ctx) : reply(ctx.locale, 'replies.notYet', { word: cmd.word }),
};

function run<T extends Command['type']>(
  ctx: CommandContext,
  command: Extract<Command, { type: T }>,
): Message | Promise<Message> {
  const handler = HANDLERS[command.type as T] as Handler<Extract<Command, { type: T }>>;
  return handler(ctx, command);
}

/**
 * Runs one command for a caller: parse, role check, handler. A bad or unknown command gets the
 * usage in the caller's language; a command above the caller's role is refused saying who may run
 * it. Unexpected failures propagate to the service, which answers with a generic apology.
 */
export async function dispatch(
  deps: ServiceDeps,
  workspace: Workspace,
  caller: Member,
  locale: Locale,
  text: string,
  channelId: string | null,
  now: Date,
): Promise<Message> {
  const parsed = parseCommand(text, { channelId });
  const everyone = deps.repos.members.list(workspace.id);
  const role = effectiveRole(caller, everyone);
  if (!parsed.ok) return parseErrorReply(parsed.error, locale);
  const required = COMMAND_ROLES[parsed.command.type];
  if (!hasRole(role, required)) return problem(locale, 'replies.forbidden', { role: roleName(locale, required) });
  let snapshot: Snapshot | null = null;
  const ctx: CommandContext = {
    deps,
    workspace,
    caller,
    role,
    locale,
    now,
    channelId,
    snapshot: () => (snapshot ??= loadSnapshot(deps.repos, ctx.workspace, now)),
  };
  return run(ctx, parsed.command);
}
