import type { Command } from '../commands/command.js';
import { formatPercent, t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { NewOutboxRow } from '../ports.js';
import { fieldsBlock, listBlock, textBlock } from '../programs/blocks.js';
import { ideaCall, storyPrompt } from '../programs/index.js';
import { isoWeekOf, isoWeekRange } from '../time.js';
import { type Member, ROLLOUT_PHASES } from '../types.js';
import { type PromptRefusal, promptRefusal } from './caps.js';
import { describeRef, resolveMember } from './commands-stats.js';
import type { Handler } from './context.js';
import { problem, reply, roleName, titled } from './replies.js';
import { buildDigest, localeOf } from './reports.js';
import { rolloutStatusReport } from './rollout-status.js';
import { changeSettings } from './settings.js';
import { activitiesIn, departmentMembers, metricsFor } from './snapshot.js';

type Of<T extends Command['type']> = Extract<Command, { type: T }>;

export const digestPreview: Handler<Of<'digest.preview'>> = (ctx) =>
  buildDigest(ctx.deps.repos, ctx.snapshot(), ctx.locale);

export const digestSend: Handler<Of<'digest.send'>> = async (ctx) => {
  if (!ctx.workspace.settings.digestChannel) return problem(ctx.locale, 'replies.digest.channelUnset');
  if (!ctx.deps.runJob) return problem(ctx.locale, 'replies.jobs.unavailable');
  const result = await ctx.deps.runJob('digest', ctx.workspace, ctx.now);
  if (result.status === 'already-ran')
    return reply(ctx.locale, 'replies.digest.alreadySent', { period: result.period });
  return reply(ctx.locale, 'replies.digest.queued', { count: result.enqueued, period: result.period });
};

export const rolloutStatus: Handler<Of<'rollout.status'>> = (ctx) =>
  rolloutStatusReport(ctx.deps.repos, ctx.snapshot(), ctx.locale);

export const rolloutAdvance: Handler<Of<'rollout.advance'>> = (ctx) => {
  const s = ctx.workspace.settings;
  const next = ROLLOUT_PHASES[ROLLOUT_PHASES.indexOf(s.rolloutPhase) + 1];
  if (!next) return problem(ctx.locale, 'replies.rollout.final');
  if (next === 'expansion' && s.rolloutDepartments.length === 0)
    return problem(ctx.locale, 'replies.rollout.needDepartments');
  ctx.workspace = changeSettings(
    ctx.deps.repos,
    ctx.workspace,
    () => ({ rolloutPhase: next }),
    ctx.deps.onSettingsChanged,
  );
  return reply(ctx.locale, 'replies.rollout.advanced', { phase: t(ctx.locale, `replies.phase.${next}`) });
};

function pilotChange(isPilot: boolean): Handler<Of<'rollout.pilot.add'> | Of<'rollout.pilot.remove'>> {
  return (ctx, cmd) => {
    const member = resolveMember(ctx.snapshot(), cmd.member);
    if (!member) return problem(ctx.locale, 'replies.member.notFound', { who: describeRef(cmd.member) });
    ctx.deps.repos.members.update(member.id, { isPilot });
    return reply(ctx.locale, isPilot ? 'replies.rollout.pilotAdded' : 'replies.rollout.pilotRemoved', {
      name: member.name,
    });
  };
}
export const pilotAdd = pilotChange(true);
export const pilotRemove = pilotChange(false);

export const departmentsAdd: Handler<Of<'rollout.departments.add'>> = (ctx, cmd) => {
  const name = cmd.department.trim();
  const known = departmentMembers(ctx.snapshot(), name).length;
  if (known === 0) return problem(ctx.locale, 'replies.stats.noDepartment', { name });
  if (ctx.workspace.settings.rolloutDepartments.some((d) => d.toLowerCase() === name.toLowerCase())) {
    return reply(ctx.locale, 'replies.rollout.departmentAlready', { name });
  }
  ctx.workspace = changeSettings(
    ctx.deps.repos,
    ctx.workspace,
    (s) => ({ rolloutDepartments: [...s.rolloutDepartments, name] }),
    ctx.deps.onSettingsChanged,
  );
  return reply(ctx.locale, 'replies.rollout.departmentAdded', { name, count: known });
};

export const roleGrant: Handler<Of<'role.grant'>> = (ctx, cmd) => {
  const member = resolveMember(ctx.snapshot(), cmd.member);
  if (!member) return problem(ctx.locale, 'replies.member.notFound', { who: describeRef(cmd.member) });
  if (member.role === cmd.role || (member.role === 'admin' && cmd.role === 'ops')) {
    return reply(ctx.locale, 'replies.role.already', { name: member.name, role: roleName(ctx.locale, member.role) });
  }
  ctx.deps.repos.members.update(member.id, { role: cmd.role });
  return reply(ctx.locale, 'replies.role.granted', { name: member.name, role: roleName(ctx.locale, cmd.role) });
};

export const roleRevoke: Handler<Of<'role.revoke'>> = (ctx, cmd) => {
  const snap = ctx.snapshot();
  const member = resolveMember(snap, cmd.member);
  if (!member) return problem(ctx.locale, 'replies.member.notFound', { who: describeRef(cmd.member) });
  if (member.role !== cmd.role)
    return problem(ctx.locale, 'replies.role.notHeld', { name: member.name, role: roleName(ctx.locale, cmd.role) });
  if (cmd.role === 'admin' && snap.members.filter((m) => m.role === 'admin' && m.deactivatedAt === null).length <= 1) {
    return problem(ctx.locale, 'replies.role.lastAdmin');
  }
  ctx.deps.repos.members.update(member.id, { role: 'member' });
  return reply(ctx.locale, 'replies.role.revoked', { name: member.name, role: roleName(ctx.locale, cmd.role) });
};

/**
 * `prompt story|idea <@member|department>`: queues the prompt DM now for each target, within the
 * weekly cap and never to someone who opted out or blocked the bot. Keyed by ISO week, so the
 * same person is not asked twice in a week by repeating the command.
 */
export const prompt: Handler<Of<'prompt'>> = (ctx, cmd): Message => {
  const snap = ctx.snapshot();
  let targets: Member[];
  if (cmd.target.kind === 'department') {
    targets = departmentMembers(snap, cmd.target.name);
    if (targets.length === 0) return problem(ctx.locale, 'replies.stats.noDepartment', { name: cmd.target.name });
  } else {
    const member = resolveMember(snap, cmd.target.member);
    if (!member) return problem(ctx.locale, 'replies.member.notFound', { who: describeRef(cmd.target.member) });
    targets = [member];
  }
  const job = cmd.kind === 'story' ? 'prompt-story' : 'prompt-idea';
  const period = isoWeekOf(ctx.now, ctx.workspace.settings.timezone);
  const skipped = new Map<PromptRefusal, number>();
  const rows: NewOutboxRow[] = [];
  for (const member of targets) {
    const refusal = promptRefusal(ctx.deps.repos, ctx.workspace, member, ctx.now);
    if (refusal || member.platformId === null) {
      const why = refusal ?? 'no_account';
      skipped.set(why, (skipped.get(why) ?? 0) + 1);
      continue;
    }
    const locale = localeOf(member, ctx.workspace);
    const msg =
      cmd.kind === 'story'
        ? storyPrompt({ locale, memberName: member.name })
        : ideaCall({ locale, memberName: member.name });
    rows.push({
      workspaceId: ctx.workspace.id,
      job,
      period,
      recipient: { kind: 'member', id: member.platformId },
      message: msg,
      notBefore: ctx.now.toISOString(),
      createdAt: ctx.now.toISOString(),
    });
  }
  const queued = rows.length > 0 ? ctx.deps.repos.outbox.enqueue(rows) : 0;
  const already = rows.length - queued;
  const reasons = [...skipped].map(([why, n]) => t(ctx.locale, `replies.prompt.skip.${why}`, { count: n }));
  if (already > 0) reasons.push(t(ctx.locale, 'replies.prompt.skip.already', { count: already }));
  return titled(
    'command-reply',
    t(ctx.locale, 'replies.prompt.queued', { count: queued, kind: t(ctx.locale, `replies.prompt.kind.${cmd.kind}`) }),
    [listBlock(reasons, t(ctx.locale, 'replies.prompt.skippedTitle'), t(ctx.locale, 'common.none'))],
  );
};
