import { type Word, wordOf } from './aliases.js';
import {
  type ArgumentName,
  type ChannelRef,
  type Command,
  type CommandTopic,
  MAX_SETTING_TEXT,
  type MemberRef,
  type ParseContext,
  type ParseError,
  type ParseErrorCode,
  type Target,
} from './command.js';
import { parseChannel, parseMember } from './mentions.js';
import type { Cursor, Token } from './tokens.js';

/** What a rule produces; the parser validates the command with the schema before handing it out. */
export type Step = { ok: true; command: Command } | { ok: false; error: ParseError };

/** Reads the words after the ones that chose it. The grammar is a tree of rules. */
export type Rule = (args: Cursor, context: ParseContext) => Step;

export const ok = (command: Command): Step => ({ ok: true, command });

export function fail(code: ParseErrorCode, topic: CommandTopic, argument?: ArgumentName, detail?: string): Step {
  const error: ParseError = { code, topic };
  if (argument !== undefined) error.argument = argument;
  if (detail !== undefined) error.detail = detail;
  return { ok: false, error };
}

/** Anything left over is refused rather than ignored: a typo must not quietly run another command. */
export function end(args: Cursor, topic: CommandTopic, command: Command): Step {
  if (args.done()) return ok(command);
  const rest = args.remaining();
  return fail('invalid_argument', topic, 'extra', args.span(rest));
}

/** Reads the next word and runs the matching rule; `fallback` runs when there is no next word. */
export function choose(topic: CommandTopic, rules: Partial<Record<Word, Rule>>, fallback?: Rule): Rule {
  return (args, context) => {
    const token = args.peek();
    if (token === undefined) return fallback ? fallback(args, context) : fail('missing_argument', topic, 'subcommand');
    const word = wordOf(token.text);
    const rule = word === null ? undefined : rules[word];
    if (rule === undefined) return fail('unknown_command', topic, 'subcommand', token.text);
    args.next();
    return rule(args, context);
  };
}

/** A command that takes no arguments. */
export function plain(topic: CommandTopic, command: Command): Rule {
  return (args) => end(args, topic, command);
}

/** Reads one word out of a closed set (on/off, ops/admin, ja/en…) and builds the command from it. */
export function oneOf<W extends Word>(
  topic: CommandTopic,
  argument: ArgumentName,
  words: readonly W[],
  build: (word: W, args: Cursor) => Step,
): Rule {
  return (args) => {
    const token = args.next();
    if (token === undefined) return fail('missing_argument', topic, argument);
    const word = wordOf(token.text);
    const chosen = words.find((w) => w === word);
    if (chosen === undefined) return fail('invalid_argument', topic, argument, token.text);
    return build(chosen, args);
  };
}

/** `purpose set` / `rules set`: the rest of the line exactly as typed, trimmed. */
export function settingText(topic: CommandTopic, build: (text: string) => Command): Rule {
  return (args) => {
    const text = args.restVerbatim();
    if (text === '') return fail('missing_argument', topic, 'text');
    if (text.length > MAX_SETTING_TEXT) return fail('too_long', topic, 'text', String(text.length));
    return ok(build(text));
  };
}

/** A channel argument; without one, the channel the words were said in (an error in a DM). */
export function channelArg(topic: CommandTopic, build: (channel: ChannelRef) => Command): Rule {
  return (args, context) => {
    const token = args.next();
    if (token === undefined) {
      const here = context.channelId;
      if (here === undefined || here === null || here === '') return fail('missing_argument', topic, 'channel');
      return ok(build({ id: here, name: null, implicit: true }));
    }
    const channel = parseChannel(token.text);
    if (channel === null) return fail('invalid_argument', topic, 'channel', token.text);
    return end(args, topic, build(channel));
  };
}

/** Exactly one member (mention, at-mention, `@name` or email). */
export function memberArg(topic: CommandTopic, build: (member: MemberRef) => Command): Rule {
  return (args) => {
    const token = args.next();
    if (token === undefined) return fail('missing_argument', topic, 'member');
    const parsed = parseMember(token.text);
    if (!parsed.ok) return fail('invalid_argument', topic, 'member', token.text);
    return end(args, topic, build(parsed.member));
  };
}

export type TargetRead = { ok: true; target: Target } | { ok: false; step: Step };

/**
 * A member when the words are one member reference, else a department named by the words as typed
 * (spaces kept, so `Customer Success` and `営業部　東日本` stay whole). `drop` are flag tokens to leave out.
 */
export function readTarget(
  args: Cursor,
  tokens: readonly Token[],
  drop: readonly Token[],
  topic: CommandTopic,
): TargetRead {
  const first = tokens[0];
  if (first === undefined) return { ok: false, step: fail('missing_argument', topic, 'target') };
  const member = parseMember(first.text);
  if (member.ok) {
    if (tokens.length > 1)
      return { ok: false, step: fail('invalid_argument', topic, 'extra', args.span(tokens.slice(1), drop)) };
    return { ok: true, target: { kind: 'member', member: member.member } };
  }
  if (member.mention) return { ok: false, step: fail('invalid_argument', topic, 'member', first.text) };
  return readDepartment(args, tokens, drop, topic);
}

/** A department name: the words as typed, at most 200 characters (the directory's bound). */
export function readDepartment(
  args: Cursor,
  tokens: readonly Token[],
  drop: readonly Token[],
  topic: CommandTopic,
): TargetRead {
  const name = args.span(tokens, drop);
  if (name === '') return { ok: false, step: fail('missing_argument', topic, 'department') };
  if (name.length > 200) return { ok: false, step: fail('too_long', topic, 'department', String(name.length)) };
  return { ok: true, target: { kind: 'department', name } };
}
