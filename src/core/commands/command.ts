import { z } from 'zod';
import { jobNameSchema, localeSchema } from '../types.js';

/** Longest purpose or rules text a command may set (the same bound as the workspace settings). */
export const MAX_SETTING_TEXT = 3000;

/**
 * A member named in a command: a platform mention (`<@U123>`), an email, or a display name
 * (a Teams `<at>Name</at>` entity; the adapter resolves it to an id). The dispatcher looks it up.
 */
export const memberRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('platformId'), id: z.string().min(1) }),
  z.object({ kind: z.literal('email'), email: z.email() }),
  z.object({ kind: z.literal('name'), name: z.string().min(1) }),
]);
export type MemberRef = z.infer<typeof memberRefSchema>;

/** A channel named in a command (`<#C123|name>`) or the channel the words were said in. */
export const channelRefSchema = z.object({
  id: z.string().min(1),
  /** The name the mention carried, if any; informational only. */
  name: z.string().nullable(),
  /** True when no channel was given and the caller's channel was meant. */
  implicit: z.boolean(),
});
export type ChannelRef = z.infer<typeof channelRefSchema>;

/** Who `stats` and `prompt` are about: one member, or a department by name. */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), member: memberRefSchema }),
  z.object({ kind: z.literal('department'), name: z.string().min(1).max(200) }),
]);
export type Target = z.infer<typeof targetSchema>;

/** Command topics: what a usage message is about (the top-level words, and `help`). */
export const COMMAND_TOPICS = [
  'help',
  'purpose',
  'rules',
  'channels',
  'digest',
  'stats',
  'inactive',
  'rollout',
  'schedule',
  'moderation',
  'privacy',
  'role',
  'prompt',
  'optout',
  'optin',
  'language',
  'reach',
  'profile-fields',
] as const;
export type CommandTopic = (typeof COMMAND_TOPICS)[number];

/** Words that later versions will give a meaning; parsed as `unknown` so the reply can say so. */
export const RESERVED_WORDS = ['dashboard', 'audit', 'forget'] as const;
export type ReservedWord = (typeof RESERVED_WORDS)[number];

/** Directory attributes ops may map to a Slack custom profile field. */
export const PROFILE_FIELDS = ['department', 'location', 'manager'] as const;

const settingText = z.string().min(1).max(MAX_SETTING_TEXT);
const onOff = z.boolean();
const grantable = z.enum(['ops', 'admin']);

const variants = [
  z.object({ type: z.literal('help'), topic: z.enum(COMMAND_TOPICS).nullable() }),
  z.object({ type: z.literal('purpose.show') }),
  z.object({ type: z.literal('purpose.set'), text: settingText }),
  z.object({ type: z.literal('rules.show') }),
  z.object({ type: z.literal('rules.set'), text: settingText }),
  z.object({ type: z.literal('channels.list') }),
  z.object({ type: z.literal('channels.add'), channel: channelRefSchema }),
  z.object({ type: z.literal('channels.remove'), channel: channelRefSchema }),
  z.object({ type: z.literal('digest.channel'), channel: channelRefSchema }),
  z.object({ type: z.literal('digest.preview') }),
  z.object({ type: z.literal('digest.send') }),
  z.object({ type: z.literal('stats'), target: targetSchema.nullable(), fiscalYear: z.boolean() }),
  z.object({ type: z.literal('inactive') }),
  z.object({ type: z.literal('reach') }),
  z.object({ type: z.literal('profileFields.show') }),
  z.object({ type: z.literal('profileFields.set'), field: z.enum(PROFILE_FIELDS), name: z.string().min(1).max(100) }),
  z.object({ type: z.literal('profileFields.clear'), field: z.enum(PROFILE_FIELDS) }),
  z.object({ type: z.literal('rollout.status') }),
  z.object({ type: z.literal('rollout.advance') }),
  z.object({ type: z.literal('rollout.pilot.add'), member: memberRefSchema }),
  z.object({ type: z.literal('rollout.pilot.remove'), member: memberRefSchema }),
  z.object({ type: z.literal('rollout.departments.add'), department: z.string().min(1).max(200) }),
  z.object({ type: z.literal('schedule.show') }),
  /** The cron has the right shape (5 or 6 fields); whether it is a valid schedule is checked later. */
  z.object({ type: z.literal('schedule.set'), job: jobNameSchema, cron: z.string().min(1).max(200) }),
  z.object({ type: z.literal('moderation'), enabled: onOff }),
  z.object({ type: z.literal('privacy.managerNames'), enabled: onOff }),
  z.object({ type: z.literal('role.grant'), role: grantable, member: memberRefSchema }),
  z.object({ type: z.literal('role.revoke'), role: grantable, member: memberRefSchema }),
  z.object({ type: z.literal('prompt'), kind: z.enum(['story', 'idea']), target: targetSchema }),
  z.object({ type: z.literal('optout') }),
  z.object({ type: z.literal('optin') }),
  z.object({ type: z.literal('language'), locale: localeSchema }),
  z.object({ type: z.literal('unknown'), word: z.enum(RESERVED_WORDS) }),
] as const;

/** Every command the grammar knows, validated once more after parsing. */
export const commandSchema = z.discriminatedUnion('type', variants);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

/** Which argument an error is about; picks the message that says how to fix it. */
export const ARGUMENT_NAMES = [
  'subcommand',
  'channel',
  'member',
  'target',
  'department',
  'job',
  'cron',
  'text',
  'role',
  'locale',
  'switch',
  'kind',
  'field',
  'extra',
] as const;
export type ArgumentName = (typeof ARGUMENT_NAMES)[number];

export type ParseErrorCode = 'empty' | 'unknown_command' | 'missing_argument' | 'invalid_argument' | 'too_long';

/**
 * Why the words are not a command. `topic` says whose usage to show; `detail` is the offending
 * input as typed (or, for `too_long`, the length); `argument` says which argument was wrong.
 */
export interface ParseError {
  code: ParseErrorCode;
  topic: CommandTopic;
  detail?: string;
  argument?: ArgumentName;
}

export type ParseResult = { ok: true; command: Command } | { ok: false; error: ParseError };

export interface ParseContext {
  /** The channel the words were said in; null in a DM or when unknown. */
  channelId?: string | null;
}
