import { z } from 'zod';
import { t } from '../../i18n/index.js';
import type { Message } from '../../message.js';
import { listBlock, textBlock } from '../../programs/blocks.js';
import type { CommandContext } from '../../service/context.js';
import { titled } from '../../service/replies.js';
import { readinessItems } from '../../service/rollout-status.js';
import { updateSettings } from '../../service/settings.js';
import { defaultSettings, type PilotReadiness } from '../../types.js';
import { normalizeToken } from '../aliases.js';
import { type ArgsReader, fail, ok } from '../arguments.js';
import { defineCommand } from '../define.js';
import { commandPrefix } from '../help.js';

type ThresholdName = keyof PilotReadiness;

/** The thresholds as people type them, in both languages (the catalogue's terms first). */
const THRESHOLD_NAMES: Record<ThresholdName, readonly string[]> = {
  participation: ['participation', '参加率', '参加'],
  reach: ['reach', 'リアクションを含めた参加', 'リーチ', '到達率'],
  crossDepartment: ['cross', 'cross-department', 'crossdepartment', '部署をこえた交流', '部署横断', '横断'],
  stories: ['stories', 'story', '成功事例', '事例'],
};

/** Words that put every threshold back to Hiroba's defaults. */
const RESET_WORDS = ['default', 'defaults', 'reset', '既定', '既定値', '初期値', 'リセット'];

function thresholdOf(word: string): ThresholdName | null {
  const key = normalizeToken(word);
  for (const [name, forms] of Object.entries(THRESHOLD_NAMES) as [ThresholdName, readonly string[]][]) {
    if (forms.some((form) => normalizeToken(form) === key)) return name;
  }
  return null;
}

/** A share typed as a whole percent (`40%`, `40`, `４０％`) → 0.4; a count of stories (`3`, `3件`). */
function thresholdValue(name: ThresholdName, typed: string): number | null {
  const text = normalizeToken(typed);
  const match = name === 'stories' ? /^(\d{1,4})件?$/u.exec(text) : /^(\d{1,3})%?$/u.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  if (name === 'stories') return n <= 1000 ? n : null;
  return n <= 100 ? n / 100 : null;
}

/** `participation=40%`, `参加率40%`, `stories:3`: a name and its value in one word. */
const JOINED = /^(.*?\D)[=:：]?(\d[\d.]*[%件]?)$/u;

const readinessArgs = z.object({
  reset: z.boolean(),
  thresholds: z
    .object({
      participation: z.number().min(0).max(1),
      reach: z.number().min(0).max(1),
      crossDepartment: z.number().min(0).max(1),
      stories: z.number().int().min(0).max(1000),
    })
    .partial(),
});

/**
 * `rollout readiness participation 40% reach 60% cross 20% stories 3`: names and values in pairs, in
 * any order, each at most once; `default` alone puts them back; nothing at all shows them.
 */
const readReadiness: ArgsReader<z.input<typeof readinessArgs>> = (args, _context, topic) => {
  const tokens = args.remaining();
  const first = tokens[0];
  if (first !== undefined && RESET_WORDS.includes(normalizeToken(first.text))) {
    const extra = tokens[1];
    return extra === undefined
      ? ok({ reset: true, thresholds: {} })
      : fail('invalid_argument', topic, 'extra', extra.text);
  }
  const thresholds: Partial<PilotReadiness> = {};
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) break;
    let name = thresholdOf(token.text);
    let typedValue: string | undefined;
    let shown = token.text;
    if (name === null) {
      const joined = JOINED.exec(normalizeToken(token.text));
      name = joined?.[1] === undefined ? null : thresholdOf(joined[1]);
      if (name === null) return fail('invalid_argument', topic, 'threshold', token.text);
      typedValue = joined?.[2];
    } else {
      i += 1;
      typedValue = tokens[i]?.text;
      if (typedValue === undefined) return fail('missing_argument', topic, 'threshold', token.text);
      shown = `${token.text} ${typedValue}`;
    }
    const value = typedValue === undefined ? null : thresholdValue(name, typedValue);
    if (value === null || thresholds[name] !== undefined) return fail('invalid_argument', topic, 'threshold', shown);
    thresholds[name] = value;
  }
  return ok({ reset: false, thresholds });
};

function shownThresholds(ctx: CommandContext, title: string, changed: readonly ThresholdName[]): Message {
  const l = ctx.locale;
  return titled('command-reply', title, [
    listBlock(readinessItems(l, ctx.workspace.settings.pilotReadiness, changed)),
    textBlock(t(l, 'replies.readiness.hint', { cmd: commandPrefix(ctx.workspace.platform) }), true),
  ]);
}

/** `rollout readiness`: when the pilot is ready for the next step, as ops decide it. */
export const readinessCommands = [
  defineCommand({
    id: 'rollout.readiness',
    words: ['rollout', 'readiness'],
    aliases: { readiness: ['基準', '移行基準', '判断基準', 'threshold', 'thresholds'] },
    args: readinessArgs,
    read: readReadiness,
    role: 'ops',
    help: [{ key: 'commands.line.rolloutReadiness' }],
    handler: async (ctx, { reset, thresholds }) => {
      const l = ctx.locale;
      const changed = Object.keys(thresholds) as ThresholdName[];
      if (!reset && changed.length === 0) return shownThresholds(ctx, t(l, 'replies.readiness.title'), []);
      const next = reset
        ? defaultSettings().pilotReadiness
        : { ...ctx.workspace.settings.pilotReadiness, ...thresholds };
      await updateSettings(ctx, () => ({ pilotReadiness: next }));
      return shownThresholds(ctx, t(l, reset ? 'replies.readiness.reset' : 'replies.readiness.changed'), changed);
    },
  }),
];
