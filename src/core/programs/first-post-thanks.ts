import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { message, textBlock } from './blocks.js';

/**
 * The thank-you DM after a member's first contribution: the first post is the hardest, so it is
 * acknowledged, and the next step points outward (react to someone in another department).
 * Called once per member when their first contribution is recorded.
 */
export function firstPostThanks(input: { locale: Locale; memberName: string }): Message {
  const { locale } = input;
  const name = input.memberName;
  return message({
    kind: PROGRAM_KINDS.firstPostThanks,
    title: t(locale, 'programs.firstPostThanks.title'),
    blocks: [
      textBlock(t(locale, 'programs.firstPostThanks.body', { name })),
      textBlock(t(locale, 'programs.firstPostThanks.next')),
    ],
    fallback: t(locale, 'programs.firstPostThanks.fallback', { name }),
  });
}
