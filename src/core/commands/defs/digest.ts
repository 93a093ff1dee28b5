import { z } from 'zod';
import { formatDayRange, formatPeople } from '../../i18n/dates.js';
import { t } from '../../i18n/index.js';
import { textBlock } from '../../programs/blocks.js';
import { channelLabel } from '../../service/channel-names.js';
import type { CommandContext } from '../../service/context.js';
import { problem, reply } from '../../service/replies.js';
import { buildDigest } from '../../service/reports.js';
import { phaseGroup } from '../../service/snapshot.js';
import { addDays, isoWeekOf, isoWeekStartDay } from '../../time.js';
import type { Preview } from '../define.js';
import { defineCommand } from '../define.js';

/** This week as dates ("3月2日〜8日"), never as an ISO week label. */
function weekDates(ctx: CommandContext): { period: string; dates: string } {
  const period = isoWeekOf(ctx.now, ctx.workspace.settings.timezone);
  const monday = isoWeekStartDay(period);
  return { period, dates: formatDayRange(ctx.locale, monday, addDays(monday, 6)) };
}

/** The weekly digest: seen privately now, or posted now after a preview (once a week, ledger rules). */
export const digestCommands = [
  defineCommand({
    id: 'digest.preview',
    words: ['digest', 'preview'],
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.digestPreview' }],
    handler: async (ctx) => buildDigest(ctx.deps.repos, await ctx.snapshot(), ctx.locale),
  }),
  defineCommand({
    id: 'digest.send',
    words: ['digest', 'send'],
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.digestSend' }],
    preview: async (ctx): Promise<Preview> => {
      const channel = ctx.workspace.settings.digestChannel;
      if (!channel) return { confirm: false, message: problem(ctx.locale, 'replies.digest.channelUnset') };
      const { period, dates } = weekDates(ctx);
      if (await ctx.deps.repos.ledger.get(ctx.workspace.id, 'digest', period))
        return { confirm: false, message: reply(ctx.locale, 'replies.digest.alreadySent', { period: dates }) };
      const covered = phaseGroup(await ctx.snapshot()).length;
      return {
        confirm: true,
        title: t(ctx.locale, 'replies.digest.preview', { period: dates, channel: channelLabel(ctx, channel) }),
        blocks: [
          textBlock(
            t(ctx.locale, 'replies.digest.previewCovers', {
              phase: t(ctx.locale, `replies.phase.${ctx.workspace.settings.rolloutPhase}`),
              people: formatPeople(ctx.locale, covered),
            }),
          ),
        ],
      };
    },
    handler: async (ctx) => {
      if (!ctx.workspace.settings.digestChannel) return problem(ctx.locale, 'replies.digest.channelUnset');
      if (!ctx.deps.runJob) return problem(ctx.locale, 'replies.jobs.unavailable');
      const { dates } = weekDates(ctx);
      const result = await ctx.deps.runJob('digest', ctx.workspace, ctx.now);
      if (result.status === 'already-ran') return reply(ctx.locale, 'replies.digest.alreadySent', { period: dates });
      return reply(ctx.locale, 'replies.digest.queued', {
        period: dates,
        channel: channelLabel(ctx, ctx.workspace.settings.digestChannel),
      });
    },
  }),
];
