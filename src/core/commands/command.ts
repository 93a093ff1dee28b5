import { z } from 'zod';

/** Longest purpose or rules text a command may set (the same bound as the workspace settings). */
export const MAX_SETTING_TEXT = 3000;

/**
 * A member named in a command: a platform mention (`<@U123>`), an email, or a display name
 * (`@斎藤 明美`, a Teams `<at>Name</at>` entity). The dispatcher looks it up.
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
  /** The name the mention carried, if any; stored so answers show the channel by name. */
  name: z.string().nullable(),
  /** True when no channel was given and the caller's channel was meant. */
  implicit: z.boolean(),
});
export type ChannelRef = z.infer<typeof channelRefSchema>;

/**
 * Who `stats` and `prompt` are about: one member by reference, or words the dispatcher resolves
 * against the directory (a department, a location, or a member's name; exact or unique prefix).
 */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), member: memberRefSchema }),
  z.object({ kind: z.literal('group'), name: z.string().min(1).max(200) }),
]);
export type Target = z.infer<typeof targetSchema>;

/** Directory attributes ops may map to a Slack custom profile field. */
export const PROFILE_FIELDS = ['department', 'location', 'manager'] as const;

/**
 * A parsed command: the id of its definition (`rollout.pilot.add`) and its arguments, already
 * validated by the definition's schema.
 */
export type Command = { type: string } & Record<string, unknown>;

/** The first word of a command (`rollout`), or `help`: whose usage a parse error shows. */
export type CommandTopic = string;

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
  'page',
  'count',
  'days',
  'threshold',
] as const;
export type ArgumentName = (typeof ARGUMENT_NAMES)[number];

export type ParseErrorCode = 'empty' | 'unknown_command' | 'missing_argument' | 'invalid_argument' | 'too_long';

/**
 * Why the words are not a command. `topic` says whose usage to show; `detail` is the offending
 * input as typed (or, for `too_long`, the length); `argument` says which argument was wrong;
 * `suggestion` is the nearest known word for a typo ("did you mean").
 */
export interface ParseError {
  code: ParseErrorCode;
  topic: CommandTopic;
  detail?: string;
  argument?: ArgumentName;
  suggestion?: string;
}

export interface ParseContext {
  /** The channel the words were said in; null in a DM or when unknown. */
  channelId?: string | null;
}
