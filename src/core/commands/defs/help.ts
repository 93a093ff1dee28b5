import { z } from 'zod';
import { t } from '../../i18n/index.js';
import { listBlock, message, textBlock } from '../../programs/blocks.js';
import { ok } from '../arguments.js';
import { defineCommand } from '../define.js';
import { helpLines, usage } from '../help.js';

/** `help` (also `/hiroba` alone): the commands this caller may run, in the form they type them. */
export const helpCommands = [
  defineCommand({
    id: 'help',
    words: ['help'],
    aliases: { help: ['?', 'ヘルプ', '使い方', 'コマンド'] },
    // The topic is kept as typed; the handler reads it with the registry's lexicon (`help 統計`).
    args: z.object({ topic: z.string().min(1).max(100).nullable() }),
    read: (args) => {
      const token = args.next();
      args.remaining();
      return ok({ topic: token === undefined ? null : token.text });
    },
    role: 'member',
    help: [{ key: 'commands.line.help' }],
    handler: (ctx, args) => {
      const platform = ctx.workspace.platform;
      const topic = args.topic === null ? null : ctx.commands.topicOf(args.topic);
      if (topic !== null && topic !== 'help') {
        const text = usage(ctx.commands, topic, ctx.locale, ctx.role, platform);
        return message({ kind: 'help', blocks: [textBlock(text)], fallback: text });
      }
      const title = t(ctx.locale, 'commands.help.title');
      const blocks = [
        textBlock(t(ctx.locale, platform === 'teams' ? 'commands.help.intro.teams' : 'commands.help.intro.slack')),
        ...helpLines(ctx.commands, ctx.locale, ctx.role, platform).map((s) => listBlock(s.lines, s.title)),
      ];
      return message({ kind: 'help', title, blocks, fallback: title });
    },
  }),
];
