import { type Activity, TeamsInfo, type TurnContext } from 'botbuilder';
import { INTERIM_AFTER_MS, settlesWithin } from '../answer-wait.js';
import { t } from '../core/i18n/index.js';
import { DASHBOARD_LINK_KIND } from '../core/index.js';
import type { Message } from '../core/message.js';
import type { Caller, HirobaCore, Repositories } from '../core/ports.js';
import type { DirectoryEntry, Locale, Workspace } from '../core/types.js';
import { bindCardsSentIn } from './card-recipient.js';
import { baseConversationId, isBotAccount, localeOf, parseInbound, type TeamsAccount, tenantIdOf } from './inbound.js';
import type { TeamsReferenceStore } from './reference-store.js';
import { cardActivity, renderActivity, renderFormErrors } from './render.js';
import { toDirectoryEntry } from './roster.js';
import { ADAPTIVE_CARD_ACTION, type CallerDraft, type TeamsEvent, toCoreEvent } from './to-core-event.js';

/** What the bot logs; `console` fits. */
export interface TeamsLogger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface TurnDeps {
  core: HirobaCore;
  members: Repositories['members'];
  references: TeamsReferenceStore;
  logger: TeamsLogger;
  now: () => Date;
  /**
   * Whether this turn's `serviceUrl` may be kept to reach people later (see `service-url.ts`). An
   * activity from elsewhere is still handled; only where to reach its tenant and people is not stored.
   * Default: every serviceUrl (the request was authenticated).
   */
  trustServiceUrl?: (serviceUrl: string) => boolean;
  /** Sends a message to a member's 1:1 chat (the platform's `send`); true when it went out. */
  sendToMember?: (workspace: Workspace, platformId: string, message: Message) => Promise<boolean>;
}

/**
 * Runs one inbound turn: stores what the activity says about reaching people, makes sure the
 * actor is a member, then hands each mapped event to the core and answers the caller when the
 * core has something to say. Called by the bot for every activity `CloudAdapter.process` accepts.
 */
export async function handleTurn(context: TurnContext, deps: TurnDeps): Promise<void> {
  // Replies to a message or a click are for the person who wrote or clicked: their cards say so.
  const inbound = parseInbound(context.activity);
  const actor = inbound?.from && !isBotAccount(inbound.from) ? inbound.from.id : null;
  if (inbound?.type === 'message' || inbound?.type === 'invoke') bindCardsSentIn(context, actor);
  await runTurn(context, deps);
  if (context.activity.type === 'invoke') await answerInvoke(context);
}

/**
 * Every `invoke` gets an answer in the HTTP response, or the adapter answers 501 and Teams shows the
 * user an error. A card's `Action.Execute` (`adaptiveCard/action`) is told it was handled, with a short
 * message Teams shows; invokes Hiroba offers nothing for (task modules, message extensions, sign-in)
 * get 200 with an empty body: accepted, nothing to show.
 */
async function answerInvoke(context: TurnContext): Promise<void> {
  const locale = localeOf(context.activity.locale) ?? 'ja';
  const body =
    context.activity.name === ADAPTIVE_CARD_ACTION
      ? {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: t(locale, 'adapters.teams.invoke.done'),
        }
      : undefined;
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, ...(body ? { body } : {}) } });
}

async function runTurn(context: TurnContext, deps: TurnDeps): Promise<void> {
  const activity = parseInbound(context.activity);
  if (!activity) {
    deps.logger.warn('Teams activity not readable; ignored', { type: context.activity.type, id: context.activity.id });
    return;
  }
  const tenantId = tenantIdOf(activity);
  if (!tenantId) {
    deps.logger.warn('Teams activity without a tenant id ignored', { type: activity.type, id: activity.id });
    return;
  }
  const workspace = await deps.core.workspace('teams', tenantId);
  const serviceUrl = activity.serviceUrl ?? '';
  if (deps.trustServiceUrl?.(serviceUrl) ?? true) await deps.references.saveFromActivity(workspace.id, activity);
  else
    deps.logger.warn('Teams serviceUrl not trusted without authentication; references not stored', {
      serviceUrlHost: hostOf(serviceUrl),
      type: activity.type,
    });
  const turn = await toCoreEvent(context.activity, {
    authorOf: (channelId, messageId) => deps.references.authorOf(workspace.id, channelId, messageId),
    emailOf: async (id) => (await deps.members.byPlatformId(workspace.id, id))?.email ?? null,
    now: deps.now().toISOString(),
  });
  // Authors are kept only where replies and reactions count: nothing is stored about other channels.
  const counted = new Set(workspace.settings.countedChannels);
  for (const { channelId, messageId, platformId } of turn.authored) {
    if (counted.has(channelId)) await deps.references.saveAuthor(workspace.id, channelId, messageId, platformId);
  }

  if (turn.actor && turn.events.length > 0)
    await ensureMember(context, deps, workspace, turn.actor, turn.locale ?? null);
  const uninstalling = turn.events.some((e) => e.type === 'uninstalled');
  if (turn.actor && activity.conversation?.conversationType === 'personal' && !uninstalling)
    await reachedInPersonalChat(deps, workspace, turn.actor.id);

  for (const event of turn.events) await dispatch(context, deps, workspace, event);
}

async function dispatch(context: TurnContext, deps: TurnDeps, workspace: Workspace, event: TeamsEvent): Promise<void> {
  const { core } = deps;
  switch (event.type) {
    case 'record': {
      const result = await core.recordActivity({ workspaceId: workspace.id, ...event.input });
      if (result.status === 'ignored' && result.reason !== 'channel_not_counted' && result.reason !== 'duplicate') {
        deps.logger.info('Teams activity not recorded', { eventId: event.input.eventId, reason: result.reason });
      }
      return;
    }
    case 'retract':
      await core.retractActivity(workspace.id, event.eventId);
      return;
    case 'command': {
      const caller = callerIn(workspace, event.caller);
      const answer = core.runCommand({ ...caller, text: event.text });
      // Computing on the answer thread: "crunching the numbers…" now, replaced by the answer when it comes.
      const interim = (await settlesWithin(answer, INTERIM_AFTER_MS))
        ? undefined
        : await sendInterim(context, deps, await localeFor(deps, workspace, caller));
      const reply = await answer;
      const locale = await localeFor(deps, workspace, caller);
      // The interim message, when there is one, becomes the answer.
      const send = (out: Partial<Activity>) =>
        interim === undefined ? context.sendActivity(out) : context.updateActivity({ ...out, id: interim });
      // A sign-in link asked for in a channel goes to the 1:1 chat: everyone in the channel would see it.
      if (reply.kind === DASHBOARD_LINK_KIND && caller.channelId) {
        const sent = deps.sendToMember ? await deps.sendToMember(workspace, caller.platformId, reply) : false;
        await send({
          type: 'message',
          text: t(locale, sent ? 'dashboard.link.sentPrivately' : 'dashboard.link.askPrivately'),
        });
        return;
      }
      await send(renderActivity(reply, locale));
      return;
    }
    case 'submit': {
      const caller = callerIn(workspace, event.caller);
      const locale = await localeFor(deps, workspace, caller);
      const result = await core.submitForm({
        ...caller,
        kind: event.kind,
        values: event.values,
        submissionKey: event.submissionKey,
      });
      if (result.ok) {
        await replyWith(context, result.reply, locale);
        return;
      }
      const form = await core.form(caller, event.kind);
      await context.sendActivity(
        cardActivity(
          renderFormErrors(form, result.errors, event.values, locale),
          t(locale, 'adapters.teams.form.errorsTitle'),
        ),
      );
      return;
    }
    case 'not-recipient': {
      const caller = callerIn(workspace, event.caller);
      deps.logger.warn('Teams card action refused: the card was sent to another member', {
        action: event.actionId,
        from: caller.platformId,
      });
      await context.sendActivity({
        type: 'message',
        text: t(await localeFor(deps, workspace, caller), 'adapters.card.notYours'),
      });
      return;
    }
    case 'unreadable-submit': {
      const caller = callerIn(workspace, event.caller);
      await context.sendActivity({
        type: 'message',
        text: t(await localeFor(deps, workspace, caller), 'adapters.teams.form.unreadable'),
      });
      return;
    }
    case 'action': {
      const caller = callerIn(workspace, event.caller);
      const reply = await core.handleAction({
        ...caller,
        actionId: event.actionId,
        ...(event.value === undefined ? {} : { value: event.value }),
      });
      if (reply) await replyWith(context, reply, await localeFor(deps, workspace, caller));
      return;
    }
    case 'open-form': {
      const caller = callerIn(workspace, event.caller);
      const form = await core.form(caller, event.kind);
      const message: Message = { kind: 'form', blocks: [], fallback: form.title, form };
      // Clicked on a card in a channel: the form goes to the clicker's 1:1 chat, as private as a
      // Slack modal, and the thread stays clean. In the 1:1 chat, or if that fails, it is the reply.
      if (caller.channelId && deps.sendToMember && (await deps.sendToMember(workspace, caller.platformId, message)))
        return;
      await replyWith(context, message, await localeFor(deps, workspace, caller));
      return;
    }
    case 'joined': {
      await core.upsertMember(workspace.id, await profileOf(context, event.member, null));
      await core.memberJoined(workspace.id, event.member.id, event.channelId);
      return;
    }
    case 'uninstalled':
      await markUnreachable(deps, workspace, event.member.id);
      return;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function callerIn(workspace: Workspace, draft: CallerDraft): Caller {
  return { workspaceId: workspace.id, ...draft };
}

/** The caller's chosen language, else their Teams locale, else the workspace's. */
async function localeFor(deps: TurnDeps, workspace: Workspace, caller: Caller): Promise<Locale> {
  return (
    (await deps.members.byPlatformId(workspace.id, caller.platformId))?.locale ??
    caller.locale ??
    workspace.settings.locale
  );
}

/**
 * Sends "crunching the numbers…" and returns its activity id, which the answer then updates; no id
 * (a failed send, or Teams gave none) leaves the answer to come as a reply of its own.
 */
async function sendInterim(context: TurnContext, deps: TurnDeps, locale: Locale): Promise<string | undefined> {
  try {
    const sent = await context.sendActivity({ type: 'message', text: t(locale, 'adapters.answerPending') });
    return sent?.id || undefined;
  } catch (error) {
    deps.logger.warn('Teams interim answer not sent', {
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

async function replyWith(context: TurnContext, message: Message, locale: Locale): Promise<void> {
  await context.sendActivity(renderActivity(message, locale));
}

/** Someone the core has not met yet (no directory sync so far): add them before their activity. */
async function ensureMember(
  context: TurnContext,
  deps: TurnDeps,
  workspace: Workspace,
  actor: TeamsAccount,
  locale: Locale | null,
): Promise<void> {
  if (await deps.members.byPlatformId(workspace.id, actor.id)) return;
  await deps.core.upsertMember(workspace.id, await profileOf(context, actor, locale));
}

/**
 * `GET /v3/conversations/{team or channel}/members/{id}`. `TeamsInfo.getMember` reads the team from
 * the raw `channelData.team`, which payloads carrying only `teamsTeamId`, or only the thread's
 * conversation id, lack: the normalised activity names the team, else the channel (whose roster is
 * the team's), so the lookup does not fall back to the thread's conversation id.
 */
function lookupMember(context: TurnContext, userId: string) {
  const activity = parseInbound(context.activity);
  const conversation = activity?.conversation;
  const place =
    activity?.channelData?.team?.id ??
    (conversation?.conversationType === 'channel' ? baseConversationId(conversation.id) : null);
  return place ? TeamsInfo.getTeamMember(context, place, userId) : TeamsInfo.getMember(context, userId);
}

/** The member's name and email from Teams; what the activity says when Teams will not tell. */
async function profileOf(context: TurnContext, account: TeamsAccount, locale: Locale | null): Promise<DirectoryEntry> {
  try {
    const entry = toDirectoryEntry(await lookupMember(context, account.id), locale);
    if (entry) return entry;
  } catch {
    // 404 for people outside the conversation's roster: fall through to the activity's view.
  }
  return { platformId: account.id, name: (account.name?.trim() || account.id).slice(0, 200), email: null, locale };
}

/**
 * The member wrote to the bot in the 1:1 chat (or installed the app there): the chat works, so they
 * can be messaged again, whatever an earlier refusal said. Older data may carry `blockedBot` from a
 * 403 that only meant the app had been removed; talking to the bot again clears it too.
 */
async function reachedInPersonalChat(deps: TurnDeps, workspace: Workspace, platformId: string): Promise<void> {
  const member = await deps.members.byPlatformId(workspace.id, platformId);
  if (!member || (member.reachable === true && !member.blockedBot)) return;
  await deps.members.update(member.id, { reachable: true, blockedBot: false });
}

async function markUnreachable(deps: TurnDeps, workspace: Workspace, platformId: string): Promise<void> {
  const member = await deps.members.byPlatformId(workspace.id, platformId);
  if (member && member.reachable !== false) await deps.members.update(member.id, { reachable: false });
}
