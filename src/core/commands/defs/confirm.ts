import { z } from 'zod';
import { confirmPending } from '../../service/dispatch.js';
import { defineCommand } from '../define.js';

/** `confirm` / `cancel`: the caller's newest preview of a bulk command, within ten minutes. */
export const confirmCommands = [
  defineCommand({
    id: 'confirm',
    words: ['confirm'],
    aliases: { confirm: ['ok', 'yes', '確定', '実行', 'はい', '送信する'] },
    args: z.object({}),
    // Only ops run bulk commands; the command's own role is checked again when it runs.
    role: 'ops',
    help: [{ key: 'commands.line.confirm' }],
    handler: (ctx) => confirmPending(ctx, null),
  }),
  defineCommand({
    id: 'cancel',
    words: ['cancel'],
    aliases: { cancel: ['キャンセル', 'やめる', '中止'] },
    args: z.object({}),
    role: 'ops',
    help: [],
    handler: (ctx) => confirmPending(ctx, null, true),
  }),
];
