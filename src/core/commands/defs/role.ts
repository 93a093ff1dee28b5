import { z } from 'zod';
import { recordAudit } from '../../service/audit.js';
import type { CommandContext } from '../../service/context.js';
import { problem, reply, roleName } from '../../service/replies.js';
import { describeRef, resolveMember } from '../../service/resolve.js';
import type { Member, StoredRole } from '../../types.js';
import { memberArg, oneOf } from '../arguments.js';
import { memberRefSchema } from '../command.js';
import { defineCommand } from '../define.js';

const args = z.object({ role: z.enum(['ops', 'admin']), member: memberRefSchema });
const read = oneOf('role', ['ops', 'admin'], (role, rest, topic) => {
  const member = memberArg(rest, {}, topic);
  return member.ok ? { ok: true as const, args: { role, member: member.args.member } } : member;
});

/** Changes a stored role and records it in the audit trail, both or neither. */
async function changeRole(ctx: CommandContext, command: string, member: Member, to: StoredRole): Promise<void> {
  await ctx.deps.repos.transaction(async () => {
    await ctx.deps.repos.members.update(member.id, { role: to });
    await recordAudit(ctx, command, member.id, { from: member.role, to, outcome: 'done' });
  });
  ctx.audited = true;
}

/** Who runs Hiroba: admins grant and revoke `ops` and `admin`. */
export const roleCommands = [
  defineCommand({
    id: 'role.grant',
    words: ['role', 'grant'],
    aliases: { role: ['roles', '権限', 'ロール'] },
    args,
    read,
    role: 'admin',
    help: [{ key: 'commands.line.role' }],
    handler: async (ctx, cmd) => {
      const member = resolveMember(await ctx.snapshot(), cmd.member);
      if (!member) return problem(ctx.locale, 'replies.member.notFound', { who: describeRef(cmd.member) });
      if (member.role === cmd.role || (member.role === 'admin' && cmd.role === 'ops')) {
        return reply(ctx.locale, 'replies.role.already', {
          name: member.name,
          role: roleName(ctx.locale, member.role),
        });
      }
      await changeRole(ctx, 'role.grant', member, cmd.role);
      return reply(ctx.locale, 'replies.role.granted', { name: member.name, role: roleName(ctx.locale, cmd.role) });
    },
  }),
  defineCommand({
    id: 'role.revoke',
    words: ['role', 'revoke'],
    args,
    read,
    role: 'admin',
    help: [],
    handler: async (ctx, cmd) => {
      const snap = await ctx.snapshot();
      const member = resolveMember(snap, cmd.member);
      if (!member) return problem(ctx.locale, 'replies.member.notFound', { who: describeRef(cmd.member) });
      if (member.role !== cmd.role)
        return problem(ctx.locale, 'replies.role.notHeld', { name: member.name, role: roleName(ctx.locale, cmd.role) });
      if (
        cmd.role === 'admin' &&
        snap.members.filter((m) => m.role === 'admin' && m.deactivatedAt === null).length <= 1
      ) {
        return problem(ctx.locale, 'replies.role.lastAdmin');
      }
      await changeRole(ctx, 'role.revoke', member, 'member');
      return reply(ctx.locale, 'replies.role.revoked', { name: member.name, role: roleName(ctx.locale, cmd.role) });
    },
  }),
];
