import { z } from 'zod';

/**
 * The parts of Slack's payloads Hiroba reads, as zod schemas (everything else passes through
 * untouched: Slack adds fields freely). Shapes follow https://api.slack.com/events and the Web API.
 */

export const slackUserSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  real_name: z.string().optional(),
  deleted: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  is_admin: z.boolean().optional(),
  is_owner: z.boolean().optional(),
  is_primary_owner: z.boolean().optional(),
  locale: z.string().optional(),
  /** The user's own team: another organisation's for a Slack Connect member. */
  team_id: z.string().optional(),
  /** Enterprise Grid: the org the user belongs to. */
  enterprise_user: z.looseObject({ enterprise_id: z.string().optional() }).optional(),
  profile: z
    .looseObject({
      real_name: z.string().optional(),
      display_name: z.string().optional(),
      email: z.string().nullable().optional(),
      fields: z.unknown().optional(),
    })
    .optional(),
});
export type SlackUser = z.infer<typeof slackUserSchema>;

const messageEventSchema = z.looseObject({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  user: z.string().optional(),
  bot_id: z.string().nullable().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
  deleted_ts: z.string().optional(),
  /** Slack Connect: the author's own team (and `user_profile.team`), when it is not the channel's. */
  user_team: z.string().optional(),
  user_profile: z.looseObject({ team: z.string().optional() }).optional(),
});

const reactionEventSchema = z.looseObject({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: z.string().min(1),
  reaction: z.string().min(1),
  item_user: z.string().optional(),
  user_team: z.string().optional(),
  item: z.looseObject({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
  event_ts: z.string(),
});

const memberJoinedChannelSchema = z.looseObject({
  type: z.literal('member_joined_channel'),
  user: z.string().min(1),
  channel: z.string().min(1),
});

const teamJoinSchema = z.looseObject({ type: z.literal('team_join'), user: slackUserSchema });
const userChangeSchema = z.looseObject({ type: z.literal('user_change'), user: slackUserSchema });

const appHomeOpenedSchema = z.looseObject({
  type: z.literal('app_home_opened'),
  user: z.string().min(1),
  tab: z.string().optional(),
});

export const slackEventSchema = z.discriminatedUnion('type', [
  messageEventSchema,
  reactionEventSchema,
  memberJoinedChannelSchema,
  teamJoinSchema,
  userChangeSchema,
  appHomeOpenedSchema,
]);
export type SlackMessageEvent = z.infer<typeof messageEventSchema>;
export type SlackReactionEvent = z.infer<typeof reactionEventSchema>;

/** The Events API envelope (`type: event_callback`). */
export const eventEnvelopeSchema = z.looseObject({
  type: z.literal('event_callback'),
  team_id: z.string().min(1),
  event_id: z.string().optional(),
  event: z.looseObject({ type: z.string() }),
});

/** `view.state.values` of a submitted modal: block id → action id → element state. */
export const viewStateValuesSchema = z.record(
  z.string(),
  z.record(z.string(), z.looseObject({ type: z.string(), value: z.string().nullable().optional() })),
);

/** What Hiroba puts in a modal's `private_metadata`. */
export const formMetadataSchema = z.object({ channelId: z.string().nullable().default(null) });
