import { z } from 'zod';
import { t } from '../../i18n/index.js';
import { listBlock, textBlock } from '../../programs/blocks.js';
import { problem, reply, titled } from '../../service/replies.js';
import { updateSettings } from '../../service/settings.js';
import {
  DEFAULT_SCHEDULES,
  JOB_NAMES,
  type JobName,
  jobNameSchema,
  type Locale,
  scheduleOf,
  type WorkspaceSettings,
} from '../../types.js';
import { normalizeToken } from '../aliases.js';
import { fail, ok } from '../arguments.js';
import { cronTimes, describeCron } from '../cron-words.js';
import { defineCommand } from '../define.js';

/** A cron field: digits, names (MON, JAN), and the operators cron-parser accepts. */
const CRON_FIELD = /^[0-9a-z*,/\-?#]+$/iu;
/** People paste cron with quotes or Slack code marks around it. */
const CRON_QUOTES = /^[`"'“”「『]+|[`"'“”」』]+$/gu;

/** Job names as people type them, in both languages (`ダイジェスト`, `お声がけ`). */
const JOB_ALIASES: Record<JobName, readonly string[]> = {
  'purpose-reminder': ['目的リマインド', 'リマインド', '目的のリマインド'],
  'story-prompts': ['事例依頼', '成功事例の依頼', '事例のお願い'],
  'idea-call': ['アイデア募集', 'アイデアのお願い'],
  digest: ['ダイジェスト', '週次ダイジェスト'],
  'manager-reports': ['マネージャーレポート', 'マネージャー向けレポート', 'レポート'],
  nudges: ['お声がけ', '声かけ'],
  'directory-sync': ['名簿同期', '名簿の同期'],
  retention: ['データ整理', '保存期間'],
};

/** The job a word names, or null. */
export function jobOf(word: string): JobName | null {
  const key = normalizeToken(word).replace(/_/gu, '-');
  for (const job of JOB_NAMES) {
    if (job === key || JOB_ALIASES[job].some((a) => normalizeToken(a) === key)) return job;
  }
  return null;
}

/** Jobs that send DMs: they wait for the end of quiet hours, weekends and holidays. */
const DM_JOBS: readonly JobName[] = ['story-prompts', 'idea-call', 'manager-reports', 'nudges'];

/** A schedule as people read it: "毎週金曜 16:00"; ops also see the cron it comes from. */
export function scheduleWords(expression: string, locale: Locale): string {
  const words = describeCron(expression, locale);
  return words === null ? expression : `${words}（${expression}）`;
}

/** Whether a DM job on this schedule would run inside quiet hours (or on a quiet weekend). */
function fallsInQuietHours(expression: string, settings: WorkspaceSettings): boolean {
  const times = cronTimes(expression);
  if (times === null) return false;
  const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const start = minutesOf(settings.quietHours.start);
  const end = minutesOf(settings.quietHours.end);
  const quiet = (m: number): boolean =>
    start === end ? false : start > end ? m >= start || m < end : m >= start && m < end;
  if (times.minutes.some(quiet)) return true;
  return settings.quietHours.weekends && (times.weekdays?.every((d) => d === 0 || d === 6) ?? false);
}

/** When each job runs, in the workspace's time zone. */
export const scheduleCommands = [
  defineCommand({
    id: 'schedule.show',
    words: ['schedule', 'show'],
    aliases: { schedule: ['schedules', 'スケジュール'] },
    isDefault: true,
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.scheduleShow' }],
    handler: (ctx) => {
      const s = ctx.workspace.settings;
      const items = JOB_NAMES.map((job) => {
        const expr = scheduleOf(s, job);
        const mark = expr === DEFAULT_SCHEDULES[job] ? '' : t(ctx.locale, 'replies.schedule.custom');
        return t(ctx.locale, 'replies.schedule.item', {
          name: t(ctx.locale, `commands.job.${job}`),
          job,
          when: scheduleWords(expr, ctx.locale),
          mark,
        });
      });
      return titled('command-reply', t(ctx.locale, 'replies.schedule.title', { timezone: s.timezone }), [
        listBlock(items),
        textBlock(t(ctx.locale, 'replies.schedule.hint'), true),
      ]);
    },
  }),
  defineCommand({
    id: 'schedule.set',
    words: ['schedule', 'set'],
    args: z.object({ job: jobNameSchema, cron: z.string().min(1).max(200) }),
    read: (args, _context, topic) => {
      const jobToken = args.next();
      if (jobToken === undefined) return fail('missing_argument', topic, 'job');
      const job = jobOf(jobToken.text);
      if (job === null) return fail('invalid_argument', topic, 'job', jobToken.text);
      const typed = args.restVerbatim();
      const fields = typed
        .normalize('NFKC')
        // Teams cards show `*` as `∗` (see the card renderer): copied back, it still means `*`.
        .replace(/∗/gu, '*')
        .replace(CRON_QUOTES, '')
        .trim()
        .split(/\s+/u)
        .filter((f) => f !== '');
      if (fields.length === 0) return fail('missing_argument', topic, 'cron');
      if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) {
        return fail('invalid_argument', topic, 'cron', typed);
      }
      return ok({ job, cron: fields.join(' ') });
    },
    role: 'ops',
    help: [{ key: 'commands.line.scheduleSet' }],
    handler: async (ctx, { job, cron }) => {
      const check = ctx.deps.validateCron?.(cron, ctx.locale) ?? {
        ok: false as const,
        reason: t(ctx.locale, 'replies.jobs.unavailable'),
      };
      if (!check.ok) return problem(ctx.locale, 'replies.schedule.invalid', { cron, reason: check.reason });
      await updateSettings(ctx, (s) => ({ schedules: { ...s.schedules, [job]: cron } }));
      const s = ctx.workspace.settings;
      const extra =
        DM_JOBS.includes(job) && fallsInQuietHours(cron, s)
          ? [
              textBlock(
                t(ctx.locale, 'replies.schedule.quietWarning', { start: s.quietHours.start, end: s.quietHours.end }),
              ),
            ]
          : [];
      return reply(
        ctx.locale,
        'replies.schedule.set',
        { name: t(ctx.locale, `commands.job.${job}`), when: scheduleWords(cron, ctx.locale), timezone: s.timezone },
        extra,
      );
    },
  }),
];
