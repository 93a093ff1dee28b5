import { z } from 'zod';
import { t } from '../../i18n/index.js';
import type { Message } from '../../message.js';
import type { PersonalDataCounts } from '../../ports.js';
import { fieldsBlock, textBlock } from '../../programs/blocks.js';
import { recordAudit } from '../../service/audit.js';
import type { CommandContext } from '../../service/context.js';
import { problem, reply } from '../../service/replies.js';
import { describeRef, resolveMember } from '../../service/resolve.js';
import type { Member } from '../../types.js';
import { memberArg } from '../arguments.js';
import { type MemberRef, memberRefSchema } from '../command.js';
import { defineCommand, type Preview } from '../define.js';

/** The member to erase, or why not: unknown, or the caller themselves (another admin does that). */
async function subject(
  ctx: CommandContext,
  ref: MemberRef,
): Promise<{ ok: true; member: Member } | { ok: false; message: Message }> {
  const member = resolveMember(await ctx.snapshot(), ref);
  if (!member) return { ok: false, message: problem(ctx.locale, 'replies.member.notFound', { who: describeRef(ref) }) };
  if (member.id === ctx.caller.id) return { ok: false, message: problem(ctx.locale, 'replies.forget.self') };
  return { ok: true, member };
}

function countFields(ctx: CommandContext, counts: PersonalDataCounts) {
  const l = ctx.locale;
  return fieldsBlock(
    (
      [
        ['submissions', counts.submissions],
        ['messages', counts.messages],
        ['pendingActivities', counts.pendingActivities],
        ['other', counts.other],
        ['reports', counts.reports],
        ['activities', counts.activities],
      ] as const
    ).map(([key, n]) => ({ label: t(l, `replies.forget.count.${key}`), value: t(l, 'replies.forget.rows', { n }) })),
  );
}

/**
 * `forget <@member>` (admins): erases a person's personal data, after a preview of what goes. The
 * member row stays, anonymised, so daily rollups, weekly figures and cross-department counts stay
 * exact (see `MemberRepo.forget`); the erasure and its audit entry are one transaction. Someone the
 * directory brings back later is a new member with no history.
 */
export const forgetCommands = [
  defineCommand({
    id: 'forget',
    words: ['forget'],
    aliases: { forget: ['忘れる', 'erase', '個人データ削除', 'データ削除'] },
    args: z.object({ member: memberRefSchema }),
    read: memberArg,
    role: 'admin',
    help: [{ key: 'commands.line.forget' }],
    preview: async (ctx, cmd): Promise<Preview> => {
      const found = await subject(ctx, cmd.member);
      if (!found.ok) return { confirm: false, message: found.message };
      const l = ctx.locale;
      const counts = await ctx.deps.repos.members.personalData(found.member.id);
      return {
        confirm: true,
        title: t(l, 'replies.forget.previewTitle', { name: found.member.name }),
        blocks: [countFields(ctx, counts), textBlock(t(l, 'replies.forget.previewNote'))],
      };
    },
    handler: async (ctx, cmd) => {
      const found = await subject(ctx, cmd.member);
      if (!found.ok) return found.message;
      const { member } = found;
      const counts = await ctx.deps.repos.transaction(async () => {
        const done = await ctx.deps.repos.members.forget(member.id, ctx.now.toISOString());
        await recordAudit(ctx, 'forget', member.id, { ...done, role: member.role, outcome: 'done' });
        return done;
      });
      ctx.audited = true;
      return reply(ctx.locale, 'replies.forget.done', { name: member.name, activities: counts.activities }, [
        countFields(ctx, counts),
      ]);
    },
  }),
];
