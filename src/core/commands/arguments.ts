import { type Word, wordOf } from './aliases.js';
import {
  type ArgumentName,
  type ChannelRef,
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

/** What an argument reader produces; the registry validates `args` with the command's schema. */
export type Step<A> = { ok: true; args: A } | { ok: false; error: ParseError };

/** Reads a command's arguments from the words after its own words. */
export type ArgsReader<A> = (args: Cursor, context: ParseContext, topic: CommandTopic) => Step<A>;

export const ok = <A>(args: A): Step<A> => ({ ok: true, args });

export function fail<A = never>(
  code: ParseErrorCode,
  topic: CommandTopic,
  argument?: ArgumentName,
  detail?: string,
): Step<A> {
  const error: ParseError = { code, topic };
  if (argument !== undefined) error.argument = argument;
  if (detail !== undefined) error.detail = detail;
  return { ok: false, error };
}

/** Anything left over is refused rather than ignored: a typo must not quietly run another command. */
export function end<A>(args: Cursor, topic: CommandTopic, value: A): Step<A> {
  if (args.done()) return ok(value);
  const rest = args.remaining();
  return fail('invalid_argument', topic, 'extra', args.span(rest));
}

/** A command without arguments. */
export const noArgs: ArgsReader<Record<string, never>> = (args, _context, topic) => end(args, topic, {});

/** Reads one word out of a closed set (on/off, ops/admin, ja/en…) and builds the rest from it. */
export function oneOf<W extends Word, A>(
  argument: ArgumentName,
  words: readonly W[],
  build: (word: W, args: Cursor, topic: CommandTopic) => Step<A>,
): ArgsReader<A> {
  return (args, _context, topic) => {
    const token = args.next();
    if (token === undefined) return fail('missing_argument', topic, argument);
    const word = wordOf(token.text);
    const chosen = words.find((w) => w === word);
    if (chosen === undefined) return fail('invalid_argument', topic, argument, token.text);
    return build(chosen, args, topic);
  };
}

/** `purpose set` / `rules set`: the rest of the line exactly as typed, trimmed. */
export const settingText: ArgsReader<{ text: string }> = (args, _context, topic) => {
  const text = args.restVerbatim();
  if (text === '') return fail('missing_argument', topic, 'text');
  if (text.length > MAX_SETTING_TEXT) return fail('too_long', topic, 'text', String(text.length));
  return ok({ text });
};

/** A channel argument; without one, the channel the words were said in (an error in a DM). */
export const channelArg: ArgsReader<{ channel: ChannelRef }> = (args, context, topic) => {
  const token = args.next();
  if (token === undefined) {
    const here = context.channelId;
    if (here === undefined || here === null || here === '') return fail('missing_argument', topic, 'channel');
    return ok({ channel: { id: here, name: null, implicit: true } });
  }
  const channel = parseChannel(token.text);
  if (channel === null) return fail('invalid_argument', topic, 'channel', token.text);
  return end(args, topic, { channel });
};

/**
 * Exactly one member (mention, at-mention, email, or `@name`). A name typed after `@` may hold
 * spaces (`@斎藤 明美`): the member is always the last argument, so the rest of the words are the name.
 */
export function readMember(
  args: Cursor,
  tokens: readonly Token[],
  topic: CommandTopic,
  drop: readonly Token[] = [],
): Step<MemberRef> {
  const first = tokens[0];
  if (first === undefined) return fail('missing_argument', topic, 'member');
  const parsed = parseMember(first.text);
  if (!parsed.ok) return fail('invalid_argument', topic, 'member', first.text);
  if (tokens.length > 1) {
    if (parsed.member.kind === 'name' && /^[@＠]/u.test(first.text)) {
      return ok({
        kind: 'name',
        name: args
          .span(tokens, drop)
          .replace(/^[@＠]/u, '')
          .trim(),
      });
    }
    return fail('invalid_argument', topic, 'extra', args.span(tokens.slice(1), drop));
  }
  return ok(parsed.member);
}

export const memberArg: ArgsReader<{ member: MemberRef }> = (args, _context, topic) => {
  const read = readMember(args, args.remaining(), topic);
  return read.ok ? ok({ member: read.args }) : read;
};

/**
 * A member when the words are one member reference, else words the dispatcher resolves against
 * the directory (spaces kept, so `Customer Success` and `営業部　東日本` stay whole). `drop` are
 * flag tokens to leave out.
 */
export function readTarget(
  args: Cursor,
  tokens: readonly Token[],
  drop: readonly Token[],
  topic: CommandTopic,
): Step<Target> {
  const first = tokens[0];
  if (first === undefined) return fail('missing_argument', topic, 'target');
  const member = parseMember(first.text);
  if (member.ok) {
    const read = readMember(args, tokens, topic, drop);
    return read.ok ? ok({ kind: 'member', member: read.args }) : read;
  }
  if (member.mention) return fail('invalid_argument', topic, 'member', first.text);
  const name = readName(args, tokens, drop, topic);
  return name.ok ? ok({ kind: 'group', name: name.args }) : name;
}

/** A department or location name: the words as typed, at most 200 characters (the directory's bound). */
export function readName(
  args: Cursor,
  tokens: readonly Token[],
  drop: readonly Token[],
  topic: CommandTopic,
): Step<string> {
  const name = args.span(tokens, drop);
  if (name === '') return fail('missing_argument', topic, 'department');
  if (name.length > 200) return fail('too_long', topic, 'department', String(name.length));
  return ok(name);
}
