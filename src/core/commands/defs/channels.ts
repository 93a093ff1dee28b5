import { z } from 'zod';
import { t } from '../../i18n/index.js';
import { listBlock, textBlock } from '../../programs/blocks.js';
import { channelLabel, fillChannelNames, learnChannelName } from '../../service/channel-names.js';
import { problem, reply, titled } from '../../service/replies.js';
import { updateSettings } from '../../service/settings.js';
import { channelArg } from '../arguments.js';
import { channelRefSchema } from '../command.js';
import { defineCommand } from '../define.js';

const channelArgs = z.object({ channel: channelRefSchema });

/** The counted SNS channels (only activity there counts) and where the weekly digest goes. */
export const channelCommands = [
  defineCommand({
    id: 'channels.list',
    words: ['channels', 'list'],
    isDefault: true,
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.channelsList' }],
    handler: async (ctx) => {
      const { countedChannels, digestChannel } = ctx.workspace.settings;
      await fillChannelNames(ctx, digestChannel ? [...countedChannels, digestChannel] : countedChannels);
      return titled('command-reply', t(ctx.locale, 'replies.channels.title'), [
        listBlock(
          countedChannels.map((id) => channelLabel(ctx, id)),
          undefined,
          t(ctx.locale, 'replies.channels.none'),
        ),
        textBlock(
          digestChannel
            ? t(ctx.locale, 'replies.digest.channelIs', { channel: channelLabel(ctx, digestChannel) })
            : t(ctx.locale, 'replies.digest.channelUnset'),
          true,
        ),
      ]);
    },
  }),
  defineCommand({
    id: 'channels.add',
    words: ['channels', 'add'],
    args: channelArgs,
    read: channelArg,
    role: 'ops',
    help: [{ key: 'commands.line.channelsAdd' }],
    handler: async (ctx, { channel }) => {
      await learnChannelName(ctx, channel);
      if (ctx.workspace.settings.countedChannels.includes(channel.id)) {
        return reply(ctx.locale, 'replies.channels.already', { channel: channelLabel(ctx, channel.id) });
      }
      await updateSettings(ctx, (s) => ({ countedChannels: [...s.countedChannels, channel.id] }));
      return reply(ctx.locale, 'replies.channels.added', { channel: channelLabel(ctx, channel.id) });
    },
  }),
  defineCommand({
    id: 'channels.remove',
    words: ['channels', 'remove'],
    args: channelArgs,
    read: channelArg,
    role: 'ops',
    help: [{ key: 'commands.line.channelsRemove' }],
    handler: async (ctx, { channel }) => {
      await learnChannelName(ctx, channel);
      if (!ctx.workspace.settings.countedChannels.includes(channel.id)) {
        return problem(ctx.locale, 'replies.channels.notCounted', { channel: channelLabel(ctx, channel.id) });
      }
      await updateSettings(ctx, (s) => ({ countedChannels: s.countedChannels.filter((c) => c !== channel.id) }));
      return reply(ctx.locale, 'replies.channels.removed', { channel: channelLabel(ctx, channel.id) });
    },
  }),
  defineCommand({
    id: 'digest.channel',
    words: ['digest', 'channels'],
    aliases: { digest: ['ダイジェスト'] },
    args: channelArgs,
    read: channelArg,
    role: 'ops',
    help: [{ key: 'commands.line.digestChannel' }],
    handler: async (ctx, { channel }) => {
      await learnChannelName(ctx, channel);
      await updateSettings(ctx, () => ({ digestChannel: channel.id }));
      return reply(ctx.locale, 'replies.digest.channelSet', { channel: channelLabel(ctx, channel.id) });
    },
  }),
];
