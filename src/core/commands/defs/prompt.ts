import { z } from 'zod';
import { formatPeople } from '../../i18n/dates.js';
import { t } from '../../i18n/index.js';
import type { Message } from '../../message.js';
import type { NewOutboxRow } from '../../ports.js';
import { listBlock } from '../../programs/blocks.js';
import { ideaCall, storyPrompt } from '../../programs/index.js';
import { audienceBlocks, planAudience } from '../../service/audience-preview.js';
import type { CommandContext } from '../../service/context.js';
import { problem, titled } from '../../service/replies.js';
import { localeOf } from '../../service/reports.js';
import { describeRef, resolveGroup, resolveMember } from '../../service/resolve.js';
import { isoWeekOf } from '../../time.js';
import type { Member } from '../../types.js';
import { ok, oneOf, readTarget } from '../arguments.js';
import { type Target, targetSchema } from '../command.js';
import type { Preview } from '../define.js';
import { defineCommand } from '../define.js';

type Kind = 'story' | 'idea';
const jobOf = (kind: Kind): string => (kind === 'story' ? 'prompt-story' : 'prompt-idea');

/** The people a target names, or the answer explaining why it names nobody. */
async function peopleOf(
  ctx: CommandContext,
  target: Target,
): Promise<{ ok: true; people: Member[]; label: string } | { ok: false; message: Message }> {
  const snap = await ctx.snapshot();
  const l = ctx.locale;
  if (target.kind === 'member') {
    const member = resolveMember(snap, target.member);
    if (!member)
      return { ok: false, message: problem(l, 'replies.member.notFound', { who: describeRef(target.member) }) };
    return { ok: true, people: [member], label: t(l, 'programs.people.person', { name: member.name }) };
  }
  const match = resolveGroup(snap, target.name);
  switch (match.kind) {
    case 'none':
      return { ok: false, message: problem(l, 'replies.target.notFound', { name: target.name }) };
    case 'ambiguous':
      return {
        ok: false,
        message: problem(l, 'replies.target.ambiguous', { name: target.name }, [listBlock(match.candidates)]),
      };
    case 'member':
      return { ok: true, people: [match.member], label: t(l, 'programs.people.person', { name: match.member.name }) };
    default:
      return { ok: true, people: match.members, label: match.name };
  }
}

/** Who got this week's request of this kind already (the outbox key is per ISO week and person). */
async function askedThisWeek(ctx: CommandContext, kind: Kind): Promise<(m: Member) => boolean> {
  const period = isoWeekOf(ctx.now, ctx.workspace.settings.timezone);
  const asked = new Set(
    (await ctx.deps.repos.outbox.list(ctx.workspace.id, { job: jobOf(kind) }))
      .filter((row) => row.period === period)
      .map((row) => row.recipient.id),
  );
  return (m) => m.platformId !== null && asked.has(m.platformId);
}

const args = z.object({ kind: z.enum(['story', 'idea']), target: targetSchema });

/**
 * `prompt story|idea <@member|部署|拠点>`: a story or idea request, now, to one person or a whole
 * group. It first answers with who would get it and who is skipped and why; nothing is sent before
 * the caller confirms. Keyed by ISO week, so repeating it never asks the same person twice a week.
 */
export const promptCommands = [
  defineCommand({
    id: 'prompt',
    words: ['prompt'],
    aliases: { prompt: ['依頼', '投稿依頼'] },
    args,
    read: oneOf('kind', ['story', 'idea'], (kind, rest, topic) => {
      const read = readTarget(rest, rest.remaining(), [], topic);
      return read.ok ? ok({ kind, target: read.args }) : read;
    }),
    role: 'ops',
    help: [{ key: 'commands.line.prompt' }],
    preview: async (ctx, cmd): Promise<Preview> => {
      const found = await peopleOf(ctx, cmd.target);
      if (!found.ok) return { confirm: false, message: found.message };
      const plan = await planAudience(ctx, found.people, await askedThisWeek(ctx, cmd.kind));
      const l = ctx.locale;
      const kind = t(l, `replies.prompt.kind.${cmd.kind}`);
      if (plan.send.length === 0) {
        return {
          confirm: false,
          message: titled(
            'command-reply',
            t(l, 'replies.prompt.nobody', { kind, target: found.label }),
            audienceBlocks(ctx, plan),
          ),
        };
      }
      return {
        confirm: true,
        title: t(l, 'replies.prompt.preview', { kind, target: found.label, people: formatPeople(l, plan.send.length) }),
        blocks: audienceBlocks(ctx, plan),
      };
    },
    handler: async (ctx, cmd): Promise<Message> => {
      const found = await peopleOf(ctx, cmd.target);
      if (!found.ok) return found.message;
      const plan = await planAudience(ctx, found.people, await askedThisWeek(ctx, cmd.kind));
      const period = isoWeekOf(ctx.now, ctx.workspace.settings.timezone);
      const rows: NewOutboxRow[] = plan.send.flatMap((member) => {
        if (member.platformId === null) return [];
        const locale = localeOf(member, ctx.workspace);
        const msg =
          cmd.kind === 'story'
            ? storyPrompt({ locale, memberName: member.name })
            : ideaCall({ locale, memberName: member.name });
        return [
          {
            workspaceId: ctx.workspace.id,
            job: jobOf(cmd.kind),
            period,
            recipient: { kind: 'member' as const, id: member.platformId },
            message: msg,
            notBefore: ctx.now.toISOString(),
            createdAt: ctx.now.toISOString(),
          },
        ];
      });
      const queued = rows.length > 0 ? await ctx.deps.repos.outbox.enqueue(rows) : 0;
      const l = ctx.locale;
      return titled(
        'command-reply',
        t(l, 'replies.prompt.queued', {
          kind: t(l, `replies.prompt.kind.${cmd.kind}`),
          people: formatPeople(l, queued),
        }),
        audienceBlocks(ctx, { send: [], skipped: plan.skipped }),
      );
    },
  }),
];
