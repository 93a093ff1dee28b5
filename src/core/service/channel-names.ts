import type { ChannelRef } from '../commands/command.js';
import { t } from '../i18n/index.js';
import type { CommandContext } from './context.js';
import { changeSettings } from './settings.js';

/** A channel as people read it: `#社内sns`; a channel whose name Hiroba never learnt is described, not shown by id. */
export function channelLabel(ctx: Pick<CommandContext, 'workspace' | 'locale'>, id: string): string {
  const name = ctx.workspace.settings.channelNames[id];
  return name ? `#${name}` : t(ctx.locale, 'replies.channels.unnamed');
}

/**
 * The name of a channel a command names: the one its mention carried, else the platform's answer
 * (Slack `conversations.info`), else what is already stored. Stored with the settings so every
 * later answer can show it.
 */
export async function learnChannelName(ctx: CommandContext, channel: ChannelRef): Promise<void> {
  const known = ctx.workspace.settings.channelNames[channel.id];
  const name = channel.name ?? known ?? (await ctx.deps.channelName?.(ctx.workspace, channel.id)) ?? null;
  if (name === null || name === known) return;
  ctx.workspace = await changeSettings(ctx.deps.repos, ctx.workspace, (s) => ({
    channelNames: { ...s.channelNames, [channel.id]: name.replace(/^#/u, '').slice(0, 200) },
  }));
}

/** Asks the platform for the names of counted channels Hiroba does not know yet (channels added before names were kept). */
export async function fillChannelNames(ctx: CommandContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    if (ctx.workspace.settings.channelNames[id] === undefined)
      await learnChannelName(ctx, { id, name: null, implicit: false });
  }
}
