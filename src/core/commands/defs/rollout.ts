import { z } from 'zod';
import { formatPeople } from '../../i18n/dates.js';
import { t } from '../../i18n/index.js';
import type { Message } from '../../message.js';
import { listBlock, textBlock } from '../../programs/blocks.js';
import { audienceBlocks, planAudience } from '../../service/audience-preview.js';
import type { CommandContext } from '../../service/context.js';
import { problem, reply } from '../../service/replies.js';
import { describeRef, resolveDepartment, resolveMember } from '../../service/resolve.js';
import { rolloutStatusReport } from '../../service/rollout-status.js';
import { updateSettings } from '../../service/settings.js';
import { phaseGroup } from '../../service/snapshot.js';
import { type Member, ROLLOUT_PHASES, type RolloutPhase, type WorkspaceSettings } from '../../types.js';
import { memberArg, ok, readName } from '../arguments.js';
import { memberRefSchema } from '../command.js';
import type { Preview } from '../define.js';
import { defineCommand } from '../define.js';
import { readinessCommands } from './rollout-readiness.js';

const nextPhase = (s: WorkspaceSettings): RolloutPhase | undefined =>
  ROLLOUT_PHASES[ROLLOUT_PHASES.indexOf(s.rolloutPhase) + 1];

/** Who a settings change would add to the phase's group: everyone in it afterwards who was not before. */
async function newlyIncluded(
  ctx: CommandContext,
  change: Partial<WorkspaceSettings>,
): Promise<{ added: Member[]; removed: Member[] }> {
  const snap = await ctx.snapshot();
  const before = new Set(phaseGroup(snap).map((m) => m.id));
  const after = phaseGroup({
    ...snap,
    workspace: { ...snap.workspace, settings: { ...snap.workspace.settings, ...change } },
  });
  const afterIds = new Set(after.map((m) => m.id));
  return {
    added: after.filter((m) => !before.has(m.id)),
    removed: snap.eligible.filter((m) => before.has(m.id) && !afterIds.has(m.id)),
  };
}

/** What a change of the rollout's group means, before it is made: who joins, who can be reached, who leaves. */
async function groupPreview(ctx: CommandContext, title: string, change: Partial<WorkspaceSettings>): Promise<Preview> {
  const { added, removed } = await newlyIncluded(ctx, change);
  const l = ctx.locale;
  const blocks = [];
  if (added.length > 0) {
    blocks.push(textBlock(t(l, 'replies.rollout.previewAdded', { people: formatPeople(l, added.length) })));
    blocks.push(...audienceBlocks(ctx, await planAudience(ctx, added)));
  }
  if (removed.length > 0)
    blocks.push(textBlock(t(l, 'replies.rollout.previewRemoved', { people: formatPeople(l, removed.length) })));
  if (added.length === 0 && removed.length === 0) blocks.push(textBlock(t(l, 'replies.rollout.previewNoChange')));
  return { confirm: true, title, blocks };
}

function departmentArgs() {
  return z.object({ department: z.string().min(1).max(200) });
}

/** The rollout: pilot group first, then named departments, then the whole company. */
export const rolloutCommands = [
  defineCommand({
    id: 'rollout.status',
    words: ['rollout', 'status'],
    aliases: { rollout: ['展開'] },
    isDefault: true,
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.rolloutStatus' }],
    // The pilot against everyone else, before and after each step, and whether it is ready for the next.
    handler: async (ctx): Promise<Message> => rolloutStatusReport(ctx.deps.repos, await ctx.snapshot(), ctx.locale),
  }),
  ...readinessCommands,
  defineCommand({
    id: 'rollout.advance',
    words: ['rollout', 'advance'],
    args: z.object({}),
    role: 'ops',
    changesRollout: true,
    help: [{ key: 'commands.line.rolloutAdvance' }],
    preview: async (ctx): Promise<Preview> => {
      const s = ctx.workspace.settings;
      const next = nextPhase(s);
      if (!next) return { confirm: false, message: problem(ctx.locale, 'replies.rollout.final') };
      if (next === 'expansion' && s.rolloutDepartments.length === 0)
        return { confirm: false, message: problem(ctx.locale, 'replies.rollout.needDepartments') };
      const title = t(ctx.locale, 'replies.rollout.previewAdvance', { phase: t(ctx.locale, `replies.phase.${next}`) });
      return groupPreview(ctx, title, { rolloutPhase: next });
    },
    handler: async (ctx) => {
      const next = nextPhase(ctx.workspace.settings);
      if (!next) return problem(ctx.locale, 'replies.rollout.final');
      if (next === 'expansion' && ctx.workspace.settings.rolloutDepartments.length === 0)
        return problem(ctx.locale, 'replies.rollout.needDepartments');
      const { added } = await newlyIncluded(ctx, { rolloutPhase: next });
      await updateSettings(ctx, (current) => ({
        rolloutPhase: next,
        rolloutSteps: [...current.rolloutSteps, { phase: next, at: ctx.now.toISOString() }],
      }));
      return reply(ctx.locale, 'replies.rollout.advanced', {
        phase: t(ctx.locale, `replies.phase.${next}`),
        people: formatPeople(ctx.locale, added.length),
      });
    },
  }),
  ...(['add', 'remove'] as const).map((verb) =>
    defineCommand({
      id: `rollout.pilot.${verb}`,
      words: ['rollout', 'pilot', verb],
      args: z.object({ member: memberRefSchema }),
      read: memberArg,
      role: 'ops',
      changesRollout: true,
      help: verb === 'add' ? [{ key: 'commands.line.rolloutPilot' }] : [],
      handler: async (ctx, cmd) => {
        const member = resolveMember(await ctx.snapshot(), cmd.member);
        if (!member) return problem(ctx.locale, 'replies.member.notFound', { who: describeRef(cmd.member) });
        await ctx.deps.repos.members.update(member.id, { isPilot: verb === 'add' });
        return reply(ctx.locale, verb === 'add' ? 'replies.rollout.pilotAdded' : 'replies.rollout.pilotRemoved', {
          name: member.name,
        });
      },
    }),
  ),
  ...(['add', 'remove'] as const).map((verb) => {
    /** The department as the directory spells it, from a name or a unique prefix. */
    const find = async (
      ctx: CommandContext,
      typed: string,
    ): Promise<{ ok: true; name: string } | { ok: false; message: Message }> => {
      if (verb === 'remove') {
        const listed = ctx.workspace.settings.rolloutDepartments.find(
          (d) => d.normalize('NFKC').toLowerCase() === typed.normalize('NFKC').toLowerCase(),
        );
        if (listed) return { ok: true, name: listed };
      }
      const match = resolveDepartment(await ctx.snapshot(), typed);
      if (match.kind === 'ambiguous')
        return {
          ok: false,
          message: problem(ctx.locale, 'replies.target.ambiguous', { name: typed }, [listBlock(match.candidates)]),
        };
      if (match.kind === 'none')
        return { ok: false, message: problem(ctx.locale, 'replies.stats.noDepartment', { name: typed }) };
      return { ok: true, name: match.name };
    };
    const listed = (ctx: CommandContext, name: string): boolean =>
      ctx.workspace.settings.rolloutDepartments.some((d) => d.toLowerCase() === name.toLowerCase());
    const change = (s: WorkspaceSettings, name: string): Partial<WorkspaceSettings> => ({
      rolloutDepartments:
        verb === 'add'
          ? [...s.rolloutDepartments, name]
          : s.rolloutDepartments.filter((d) => d.toLowerCase() !== name.toLowerCase()),
    });
    return defineCommand({
      id: `rollout.departments.${verb}`,
      words: ['rollout', 'departments', verb],
      args: departmentArgs(),
      read: (args, _context, topic) => {
        const name = readName(args, args.remaining(), [], topic);
        return name.ok ? ok({ department: name.args }) : name;
      },
      role: 'ops',
      changesRollout: true,
      help: verb === 'add' ? [{ key: 'commands.line.rolloutDepartments' }] : [],
      preview: async (ctx, cmd): Promise<Preview> => {
        const found = await find(ctx, cmd.department);
        if (!found.ok) return { confirm: false, message: found.message };
        if (verb === 'add' && listed(ctx, found.name))
          return {
            confirm: false,
            message: reply(ctx.locale, 'replies.rollout.departmentAlready', { name: found.name }),
          };
        if (verb === 'remove' && !listed(ctx, found.name))
          return {
            confirm: false,
            message: problem(ctx.locale, 'replies.rollout.departmentNotListed', { name: found.name }),
          };
        const title = t(ctx.locale, `replies.rollout.preview.${verb}`, { name: found.name });
        return groupPreview(ctx, title, change(ctx.workspace.settings, found.name));
      },
      handler: async (ctx, cmd) => {
        const found = await find(ctx, cmd.department);
        if (!found.ok) return found.message;
        if (verb === 'add' && listed(ctx, found.name))
          return reply(ctx.locale, 'replies.rollout.departmentAlready', { name: found.name });
        if (verb === 'remove' && !listed(ctx, found.name))
          return problem(ctx.locale, 'replies.rollout.departmentNotListed', { name: found.name });
        await updateSettings(ctx, (s) => change(s, found.name));
        return reply(
          ctx.locale,
          verb === 'add' ? 'replies.rollout.departmentAdded' : 'replies.rollout.departmentRemoved',
          { name: found.name },
        );
      },
    });
  }),
];
