import type { z } from 'zod';
import type { TextKey } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import type { CommandContext } from '../service/context.js';
import type { Role } from '../types.js';
import { type ArgsReader, fail, noArgs, ok, type Step } from './arguments.js';
import type { CommandTopic, ParseContext } from './command.js';
import type { Cursor } from './tokens.js';

/** One line of `help`: a catalogue key (`commands.line.*`) and the least role that sees it. */
export interface HelpLine {
  key: TextKey;
  /** Defaults to the command's role; a line may ask for more (a manager-only form of `stats`). */
  role?: Role;
}

/**
 * What a bulk command would do, shown before anything is sent: `confirm: true` with who and how many
 * get what and who is skipped and why (the caller then confirms), or `confirm: false` with an answer
 * that needs no confirmation (nothing to do, a refusal).
 */
export type Preview = { confirm: true; title: string; blocks: Block[] } | { confirm: false; message: Message };

/** What a command file declares; see `registry.ts` for how to add one. */
export interface CommandSpec<S extends z.ZodType<object>> {
  /** Stable id, the words joined with dots (`rollout.departments.remove`); tests and confirmations use it. */
  id: string;
  /** The canonical English words that choose the command, in order (`['rollout', 'departments', 'remove']`). */
  words: readonly [string, ...string[]];
  /** Other forms of this command's own words (Japanese first of all): `{ rollout: ['展開'] }`. */
  aliases?: Readonly<Record<string, readonly string[]>>;
  /** Also runs when only the words before the last are typed (`purpose` alone → `purpose show`). */
  isDefault?: boolean;
  /** The arguments, validated after reading: the handler receives exactly this. */
  args: S;
  /** Reads the arguments from the words after the command's own; default: none allowed. */
  read?: ArgsReader<z.input<S>>;
  /** The least role that may run it; the dispatcher refuses anyone below. */
  role: Role;
  /**
   * The command may change whom the rollout covers (a step, a department, a pilot member): after it
   * runs (or its confirmation does), the rollout program includes the newly covered members.
   */
  changesRollout?: boolean;
  /**
   * This caller's answer reads the whole workspace (an ops person's `stats`): at 100,000 members it
   * takes longer than a person should wait at a prompt, so the service computes it away from the
   * server's thread when the composition root offers a place (`ServiceDeps.answerAway`), and the
   * adapters show "crunching the numbers" until it comes. Default: never.
   */
  slow?: (args: z.output<S>, role: Role) => boolean;
  /** The lines `help` shows for it, in order. */
  help: readonly HelpLine[];
  handler: (ctx: CommandContext, args: z.output<S>) => Message | Promise<Message>;
  /**
   * For commands that message many people at once: what would happen. With a preview the handler
   * runs only after the caller confirms (button, or `confirm` within ten minutes).
   */
  preview?: (ctx: CommandContext, args: z.output<S>) => Preview | Promise<Preview>;
}

/** A registered command with its types erased, as the registry holds it. */
export interface CommandDefinition {
  id: string;
  words: readonly [string, ...string[]];
  aliases: Readonly<Record<string, readonly string[]>>;
  isDefault: boolean;
  role: Role;
  /** See `CommandSpec.changesRollout`. */
  changesRollout: boolean;
  /** See `CommandSpec.slow`; false for arguments that do not validate. */
  slow(args: unknown, role: Role): boolean;
  help: readonly HelpLine[];
  /** Reads and validates the arguments. */
  readArgs(cursor: Cursor, context: ParseContext): Step<Record<string, unknown>>;
  /** Validates the arguments again (they may come back from storage, e.g. a confirmation) and runs. */
  run(ctx: CommandContext, args: unknown): Message | Promise<Message>;
  /** Present for bulk commands: the preview shown before `run`. */
  preview?: (ctx: CommandContext, args: unknown) => Preview | Promise<Preview>;
}

/** Declares a command. Every part of Hiroba that knows commands (parser, help, roles, dispatch) reads these. */
export function defineCommand<S extends z.ZodType<object>>(spec: CommandSpec<S>): CommandDefinition {
  const topic: CommandTopic = spec.words[0];
  const read = (spec.read ?? noArgs) as ArgsReader<unknown>;
  const preview = spec.preview;
  return {
    ...(preview === undefined ? {} : { preview: (ctx, args) => preview(ctx, spec.args.parse(args)) }),
    id: spec.id,
    words: spec.words,
    aliases: spec.aliases ?? {},
    isDefault: spec.isDefault ?? false,
    role: spec.role,
    changesRollout: spec.changesRollout ?? false,
    slow(args, role) {
      const checked = spec.args.safeParse(args);
      return spec.slow !== undefined && checked.success && spec.slow(checked.data, role);
    },
    help: spec.help,
    readArgs(cursor, context) {
      const step = read(cursor, context, topic);
      if (!step.ok) return step;
      const checked = spec.args.safeParse(step.args);
      if (!checked.success) return fail('invalid_argument', topic, 'extra', checked.error.issues[0]?.message);
      return ok(checked.data as Record<string, unknown>);
    },
    run(ctx, args) {
      return spec.handler(ctx, spec.args.parse(args));
    },
  };
}
