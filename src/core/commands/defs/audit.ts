import { z } from 'zod';
import { t } from '../../i18n/index.js';
import type { AuditEntry } from '../../ports.js';
import { listBlock } from '../../programs/blocks.js';
import type { AuditOutcome } from '../../service/audit.js';
import type { CommandContext } from '../../service/context.js';
import { titled } from '../../service/replies.js';
import { localParts } from '../../time.js';
import type { Member } from '../../types.js';
import { normalizeToken } from '../aliases.js';
import { end, fail, ok } from '../arguments.js';
import { defineCommand } from '../define.js';

/** Entries `audit` shows without a number, and the most it shows at once. */
export const AUDIT_DEFAULT = 20;
export const AUDIT_MAX = 200;
const AUDIT_LINES_PER_LIST = 25;

const OUTCOMES: readonly AuditOutcome[] = ['done', 'refused', 'forbidden', 'previewed', 'cancelled', 'failed'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-12-02 10:15` in the workspace's zone. */
function when(ctx: CommandContext, at: string): string {
  const p = localParts(new Date(at), ctx.workspace.settings.timezone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A member as the audit names them: by name, or as erased, or as the directory (no actor). */
function who(ctx: CommandContext, byId: Map<number, Member>, id: number | null, none: 'directory' | null): string {
  if (id === null) return none === null ? '' : t(ctx.locale, 'replies.audit.directory');
  const member = byId.get(id);
  if (!member) return t(ctx.locale, 'replies.audit.unknownMember', { id });
  if (member.forgottenAt || member.name === '') return t(ctx.locale, 'replies.audit.forgotten', { id });
  return member.name;
}

/** One line: when, who, the command as typed in English words, whom, the arguments, the outcome. */
function line(ctx: CommandContext, byId: Map<number, Member>, entry: AuditEntry): string {
  const l = ctx.locale;
  const words =
    entry.command === 'role.directory'
      ? t(l, 'replies.audit.roleDirectory')
      : entry.command === 'moderation.approve' || entry.command === 'moderation.reject'
        ? t(l, `replies.audit.${entry.command === 'moderation.approve' ? 'approved' : 'rejected'}`)
        : (ctx.commands.get(entry.command)?.words.join(' ') ?? entry.command);
  const target = who(ctx, byId, entry.targetMemberId, null);
  const { outcome, ...rest } = entry.summary;
  const details = Object.entries(rest)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  const done = OUTCOMES.find((o) => o === outcome);
  return t(l, 'replies.audit.line', {
    when: when(ctx, entry.at),
    actor: who(ctx, byId, entry.actorMemberId, 'directory'),
    command: words,
    target: target === '' ? '' : ` → ${target}`,
    details: details === '' ? '' : t(l, 'replies.audit.details', { details }),
    outcome: done === undefined ? String(outcome ?? '') : t(l, `replies.audit.outcome.${done}`),
  });
}

/**
 * `audit [n]` (admins): the last n ops and admin commands and role changes, newest first, with who,
 * what and when in the workspace's time zone. Admins oversee what ops do, so ops do not read it.
 */
export const auditCommands = [
  defineCommand({
    id: 'audit',
    words: ['audit'],
    aliases: { audit: ['監査', '監査ログ', '操作履歴'] },
    args: z.object({ count: z.number().int().min(1).max(AUDIT_MAX) }),
    read: (args, _context, topic) => {
      const token = args.next();
      if (token === undefined) return ok({ count: AUDIT_DEFAULT });
      const match = /^(\d{1,6})(?:件)?$/u.exec(normalizeToken(token.text));
      const count = match?.[1] === undefined ? null : Number(match[1]);
      if (count === null || count < 1 || count > AUDIT_MAX) return fail('invalid_argument', topic, 'count', token.text);
      return end(args, topic, { count });
    },
    role: 'admin',
    help: [{ key: 'commands.line.audit' }],
    handler: async (ctx, { count }) => {
      const l = ctx.locale;
      const entries = await ctx.deps.repos.audit.latest(ctx.workspace.id, count);
      const byId = new Map((await ctx.deps.repos.members.list(ctx.workspace.id)).map((m) => [m.id, m]));
      const title = t(l, 'replies.audit.title', { count: entries.length });
      const lines = entries.map((e) => line(ctx, byId, e));
      if (lines.length === 0)
        return titled('command-reply', title, [listBlock([], undefined, t(l, 'replies.audit.empty'))]);
      // Lists of 25: each fits one Slack section and a Teams card's list, so up to 200 lines are shown.
      const blocks = [];
      for (let i = 0; i < lines.length; i += AUDIT_LINES_PER_LIST)
        blocks.push(listBlock(lines.slice(i, i + AUDIT_LINES_PER_LIST)));
      return titled('command-reply', title, blocks);
    },
  }),
];
