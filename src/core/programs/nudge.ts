import { type TextKey, t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { actionsBlock, listBlock, message, textBlock } from './blocks.js';
import { optOutButton } from './buttons.js';
import { firstPostForm } from './forms.js';
import { type StoryView, storyLine } from './weekly-digest.js';

export type NudgeLadderStep = 1 | 2 | 3;

/**
 * One step of the nudge ladder to a quiet member, each asking a little more than the last:
 * 1 react to a recent story, 2 reply to a thread, 3 write a first post (template attached).
 * Every step says no answer is needed and carries a one-click opt-out. Called by the `nudges` job,
 * which owns the ladder's timing and fatigue limits.
 */
export function nudge(input: {
  locale: Locale;
  step: NudgeLadderStep;
  memberName: string;
  /** Recent stories to react to (step 1 names and links them; without any it asks for any reaction). */
  stories?: readonly StoryView[];
}): Message {
  const { locale, step } = input;
  const name = input.memberName;
  const stories = (input.stories ?? []).slice(0, 3);
  // Step 1 speaks of stories only when there are some to link.
  const variant = step === 1 && stories.length === 0 ? '1plain' : String(step);
  return message({
    kind: PROGRAM_KINDS.nudge,
    title: t(locale, `programs.nudge.title.${variant}` as TextKey),
    blocks: [
      textBlock(t(locale, `programs.nudge.body.${variant}` as TextKey, { name })),
      ...(step === 1 && stories.length > 0
        ? [
            listBlock(
              stories.map((s) => storyLine(locale, s)),
              t(locale, 'programs.nudge.storiesTitle'),
            ),
          ]
        : []),
      textBlock(t(locale, 'programs.nudge.noPressure')),
      textBlock(t(locale, 'programs.nudge.optOutHint'), true),
      actionsBlock([optOutButton(locale)]),
    ],
    fallback: t(locale, `programs.nudge.fallback.${variant}` as TextKey, { name }),
    ...(step === 3 ? { form: firstPostForm(locale) } : {}),
  });
}
