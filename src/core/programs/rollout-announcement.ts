import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale, RolloutPhase } from '../types.js';
import { PROGRAM_KINDS } from './action-ids.js';
import { message, textBlock } from './blocks.js';
import { purposeBlocks } from './purpose-blocks.js';

/**
 * The SNS channel's announcement of a rollout step: the pilot starting, departments joining, the
 * whole company. It names departments, never people, and carries no figure (a small pilot would be
 * a figure about a few people). Sent once per step by the rollout program.
 */
export function rolloutAnnouncement(input: {
  locale: Locale;
  step: RolloutPhase;
  /** Departments that joined with this step (expansion). */
  departments: readonly string[];
  purpose: string;
  rules: string;
}): Message {
  const { locale, step } = input;
  const departments = input.departments.join(locale === 'ja' ? '・' : ', ');
  const body = t(locale, `programs.announcement.body.${step}`, { departments });
  return message({
    kind: PROGRAM_KINDS.rolloutAnnouncement,
    title: t(locale, `programs.announcement.title.${step}`, { departments }),
    blocks: [
      textBlock(body),
      ...purposeBlocks(locale, input.purpose, input.rules, false),
      textBlock(t(locale, 'programs.announcement.welcomeThem')),
    ],
    fallback: body,
  });
}
