import { t } from '../i18n/index.js';
import type { FormKind, Message } from '../message.js';
import type { Locale } from '../types.js';
import { ACTION_IDS, PROGRAM_KINDS } from './action-ids.js';
import { actionsBlock, divider, message, textBlock } from './blocks.js';
import { submissionBlocks } from './story-post.js';

/**
 * The review request to ops when moderation is on: the submission as it would be posted, and
 * approve / reject buttons whose value is the submission id. Called when a member submits a form
 * in a workspace with `moderation on`.
 */
export function moderationRequest(input: {
  locale: Locale;
  submissionId: number;
  authorName: string;
  kind: FormKind;
  fields: Readonly<Record<string, string>>;
}): Message {
  const { locale } = input;
  // Ids go in as strings: a number would be grouped ("1,234") by the locale's number format.
  const id = String(input.submissionId);
  const name = input.authorName;
  const kind = t(locale, `programs.kind.${input.kind}`);
  return message({
    kind: PROGRAM_KINDS.moderationRequest,
    title: t(locale, 'programs.moderation.title', { id }),
    blocks: [
      textBlock(t(locale, 'programs.moderation.body', { name, kind })),
      divider,
      ...submissionBlocks(locale, input.kind, input.fields),
      divider,
      textBlock(t(locale, 'programs.moderation.note', { name }), true),
      actionsBlock([
        { actionId: ACTION_IDS.approve, label: t(locale, 'programs.moderation.approve'), style: 'primary', value: id },
        { actionId: ACTION_IDS.reject, label: t(locale, 'programs.moderation.reject'), style: 'danger', value: id },
      ]),
    ],
    fallback: t(locale, 'programs.moderation.fallback', { name, kind, id }),
  });
}

/** The answer to the ops member who clicked approve or reject. */
export function moderationDecided(input: { locale: Locale; approved: boolean; submissionId: number }): Message {
  const { locale } = input;
  const id = String(input.submissionId);
  const text = t(locale, input.approved ? 'programs.moderation.approved' : 'programs.moderation.rejected', { id });
  return message({ kind: PROGRAM_KINDS.moderationDecided, blocks: [textBlock(text)], fallback: text });
}
