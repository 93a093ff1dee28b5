import type { Role } from '../types.js';
import { Lexicon, normalizeToken, WORD_ALIASES } from './aliases.js';
import type { Command, ParseContext, ParseError } from './command.js';
import type { CommandDefinition, HelpLine } from './define.js';
import { hasRole } from './roles.js';
import { nearestForm } from './suggest.js';
import { Cursor, tokenize } from './tokens.js';

export type ParseResult =
  | { ok: true; command: Command; definition: CommandDefinition }
  | { ok: false; error: ParseError };

interface Node {
  children: Map<string, Node>;
  /** The command these words choose. */
  command?: CommandDefinition;
  /** The command that runs when nothing follows these words (`purpose` → `purpose show`). */
  fallback?: CommandDefinition;
}

/**
 * Words people type before the command on Teams' 1:1 chat or out of habit (`hiroba help`,
 * `@Hiroba help`, `/hiroba help`): dropped at the start.
 */
const LEADING_NAMES = new Set(['hiroba', '@hiroba', '/hiroba', 'ひろば', '広場']);

/**
 * The commands, as a tree of words, with one lexicon of their forms. Built once from the
 * definitions; the parser, `help`, the role check and the dispatcher all read it.
 */
export class CommandRegistry {
  readonly lexicon: Lexicon;
  private readonly root: Node = { children: new Map() };
  private readonly byId = new Map<string, CommandDefinition>();

  constructor(readonly definitions: readonly CommandDefinition[]) {
    this.lexicon = new Lexicon([WORD_ALIASES, ...definitions.map((d) => d.aliases)]);
    for (const def of definitions) {
      if (this.byId.has(def.id)) throw new Error(`command ${def.id} is defined twice`);
      this.byId.set(def.id, def);
      let node = this.root;
      for (const word of def.words) {
        let child = node.children.get(word);
        if (!child) {
          child = { children: new Map() };
          node.children.set(word, child);
        }
        if (def.isDefault && word === def.words[def.words.length - 1]) {
          if (node.fallback) throw new Error(`${def.id} and ${node.fallback.id} are both the default`);
          node.fallback = def;
        }
        node = child;
      }
      if (node.command) throw new Error(`${def.id} and ${node.command.id} have the same words`);
      node.command = def;
    }
  }

  get(id: string): CommandDefinition | undefined {
    return this.byId.get(id);
  }

  /** The first words, in the order defined (`help`, `purpose`, …). */
  topics(): string[] {
    return [...this.root.children.keys()];
  }

  /** The first word a token stands for (`統計` → `stats`), or null. */
  topicOf(token: string): string | null {
    const word = this.lexicon.wordOf(token);
    return word !== null && this.root.children.has(word) ? word : null;
  }

  /**
   * Reads `/hiroba <words>` (Slack), the words after `@Hiroba` (Teams) or the words of a Teams 1:1
   * chat into a command. Pure: members, channels and groups come back as references for the
   * dispatcher to resolve. Nothing typed (`/hiroba` alone) is `help`.
   */
  parse(text: string, context: ParseContext = {}): ParseResult {
    const tokens = tokenize(text);
    // Teams puts the bot's own at-mention in the text (`<at>Hiroba</at> stats`); no command starts with one.
    while (
      tokens[0] !== undefined &&
      (/^<at>/iu.test(tokens[0].text) || LEADING_NAMES.has(normalizeToken(tokens[0].text)))
    )
      tokens.shift();
    const cursor = new Cursor(text, tokens);
    let node = this.root;
    let topic = 'help';
    for (let token = cursor.peek(); token !== undefined; token = cursor.peek()) {
      const word = this.lexicon.wordOf(token.text);
      const child = word === null ? undefined : node.children.get(word);
      if (child === undefined || word === null) break;
      if (node === this.root) topic = word;
      cursor.next();
      node = child;
      if (node.command) break;
    }
    const next = cursor.peek();
    if (node === this.root) {
      const help = this.root.children.get('help')?.command;
      if (next === undefined && help) return this.finish(help, cursor, context);
      return this.unknown(node, next?.text ?? '', 'help', false);
    }
    if (node.command) return this.finish(node.command, cursor, context);
    if (next === undefined) {
      if (node.fallback) return this.finish(node.fallback, cursor, context);
      return { ok: false, error: { code: 'missing_argument', topic, argument: 'subcommand' } };
    }
    return this.unknown(node, next.text, topic, true);
  }

  private finish(def: CommandDefinition, cursor: Cursor, context: ParseContext): ParseResult {
    const step = def.readArgs(cursor, context);
    if (!step.ok) return step;
    return { ok: true, command: { ...step.args, type: def.id }, definition: def };
  }

  private unknown(node: Node, typed: string, topic: string, sub: boolean): ParseResult {
    const forms = [...node.children.keys()].flatMap((w) => this.lexicon.forms(w));
    const error: ParseError = { code: 'unknown_command', topic, detail: typed };
    if (sub) error.argument = 'subcommand';
    const nearest = nearestForm(typed, forms);
    // Typed in Latin letters, the suggestion is the command's own word (`statistics` → `stats`, not `stat`).
    const suggestion =
      nearest !== null && /^[\x20-\x7e]+$/u.test(typed) ? (this.lexicon.wordOf(nearest) ?? nearest) : nearest;
    if (suggestion !== null) error.suggestion = suggestion;
    return { ok: false, error };
  }

  /** The help lines a caller with `role` sees, each with its command, in definition order. */
  helpFor(role: Role): { definition: CommandDefinition; line: HelpLine; role: Role }[] {
    return this.definitions.flatMap((definition) =>
      definition.help
        .map((line) => ({ definition, line, role: line.role ?? definition.role }))
        .filter((entry) => hasRole(role, definition.role) && hasRole(role, entry.role)),
    );
  }

  /** Every help line of one first word, whoever may run it (a usage message). */
  linesOf(topic: string): HelpLine[] {
    return this.definitions.filter((d) => d.words[0] === topic).flatMap((d) => [...d.help]);
  }
}
