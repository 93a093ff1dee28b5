import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { actionsBlock, message, textBlock } from './blocks.js';
import { optOutButton } from './buttons.js';
import { ideaForm, storyForm } from './forms.js';

/**
 * The success-story prompt DM, with the story template attached. It asks for something concrete
 * (one thing that went well) and says why it matters: a colleague elsewhere may have the same
 * problem. Called by the `story-prompts` job and `/hiroba prompt story`.
 */
export function storyPrompt(input: { locale: Locale; memberName: string }): Message {
  const { locale } = input;
  const name = input.memberName;
  return message({
    kind: PROGRAM_KINDS.storyPrompt,
    title: t(locale, 'programs.storyPrompt.title'),
    blocks: [
      textBlock(t(locale, 'programs.storyPrompt.body', { name })),
      textBlock(t(locale, 'programs.storyPrompt.howTo', { name })),
      textBlock(t(locale, 'programs.prompt.noPressure'), true),
      actionsBlock([optOutButton(locale)]),
    ],
    fallback: t(locale, 'programs.storyPrompt.fallback', { name }),
    form: storyForm(locale),
  });
}

/** The idea call DM, with the idea template attached. Called by the `idea-call` job and `/hiroba prompt idea`. */
export function ideaCall(input: { locale: Locale; memberName: string }): Message {
  const { locale } = input;
  const name = input.memberName;
  return message({
    kind: PROGRAM_KINDS.ideaCall,
    title: t(locale, 'programs.ideaCall.title'),
    blocks: [
      textBlock(t(locale, 'programs.ideaCall.body', { name })),
      textBlock(t(locale, 'programs.ideaCall.howTo')),
      textBlock(t(locale, 'programs.prompt.noPressure'), true),
      actionsBlock([optOutButton(locale)]),
    ],
    fallback: t(locale, 'programs.ideaCall.fallback', { name }),
    form: ideaForm(locale),
  });
}
