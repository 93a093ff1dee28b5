import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { listBlock, message, textBlock } from './blocks.js';
import { type StoryView, storyLine } from './weekly-digest.js';

/** Stories listed before "and N more". */
const MAX_LISTED = 10;

/**
 * The weekly DM to an executive, instead of nudges: this week's stories worth a reaction or a reply,
 * each with its author and link. A reaction from a leader is what tells people sharing is valued.
 * Sent by the `digest` job only in weeks with stories.
 */
export function leaderStories(input: { locale: Locale; memberName: string; stories: readonly StoryView[] }): Message {
  const { locale } = input;
  const name = input.memberName;
  return message({
    kind: PROGRAM_KINDS.leaderStories,
    title: t(locale, 'programs.leader.title', { count: input.stories.length }),
    blocks: [
      textBlock(t(locale, 'programs.leader.body', { name })),
      listBlock(
        [
          ...input.stories.slice(0, MAX_LISTED).map((s) => storyLine(locale, s)),
          ...(input.stories.length > MAX_LISTED
            ? [t(locale, 'programs.digest.storiesMore', { count: input.stories.length - MAX_LISTED })]
            : []),
        ],
        t(locale, 'programs.leader.listTitle'),
      ),
      textBlock(t(locale, 'programs.leader.why'), true),
    ],
    fallback: t(locale, 'programs.leader.fallback', { name, count: input.stories.length }),
  });
}
