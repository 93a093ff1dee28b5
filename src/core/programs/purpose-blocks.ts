import { t } from '../i18n/index.js';
import type { Block } from '../message.js';
import type { Locale } from '../types.js';
import { textBlock } from './blocks.js';

/** A labelled section of free text ("【目的】\n…"): how purpose, rules and template answers are shown. */
export function sectionBlock(locale: Locale, label: string, text: string): Block {
  return textBlock(t(locale, 'programs.section', { label, text: text.trim() }));
}

/**
 * The purpose and the posting rules as blocks. A concrete purpose is what tells people what to
 * post, so it leads every message that introduces the SNS. When a text is not set, `unsetHint`
 * decides between a line asking ops to set it (channel reminders) and leaving it out (a new
 * member's welcome, where an ops instruction would only confuse).
 */
export function purposeBlocks(locale: Locale, purpose: string, rules: string, unsetHint: boolean): Block[] {
  const blocks: Block[] = [];
  if (purpose.trim()) blocks.push(sectionBlock(locale, t(locale, 'programs.purpose.label'), purpose));
  else if (unsetHint) blocks.push(textBlock(t(locale, 'programs.purpose.unset'), true));
  if (rules.trim()) blocks.push(sectionBlock(locale, t(locale, 'programs.rules.label'), rules));
  else if (unsetHint) blocks.push(textBlock(t(locale, 'programs.rules.unset'), true));
  return blocks;
}
