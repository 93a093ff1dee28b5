import { t } from '../i18n/index.js';
import type { FormKind, Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { message, textBlock } from './blocks.js';

/**
 * The reply to a member who submitted a form: thanks, and whether it is already in the channel or
 * waits for review. Returned by the core's `submitForm`.
 */
export function formReceived(input: { locale: Locale; kind: FormKind; held: boolean }): Message {
  const { locale } = input;
  const kind = t(locale, `programs.kind.${input.kind}`);
  const text = t(locale, input.held ? 'programs.formReceived.held' : 'programs.formReceived.posted', { kind });
  return message({
    kind: PROGRAM_KINDS.formReceived,
    title: t(locale, 'programs.formReceived.title'),
    blocks: [textBlock(text)],
    fallback: text,
  });
}
