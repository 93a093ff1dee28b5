import { z } from 'zod';
import type { Locale } from '../core/types.js';

/**
 * The parts of an inbound Bot Framework activity Hiroba reads, as Teams sends them. Parsed once
 * at the edge (the mapper and the reference store call `parseInbound`); everything else is ignored.
 */

const accountSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});
export type TeamsAccount = z.infer<typeof accountSchema>;

const mentionSchema = z.object({
  type: z.string(),
  text: z.string().optional(),
  mentioned: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});

export const inboundActivitySchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  // JSON gives a string; botbuilder's adapter has already turned it into a Date.
  timestamp: z.union([z.string(), z.date()]).optional(),
  serviceUrl: z.string().optional(),
  channelId: z.string().optional(),
  locale: z.string().optional(),
  text: z.string().optional(),
  replyToId: z.string().optional(),
  action: z.string().optional(),
  /** An `invoke` activity's name (`adaptiveCard/action`, `task/fetch`, …). */
  name: z.string().optional(),
  value: z.unknown().optional(),
  from: accountSchema.optional(),
  recipient: accountSchema.optional(),
  conversation: z
    .object({
      id: z.string().min(1),
      conversationType: z.string().optional(),
      tenantId: z.string().optional(),
      isGroup: z.boolean().optional(),
      name: z.string().optional(),
    })
    .optional(),
  channelData: z
    .object({
      eventType: z.string().optional(),
      tenant: z.object({ id: z.string().min(1) }).optional(),
      team: z
        .object({ id: z.string().min(1), name: z.string().optional(), aadGroupId: z.string().optional() })
        .optional(),
      channel: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
      // Older and some current clients send only these flat ids (Bot Framework's legacy Teams fields).
      teamsChannelId: z.string().min(1).optional(),
      teamsTeamId: z.string().min(1).optional(),
    })
    .optional(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  membersAdded: z.array(accountSchema).optional(),
  membersRemoved: z.array(accountSchema).optional(),
  reactionsAdded: z.array(z.object({ type: z.string().min(1) })).optional(),
  reactionsRemoved: z.array(z.object({ type: z.string().min(1) })).optional(),
});
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/**
 * The activity's readable parts, or null when it is not shaped like an activity at all (such an
 * activity is ignored). Where the activity happened is normalised here, once, because Teams says it
 * in several ways: `channelData.channel`/`team` objects, only the flat `teamsChannelId`/`teamsTeamId`,
 * or, in a channel thread, only the conversation id (`19:…@thread.tacv2;messageid=…`, whose part
 * before `;` is the channel id). Every reader then finds `channelData.channel.id` and `team.id`.
 */
export function parseInbound(activity: unknown): InboundActivity | null {
  const parsed = inboundActivitySchema.safeParse(activity);
  return parsed.success ? withPlace(parsed.data) : null;
}

const PLACED_BY_CONVERSATION: ReadonlySet<string> = new Set([
  'message',
  'messageReaction',
  'messageDelete',
  'messageUpdate',
  'invoke',
]);

function withPlace(activity: InboundActivity): InboundActivity {
  const data = activity.channelData ?? {};
  const conversation = activity.conversation;
  const threadInChannel =
    conversation !== undefined &&
    conversation.conversationType === undefined &&
    threadRootOf(conversation.id) !== null &&
    /@thread\.(?:tacv2|skype)/u.test(conversation.id);
  // Only what happened in the conversation is placed by its id: a team's `conversationUpdate` runs in
  // the General channel's conversation but is about the team, not that channel.
  const inChannel =
    PLACED_BY_CONVERSATION.has(activity.type) && (conversation?.conversationType === 'channel' || threadInChannel);
  const channelId =
    data.channel?.id ?? data.teamsChannelId ?? (inChannel && conversation ? baseConversationId(conversation.id) : null);
  const teamId = data.team?.id ?? data.teamsTeamId ?? null;
  if (!activity.channelData && channelId === null) return activity;
  return {
    ...activity,
    ...(conversation && threadInChannel && inChannel
      ? { conversation: { ...conversation, conversationType: 'channel' } }
      : {}),
    channelData: {
      ...data,
      ...(data.channel === undefined && channelId !== null ? { channel: { id: channelId } } : {}),
      ...(data.team === undefined && teamId !== null ? { team: { id: teamId } } : {}),
    },
  };
}

/** The tenant the activity belongs to: Hiroba's workspace on Teams. */
export function tenantIdOf(activity: InboundActivity): string | null {
  return activity.channelData?.tenant?.id ?? activity.conversation?.tenantId ?? null;
}

/** Teams' own locale names ('ja-JP', 'en-US') → Hiroba's; null for any other language. */
export function localeOf(platformLocale: string | undefined): Locale | null {
  const lang = platformLocale?.toLowerCase().split(/[-_]/u)[0];
  return lang === 'ja' || lang === 'en' ? lang : null;
}

/** Mention entities of the activity (Teams puts one per `<at>…</at>` in the text). */
export function mentionsOf(activity: InboundActivity): Array<{ text: string; id: string; name: string | undefined }> {
  const out: Array<{ text: string; id: string; name: string | undefined }> = [];
  for (const entity of activity.entities ?? []) {
    const mention = mentionSchema.safeParse(entity);
    if (!mention.success || mention.data.type.toLowerCase() !== 'mention') continue;
    const { text, mentioned } = mention.data;
    if (text && mentioned) out.push({ text, id: mentioned.id, name: mentioned.name });
  }
  return out;
}

/**
 * Root message id of a channel thread: Teams writes it into the conversation id
 * (`19:…@thread.tacv2;messageid=1700000000000`).
 */
export function threadRootOf(conversationId: string): string | null {
  const match = /;messageid=([^;]+)/u.exec(conversationId);
  return match?.[1] ?? null;
}

/** The conversation id without the thread part: where a new channel post goes. */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** Other bots (ids `28:…`) are not members. */
export function isBotAccount(account: TeamsAccount): boolean {
  return account.role === 'bot' || account.id.startsWith('28:');
}
