import { formatPercent, type TextKey, t } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import type { Locale, RolloutPhase } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import {
  actionsBlock,
  divider,
  fieldsBlock,
  listBlock,
  message,
  peopleItems,
  pointsDiff,
  textBlock,
  weekLabel,
} from './blocks.js';
import { ideaButton, storyButton } from './buttons.js';
import type { MetricsView, TrendPointView } from './inputs.js';
import { summarizeTrend, type TrendSummary } from './trend.js';

export interface WeeklyDigestInput {
  locale: Locale;
  /** ISO week label, `2026-W48`. */
  week: string;
  metrics: MetricsView;
  /** Participation per week, oldest first, up to 8 weeks (this week may be included or not). */
  trend: readonly TrendPointView[];
  /** Names of this week's new contributors; shown up to 10, the rest counted. */
  newContributorNames: readonly string[];
  storiesShared: number;
  /** True when the top 10% of posters wrote over half the posts (the core's `concentrationWarning`). */
  concentrationWarning: boolean;
  phase?: RolloutPhase;
}

/** "Up 5 points on last week" / "down …" / "same as last week"; null without last week's figure. */
export function changeLine(
  locale: Locale,
  current: number,
  previous: number | null,
  keys: { up: TextKey; down: TextKey; flat: TextKey },
): string | null {
  if (previous === null) return null;
  const diff = pointsDiff(current, previous);
  if (diff > 0) return t(locale, keys.up, { points: diff });
  if (diff < 0) return t(locale, keys.down, { points: -diff });
  return t(locale, keys.flat);
}

/** "Last 8 weeks: 12% ▂▃▅█ 42%", or null when there is only this week to show. */
export function trendLine(locale: Locale, key: TextKey, summary: TrendSummary): string | null {
  if (summary.rates.length < 2) return null;
  return t(locale, key, { weeks: summary.rates.length, from: summary.from, spark: summary.spark, to: summary.to });
}

/**
 * The weekly digest for the SNS channel: participation with its 8-week sparkline and the change on
 * last week, this week's new contributors by name (a public welcome), stories shared, how much
 * talk crossed departments, and, when a few people write most posts, a gentle nudge to invite
 * others. Called by the `digest` job and `/hiroba digest preview|send`.
 */
export function weeklyDigest(input: WeeklyDigestInput): Message {
  const { locale, metrics: m } = input;
  const week = weekLabel(locale, input.week);
  const rate = formatPercent(locale, m.participationRate);
  const summary = summarizeTrend(locale, input.week, m.participationRate, input.trend);

  const headline = [
    t(locale, 'programs.digest.participation', { rate, contributors: m.contributors, members: m.members }),
    changeLine(locale, m.participationRate, summary.previous, {
      up: 'programs.digest.changeUp',
      down: 'programs.digest.changeDown',
      flat: 'programs.digest.changeFlat',
    }),
  ]
    .filter((s): s is string => s !== null)
    .join(locale === 'ja' ? '' : ' ');

  const blocks: Block[] = [textBlock(t(locale, 'programs.digest.intro')), textBlock(headline)];
  const trend = trendLine(locale, 'programs.digest.trend', summary);
  if (trend) blocks.push(textBlock(trend));

  const cross = m.crossDepartment;
  const fields = [
    { label: t(locale, 'programs.digest.field.reach'), value: formatPercent(locale, m.reach) },
    {
      label: t(locale, 'programs.digest.field.posts'),
      value: t(locale, 'programs.digest.field.postsValue', { posts: m.posts, posters: m.posters }),
    },
    {
      label: t(locale, 'programs.digest.field.stories'),
      value: t(locale, 'programs.digest.field.storiesValue', { count: input.storiesShared }),
    },
    {
      label: t(locale, 'programs.digest.field.cross'),
      value:
        cross.interactions > 0
          ? t(locale, 'programs.digest.field.crossValue', {
              ratio: formatPercent(locale, cross.ratio),
              crossing: cross.crossing,
              interactions: cross.interactions,
            })
          : t(locale, 'programs.digest.field.crossNone'),
    },
  ];
  if (m.executives.total > 0) {
    fields.push({
      label: t(locale, 'programs.digest.field.executives'),
      value: t(locale, 'programs.digest.field.executivesValue', {
        active: m.executives.active,
        total: m.executives.total,
      }),
    });
  }
  blocks.push(fieldsBlock(fields));

  const newCount = Math.max(m.newContributors.length, input.newContributorNames.length);
  blocks.push(
    listBlock(
      peopleItems(locale, input.newContributorNames, newCount),
      t(locale, 'programs.digest.newTitle', { count: newCount }),
      t(locale, 'programs.digest.newEmpty'),
    ),
  );
  if (newCount > 0) blocks.push(textBlock(t(locale, 'programs.digest.newWelcome')));

  if (input.concentrationWarning) {
    blocks.push(textBlock(t(locale, 'programs.digest.concentration', { share: formatPercent(locale, m.top10Share) })));
  }
  blocks.push(textBlock(t(locale, 'programs.digest.crossInvite')));
  if (input.phase) blocks.push(textBlock(t(locale, `programs.digest.phase.${input.phase}`), true));
  blocks.push(
    divider,
    textBlock(t(locale, 'programs.digest.shareInvite')),
    actionsBlock([storyButton(locale), ideaButton(locale)]),
  );

  return message({
    kind: PROGRAM_KINDS.digest,
    title: t(locale, 'programs.digest.title', { week }),
    blocks,
    fallback: t(locale, 'programs.digest.fallback', { week, rate, stories: input.storiesShared }),
  });
}
