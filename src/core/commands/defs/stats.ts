import { z } from 'zod';
import { eligibleMembers } from '../../groups.js';
import { formatPeople } from '../../i18n/dates.js';
import { formatPercent, t } from '../../i18n/index.js';
import type { Block, Message } from '../../message.js';
import type { TeamMetrics } from '../../metrics.js';
import { fieldsBlock, listBlock, textBlock } from '../../programs/blocks.js';
import { MIN_REPORT_GROUP } from '../../programs/inputs.js';
import type { CommandContext } from '../../service/context.js';
import { problem, titled } from '../../service/replies.js';
import { recentWeek, recentWeekLabel } from '../../service/reports.js';
import { describeRef, resolveGroup, resolveMember } from '../../service/resolve.js';
import { hasRole } from '../../service/roles.js';
import { figuresMetrics, figuresOf, memberScore, stateOf, teamOf } from '../../service/snapshot.js';
import { fiscalYearOfDay, fiscalYearRange, type InstantRange, localDay } from '../../time.js';
import { type ActivityKind, type Locale, MEMBER_STATES, type Member } from '../../types.js';
import { wordOf } from '../aliases.js';
import { ok, readTarget } from '../arguments.js';
import { targetSchema } from '../command.js';
import { defineCommand } from '../define.js';

interface Period {
  range: InstantRange;
  label: string;
}

/**
 * The fields every team figure shows, in one order. Members and managers read plain words; ops also
 * get the Gini coefficient, explained in the same line.
 */
export function metricsFields(locale: Locale, m: TeamMetrics, forOps = false): Block {
  const pct = (r: number): string => formatPercent(locale, r);
  const concentration = forOps
    ? t(locale, 'replies.stats.concentrationOps', {
        share: pct(m.top10Share),
        gini: (Math.round(m.gini * 100) / 100).toFixed(2),
      })
    : t(locale, 'replies.stats.concentrationValue', { share: pct(m.top10Share) });
  return fieldsBlock([
    {
      label: t(locale, 'replies.stats.participation'),
      value: t(locale, 'replies.stats.ofPeople', {
        rate: pct(m.participationRate),
        count: m.contributors,
        total: m.members,
      }),
    },
    {
      label: t(locale, 'replies.stats.reach'),
      value: t(locale, 'replies.stats.ofPeople', { rate: pct(m.reach), count: m.reached, total: m.members }),
    },
    {
      label: t(locale, 'replies.stats.posts'),
      value: t(locale, 'replies.stats.postsValue', { posts: m.posts, posters: formatPeople(locale, m.posters) }),
    },
    { label: t(locale, 'replies.stats.concentration'), value: concentration },
    {
      label: t(locale, 'replies.stats.crossDepartment'),
      value: t(locale, 'replies.stats.crossValue', {
        rate: pct(m.crossDepartment.ratio),
        crossing: m.crossDepartment.crossing,
        interactions: m.crossDepartment.interactions,
      }),
    },
    {
      label: t(locale, 'replies.stats.executives'),
      // A figure about fewer than five executives would name them: shown only from five.
      value:
        m.executives.total >= MIN_REPORT_GROUP
          ? t(locale, 'replies.stats.executivesValue', { active: m.executives.active, total: m.executives.total })
          : t(locale, 'common.tooFew'),
    },
    { label: t(locale, 'replies.stats.newContributors'), value: formatPeople(locale, m.newContributors.length) },
  ]);
}

/** The period a stats answer covers, as dates: the seven whole days before today, or the fiscal year so far. */
function periodOf(ctx: CommandContext, fiscalYear: boolean): Period {
  const tz = ctx.workspace.settings.timezone;
  if (fiscalYear) {
    const fy = fiscalYearOfDay(localDay(ctx.now, tz));
    return { range: fiscalYearRange(fy, tz), label: t(ctx.locale, 'replies.stats.fiscalYear', { year: String(fy) }) };
  }
  // The seven whole days before today, with their dates (the digest's week).
  const range = recentWeek(ctx.now, tz);
  return { range, label: t(ctx.locale, 'programs.period.last7', { period: recentWeekLabel(ctx.locale, range, tz) }) };
}

/**
 * A member's own score, explained in two short sentences: the parts `/hiroba stats @user` promises.
 * It reads that member's rollups, bounds and counts and the day's kept score scale, never the whole
 * workspace (the directory is read only when the day's scale is not kept yet).
 */
async function memberBlocks(ctx: CommandContext, member: Member, period: Period): Promise<Block[]> {
  const { repos } = ctx.deps;
  const eligible = eligibleMembers([member], ctx.now).length > 0;
  const score = eligible
    ? await memberScore(repos, ctx.workspace, member, ctx.now, async () =>
        (await ctx.snapshot()).eligible.map((m) => m.id),
      )
    : undefined;
  const state = eligible ? await stateOf(repos, ctx.workspace, member, ctx.now) : 'new';
  const counts = await ctx.deps.repos.activities.countsByKind(
    member.id,
    period.range.from.toISOString(),
    period.range.to.toISOString(),
  );
  const count = (kind: ActivityKind): number => counts[kind] ?? 0;
  const l = ctx.locale;
  return [
    fieldsBlock([
      { label: t(l, 'replies.stats.score'), value: `${score ? score.score : 0} / 100` },
      { label: t(l, 'replies.stats.state'), value: t(l, `replies.state.${state}`) },
      { label: t(l, 'replies.stats.last14'), value: String(Math.round(score?.last14Days ?? 0)) },
      {
        label: period.label,
        value: t(l, 'replies.stats.memberCounts', {
          posts: count('post'),
          replies: count('reply'),
          reactions: count('reaction'),
          stories: count('story'),
          ideas: count('idea'),
        }),
      },
    ]),
    textBlock(t(l, 'replies.stats.scoreExplained'), true),
  ];
}

async function groupBlocks(
  ctx: CommandContext,
  group: readonly Member[],
  period: Period,
  minimum: number,
): Promise<Block[]> {
  if (group.length < minimum) return [textBlock(t(ctx.locale, 'common.tooFew'))];
  const snap = await ctx.snapshot();
  const metrics = figuresMetrics(snap, group, await figuresOf(ctx.deps.repos, snap, period.range), period.range);
  const ids = new Set(group.map((m) => m.id));
  const counts = MEMBER_STATES.map((s) => {
    const n = [...snap.states].filter(([id, st]) => ids.has(id) && st === s).length;
    return `${t(ctx.locale, `replies.state.${s}`)} ${formatPeople(ctx.locale, n)}`;
  });
  return [metricsFields(ctx.locale, metrics, hasRole(ctx.role, 'ops')), textBlock(counts.join(' · '), true)];
}

async function ownStats(ctx: CommandContext, period: Period): Promise<Message> {
  const l = ctx.locale;
  const isOps = hasRole(ctx.role, 'ops');
  // A plain member's own answer never loads the workspace: only managers and ops have a team to show.
  const team = ctx.role === 'manager' || isOps ? teamOf(await ctx.snapshot(), ctx.caller.id) : [];
  const blocks = [textBlock(t(l, 'replies.stats.you'), true), ...(await memberBlocks(ctx, ctx.caller, period))];
  if (ctx.role === 'manager' || (isOps && team.length > 0)) {
    blocks.push(textBlock(t(l, 'replies.stats.yourTeam', { people: formatPeople(l, team.length) }), true));
    blocks.push(...(await groupBlocks(ctx, team, period, MIN_REPORT_GROUP)));
  }
  if (isOps) {
    blocks.push(
      textBlock(
        t(l, 'replies.stats.workspace', { phase: t(l, `replies.phase.${ctx.workspace.settings.rolloutPhase}`) }),
        true,
      ),
    );
    blocks.push(...(await groupBlocks(ctx, (await ctx.snapshot()).eligible, period, 1)));
  }
  return titled('stats', t(l, 'replies.stats.title', { period: period.label }), blocks);
}

async function memberStats(ctx: CommandContext, member: Member, period: Period): Promise<Message> {
  const l = ctx.locale;
  const isSelf = member.id === ctx.caller.id;
  if (!isSelf && !hasRole(ctx.role, 'ops')) {
    const isReport = teamOf(await ctx.snapshot(), ctx.caller.id).some((m) => m.id === member.id);
    if (!isReport) return problem(l, 'replies.stats.notYours');
    if (!ctx.workspace.settings.managerNames) return problem(l, 'replies.stats.namesOff');
  }
  return titled(
    'stats',
    t(l, 'replies.stats.memberTitle', { name: member.name, period: period.label }),
    await memberBlocks(ctx, member, period),
  );
}

/**
 * `stats`: a member sees their own score; a manager also their team, and a department or location
 * made only of people who report to them (no figure under five people); ops see the workspace, any
 * department, location and member. `--fiscal-year` widens the period to the fiscal year so far.
 */
export const statsCommands = [
  defineCommand({
    id: 'stats',
    words: ['stats'],
    aliases: { stats: ['stat', 'score', '統計', 'スコア'] },
    args: z.object({ target: targetSchema.nullable(), fiscalYear: z.boolean() }),
    read: (args, _context, topic) => {
      const tokens = args.remaining();
      const flags = tokens.filter((tk) => wordOf(tk.text) === 'fiscal-year');
      const words = tokens.filter((tk) => !flags.includes(tk));
      const fiscalYear = flags.length > 0;
      if (words.length === 0) return ok({ target: null, fiscalYear });
      const read = readTarget(args, words, flags, topic);
      return read.ok ? ok({ target: read.args, fiscalYear }) : read;
    },
    role: 'member',
    // Only a plain member's own answer reads just their rows; any other reads the directory (a team,
    // a name to resolve, the workspace).
    slow: (args, role) => args.target !== null || role !== 'member',
    help: [
      { key: 'commands.line.statsOwn' },
      { key: 'commands.line.statsFiscalYear' },
      { key: 'commands.line.statsMember', role: 'manager' },
      { key: 'commands.line.statsDepartment', role: 'manager' },
    ],
    handler: async (ctx, cmd): Promise<Message> => {
      const period = periodOf(ctx, cmd.fiscalYear);
      const l = ctx.locale;
      if (cmd.target === null) return ownStats(ctx, period);
      const snap = await ctx.snapshot();
      if (cmd.target.kind === 'member') {
        const member = resolveMember(snap, cmd.target.member);
        if (!member) return problem(l, 'replies.member.notFound', { who: describeRef(cmd.target.member) });
        return memberStats(ctx, member, period);
      }
      const match = resolveGroup(snap, cmd.target.name);
      switch (match.kind) {
        case 'none':
          return problem(l, 'replies.target.notFound', { name: cmd.target.name });
        case 'ambiguous':
          return problem(l, 'replies.target.ambiguous', { name: cmd.target.name }, [listBlock(match.candidates)]);
        case 'member':
          return memberStats(ctx, match.member, period);
        default: {
          if (!hasRole(ctx.role, 'ops')) {
            const team = new Set(teamOf(snap, ctx.caller.id).map((m) => m.id));
            const outside = match.members.some((m) => m.id !== ctx.caller.id && !team.has(m.id));
            if (ctx.role !== 'manager' || outside)
              return problem(l, 'replies.stats.groupNotYours', { name: match.name });
          }
          // No figure about a group under five people, whoever asks.
          return titled(
            'stats',
            t(l, 'replies.stats.departmentTitle', { name: match.name, period: period.label }),
            await groupBlocks(ctx, match.members, period, MIN_REPORT_GROUP),
          );
        }
      }
    },
  }),
];
