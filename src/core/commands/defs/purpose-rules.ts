import { z } from 'zod';
import { formatDay } from '../../i18n/dates.js';
import { t } from '../../i18n/index.js';
import type { Block, Message } from '../../message.js';
import { textBlock } from '../../programs/blocks.js';
import type { CommandContext } from '../../service/context.js';
import { reply, titled } from '../../service/replies.js';
import { updateSettings } from '../../service/settings.js';
import { localDay } from '../../time.js';
import type { SettingAuthor } from '../../types.js';
import { settingText } from '../arguments.js';
import { MAX_SETTING_TEXT } from '../command.js';
import { defineCommand } from '../define.js';

type Which = 'purpose' | 'rules';

/** "斎藤 明美さんが2026年3月2日に設定しました": who set the text, and when (a day in the workspace's zone). */
async function setByLine(ctx: CommandContext, author: SettingAuthor | null): Promise<Block | null> {
  if (author === null) return null;
  const who = (await ctx.deps.repos.members.get(author.memberId))?.name ?? t(ctx.locale, 'replies.setting.someone');
  const day = formatDay(ctx.locale, localDay(author.at, ctx.workspace.settings.timezone));
  return textBlock(t(ctx.locale, 'replies.setting.setBy', { name: who, date: day }), true);
}

async function show(ctx: CommandContext, which: Which): Promise<Message> {
  const s = ctx.workspace.settings;
  const text = which === 'purpose' ? s.purpose : s.rules;
  const title = t(ctx.locale, which === 'purpose' ? 'replies.purpose.title' : 'replies.rules.title');
  if (!text) return reply(ctx.locale, which === 'purpose' ? 'replies.purpose.empty' : 'replies.rules.empty');
  const by = await setByLine(ctx, which === 'purpose' ? s.purposeSetBy : s.rulesSetBy);
  return titled('command-reply', title, [textBlock(text), ...(by ? [by] : [])]);
}

async function set(ctx: CommandContext, which: Which, text: string): Promise<Message> {
  const author = { memberId: ctx.caller.id, at: ctx.now.toISOString() };
  await updateSettings(ctx, () =>
    which === 'purpose' ? { purpose: text, purposeSetBy: author } : { rules: text, rulesSetBy: author },
  );
  return reply(ctx.locale, which === 'purpose' ? 'replies.purpose.set' : 'replies.rules.set', {}, [textBlock(text)]);
}

const textArgs = z.object({ text: z.string().min(1).max(MAX_SETTING_TEXT) });

/** The network's purpose and posting rules: everyone reads them, ops set them. */
export const purposeRulesCommands = [
  defineCommand({
    id: 'purpose.show',
    words: ['purpose', 'show'],
    aliases: { purpose: ['目的'] },
    isDefault: true,
    args: z.object({}),
    role: 'member',
    help: [{ key: 'commands.line.purposeShow' }],
    handler: (ctx) => show(ctx, 'purpose'),
  }),
  defineCommand({
    id: 'purpose.set',
    words: ['purpose', 'set'],
    args: textArgs,
    read: settingText,
    role: 'ops',
    help: [{ key: 'commands.line.purposeSet' }],
    handler: (ctx, args) => set(ctx, 'purpose', args.text),
  }),
  defineCommand({
    id: 'rules.show',
    words: ['rules', 'show'],
    aliases: { rules: ['rule', 'ルール', '投稿ルール'] },
    isDefault: true,
    args: z.object({}),
    role: 'member',
    help: [{ key: 'commands.line.rulesShow' }],
    handler: (ctx) => show(ctx, 'rules'),
  }),
  defineCommand({
    id: 'rules.set',
    words: ['rules', 'set'],
    args: textArgs,
    read: settingText,
    role: 'ops',
    help: [{ key: 'commands.line.rulesSet' }],
    handler: (ctx, args) => set(ctx, 'rules', args.text),
  }),
];
