import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { listBlock, message, textBlock } from './blocks.js';
import { firstPostForm } from './forms.js';
import { purposeBlocks } from './purpose-blocks.js';

/**
 * The kick-off: a member's first message from Hiroba, when the rollout includes them (pilot start,
 * a department added, the company step, a new hire) or they join an SNS channel. Why the SNS exists,
 * the posting rules, first steps that start with the smallest one (a reaction), and who the ops team
 * is, so there is a person to ask. The first-post template is attached. Sent once per member.
 */
export function welcome(input: {
  locale: Locale;
  memberName: string;
  purpose: string;
  rules: string;
  /** The ops team's names (ops and admins), for "who to ask". */
  opsNames?: readonly string[];
}): Message {
  const { locale } = input;
  const name = input.memberName;
  const ops = (input.opsNames ?? []).slice(0, 5);
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
      ...(ops.length > 0
        ? [
            textBlock(
              t(locale, 'programs.welcome.opsTeam', {
                names: ops
                  .map((n) => t(locale, 'programs.people.person', { name: n }))
                  .join(locale === 'ja' ? '、' : ', '),
              }),
            ),
          ]
        : []),
      textBlock(t(locale, 'programs.welcome.noPressure'), true),
    ],
    fallback: t(locale, 'programs.welcome.fallback', { name }),
    form: firstPostForm(locale),
  });
}
