import { t } from '../i18n/index.js';
import type { Message } from '../message.js';
import type { Locale } from '../types.js';
import { listBlock, message, textBlock } from './blocks.js';
import { MIN_REPORT_GROUP } from './inputs.js';

/**
 * What a manager can see about the people who report to them, in plain words, as the workspace's
 * `privacy manager-names` setting has it. One text for the member's App Home and for the admin who
 * changes the setting, so both read the same promise.
 */
export function managerCanSee(locale: Locale, namesOn: boolean): string[] {
  const always = [
    t(locale, 'programs.privacy.sees.teamFigures', { min: MIN_REPORT_GROUP }),
    t(locale, 'programs.privacy.sees.quietCount'),
  ];
  return namesOn
    ? [...always, t(locale, 'programs.privacy.sees.quietNames'), t(locale, 'programs.privacy.sees.individualStats')]
    : [...always, t(locale, 'programs.privacy.sees.noNames')];
}

/** What the manager never sees, whatever the setting. */
export function managerNeverSees(locale: Locale): string {
  return t(locale, 'programs.privacy.never');
}

/** The reply to `privacy manager-names on|off`: exactly what managers can see from now on. */
export function managerNamesChanged(locale: Locale, namesOn: boolean): Message {
  const title = t(locale, namesOn ? 'programs.privacy.turnedOn' : 'programs.privacy.turnedOff');
  return message({
    kind: 'command-reply',
    title,
    blocks: [
      listBlock(managerCanSee(locale, namesOn), t(locale, 'programs.privacy.nowSees')),
      textBlock(managerNeverSees(locale), true),
      textBlock(t(locale, 'programs.privacy.membersTold'), true),
    ],
    fallback: title,
  });
}
