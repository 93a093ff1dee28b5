import { z } from 'zod';
import { managerNamesChanged } from '../../programs/privacy.js';
import { reply } from '../../service/replies.js';
import { updateSettings } from '../../service/settings.js';
import { end, oneOf } from '../arguments.js';
import { defineCommand } from '../define.js';

const onOff = oneOf('switch', ['on', 'off'], (w, args, topic) => end(args, topic, { enabled: w === 'on' }));

/** Workspace switches only admins turn: review before posting, names in manager reports. */
export const switchCommands = [
  defineCommand({
    id: 'moderation',
    words: ['moderation'],
    aliases: { moderation: ['承認制'] },
    args: z.object({ enabled: z.boolean() }),
    read: onOff,
    role: 'admin',
    help: [{ key: 'commands.line.moderation' }],
    handler: async (ctx, { enabled }) => {
      await updateSettings(ctx, () => ({ moderation: enabled }));
      return reply(ctx.locale, enabled ? 'replies.moderation.on' : 'replies.moderation.off');
    },
  }),
  defineCommand({
    id: 'privacy.managerNames',
    words: ['privacy', 'manager-names'],
    aliases: { privacy: ['プライバシー'] },
    args: z.object({ enabled: z.boolean() }),
    read: onOff,
    role: 'admin',
    help: [{ key: 'commands.line.privacy' }],
    handler: async (ctx, { enabled }) => {
      await updateSettings(ctx, () => ({ managerNames: enabled }));
      return managerNamesChanged(ctx.locale, enabled);
    },
  }),
];
