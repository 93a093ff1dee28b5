import { type TextKey, type TextParams, t } from '../i18n/index.js';
import type { Block, Message } from '../message.js';
import { message, textBlock } from '../programs/blocks.js';
import type { Locale, Role } from '../types.js';

/** A role as people read it ("運用担当者（ops）", "ops"). */
export function roleName(locale: Locale, role: Role): string {
  return t(locale, `replies.roleName.${role}`);
}

/** A short answer to a command: one title and some text lines, all from the catalogue. */
export function reply(locale: Locale, key: TextKey, params: TextParams = {}, extra: Block[] = []): Message {
  const text = t(locale, key, params);
  return message({ kind: 'command-reply', blocks: [textBlock(text), ...extra], fallback: text });
}

/** A refusal or a usage error: says what is wrong and how to fix it. */
export function problem(locale: Locale, key: TextKey, params: TextParams = {}, extra: Block[] = []): Message {
  const text = t(locale, key, params);
  return message({ kind: 'command-error', blocks: [textBlock(text), ...extra], fallback: text });
}

/** A titled answer with blocks. */
export function titled(kind: string, title: string, blocks: Block[], fallback = title): Message {
  return message({ kind, title, blocks, fallback });
}
