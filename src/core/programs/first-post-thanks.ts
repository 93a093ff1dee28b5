import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { message, textBlock } from './blocks.js';

/**
 * The thank-you DM after a member's first contribution: the first post is the hardest, so it is
 * acknowledged, and the next step points outward (react to someone in another department).
 * Called once per member when their first contribution (post, reply, story or idea) is recorded.
 */
export function firstPostThanks(input: {
  locale: Locale;
  memberName: string;
  /** What the first contribution was; a first reply is as welcome as a first post. */
  kind?: 'post' | 'reply' | 'story' | 'idea';
}): Message {
  const { locale } = input;
  const name = input.memberName;
  const kind = input.kind ?? 'post';
  return message({
    kind: PROGRAM_KINDS.firstPostThanks,
    title: t(locale, `programs.firstPostThanks.title.${kind}`),
    blocks: [
      textBlock(t(locale, `programs.firstPostThanks.body.${kind}`, { name })),
      textBlock(t(locale, 'programs.firstPostThanks.next')),
    ],
    fallback: t(locale, `programs.firstPostThanks.fallback.${kind}`, { name }),
  });
}
