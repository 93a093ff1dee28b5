import type { Command, MemberRef } from '../commands/command.js';
import { formatNumber, formatPercent, t } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import type { TeamMetrics } from '../metrics.js';
import { fieldsBlock, listBlock, textBlock } from '../programs/blocks.js';
import { MIN_REPORT_GROUP } from '../programs/inputs.js';
import { fiscalYearOfDay, fiscalYearRange, type InstantRange } from '../time.js';
import { type ActivityKind, type Locale, MEMBER_STATES, type Member } from '../types.js';
import type { CommandContext, Handler } from './context.js';
import { problem, titled } from './replies.js';
import { recentWeek, recentWeekLabel } from './reports.js';
import { hasRole } from './roles.js';
import { activitiesIn, departmentMembers, metricsFor, type Snapshot, scoresFor, teamOf } from './snapshot.js';

type StatsCommand = Extract<Command, { type: 'stats' }>;

/** The fields every team figure shows, in one order. */
export function metricsFields(locale: Locale, m: TeamMetrics): Block {
  const pct = (r: number): string => formatPercent(locale, r);
  return fieldsBlock([
    {
      label: t(locale, 'replies.stats.participation'),
      value: `${pct(m.participationRate)} (${m.contributors}/${m.members})`,
    },
    { label: t(locale, 'replies.stats.reach'), value: `${pct(m.reach)} (${m.reached}/${m.members})` },
    {
      label: t(locale, 'replies.stats.posts'),
      value: t(locale, 'replies.stats.postsValue', { posts: m.posts, posters: m.posters }),
    },
    {
      label: t(locale, 'replies.stats.concentration'),
      value: t(locale, 'replies.stats.concentrationValue', {
        share: pct(m.top10Share),
        gini: formatNumber(locale, Math.round(m.gini * 100) / 100),
      }),
    },
    {
      label: t(locale, 'replies.stats.crossDepartment'),
      value: `${pct(m.crossDepartment.ratio)} (${m.crossDepartment.crossing}/${m.crossDepartment.interactions})`,
    },
    { label: t(locale, 'replies.stats.executives'), value: `${m.executives.active}/${m.executives.total}` },
    { label: t(locale, 'replies.stats.newContributors'), value: String(m.newContributors.length) },
  ]);
}

/** The period a stats answer covers: this ISO week so far, or the fiscal year so far. */
function periodOf(ctx: CommandContext, fiscalYear: boolean): { range: InstantRange; label: string } {
  const tz = ctx.workspace.settings.timezone;
  if (fiscalYear) {
    const snap = ctx.snapshot();
    const fy = fiscalYearOfDay(snap.today);
    return { range: fiscalYearRange(fy, tz), label: t(ctx.locale, 'replies.stats.fiscalYear', { year: String(fy) }) };
  }
  // A whole week that ends now, with its dates: a Monday-morning answer is no emptier than a Friday one.
  const range = recentWeek(ctx.now);
  return { range, label: t(ctx.locale, 'programs.period.last7', { period: recentWeekLabel(ctx.locale, range, tz) }) };
}

/** Looks a member up by mention, email or display name; null when none or several match. */
export function resolveMember(snapshot: Snapshot, ref: MemberRef): Member | null {
  switch (ref.kind) {
    case 'platformId':
      return snapshot.members.find((m) => m.platformId === ref.id) ?? null;
    case 'email':
      return snapshot.members.find((m) => m.email?.toLowerCase() === ref.email.toLowerCase()) ?? null;
    case 'name': {
      const wanted = ref.name.trim().toLowerCase();
      const found = snapshot.members.filter((m) => m.name.trim().toLowerCase() === wanted);
      return found.length === 1 ? (found[0] ?? null) : null;
    }
  }
}

export function describeRef(ref: MemberRef): string {
  return ref.kind === 'platformId' ? ref.id : ref.kind === 'email' ? ref.email : ref.name;
}

/** A member's own score, explained: the parts `/hiroba stats @user` promises. */
function memberBlocks(ctx: CommandContext, member: Member, period: { range: InstantRange; label: string }): Block[] {
  const snap = ctx.snapshot();
  const score = scoresFor(ctx.deps.repos, snap).get(member.id);
  const state = snap.states.get(member.id) ?? 'new';
  const counts = ctx.deps.repos.activities.countsByKind(
    member.id,
    period.range.from.toISOString(),
    period.range.to.toISOString(),
  );
  const count = (kind: ActivityKind): number => counts[kind] ?? 0;
  const l = ctx.locale;
  return [
    fieldsBlock([
      { label: t(l, 'replies.stats.score'), value: score ? `${score.score} / 100` : '0 / 100' },
      { label: t(l, 'replies.stats.state'), value: t(l, `replies.state.${state}`) },
      { label: t(l, 'replies.stats.last14'), value: String(score?.last14Days ?? 0) },
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
    textBlock(
      t(l, 'replies.stats.scoreExplained', {
        raw: formatNumber(l, Math.round((score?.raw ?? 0) * 10) / 10),
        p90: formatNumber(l, Math.round((score?.p90 ?? 0) * 10) / 10),
        capped: score?.cappedDays ?? 0,
      }),
      true,
    ),
  ];
}

function groupBlocks(
  ctx: CommandContext,
  group: readonly Member[],
  period: { range: InstantRange; label: string },
  minimum: number,
): Block[] {
  if (group.length < minimum) return [textBlock(t(ctx.locale, 'common.tooFew'))];
  const snap = ctx.snapshot();
  const metrics = metricsFor(snap, group, activitiesIn(ctx.deps.repos, snap, period.range), period.range);
  const ids = new Set(group.map((m) => m.id));
  const counts = MEMBER_STATES.map(
    (s) =>
      `${t(ctx.locale, `replies.state.${s}`)} ${[...snap.states].filter(([id, st]) => ids.has(id) && st === s).length}`,
  );
  return [metricsFields(ctx.locale, metrics), textBlock(counts.join(' · '), true)];
}

/**
 * `stats`: a member sees their own score; a manager also their team (no metric under five people);
 * ops see the workspace, any department and any member. `--fiscal-year` widens the period to the
 * Japanese fiscal year (April–March) so far.
 */
export const stats: Handler<StatsCommand> = (ctx, cmd): Message => {
  const period = periodOf(ctx, cmd.fiscalYear);
  const snap = ctx.snapshot();
  const l = ctx.locale;
  const isOps = hasRole(ctx.role, 'ops');

  if (cmd.target === null) {
    const blocks = [textBlock(t(l, 'replies.stats.you'), true), ...memberBlocks(ctx, ctx.caller, period)];
    if (ctx.role === 'manager' || (isOps && teamOf(snap, ctx.caller.id).length > 0)) {
      blocks.push(textBlock(t(l, 'replies.stats.yourTeam', { count: teamOf(snap, ctx.caller.id).length }), true));
      blocks.push(...groupBlocks(ctx, teamOf(snap, ctx.caller.id), period, MIN_REPORT_GROUP));
    }
    if (isOps) {
      blocks.push(
        textBlock(
          t(l, 'replies.stats.workspace', { phase: t(l, `replies.phase.${ctx.workspace.settings.rolloutPhase}`) }),
          true,
        ),
      );
      blocks.push(...groupBlocks(ctx, snap.eligible, period, 1));
    }
    return titled('stats', t(l, 'replies.stats.title', { period: period.label }), blocks);
  }

  if (cmd.target.kind === 'department') {
    if (!isOps) return problem(l, 'replies.stats.departmentOpsOnly');
    const group = departmentMembers(snap, cmd.target.name);
    if (group.length === 0) return problem(l, 'replies.stats.noDepartment', { name: cmd.target.name });
    return titled(
      'stats',
      t(l, 'replies.stats.departmentTitle', { name: cmd.target.name, period: period.label }),
      groupBlocks(ctx, group, period, 1),
    );
  }

  const member = resolveMember(snap, cmd.target.member);
  if (!member) return problem(l, 'replies.member.notFound', { who: describeRef(cmd.target.member) });
  const isSelf = member.id === ctx.caller.id;
  const isReport = teamOf(snap, ctx.caller.id).some((m) => m.id === member.id);
  if (!isSelf && !isOps) {
    if (!isReport) return problem(l, 'replies.stats.notYours');
    if (!ctx.workspace.settings.managerNames) return problem(l, 'replies.stats.namesOff');
  }
  return titled(
    'stats',
    t(l, 'replies.stats.memberTitle', { name: member.name, period: period.label }),
    memberBlocks(ctx, member, period),
  );
};

/**
 * `reach` (ops): how many members Hiroba can message. Teams lets a bot open a chat only with people
 * who have the app installed, so those it could not reach are counted for ops to push the install.
 */
export const reach: Handler<Extract<Command, { type: 'reach' }>> = (ctx) => {
  const snap = ctx.snapshot();
  const l = ctx.locale;
  const people = snap.eligible;
  const noAccount = people.filter((m) => m.platformId === null).length;
  const blocked = people.filter((m) => m.platformId !== null && m.blockedBot).length;
  const notInstalled = people.filter((m) => m.platformId !== null && !m.blockedBot && m.reachable === false).length;
  const optedOut = people.filter(
    (m) => m.platformId !== null && !m.blockedBot && m.reachable !== false && m.optedOut,
  ).length;
  const reachable = people.length - noAccount - blocked - notInstalled;
  const blocks: Block[] = [
    fieldsBlock([
      { label: t(l, 'replies.reach.reachable'), value: `${reachable} / ${people.length}` },
      { label: t(l, 'replies.reach.optedOut'), value: String(optedOut) },
      { label: t(l, 'replies.reach.notInstalled'), value: String(notInstalled) },
      { label: t(l, 'replies.reach.blocked'), value: String(blocked) },
      { label: t(l, 'replies.reach.noAccount'), value: String(noAccount) },
    ]),
  ];
  if (notInstalled > 0) blocks.push(textBlock(t(l, 'replies.reach.installHint', { count: notInstalled }), true));
  if (noAccount > 0) blocks.push(textBlock(t(l, 'replies.reach.noAccountHint', { count: noAccount }), true));
  return titled(
    'reach',
    t(l, 'replies.reach.title', { share: formatPercent(l, people.length === 0 ? 0 : reachable / people.length) }),
    blocks,
  );
};

/** `inactive` (ops): members who are inactive or never contributed, with their nudge step. */
export const inactive: Handler<Extract<Command, { type: 'inactive' }>> = (ctx) => {
  const snap = ctx.snapshot();
  const l = ctx.locale;
  const nudges = new Map(ctx.deps.repos.nudges.list(ctx.workspace.id).map((n) => [n.memberId, n]));
  const rows = snap.eligible
    .filter((m) => {
      const s = snap.states.get(m.id);
      return s === 'inactive' || s === 'never';
    })
    .map((m) => {
      const n = nudges.get(m.id);
      const state = t(l, `replies.state.${snap.states.get(m.id) ?? 'never'}`);
      let nudge = t(l, 'replies.inactive.notNudged');
      if (m.optedOut) nudge = t(l, 'replies.inactive.optedOut');
      else if (m.blockedBot) nudge = t(l, 'replies.inactive.blocked');
      else if (n?.restUntil && n.restUntil > ctx.now.toISOString())
        nudge = t(l, 'replies.inactive.resting', { until: n.restUntil.slice(0, 10) });
      else if (n && n.step > 0) nudge = t(l, 'replies.inactive.step', { step: n.step });
      return `${m.name} (${m.department ?? '—'}) — ${state} — ${nudge}`;
    });
  const shown = rows.slice(0, 40);
  if (rows.length > shown.length) shown.push(t(l, 'common.andMore', { count: rows.length - shown.length }));
  return titled('inactive', t(l, 'replies.inactive.title', { count: rows.length, total: snap.eligible.length }), [
    listBlock(shown, undefined, t(l, 'replies.inactive.none')),
  ]);
};
