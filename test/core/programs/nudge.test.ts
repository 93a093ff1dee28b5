import { describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { nudge } from '../../../src/core/programs/index.js';
import { LOCALES } from './fixtures.js';

const STEPS = [1, 2, 3] as const;

describe('nudge', () => {
  for (const locale of LOCALES) {
    for (const step of STEPS) {
      it(`step ${step} in ${locale} carries the opt-out button and says no answer is needed`, () => {
        const message = nudge({ locale, step, memberName: 'Sato' });
        const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
        expect(buttons.map((b) => b.actionId)).toEqual(['hiroba.optout']);
        expect(buttons[0]?.style).toBeUndefined();
        expect(message.kind).toBe('nudge');
        expect(messageToPlainText(message)).toContain(
          locale === 'en' ? 'There is no need to reply' : 'ご返信は不要です',
        );
      });
    }
  }

  it('asks for a reaction first, a reply second and a first post third', () => {
    expect(messageToPlainText(nudge({ locale: 'en', step: 1, memberName: 'Sato' }))).toContain('react to one you like');
    expect(messageToPlainText(nudge({ locale: 'en', step: 2, memberName: 'Sato' }))).toContain(
      'how about a quick reply',
    );
    expect(messageToPlainText(nudge({ locale: 'ja', step: 3, memberName: '佐藤' }))).toContain(
      '佐藤さん、お疲れさまです。',
    );
  });

  it('attaches the first-post template only on step 3', () => {
    expect(nudge({ locale: 'en', step: 1, memberName: 'Sato' }).form).toBeUndefined();
    expect(nudge({ locale: 'en', step: 2, memberName: 'Sato' }).form).toBeUndefined();
    const form = nudge({ locale: 'en', step: 3, memberName: 'Sato' }).form;
    expect(form?.kind).toBe('first_post');
    expect(form?.fields.map((f) => f.id)).toEqual(['intro', 'interest']);
  });

  it('names the member in the notification text', () => {
    expect(nudge({ locale: 'ja', step: 1, memberName: '佐藤' }).fallback).toBe(
      '佐藤さん、最近共有された成功事例をのぞいてみませんか',
    );
  });
});
