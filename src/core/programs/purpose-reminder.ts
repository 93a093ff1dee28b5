import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { actionsBlock, listBlock, message, textBlock } from './blocks.js';
import { ideaButton, storyButton } from './buttons.js';
import { purposeBlocks } from './purpose-blocks.js';

/**
 * The monthly reminder in the SNS channel: why the channel exists, what to post (examples, so
 * nobody has to guess) and the posting rules. Called by the `purpose-reminder` job.
 */
export function purposeReminder(input: { locale: Locale; purpose: string; rules: string }): Message {
  const { locale } = input;
  return message({
    kind: PROGRAM_KINDS.purposeReminder,
    title: t(locale, 'programs.purposeReminder.title'),
    blocks: [
      textBlock(t(locale, 'programs.purposeReminder.intro')),
      ...purposeBlocks(locale, input.purpose, input.rules, true),
      listBlock(
        [
          t(locale, 'programs.purposeReminder.example1'),
          t(locale, 'programs.purposeReminder.example2'),
          t(locale, 'programs.purposeReminder.example3'),
        ],
        t(locale, 'programs.purposeReminder.examplesTitle'),
      ),
      textBlock(t(locale, 'programs.purposeReminder.lowBar')),
      actionsBlock([storyButton(locale), ideaButton(locale)]),
    ],
    fallback: t(locale, 'programs.purposeReminder.fallback'),
  });
}
