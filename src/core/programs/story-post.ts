import { type TextKey, t } from '../i18n/index.js';
import type { Block, FormKind, Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { message, textBlock } from './blocks.js';
import { templateFieldIds } from './forms.js';
import { sectionBlock } from './purpose-blocks.js';

/** The post's heading, always attributed: "{name}さんの成功事例". */
function heading(locale: Locale, authorName: string, kind: FormKind): string {
  return t(locale, `programs.storyPost.title.${kind}`, { name: authorName });
}

/**
 * The body of a submission: its own title (if any) first, then each answered template field as a
 * labelled section, in the template's order. Fields the template does not know are left out.
 */
export function submissionBlocks(locale: Locale, kind: FormKind, fields: Readonly<Record<string, string>>): Block[] {
  const blocks: Block[] = [];
  const title = fields.title?.trim();
  if (title) blocks.push(textBlock(title));
  for (const id of templateFieldIds(kind)) {
    if (id === 'title') continue;
    const value = fields[id]?.trim();
    if (!value) continue;
    blocks.push(sectionBlock(locale, t(locale, `programs.storyPost.section.${kind}.${id}` as TextKey), value));
  }
  return blocks;
}

/**
 * How a story, idea or first post handed over through a form appears in the SNS channel: posted
 * on the member's behalf and attributed to them by name, each template answer under its heading,
 * and an invitation to respond (a reaction from another department is what keeps people posting).
 * Called when a submission is posted (at once, or after ops approve it).
 */
export function storyPost(input: {
  locale: Locale;
  authorName: string;
  kind: FormKind;
  fields: Readonly<Record<string, string>>;
}): Message {
  const { locale, kind } = input;
  const name = input.authorName;
  const title = heading(locale, name, kind);
  const own = input.fields.title?.trim();
  return message({
    kind: PROGRAM_KINDS.storyPost,
    title,
    blocks: [
      ...submissionBlocks(locale, kind, input.fields),
      textBlock(t(locale, `programs.storyPost.footer.${kind}`, { name })),
      textBlock(t(locale, 'programs.storyPost.via'), true),
    ],
    fallback: own ? t(locale, 'programs.storyPost.fallbackTitled', { heading: title, title: own }) : title,
  });
}
