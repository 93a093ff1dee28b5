import { formatPeople } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import type { Block } from '../message.js';
import { fieldsBlock, listBlock } from '../programs/blocks.js';
import type { Member } from '../types.js';
import { type PromptRefusal, promptRefusal } from './caps.js';
import type { CommandContext } from './context.js';

/** Why someone in a bulk command's audience gets nothing now. */
export type SkipReason = PromptRefusal | 'resting' | 'already';

export interface AudiencePlan {
  send: Member[];
  skipped: Map<SkipReason, Member[]>;
}

/**
 * Who of `people` a bulk prompt would reach now, and why each of the others would be skipped (opted
 * out, unreachable, resting after unanswered nudges, weekly cap, asked already). `alreadyAsked` says
 * whether the same request already went to them in this period.
 */
export async function planAudience(
  ctx: CommandContext,
  people: readonly Member[],
  alreadyAsked: (member: Member) => boolean = () => false,
): Promise<AudiencePlan> {
  const nudges = new Map((await ctx.deps.repos.nudges.list(ctx.workspace.id)).map((n) => [n.memberId, n]));
  const send: Member[] = [];
  const skipped = new Map<SkipReason, Member[]>();
  const skip = (why: SkipReason, m: Member): void => {
    const list = skipped.get(why) ?? [];
    list.push(m);
    skipped.set(why, list);
  };
  for (const m of people) {
    const refusal = await promptRefusal(ctx.deps.repos, ctx.workspace, m, ctx.now);
    const rest = nudges.get(m.id)?.restUntil ?? null;
    if (refusal !== null && refusal !== 'capped') skip(refusal, m);
    else if (rest !== null && rest > ctx.now.toISOString()) skip('resting', m);
    else if (alreadyAsked(m)) skip('already', m);
    else if (refusal === 'capped') skip('capped', m);
    else send.push(m);
  }
  return { send, skipped };
}

/** "斎藤 明美さん、… ほか12名": up to ten names, then how many more. */
export function namesLine(ctx: CommandContext, people: readonly Member[], max = 10): string {
  const names = people.slice(0, max).map((m) => t(ctx.locale, 'programs.people.person', { name: m.name }));
  const sep = ctx.locale === 'ja' ? '、' : ', ';
  const rest = people.length - names.length;
  return rest > 0
    ? `${names.join(sep)}${sep}${t(ctx.locale, 'replies.preview.andMore', { people: formatPeople(ctx.locale, rest) })}`
    : names.join(sep);
}

/** The preview's body: who gets it (names), and who is skipped, per reason with names. */
export function audienceBlocks(ctx: CommandContext, plan: AudiencePlan): Block[] {
  const l = ctx.locale;
  const blocks: Block[] = [];
  if (plan.send.length > 0) blocks.push(listBlock([namesLine(ctx, plan.send)], t(l, 'replies.preview.recipients')));
  const reasons = [...plan.skipped].filter(([, list]) => list.length > 0);
  if (reasons.length > 0) {
    blocks.push(
      fieldsBlock(
        reasons.map(([why, list]) => ({
          label: t(l, `replies.preview.skip.${why}`),
          value: `${formatPeople(l, list.length)}：${namesLine(ctx, list, 5)}`,
        })),
      ),
    );
  }
  return blocks;
}
