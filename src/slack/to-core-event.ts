import type { ActivityInput } from '../core/ports.js';
import type { DirectoryEntry } from '../core/types.js';
import { type ProfileFieldConfig, pickProfileFields, toDirectoryEntry } from './directory.js';
import { isForeignMember, isForeignTeam, membershipOf, type SlackInstallation } from './installation.js';
import {
  eventEnvelopeSchema,
  type SlackMessageEvent,
  type SlackReactionEvent,
  slackEventSchema,
} from './slack-payloads.js';

/** An activity as the adapter sees it; the app adds the workspace id. */
export type SlackActivity = Omit<ActivityInput, 'workspaceId'>;

/**
 * What one Slack event means for the core. The mapper decides no policy (counted channels, bots in the
 * directory, duplicates): it only translates, and says why it drops what it drops.
 */
export type SlackCoreEvent =
  | { type: 'activity'; teamId: string; activity: SlackActivity }
  /** A thread reply whose root author the payload does not name: look the root up, then record. */
  | { type: 'reply-needs-parent'; teamId: string; activity: SlackActivity; parent: { channel: string; ts: string } }
  | { type: 'retract'; teamId: string; eventId: string }
  | { type: 'member-joined'; teamId: string; userId: string; channelId: string | null; entry: DirectoryEntry | null }
  | { type: 'member-changed'; teamId: string; entry: DirectoryEntry }
  | { type: 'home-opened'; teamId: string; userId: string }
  | { type: 'ignored'; reason: IgnoredReason; detail?: string };

/**
 * Why an event is dropped:
 * - `bot`: `bot_message` or any message with a `bot_id` (integrations, workflows, Hiroba itself).
 * - `edit`: `message_changed`. An edit is the same contribution; counting it again would reward
 *   fiddling. (A thread root deleted while it has replies also arrives as an edit, to a tombstone:
 *   the post stays counted, as the conversation under it does.)
 * - `subtype`: channel bookkeeping (`channel_join`, `channel_leave`, `channel_topic`,
 *   `channel_purpose`, `channel_name`, `channel_archive`, `channel_unarchive`, `group_*`,
 *   `pinned_item`, `unpinned_item`, `reminder_add`, `message_replied`, `ekm_access_denied`, …): not
 *   something a member said. Joins are counted once, from `member_joined_channel`.
 * - `not_a_message`: a reaction on a file or file comment, not on a message.
 * - `messages_tab`: `app_home_opened` for the Messages tab; only the Home tab is rendered.
 * - `unsupported`: an event type Hiroba does not subscribe to.
 * - `malformed`: a payload without the fields the event must have.
 * - `foreign_member`: a Slack Connect member of another organisation (`user_team`, or the user's
 *   `team_id` / Grid org, is not the installation's). Their activity is not the company's adoption, and
 *   nothing about them is stored.
 * - `foreign_team`: an org-wide install got an event from a team of another org; no workspace is made.
 */
export type IgnoredReason =
  | 'bot'
  | 'edit'
  | 'subtype'
  | 'not_a_message'
  | 'messages_tab'
  | 'unsupported'
  | 'malformed'
  | 'foreign_member'
  | 'foreign_team';

/**
 * Subtypes that are a member's own words and count like a plain message: sharing a file with a
 * comment, `/me`, and a thread reply also sent to the channel.
 */
export const COUNTED_SUBTYPES: ReadonlySet<string> = new Set(['file_share', 'me_message', 'thread_broadcast']);

/** `msg:<channel>:<ts>`: one key per message, so a redelivery and a later deletion find the same row. */
export function messageEventId(channel: string, ts: string): string {
  return `msg:${channel}:${ts}`;
}

/** `react:<channel>:<ts>:<user>:<reaction>`: one key per reaction, so its removal finds it. */
export function reactionEventId(channel: string, ts: string, user: string, reaction: string): string {
  return `react:${channel}:${ts}:${user}:${reaction}`;
}

/** Slack `ts` (`1718000000.000100`, seconds) → ISO instant (milliseconds). */
export function tsToIso(ts: string): string {
  const [seconds = '0', fraction = ''] = ts.split('.');
  const ms = Number(seconds) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
  return new Date(ms).toISOString();
}

const TS = /^\d+(\.\d+)?$/u;

/** A `ts` Slack could have sent: digits with an optional fraction, within the range of a date. */
function isTs(ts: string): boolean {
  return TS.test(ts) && !Number.isNaN(new Date(Number(ts.split('.')[0]) * 1000).getTime());
}

function fromMessage(teamId: string, event: SlackMessageEvent, installation: SlackInstallation | null): SlackCoreEvent {
  if (event.subtype === 'message_deleted') {
    if (!event.deleted_ts)
      return { type: 'ignored', reason: 'malformed', detail: 'message_deleted without deleted_ts' };
    return { type: 'retract', teamId, eventId: messageEventId(event.channel, event.deleted_ts) };
  }
  if (event.subtype === 'message_changed') return { type: 'ignored', reason: 'edit' };
  if (event.subtype === 'bot_message' || (typeof event.bot_id === 'string' && event.bot_id.length > 0)) {
    return { type: 'ignored', reason: 'bot' };
  }
  if (event.subtype !== undefined && !COUNTED_SUBTYPES.has(event.subtype)) {
    return { type: 'ignored', reason: 'subtype', detail: event.subtype };
  }
  if (!event.user || !event.ts || !isTs(event.ts))
    return { type: 'ignored', reason: 'malformed', detail: 'message without user or ts' };
  const team = event.user_team ?? event.user_profile?.team;
  if (installation && isForeignMember(installation, { team }))
    return { type: 'ignored', reason: 'foreign_member', detail: `user ${event.user} of team ${team ?? '?'}` };
  const base = {
    eventId: messageEventId(event.channel, event.ts),
    memberPlatformId: event.user,
    channelId: event.channel,
    occurredAt: tsToIso(event.ts),
  };
  const isReply = event.thread_ts !== undefined && event.thread_ts !== event.ts;
  if (!isReply) return { type: 'activity', teamId, activity: { ...base, kind: 'post', targetPlatformId: null } };
  // The thread's root is the post replied to: its own key, as its message event recorded it.
  const reply = {
    ...base,
    kind: 'reply' as const,
    parentEventId: messageEventId(event.channel, event.thread_ts as string),
  };
  // Slack names the root's author on replies (`parent_user_id`); older payloads may not.
  if (event.parent_user_id) {
    return { type: 'activity', teamId, activity: { ...reply, targetPlatformId: event.parent_user_id } };
  }
  return {
    type: 'reply-needs-parent',
    teamId,
    activity: { ...reply, targetPlatformId: null },
    parent: { channel: event.channel, ts: event.thread_ts as string },
  };
}

function fromReaction(
  teamId: string,
  event: SlackReactionEvent,
  installation: SlackInstallation | null,
): SlackCoreEvent {
  const { item } = event;
  if (item.type !== 'message') return { type: 'ignored', reason: 'not_a_message', detail: item.type };
  if (!item.channel || !item.ts)
    return { type: 'ignored', reason: 'malformed', detail: 'reaction item without channel or ts' };
  if (!isTs(event.event_ts)) return { type: 'ignored', reason: 'malformed', detail: 'event_ts is not a Slack ts' };
  const eventId = reactionEventId(item.channel, item.ts, event.user, event.reaction);
  if (event.type === 'reaction_removed') return { type: 'retract', teamId, eventId };
  if (installation && isForeignMember(installation, { team: event.user_team }))
    return {
      type: 'ignored',
      reason: 'foreign_member',
      detail: `user ${event.user} of team ${event.user_team ?? '?'}`,
    };
  return {
    type: 'activity',
    teamId,
    activity: {
      eventId,
      kind: 'reaction',
      memberPlatformId: event.user,
      channelId: item.channel,
      // Absent when the item's author is not a user (an integration's message): no receiver.
      targetPlatformId: event.item_user ?? null,
      occurredAt: tsToIso(event.event_ts),
    },
  };
}

/**
 * The one mapper from a Slack Events API payload (the `event_callback` envelope, as Bolt's `body`)
 * to what the core must do. `profileFields` is the workspace's mapping of directory attributes to
 * Slack profile fields, applied to users in `team_join` / `user_change`. `installation` is the team
 * the event was delivered for (`installationOf`): its id is the `teamId` of every result, and members
 * of other organisations are ignored against it. Pure: no I/O, no clock.
 * Called by the app's event listener; tested on the JSON fixtures in `test/fixtures/slack/`.
 */
export function toCoreEvent(
  body: unknown,
  profileFields: ProfileFieldConfig = {},
  installation: SlackInstallation | null = null,
): SlackCoreEvent {
  const envelope = eventEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { type: 'ignored', reason: 'malformed', detail: 'not an event_callback envelope' };
  if (installation && isForeignTeam(body, installation))
    return { type: 'ignored', reason: 'foreign_team', detail: envelope.data.team_id };
  const teamId = installation?.teamId ?? envelope.data.team_id;
  const known = [
    'message',
    'reaction_added',
    'reaction_removed',
    'member_joined_channel',
    'team_join',
    'user_change',
    'app_home_opened',
  ];
  if (!known.includes(envelope.data.event.type))
    return { type: 'ignored', reason: 'unsupported', detail: envelope.data.event.type };
  const parsed = slackEventSchema.safeParse(envelope.data.event);
  if (!parsed.success) return { type: 'ignored', reason: 'malformed', detail: parsed.error.issues[0]?.message };
  const event = parsed.data;
  switch (event.type) {
    case 'message':
      return fromMessage(teamId, event, installation);
    case 'reaction_added':
    case 'reaction_removed':
      return fromReaction(teamId, event, installation);
    case 'member_joined_channel':
      return { type: 'member-joined', teamId, userId: event.user, channelId: event.channel, entry: null };
    case 'team_join': {
      if (installation && isForeignMember(installation, membershipOf(event.user), true))
        return { type: 'ignored', reason: 'foreign_member', detail: `user ${event.user.id}` };
      const entry = toDirectoryEntry(event.user, pickConfigured(event.user.profile?.fields, profileFields));
      return { type: 'member-joined', teamId, userId: event.user.id, channelId: null, entry };
    }
    case 'user_change':
      // Slack sends profile changes of Slack Connect partners too: they are not the company's people.
      if (installation && isForeignMember(installation, membershipOf(event.user), true))
        return { type: 'ignored', reason: 'foreign_member', detail: `user ${event.user.id}` };
      return {
        type: 'member-changed',
        teamId,
        entry: toDirectoryEntry(event.user, pickConfigured(event.user.profile?.fields, profileFields)),
      };
    case 'app_home_opened':
      return event.tab === 'home'
        ? { type: 'home-opened', teamId, userId: event.user }
        : { type: 'ignored', reason: 'messages_tab' };
  }
}

/** Profile fields only when the event carries them: an event without `fields` must not clear them. */
function pickConfigured(fields: unknown, config: ProfileFieldConfig) {
  return fields && typeof fields === 'object' && !Array.isArray(fields) ? pickProfileFields(fields, config) : {};
}
