import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { listBlock, message, textBlock } from './blocks.js';
import { firstPostForm } from './forms.js';
import { purposeBlocks } from './purpose-blocks.js';

/**
 * The welcome DM to a member who joined the workspace or an SNS channel: the purpose and rules,
 * then first steps that start with the smallest one (a reaction). The first-post template is
 * attached for whoever feels like it. Called once per member by the core's `memberJoined`.
 */
export function welcome(input: { locale: Locale; memberName: string; purpose: string; rules: string }): Message {
  const { locale } = input;
  const name = input.memberName;
  return message({
    kind: PROGRAM_KINDS.welcome,
    title: t(locale, 'programs.welcome.title', { name }),
    blocks: [
      textBlock(t(locale, 'programs.welcome.intro')),
      ...purposeBlocks(locale, input.purpose, input.rules, false),
      listBlock(
        [t(locale, 'programs.welcome.step1'), t(locale, 'programs.welcome.step2'), t(locale, 'programs.welcome.step3')],
        t(locale, 'programs.welcome.stepsTitle'),
      ),
      textBlock(t(locale, 'programs.welcome.noPressure'), true),
    ],
    fallback: t(locale, 'programs.welcome.fallback', { name }),
    form: firstPostForm(locale),
  });
}
