import { wordOf } from './aliases.js';
import {
  COMMAND_TOPICS,
  type CommandTopic,
  type CommandType,
  commandSchema,
  type ParseContext,
  type ParseResult,
} from './command.js';
import { GRAMMAR } from './grammar.js';
import { Cursor, tokenize } from './tokens.js';

export type { Command, CommandTopic, CommandType, ParseContext, ParseError, ParseResult } from './command.js';
export { helpLines, parseErrorMessage, usage } from './help.js';
export { COMMAND_ROLES } from './roles.js';

/**
 * Reads `/hiroba <words>` (Slack) or the words after `@Hiroba` (Teams) into a command. Pure: no
 * lookups; members, channels and departments come back as references for the dispatcher to resolve.
 * Called by the core's command runner; the adapters pass the text untouched.
 */
export function parseCommand(text: string, context: ParseContext = {}): ParseResult {
  const tokens = tokenize(text);
  // Teams puts the bot's own at-mention in the text (`<at>Hiroba</at> stats`); no command starts with one.
  while (tokens[0] !== undefined && /^<at>/iu.test(tokens[0].text)) tokens.shift();
  const first = tokens[0];
  if (first === undefined) return { ok: false, error: { code: 'empty', topic: 'help' } };
  const word = wordOf(first.text);
  const rule = word !== null && Object.hasOwn(GRAMMAR, word) ? GRAMMAR[word as keyof typeof GRAMMAR] : undefined;
  if (rule === undefined) return { ok: false, error: { code: 'unknown_command', topic: 'help', detail: first.text } };
  const cursor = new Cursor(text, tokens);
  cursor.next();
  const step = rule(cursor, context);
  if (!step.ok) return step;
  // The rules build commands by hand; the schema is the last word on their arguments.
  const checked = commandSchema.safeParse(step.command);
  if (!checked.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_argument',
        topic: topicOf(step.command.type),
        detail: checked.error.issues[0]?.message ?? 'invalid',
      },
    };
  }
  return { ok: true, command: checked.data };
}

/** The usage topic of a command type: its first word (`rollout.pilot.add` → `rollout`). */
export function topicOf(type: CommandType): CommandTopic {
  const head = type.split('.')[0];
  return COMMAND_TOPICS.find((t) => t === head) ?? 'help';
}
