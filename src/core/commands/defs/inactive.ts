import { z } from 'zod';
import type { InactiveFilter } from '../../dashboard/inactive-filter.js';
import { formatDay, formatPeople } from '../../i18n/dates.js';
import { t } from '../../i18n/index.js';
import type { Block, Message } from '../../message.js';
import { fieldsBlock, listBlock, textBlock } from '../../programs/blocks.js';
import type { CommandContext } from '../../service/context.js';
import { DASHBOARD_LINK_KIND, dashboardLink } from '../../service/dashboard-link.js';
import { problem, reply, titled } from '../../service/replies.js';
import { resolveGroup } from '../../service/resolve.js';
import { localDay } from '../../time.js';
import type { Member } from '../../types.js';
import { normalizeToken } from '../aliases.js';
import { fail, ok, readName } from '../arguments.js';
import { defineCommand } from '../define.js';

/** Rows per page: a Slack message stays readable and well under its block limits. */
export const INACTIVE_PAGE_SIZE = 25;

const STATE_WORDS: Record<string, 'inactive' | 'never'> = {
  inactive: 'inactive',
  休止: 'inactive',
  お休み中: 'inactive',
  never: 'never',
  未投稿: 'never',
};
const CSV_WORDS = new Set(['csv', 'export', 'エクスポート', '出力', 'csv出力']);
const PAGE = /^(?:page|p|ページ)?(\d{1,5})(?:ページ|頁)?$/u;

/** One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/**
 * Where the platform takes no file from a bot (Teams): a private sign-in link that opens the
 * dashboard's inactive-members page with the command's filter, whose CSV is then the same list;
 * without a dashboard it says so plainly.
 */
async function csvElsewhere(ctx: CommandContext, filter: InactiveFilter): Promise<Message> {
  const l = ctx.locale;
  if (ctx.deps.dashboardUrl === undefined) return problem(l, 'replies.inactive.csvUnavailable');
  const link = await dashboardLink(ctx, { page: 'inactive', filter });
  if (link.kind !== DASHBOARD_LINK_KIND) return link;
  return { ...link, blocks: [textBlock(t(l, 'replies.inactive.csvViaDashboard')), ...link.blocks] };
}

/**
 * The whole list (every page) as a CSV file to the caller's DM. UTF-8 with a BOM, so Excel opens the
 * Japanese as written. Where the platform cannot take a file from a bot (Teams), a dashboard link.
 */
async function sendCsv(
  ctx: CommandContext,
  scopeName: string | null,
  table: string[][],
  filter: InactiveFilter,
): Promise<Message> {
  const l = ctx.locale;
  if (!ctx.deps.sendFile || ctx.caller.platformId === null) return csvElsewhere(ctx, filter);
  const header = t(l, 'replies.inactive.csvHeader').split(',');
  const content = `\uFEFF${[header, ...table].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
  const day = localDay(ctx.now, ctx.workspace.settings.timezone);
  const sent = await ctx.deps.sendFile(ctx.workspace, ctx.caller.platformId, {
    name: `hiroba-inactive-${day}.csv`,
    title: t(l, 'replies.inactive.csvTitle', {
      scope: scopeName ?? t(l, 'replies.inactive.everyone'),
      date: formatDay(l, day),
    }),
    content,
  });
  if (!sent.ok) {
    if (sent.failure.code === 'files_not_supported') return csvElsewhere(ctx, filter);
    return problem(l, 'replies.inactive.csvFailed');
  }
  return reply(l, 'replies.inactive.csvSent', { people: formatPeople(l, table.length) });
}

type Reason = 'optedOut' | 'unreachable' | 'resting' | 'nudged' | 'notNudged';

/** Why a quiet member is or is not being nudged now: one reason each, in this order. */
function reasonOf(ctx: CommandContext, m: Member, restUntil: string | null, step: number): Reason {
  if (m.optedOut) return 'optedOut';
  if (m.blockedBot || m.reachable === false || m.platformId === null) return 'unreachable';
  if (restUntil !== null && restUntil > ctx.now.toISOString()) return 'resting';
  return step > 0 ? 'nudged' : 'notNudged';
}

/**
 * `inactive [部署|拠点] [inactive|never] [page N]` (ops): members who went quiet or never posted, with
 * counts per reason and per department, one page of names at a time. Executives and ops are marked
 * and listed after everyone else (they are never nudged).
 */
export const inactiveCommands = [
  defineCommand({
    id: 'inactive',
    words: ['inactive'],
    aliases: { inactive: ['未参加', '休眠'] },
    args: z.object({
      group: z.string().min(1).max(200).nullable(),
      state: z.enum(['inactive', 'never']).nullable(),
      page: z.number().int().min(1).max(100000),
      csv: z.boolean(),
    }),
    read: (args, _context, topic) => {
      let state: 'inactive' | 'never' | null = null;
      let page = 1;
      let csv = false;
      const words = [];
      const tokens = args.remaining();
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token === undefined) continue;
        const key = normalizeToken(token.text);
        const next = tokens[i + 1];
        if (key === 'page' || key === 'ページ') {
          if (next === undefined || !/^\d+$/u.test(normalizeToken(next.text)))
            return fail('missing_argument', topic, 'page');
          page = Number(normalizeToken(next.text));
          i += 1;
        } else if (CSV_WORDS.has(key)) csv = true;
        else if (STATE_WORDS[key] !== undefined) state = STATE_WORDS[key] ?? null;
        else if (PAGE.test(key) && /\d/u.test(key)) page = Number(PAGE.exec(key)?.[1]);
        else words.push(token);
      }
      if (page < 1) return fail('invalid_argument', topic, 'page', String(page));
      if (words.length === 0) return ok({ group: null, state, page, csv });
      const name = readName(args, words, [], topic);
      return name.ok ? ok({ group: name.args, state, page, csv }) : name;
    },
    role: 'ops',
    help: [{ key: 'commands.line.inactive' }],
    handler: async (ctx, cmd) => {
      const snap = await ctx.snapshot();
      const l = ctx.locale;
      let scope = snap.eligible;
      let scopeName: string | null = null;
      let group: InactiveFilter['group'] = null;
      if (cmd.group !== null) {
        const match = resolveGroup(snap, cmd.group);
        if (match.kind === 'ambiguous')
          return problem(l, 'replies.target.ambiguous', { name: cmd.group }, [listBlock(match.candidates)]);
        if (match.kind !== 'department' && match.kind !== 'location')
          return problem(l, 'replies.inactive.noGroup', { name: cmd.group });
        scope = match.members;
        scopeName = match.name;
        group = { kind: match.kind, name: match.name };
      }
      const nudges = new Map((await ctx.deps.repos.nudges.list(ctx.workspace.id)).map((n) => [n.memberId, n]));
      const quiet = scope.filter((m) => {
        const s = snap.states.get(m.id);
        return (s === 'inactive' || s === 'never') && (cmd.state === null || s === cmd.state);
      });
      const special = (m: Member): boolean => m.isExecutive || m.role === 'ops' || m.role === 'admin';
      const rows = [...quiet].sort(
        (a, b) =>
          Number(special(a)) - Number(special(b)) ||
          (a.department ?? '').localeCompare(b.department ?? '', 'ja') ||
          a.name.localeCompare(b.name, 'ja'),
      );
      const reasons = new Map<Reason, number>();
      const byDepartment = new Map<string, number>();
      const table: string[][] = [];
      const items = rows.map((m) => {
        const n = nudges.get(m.id);
        const reason = reasonOf(ctx, m, n?.restUntil ?? null, n?.step ?? 0);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        const dept = m.department ?? t(l, 'replies.inactive.noDepartment');
        byDepartment.set(dept, (byDepartment.get(dept) ?? 0) + 1);
        const marks = [
          m.isExecutive ? t(l, 'replies.inactive.executive') : null,
          m.role === 'ops' || m.role === 'admin' ? t(l, 'replies.inactive.ops') : null,
        ].filter((x): x is string => x !== null);
        const nudge = special(m)
          ? t(l, 'replies.inactive.neverNudged')
          : reason === 'resting'
            ? t(l, 'replies.inactive.resting', {
                until: formatDay(l, localDay(n?.restUntil ?? ctx.now.toISOString(), ctx.workspace.settings.timezone)),
              })
            : reason === 'nudged'
              ? t(l, 'replies.inactive.step', { step: n?.step ?? 0 })
              : t(l, `replies.inactive.${reason}`);
        table.push([
          m.name,
          m.email ?? '',
          m.department ?? '',
          m.location ?? '',
          t(l, `replies.state.${snap.states.get(m.id) ?? 'never'}`),
          nudge,
          m.isExecutive ? '1' : '0',
          m.role === 'ops' || m.role === 'admin' ? '1' : '0',
        ]);
        return t(l, 'replies.inactive.row', {
          name: m.name,
          marks:
            marks.length > 0 ? t(l, 'replies.inactive.marks', { marks: marks.join(l === 'ja' ? '・' : ', ') }) : '',
          department: m.department ?? '—',
          state: t(l, `replies.state.${snap.states.get(m.id) ?? 'never'}`),
          nudge,
        });
      });
      if (cmd.csv) return sendCsv(ctx, scopeName, table, { group, state: cmd.state });
      const pages = Math.max(1, Math.ceil(items.length / INACTIVE_PAGE_SIZE));
      const page = Math.min(cmd.page, pages);
      const shown = items.slice((page - 1) * INACTIVE_PAGE_SIZE, page * INACTIVE_PAGE_SIZE);
      const title = t(l, 'replies.inactive.title', {
        scope: scopeName ?? t(l, 'replies.inactive.everyone'),
        count: formatPeople(l, rows.length),
        total: formatPeople(l, scope.length),
      });
      const order: Reason[] = ['notNudged', 'nudged', 'resting', 'optedOut', 'unreachable'];
      const blocks: Block[] = [];
      if (rows.length > 0) {
        blocks.push(
          fieldsBlock(
            order
              .filter((r) => (reasons.get(r) ?? 0) > 0)
              .map((r) => ({
                label: t(l, `replies.inactive.count.${r}`),
                value: formatPeople(l, reasons.get(r) ?? 0),
              })),
          ),
        );
        const depts = [...byDepartment].sort((a, b) => b[1] - a[1]);
        const topDepts = depts.slice(0, 10).map(([d, n]) => `${d}：${formatPeople(l, n)}`);
        if (depts.length > 10) topDepts.push(t(l, 'replies.inactive.moreDepartments', { count: depts.length - 10 }));
        blocks.push(listBlock(topDepts, t(l, 'replies.inactive.byDepartment')));
      }
      blocks.push(listBlock(shown, undefined, t(l, 'replies.inactive.none')));
      if (pages > 1) {
        blocks.push(
          textBlock(
            page < pages
              ? t(l, 'replies.inactive.page', { page, pages, next: page + 1 })
              : t(l, 'replies.inactive.lastPage', { page, pages }),
            true,
          ),
        );
      }
      blocks.push(textBlock(t(l, 'replies.inactive.filters'), true));
      return titled('inactive', title, blocks);
    },
  }),
];
