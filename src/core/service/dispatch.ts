import type { CommandRegistry } from '../commands/command-registry.js';
import type { CommandDefinition } from '../commands/define.js';
import { commandPrefix, parseErrorMessage, usage } from '../commands/help.js';
import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import { actionsBlock, message, textBlock } from '../programs/blocks.js';
import type { Locale, Member, Workspace } from '../types.js';
import { outcomeOf, recordCommand, runAudited } from './audit.js';
import type { CommandContext, ServiceDeps } from './context.js';
import { problem, roleName } from './replies.js';
import { effectiveRole, hasRole } from './roles.js';
import { includeRolloutMembers } from './rollout.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';

/** How long a preview waits for its confirmation. */
export const CONFIRM_WINDOW_MS = 10 * 60_000;

/** Buttons under a preview; both adapters route `hiroba.*` clicks to `core.handleAction`. */
export const CONFIRM_ACTIONS = { confirm: 'hiroba.command.confirm', cancel: 'hiroba.command.cancel' } as const;

async function contextFor(
  deps: ServiceDeps,
  commands: CommandRegistry,
  workspace: Workspace,
  caller: Member,
  locale: Locale,
  channelId: string | null,
  now: Date,
): Promise<CommandContext> {
  // Read once, on first use, and shared by whoever asks while it loads.
  let snapshot: Promise<Snapshot> | null = null;
  const ctx: CommandContext = {
    deps,
    commands,
    workspace,
    caller,
    role: await effectiveRole(caller, deps.repos.members),
    locale,
    now,
    channelId,
    snapshot: () => (snapshot ??= loadSnapshot(deps.repos, ctx.workspace, now)),
  };
  return ctx;
}

/**
 * Runs a command now. One that may change whom the rollout covers then starts the rollout program
 * for the newly covered (kick-off, announcement); no other command reads the whole directory for it.
 */
async function runNow(ctx: CommandContext, def: CommandDefinition, args: Record<string, unknown>): Promise<Message> {
  const answer = await runAudited(ctx, def, args);
  if (def.changesRollout) await includeRolloutMembers(ctx.deps.repos, ctx.workspace, ctx.now, { announce: true });
  return answer;
}

/** Runs a command the caller may run: a bulk command first answers with its preview and a confirm button. */
async function runOrPreview(
  ctx: CommandContext,
  def: CommandDefinition,
  args: Record<string, unknown>,
): Promise<Message> {
  if (!hasRole(ctx.role, def.role)) {
    await recordCommand(ctx, def, args, 'forbidden');
    return problem(ctx.locale, 'replies.forbidden', { role: roleName(ctx.locale, def.role) });
  }
  if (!def.preview) return runNow(ctx, def, args);
  const preview = await def.preview(ctx, args);
  if (!preview.confirm) {
    await recordCommand(ctx, def, args, outcomeOf(preview.message));
    return preview.message;
  }
  await recordCommand(ctx, def, args, 'previewed');
  // Old previews nobody confirmed go now: the table holds only what may still be confirmed.
  await ctx.deps.repos.confirmations.deleteExpired(ctx.now.toISOString());
  const pending = await ctx.deps.repos.confirmations.create({
    workspaceId: ctx.workspace.id,
    memberId: ctx.caller.id,
    command: def.id,
    args,
    createdAt: ctx.now.toISOString(),
    expiresAt: new Date(ctx.now.getTime() + CONFIRM_WINDOW_MS).toISOString(),
  });
  const l = ctx.locale;
  const how = t(l, 'replies.confirm.how', {
    cmd: commandPrefix(ctx.workspace.platform),
    minutes: CONFIRM_WINDOW_MS / 60_000,
  });
  return message({
    kind: 'command-preview',
    title: preview.title,
    blocks: [
      ...preview.blocks,
      textBlock(how, true),
      actionsBlock([
        {
          actionId: CONFIRM_ACTIONS.confirm,
          label: t(l, 'replies.confirm.button'),
          value: String(pending.id),
          style: 'primary',
        },
        { actionId: CONFIRM_ACTIONS.cancel, label: t(l, 'replies.confirm.cancelButton'), value: String(pending.id) },
      ]),
    ],
    fallback: `${preview.title}\n${how}`,
  });
}

/**
 * Runs one command for a caller: parse, role check, handler (or preview, for bulk commands). A bad
 * or unknown command gets what went wrong and the usage in the caller's language; a command above
 * the caller's role is refused saying who may run it. Unexpected failures propagate to the service,
 * which answers with a generic apology.
 */
export async function dispatch(
  deps: ServiceDeps,
  commands: CommandRegistry,
  workspace: Workspace,
  caller: Member,
  locale: Locale,
  text: string,
  channelId: string | null,
  now: Date,
): Promise<Message> {
  const ctx = await contextFor(deps, commands, workspace, caller, locale, channelId, now);
  const parsed = commands.parse(text, { channelId });
  if (!parsed.ok) {
    const what = parseErrorMessage(parsed.error, locale);
    return message({
      kind: 'command-error',
      blocks: [
        textBlock(what),
        textBlock(usage(commands, parsed.error.topic, locale, ctx.role, workspace.platform), true),
      ],
      fallback: what,
    });
  }
  const { type: _type, ...args } = parsed.command;
  return runOrPreview(ctx, parsed.definition, args);
}

/**
 * Whether the caller's command would be a slow answer (`CommandSpec.slow`): read before running it,
 * so the service can compute it elsewhere. A command that does not parse, or that the caller may not
 * run, is answered at once.
 */
export async function answersSlowly(
  deps: ServiceDeps,
  commands: CommandRegistry,
  caller: Member,
  text: string,
  channelId: string | null,
): Promise<boolean> {
  const parsed = commands.parse(text, { channelId });
  if (!parsed.ok) return false;
  const role = await effectiveRole(caller, deps.repos.members);
  const { type: _type, ...args } = parsed.command;
  return hasRole(role, parsed.definition.role) && parsed.definition.slow(args, role);
}

/**
 * The caller confirms a preview (`confirm`, or the button carrying its id): the command runs now, as
 * the caller may run it now. Only the person who asked can confirm, once, within the window.
 */
export async function confirmPending(ctx: CommandContext, id: number | null, cancel = false): Promise<Message> {
  const l = ctx.locale;
  const pending =
    id === null
      ? await ctx.deps.repos.confirmations.latestFor(ctx.caller.id, ctx.now.toISOString())
      : await ctx.deps.repos.confirmations.get(id);
  if (!pending || pending.memberId !== ctx.caller.id || pending.workspaceId !== ctx.workspace.id)
    return problem(l, 'replies.confirm.nothing');
  if (pending.expiresAt <= ctx.now.toISOString()) {
    await ctx.deps.repos.confirmations.take(pending.id);
    return problem(l, 'replies.confirm.expired');
  }
  const def = ctx.commands.get(pending.command);
  if (!(await ctx.deps.repos.confirmations.take(pending.id)) || !def) return problem(l, 'replies.confirm.nothing');
  if (cancel) {
    await recordCommand(ctx, def, pending.args, 'cancelled');
    return problem(l, 'replies.confirm.cancelled');
  }
  if (!hasRole(ctx.role, def.role)) {
    await recordCommand(ctx, def, pending.args, 'forbidden');
    return problem(l, 'replies.forbidden', { role: roleName(l, def.role) });
  }
  return runNow(ctx, def, pending.args);
}

/** A confirm or cancel click, as `core.handleAction` receives it. */
export async function confirmAction(
  deps: ServiceDeps,
  commands: CommandRegistry,
  workspace: Workspace,
  caller: Member,
  locale: Locale,
  actionId: string,
  value: string | undefined,
  now: Date,
): Promise<Message> {
  const ctx = await contextFor(deps, commands, workspace, caller, locale, null, now);
  const id = Number(value);
  if (!Number.isInteger(id)) return problem(locale, 'replies.confirm.nothing');
  return confirmPending(ctx, id, actionId === CONFIRM_ACTIONS.cancel);
}
