import { formatNumber, t } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import { DAILY_CAP, HALF_LIFE_DAYS, POINTS } from '../scoring.js';
import type { ActivityKind, Locale, MemberState } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { actionsBlock, divider, fieldsBlock, listBlock, message, textBlock } from './blocks.js';
import { ideaButton, storyButton } from './buttons.js';
import type { ScoreView, ScoringRulesView } from './inputs.js';
import { purposeBlocks } from './purpose-blocks.js';

/** The rules in force, from the core's scoring module (DESIGN.md "Points"). */
export const DEFAULT_SCORING: ScoringRulesView = { points: POINTS, dailyCap: DAILY_CAP, halfLifeDays: HALF_LIFE_DAYS };

/** Order of the points table: the bigger contributions first. */
const TABLE_ORDER: readonly ActivityKind[] = ['story', 'idea', 'post', 'reply', 'prompt_answer', 'reaction'];

export interface MemberHomeInput {
  locale: Locale;
  memberName: string;
  purpose: string;
  rules: string;
  /** The member's own score; null before their first activity. */
  score: ScoreView | null;
  state: MemberState;
  scoring?: ScoringRulesView;
  /** What the member's manager can see about them (the privacy setting in plain words); none without a manager. */
  managerSees?: readonly string[];
  managerNever?: string;
}

/**
 * The member's own page (Slack App Home, `/hiroba stats` for oneself): the purpose, their score
 * explained in plain words (what counts, how much, the daily cap, the decay, the scale), their
 * state with an encouraging next step, and buttons to share a story or an idea. The score is shown
 * so members can understand it, never to rank them. Called by the core's `home`.
 */
export function memberHome(input: MemberHomeInput): Message {
  const { locale, score } = input;
  const rules = input.scoring ?? DEFAULT_SCORING;
  const name = input.memberName;
  const blocks: Block[] = [...purposeBlocks(locale, input.purpose, input.rules, false)];
  if (blocks.length > 0) blocks.push(divider);

  blocks.push(
    fieldsBlock([
      { label: t(locale, 'programs.home.stateTitle'), value: t(locale, `programs.home.stateLabel.${input.state}`) },
    ]),
    textBlock(t(locale, `programs.home.state.${input.state}`)),
    divider,
  );

  if (score === null) {
    blocks.push(textBlock(t(locale, 'programs.home.scoreNone')));
  } else {
    const one = (n: number): string => formatNumber(locale, Math.round(n * 10) / 10);
    blocks.push(
      fieldsBlock([
        {
          label: t(locale, 'programs.home.field.score'),
          value: t(locale, 'programs.home.field.scoreValue', { score: score.score }),
        },
        { label: t(locale, 'programs.home.field.raw'), value: one(score.raw) },
        { label: t(locale, 'programs.home.field.p90'), value: one(score.p90) },
        { label: t(locale, 'programs.home.field.last14'), value: one(score.last14Days) },
      ]),
    );
    if (score.cappedDays > 0) {
      blocks.push(textBlock(t(locale, 'programs.home.capped', { days: score.cappedDays, cap: rules.dailyCap })));
    }
  }
  blocks.push(
    textBlock(t(locale, 'programs.home.scoreExplain', { halfLife: rules.halfLifeDays })),
    listBlock(
      TABLE_ORDER.map((kind) =>
        t(locale, 'programs.home.pointsItem', {
          activity: t(locale, `programs.activity.${kind}`),
          points: rules.points[kind],
        }),
      ),
      t(locale, 'programs.home.pointsTitle', { cap: rules.dailyCap }),
    ),
    textBlock(t(locale, 'programs.home.scoreNote'), true),
    ...(input.managerSees && input.managerSees.length > 0
      ? [
          divider,
          listBlock([...input.managerSees], t(locale, 'programs.home.managerTitle')),
          ...(input.managerNever ? [textBlock(input.managerNever, true)] : []),
        ]
      : []),
    divider,
    textBlock(t(locale, 'programs.home.shareInvite')),
    actionsBlock([storyButton(locale), ideaButton(locale)]),
  );

  return message({
    kind: PROGRAM_KINDS.memberHome,
    title: t(locale, 'programs.home.title', { name }),
    blocks,
    fallback:
      score === null
        ? t(locale, 'programs.home.fallbackNone', { name })
        : t(locale, 'programs.home.fallback', { name, score: score.score }),
  });
}
