import { formatPercent, type TextKey, t } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import { sparkline } from '../sparkline.js';
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
} from './blocks.js';
import { ideaButton, storyButton } from './buttons.js';
import type { MetricsView } from './inputs.js';
import { MIN_REPORT_GROUP } from './inputs.js';
import { mostRepliedBlock, type RepliedPostView } from './most-replied.js';
import type { TrendSummary } from './trend.js';

/** A story as public messages list it: title, author, link to the post. */
export interface StoryView {
  title: string;
  authorName: string;
  department: string | null;
  link: string | null;
}

export interface WeeklyDigestInput {
  locale: Locale;
  /** What the digest covers, as people read it: "3月6日 16:00〜3月13日 16:00". */
  periodLabel: string;
  /** The 7 days' figures for the group the rollout covers. */
  metrics: MetricsView;
  /** How many the group counted in the previous 7 days; null when there was no group yet (first digest). */
  previousMembers: number | null;
  /** The previous 7 days' participation, when that group was big enough to report. */
  previousRate: number | null;
  /** Participation per 7 days, oldest first, this week last; NaN where the group was too small. */
  trend: readonly number[];
  /** New contributors who may be named (not opted out), and how many there were in all. */
  newContributorNames: readonly string[];
  newContributorCount: number;
  stories: readonly StoryView[];
  /** The week's posts most replied to from other departments (up to three; absent or empty → no section). */
  mostReplied?: readonly RepliedPostView[];
  /** Executives who posted in the 7 days (they took part, so they may be named). */
  executivePosters: readonly string[];
  /** The same executives with a link to their latest post; when given, shown instead of the names alone. */
  executivePosts?: readonly ExecutivePostView[];
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

/** "Last 8 weeks (Monday to Sunday): 12% ▂▃▅█ 42%", or null when there is only this week to show. */
export function trendLine(locale: Locale, key: TextKey, summary: TrendSummary): string | null {
  if (summary.rates.length < 2) return null;
  return t(locale, key, { weeks: summary.rates.length, from: summary.from, spark: summary.spark, to: summary.to });
}

/** An executive who posted this week, with a link to their latest post when there is one. */
export interface ExecutivePostView {
  name: string;
  link: string | null;
}

/** A story as one line: 「title」 author (department) link. */
export function storyLine(locale: Locale, story: StoryView): string {
  const author = t(locale, 'programs.people.person', { name: story.authorName });
  const who = story.department
    ? t(locale, 'programs.story.authorDept', { author, department: story.department })
    : author;
  const line = t(locale, 'programs.story.line', { title: story.title, author: who });
  return story.link ? `${line} ${story.link}` : line;
}

/** Up to this many stories are listed; the rest are counted. */
const MAX_STORIES = 8;

/**
 * The weekly digest for the SNS channel, over the 7 days before it is sent (a whole week, so weeks
 * compare fairly whatever day it goes out). Participation with its trend and the change on the week
 * before (and, when the rollout widened, by how many people the group grew; the first digest has
 * nothing to compare); the stories shared with their authors and links; the posts most replied to
 * from other departments (author, counts, link); posts by executives; first
 * contributors by name (those who opted out are only counted); how much talk crossed departments.
 * Sections with nothing to say are left out. No figure about fewer than five people: a group that
 * small gets no figures at all, and executive participation shows only with five executives or more.
 * Called by the `digest` job and `/hiroba digest preview|send`.
 */
export function weeklyDigest(input: WeeklyDigestInput): Message {
  const { locale, metrics: m } = input;
  const period = input.periodLabel;
  const rate = formatPercent(locale, m.participationRate);
  const join = locale === 'ja' ? '' : ' ';
  const blocks: Block[] = [textBlock(t(locale, 'programs.digest.intro', { period }))];
  const showFigures = m.members >= MIN_REPORT_GROUP;

  if (showFigures) {
    const comparable = input.previousMembers !== null && input.previousMembers >= MIN_REPORT_GROUP;
    const grew =
      comparable && input.previousMembers !== m.members
        ? t(
            locale,
            input.previousMembers !== null && input.previousMembers < m.members
              ? 'programs.digest.groupGrew'
              : 'programs.digest.groupShrank',
            {
              from: input.previousMembers ?? 0,
              to: m.members,
            },
          )
        : null;
    const headline = [
      t(locale, 'programs.digest.participation', { rate, contributors: m.contributors, members: m.members }),
      grew,
      comparable
        ? changeLine(locale, m.participationRate, input.previousRate, {
            up: 'programs.digest.changeUp',
            down: 'programs.digest.changeDown',
            flat: 'programs.digest.changeFlat',
          })
        : null,
      input.previousMembers === null ? t(locale, 'programs.digest.firstReport') : null,
    ]
      .filter((s): s is string => s !== null)
      .join(join);
    blocks.push(textBlock(headline));
    const finite = input.trend.filter((r) => Number.isFinite(r));
    if (finite.length >= 2) {
      const show = (r: number | undefined): string =>
        r !== undefined && Number.isFinite(r) ? formatPercent(locale, r) : '—';
      blocks.push(
        textBlock(
          t(locale, 'programs.digest.trend', {
            weeks: input.trend.length,
            from: show(input.trend[0]),
            spark: sparkline([...input.trend], 0, Math.max(...finite)),
            to: show(input.trend[input.trend.length - 1]),
          }),
        ),
      );
    }
    const cross = m.crossDepartment;
    const fields = [
      { label: t(locale, 'programs.digest.field.reach'), value: formatPercent(locale, m.reach) },
      {
        label: t(locale, 'programs.digest.field.posts'),
        value: t(locale, 'programs.digest.field.postsValue', { posts: m.posts, posters: m.posters }),
      },
    ];
    if (cross.interactions > 0)
      fields.push({
        label: t(locale, 'programs.digest.field.cross'),
        value: t(locale, 'programs.digest.field.crossValue', {
          ratio: formatPercent(locale, cross.ratio),
          crossing: cross.crossing,
          interactions: cross.interactions,
        }),
      });
    if (m.executives.total >= MIN_REPORT_GROUP) {
      fields.push({
        label: t(locale, 'programs.digest.field.executives'),
        value: t(locale, 'programs.digest.field.executivesValue', {
          active: m.executives.active,
          total: m.executives.total,
        }),
      });
    }
    blocks.push(fieldsBlock(fields));
  } else {
    blocks.push(textBlock(t(locale, 'programs.digest.tooFew', { min: MIN_REPORT_GROUP }), true));
  }

  if (input.stories.length > 0) {
    const shown = input.stories.slice(0, MAX_STORIES).map((s) => storyLine(locale, s));
    if (input.stories.length > shown.length)
      shown.push(t(locale, 'programs.digest.storiesMore', { count: input.stories.length - shown.length }));
    blocks.push(listBlock(shown, t(locale, 'programs.digest.storiesTitle', { count: input.stories.length })));
  }

  const replied = mostRepliedBlock(locale, input.mostReplied ?? []);
  if (replied !== null) blocks.push(replied);

  const executiveItems =
    input.executivePosts !== undefined && input.executivePosts.length > 0
      ? input.executivePosts.map((p) => {
          const person = t(locale, 'programs.people.person', { name: p.name });
          return p.link ? `${person} ${p.link}` : person;
        })
      : peopleItems(locale, input.executivePosters);
  if (executiveItems.length > 0) {
    blocks.push(
      listBlock(executiveItems, t(locale, 'programs.digest.executivesTitle')),
      textBlock(t(locale, 'programs.digest.executivesInvite')),
    );
  }

  if (input.newContributorCount > 0) {
    blocks.push(
      listBlock(
        peopleItems(locale, input.newContributorNames, input.newContributorCount),
        t(locale, 'programs.digest.newTitle', { count: input.newContributorCount }),
      ),
      textBlock(t(locale, 'programs.digest.newWelcome')),
    );
  }

  if (showFigures && input.concentrationWarning) {
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
    title: t(locale, 'programs.digest.title', { period }),
    blocks,
    fallback: showFigures
      ? t(locale, 'programs.digest.fallback', { period, rate, stories: input.stories.length })
      : t(locale, 'programs.digest.title', { period }),
  });
}
