import { describe, expect, it } from 'vitest';
import { FORM_KINDS, formSchema, type Message, messageSchema } from '../../../src/core/message.js';
import { MAX_TEXT } from '../../../src/core/programs/blocks.js';
import { formFor, PROGRAM_KINDS } from '../../../src/core/programs/index.js';
import { everyMessage, LOCALES } from './fixtures.js';

const KINDS = new Set<string>(Object.values(PROGRAM_KINDS));

function texts(message: Message): string[] {
  const out: string[] = [];
  for (const block of message.blocks) {
    if (block.type === 'text') out.push(block.text);
    if (block.type === 'list') out.push(...block.items);
  }
  return out;
}

describe.each(LOCALES)('every program in %s', (locale) => {
  const messages = everyMessage(locale);

  it.each(messages)('%s passes the Message schema', (_name, message) => {
    expect(messageSchema.parse(message)).toEqual(message);
  });

  it.each(messages)('%s leaves no {placeholder} unfilled', (_name, message) => {
    expect(JSON.stringify(message)).not.toMatch(/\{[A-Za-z_]\w*\}/u);
  });

  it.each(messages)('%s carries a known program kind', (_name, message) => {
    expect(KINDS.has(message.kind)).toBe(true);
  });

  it.each(messages)('%s keeps every text block within the limit', (_name, message) => {
    for (const text of texts(message)) expect(Array.from(text).length).toBeLessThanOrEqual(MAX_TEXT);
  });

  it('writes Japanese in Japanese', () => {
    if (locale !== 'ja') return;
    for (const [, message] of messages)
      expect(message.fallback).toMatch(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u);
  });

  it.each(FORM_KINDS)('the %s form passes the Form schema', (kind) => {
    const form = formFor(kind, locale);
    expect(formSchema.parse(form)).toEqual(form);
    expect(JSON.stringify(form)).not.toMatch(/\{[A-Za-z_]\w*\}/u);
  });
});
