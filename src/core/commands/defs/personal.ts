import { z } from 'zod';
import { reply } from '../../service/replies.js';
import { localeSchema } from '../../types.js';
import { end, oneOf } from '../arguments.js';
import { defineCommand } from '../define.js';

/** A member's own settings: prompts on or off, and the language Hiroba uses with them. */
export const personalCommands = [
  defineCommand({
    id: 'optout',
    words: ['optout'],
    aliases: { optout: ['opt-out', '配信停止'] },
    args: z.object({}),
    role: 'member',
    help: [{ key: 'commands.line.optout' }],
    handler: async (ctx) => {
      await ctx.deps.repos.members.update(ctx.caller.id, { optedOut: true });
      return reply(ctx.locale, 'replies.optout');
    },
  }),
  defineCommand({
    id: 'optin',
    words: ['optin'],
    aliases: { optin: ['opt-in', '配信再開'] },
    args: z.object({}),
    role: 'member',
    help: [{ key: 'commands.line.optin' }],
    handler: async (ctx) => {
      await ctx.deps.repos.members.update(ctx.caller.id, { optedOut: false });
      return reply(ctx.locale, 'replies.optin');
    },
  }),
  defineCommand({
    id: 'language',
    words: ['language'],
    aliases: { language: ['lang', '言語'] },
    args: z.object({ locale: localeSchema }),
    read: oneOf('locale', ['ja', 'en'], (locale, args, topic) => end(args, topic, { locale })),
    role: 'member',
    help: [{ key: 'commands.line.language' }],
    handler: async (ctx, args) => {
      await ctx.deps.repos.members.update(ctx.caller.id, { locale: args.locale, localeChosen: true });
      return reply(args.locale, 'replies.language');
    },
  }),
];
