import { z } from 'zod';
import { type FormKind, formKindSchema } from '../core/message.js';
import type { ActivityInput, Caller } from '../core/ports.js';
import { CARD_RECIPIENT_KEY } from './card-recipient.js';
import { commandTextOf } from './command-text.js';
import {
  type InboundActivity,
  isBotAccount,
  localeOf,
  mentionsOf,
  parseInbound,
  type TeamsAccount,
  tenantIdOf,
  threadRootOf,
} from './inbound.js';
import { FORM_INPUT_PREFIX, FORM_SUBMIT_ACTION } from './render.js';

/** The invoke a card's `Action.Execute` sends (Universal Actions). */
export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

/** A caller before the workspace is known (the bot adds `workspaceId`). */
export type CallerDraft = Omit<Caller, 'workspaceId'>;

/** What one inbound activity asks of the core, in order. */
export type TeamsEvent =
  | { type: 'record'; input: Omit<ActivityInput, 'workspaceId'> }
  | { type: 'retract'; eventId: string }
  | { type: 'command'; text: string; caller: CallerDraft }
  | { type: 'submit'; kind: FormKind; values: Record<string, string>; submissionKey: string; caller: CallerDraft }
  /** A card submission whose data could not be read (old or tampered card). */
  | { type: 'unreadable-submit'; caller: CallerDraft }
  /** A click on a card sent to another member (`to` in its data): refused, nothing runs. */
  | { type: 'not-recipient'; actionId: string; caller: CallerDraft }
  | { type: 'action'; actionId: string; value?: string; caller: CallerDraft }
  /** A "share a story" style button: Teams shows the form in a card where Slack opens a modal. */
  | { type: 'open-form'; kind: FormKind; caller: CallerDraft }
  | { type: 'joined'; member: TeamsAccount; channelId: string | null }
  /** The member removed the app from their personal scope: DMs will fail until they add it again. */
  | { type: 'uninstalled'; member: TeamsAccount };

export interface MappedTurn {
  /** The tenant: Hiroba's workspace. Null → nothing to do. */
  tenantId: string | null;
  /** The person who acted (wrote, reacted, clicked), when it is a person. */
  actor: TeamsAccount | null;
  /** The actor's Teams locale, mapped. */
  locale: CallerDraft['locale'];
  /** Channel messages seen in this turn and who wrote them (reply and reaction targets). */
  authored: Array<{ channelId: string; messageId: string; platformId: string }>;
  events: TeamsEvent[];
}

export interface MapContext {
  /**
   * Author (platform id) of a channel message the bot saw earlier, or null. Message ids are unique
   * per channel only. A promise when it reads the store; a value when it is known in memory.
   */
  authorOf(channelId: string, messageId: string): string | null | Promise<string | null>;
  /** ISO instant used when an activity carries no timestamp. */
  now: string;
  /** Email of a known member, to turn an @mention in command words into an exact reference. */
  emailOf?(platformId: string): string | null | Promise<string | null>;
}

const NOTHING: MappedTurn = { tenantId: null, actor: null, locale: null, authored: [], events: [] };

/**
 * The one mapper from an inbound Teams activity to core inputs. Async only for the context's
 * lookups (the stored author of a replied-to or reacted-to message, a mentioned member's email). Called by the bot for every turn;
 * tested on JSON fixtures shaped like Teams' payloads. It decides nothing: counted channels, roles,
 * duplicates and caps are the core's business.
 *
 * Teams message ids are unique within one conversation only, so every key names the channel too:
 *
 * - channel message → `post` (`msg:<channel>:<id>`); in a thread (conversation id `;messageid=<root>`
 *   with root ≠ id) → `reply` targeting the root's author when known
 * - a message that starts with `@Hiroba` in a channel or group chat, or any text in the 1:1 chat → a
 *   command; `@Hiroba` further on in a channel post is just part of the post
 * - `Action.Submit` (a message with `value`) → a form submission, a form to show (`hiroba.form.<kind>`)
 *   or a button action for the core; from someone other than the member the card was sent to (`to`
 *   in its data) → `not-recipient`, and nothing runs
 * - `messageReaction` → `reaction` (`react:<channel>:<message>:<member>:<type>`) targeting the
 *   message's author when known; removed reactions → retraction of the same event id
 * - `messageDelete` in a channel → retraction of `msg:<channel>:<id>`
 * - team `conversationUpdate` membersAdded → joined. membersRemoved → nothing: leaving one team is
 *   not leaving the company (a member can be in several teams, or in none the bot is in), so only the
 *   directory sync, which reads every team's roster, deactivates people.
 * - personal `installationUpdate` remove → uninstalled
 * - `invoke` `adaptiveCard/action` (a card's `Action.Execute`) → read like `Action.Submit`, from the
 *   action's `data`; other invokes ask nothing of the core (the bot still answers each one)
 *
 * Where the activity happened is read from `channelData.channel`, else `teamsChannelId`, else a channel
 * thread's conversation id (see `parseInbound`).
 */
export async function toCoreEvent(raw: unknown, context: MapContext): Promise<MappedTurn> {
  const activity = parseInbound(raw);
  return activity ? mapInbound(activity, context) : NOTHING;
}

/** `toCoreEvent` of an activity already read by `parseInbound` (the fast path reads it once). */
export async function mapInbound(activity: InboundActivity, context: MapContext): Promise<MappedTurn> {
  const tenantId = tenantIdOf(activity);
  if (!tenantId) return NOTHING;
  const from = activity.from && !isBotAccount(activity.from) ? activity.from : null;
  const base: MappedTurn = { tenantId, actor: from, locale: localeOf(activity.locale), authored: [], events: [] };
  switch (activity.type) {
    case 'message':
      return from ? { ...base, ...(await mapMessage(activity, from, base.locale, context)) } : base;
    case 'messageReaction':
      return from ? { ...base, events: await mapReactions(activity, from, context) } : base;
    case 'messageDelete':
      return { ...base, events: mapDelete(activity) };
    case 'conversationUpdate':
      return { ...base, actor: null, events: mapMembership(activity) };
    case 'invoke':
      return from ? { ...base, events: mapInvoke(activity, from, base.locale) } : base;
    case 'installationUpdate':
      return {
        ...base,
        events:
          from && activity.action?.startsWith('remove') && activity.conversation?.conversationType === 'personal'
            ? [{ type: 'uninstalled', member: from }]
            : [],
      };
    default:
      return base;
  }
}

function channelIdOf(activity: InboundActivity): string | null {
  return activity.conversation?.conversationType === 'channel' ? (activity.channelData?.channel?.id ?? null) : null;
}

function callerOf(activity: InboundActivity, from: TeamsAccount, locale: CallerDraft['locale']): CallerDraft {
  return { platformId: from.id, locale, channelId: channelIdOf(activity) };
}

async function mapMessage(
  activity: InboundActivity,
  from: TeamsAccount,
  locale: CallerDraft['locale'],
  context: MapContext,
): Promise<Pick<MappedTurn, 'events' | 'authored'>> {
  const caller = callerOf(activity, from, locale);
  if (activity.value !== undefined && activity.value !== null) {
    return { events: mapSubmit(activity, caller), authored: [] };
  }
  const type = activity.conversation?.conversationType;
  if (type === 'personal' || startsWithBotMention(activity)) {
    // A command is not a contribution: Slack's /hiroba is not a message either.
    const text = await commandTextOf(activity, (id) => context.emailOf?.(id) ?? null);
    return { events: text ? [{ type: 'command', text, caller }] : [], authored: [] };
  }
  const channelId = caller.channelId;
  if (type !== 'channel' || !channelId || !activity.id || !activity.conversation) return { events: [], authored: [] };
  const root = threadRootOf(activity.conversation.id);
  const isReply = root !== null && root !== activity.id;
  const input: Omit<ActivityInput, 'workspaceId'> = {
    eventId: messageEventId(channelId, activity.id),
    kind: isReply ? 'reply' : 'post',
    memberPlatformId: from.id,
    channelId,
    occurredAt: occurredAt(activity, context.now),
  };
  if (isReply) {
    input.targetPlatformId = await context.authorOf(channelId, root);
    // The thread's root message is the post replied to, under the key its own message event got.
    input.parentEventId = messageEventId(channelId, root);
  }
  return {
    events: [{ type: 'record', input }],
    authored: [{ channelId, messageId: activity.id, platformId: from.id }],
  };
}

/** `msg:<channel>:<id>`: a redelivery and a later deletion find the same row. */
function messageEventId(channelId: string, messageId: string): string {
  return `msg:${channelId}:${messageId}`;
}

// What Teams may put before the first word: spaces, &nbsp; and opening paragraph tags.
const LEADING_FILLER = /^(?:\s|&nbsp;|<(?:p|div|span)\b[^>]*>)*/iu;

/**
 * True when the bot's mention is the first thing in the text: `@Hiroba stats` is a command, while
 * `資料です。@Hiroba にも共有します` is a post that happens to name the bot.
 */
function startsWithBotMention(activity: InboundActivity): boolean {
  const botId = activity.recipient?.id;
  if (!botId) return false;
  const text = (activity.text ?? '').replace(LEADING_FILLER, '');
  return mentionsOf(activity).some((m) => m.id === botId && text.startsWith(m.text));
}

const submitBase = z.object({ hiroba: z.string().min(1).max(200) });
/** Who the card was sent to, when it was sent to one member (see `card-recipient.ts`). */
const submitRecipient = z.object({ [CARD_RECIPIENT_KEY]: z.string().min(1).max(200).optional() });
const formSubmit = z.object({
  hiroba: z.literal(FORM_SUBMIT_ACTION),
  kind: formKindSchema,
});
const inputValue = z.string().max(20_000);
/** Buttons `hiroba.form.<kind>` open that form (the programs' "share a story" buttons). */
const FORM_OPEN_PREFIX = 'hiroba.form.';
const actionSubmit = z.object({
  hiroba: z
    .string()
    .regex(/^hiroba\.[a-z0-9_.-]+$/iu)
    .max(200),
  value: z.string().max(2000).optional(),
});

function mapSubmit(activity: InboundActivity, caller: CallerDraft): TeamsEvent[] {
  const base = submitBase.safeParse(activity.value);
  // Not one of Hiroba's cards (another app's card in the same chat): not ours to answer.
  if (!base.success) return [];
  const recipient = submitRecipient.safeParse(activity.value);
  if (!recipient.success) return [{ type: 'unreadable-submit', caller }];
  const to = recipient.data[CARD_RECIPIENT_KEY];
  if (to !== undefined && to !== caller.platformId)
    return [{ type: 'not-recipient', actionId: base.data.hiroba, caller }];
  if (base.data.hiroba === FORM_SUBMIT_ACTION) {
    const form = formSubmit.safeParse(activity.value);
    if (!form.success || !activity.id) return [{ type: 'unreadable-submit', caller }];
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(activity.value as Record<string, unknown>)) {
      if (!key.startsWith(FORM_INPUT_PREFIX)) continue;
      const parsed = inputValue.safeParse(value);
      if (!parsed.success) return [{ type: 'unreadable-submit', caller }];
      values[key.slice(FORM_INPUT_PREFIX.length)] = parsed.data;
    }
    return [{ type: 'submit', kind: form.data.kind, values, submissionKey: `teams:${activity.id}`, caller }];
  }
  const action = actionSubmit.safeParse(activity.value);
  if (!action.success) return [{ type: 'unreadable-submit', caller }];
  const opens = formKindSchema.safeParse(action.data.hiroba.slice(FORM_OPEN_PREFIX.length));
  if (action.data.hiroba.startsWith(FORM_OPEN_PREFIX) && opens.success)
    return [{ type: 'open-form', kind: opens.data, caller }];
  return [
    action.data.value === undefined
      ? { type: 'action', actionId: action.data.hiroba, caller }
      : { type: 'action', actionId: action.data.hiroba, value: action.data.value, caller },
  ];
}

const executeSchema = z.object({ action: z.object({ data: z.unknown().optional() }) });

function mapInvoke(activity: InboundActivity, from: TeamsAccount, locale: CallerDraft['locale']): TeamsEvent[] {
  if (activity.name !== ADAPTIVE_CARD_ACTION) return [];
  const execute = executeSchema.safeParse(activity.value);
  const caller = callerOf(activity, from, locale);
  if (!execute.success) return [{ type: 'unreadable-submit', caller }];
  return mapSubmit({ ...activity, value: execute.data.action.data ?? {} }, caller);
}

async function mapReactions(activity: InboundActivity, from: TeamsAccount, context: MapContext): Promise<TeamsEvent[]> {
  const channelId = channelIdOf(activity);
  const messageId = activity.replyToId;
  if (!channelId || !messageId) return [];
  const eventId = (type: string): string => `react:${channelId}:${messageId}:${from.id}:${type}`;
  const events: TeamsEvent[] = [];
  const target = await context.authorOf(channelId, messageId);
  for (const reaction of activity.reactionsAdded ?? []) {
    events.push({
      type: 'record',
      input: {
        eventId: eventId(reaction.type),
        kind: 'reaction',
        memberPlatformId: from.id,
        channelId,
        targetPlatformId: target,
        occurredAt: occurredAt(activity, context.now),
      },
    });
  }
  for (const reaction of activity.reactionsRemoved ?? [])
    events.push({ type: 'retract', eventId: eventId(reaction.type) });
  return events;
}

function mapDelete(activity: InboundActivity): TeamsEvent[] {
  // Teams gives the deleted message's id as the activity id.
  const channelId = channelIdOf(activity);
  if (!channelId || !activity.id) return [];
  return [{ type: 'retract', eventId: messageEventId(channelId, activity.id) }];
}

function mapMembership(activity: InboundActivity): TeamsEvent[] {
  // Joining a team is joining the workspace; people added to a group chat are not.
  if (!activity.channelData?.team) return [];
  const botId = activity.recipient?.id;
  const people = (list: TeamsAccount[] | undefined): TeamsAccount[] =>
    (list ?? []).filter((m) => m.id !== botId && !isBotAccount(m));
  const channelId = activity.channelData.channel?.id ?? null;
  // membersRemoved is left out on purpose: see the mapping list above.
  return people(activity.membersAdded).map((member): TeamsEvent => ({ type: 'joined', member, channelId }));
}

function occurredAt(activity: InboundActivity, fallback: string): string {
  const ts = activity.timestamp ? new Date(activity.timestamp) : null;
  return ts && !Number.isNaN(ts.getTime()) ? ts.toISOString() : fallback;
}
