import { z } from 'zod';
import { reply } from '../../service/replies.js';
import { updateSettings } from '../../service/settings.js';
import { RETENTION_DAYS } from '../../types.js';
import { normalizeToken } from '../aliases.js';
import { end, fail } from '../arguments.js';
import { defineCommand } from '../define.js';

/** `180`, `180日`, `180days`, full-width digits: the number of days, or null. */
function daysOf(word: string): number | null {
  const match = /^(\d{1,6})(?:日|日間|d|days?)?$/u.exec(normalizeToken(word));
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** How long raw activities are kept (`retentionDays`); the daily rollups are kept regardless. */
export const retentionCommands = [
  defineCommand({
    id: 'retention.show',
    words: ['retention', 'show'],
    aliases: { retention: ['保存期間', '保持期間'] },
    isDefault: true,
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.retentionShow' }],
    handler: (ctx) =>
      reply(ctx.locale, 'replies.retention.show', {
        days: ctx.workspace.settings.retentionDays,
        min: RETENTION_DAYS.min,
        max: RETENTION_DAYS.max,
      }),
  }),
  defineCommand({
    id: 'retention.set',
    words: ['retention', 'set'],
    args: z.object({ days: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max) }),
    read: (args, _context, topic) => {
      const token = args.next();
      if (token === undefined) return fail('missing_argument', topic, 'days');
      const days = daysOf(token.text);
      if (days === null || days < RETENTION_DAYS.min || days > RETENTION_DAYS.max)
        return fail('invalid_argument', topic, 'days', token.text);
      return end(args, topic, { days });
    },
    role: 'ops',
    help: [{ key: 'commands.line.retentionSet' }],
    handler: async (ctx, { days }) => {
      const before = ctx.workspace.settings.retentionDays;
      await updateSettings(ctx, () => ({ retentionDays: days }));
      return reply(ctx.locale, 'replies.retention.set', { days, before });
    },
  }),
];
