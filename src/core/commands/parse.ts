import type { ParseContext } from './command.js';
import type { ParseResult } from './command-registry.js';
import { createCommandRegistry } from './registry.js';

export type {
  ArgumentName,
  ChannelRef,
  Command,
  CommandTopic,
  MemberRef,
  ParseContext,
  ParseError,
  ParseErrorCode,
  Target,
} from './command.js';
export type { ParseResult } from './command-registry.js';
export { commandPrefix, helpLines, helpText, parseErrorMessage, parseErrorText, usage } from './help.js';
export { hasRole } from './roles.js';

let shared: ReturnType<typeof createCommandRegistry> | null = null;

/**
 * Reads command words with the registry of every command (built on first use). The service holds
 * its own registry; this is for callers that only parse (tests, tools).
 */
export function parseCommand(text: string, context: ParseContext = {}): ParseResult {
  shared ??= createCommandRegistry();
  return shared.parse(text, context);
}
