import { describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { nudge } from '../../../src/core/programs/index.js';
import { LOCALES, STORY_VIEW } from './fixtures.js';

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
    expect(messageToPlainText(nudge({ locale: 'en', step: 1, memberName: 'Sato', stories: [STORY_VIEW] }))).toContain(
      'react to one you like',
    );
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
    expect(nudge({ locale: 'ja', step: 1, memberName: '佐藤', stories: [STORY_VIEW] }).fallback).toBe(
      '佐藤さん、最近共有された成功事例をのぞいてみませんか',
    );
  });

  it('the first step speaks of stories only when there are some, and links them', () => {
    // The issue: "成功事例がいくつか共有されています" whether or not any were, and no link.
    const none = messageToPlainText(nudge({ locale: 'ja', step: 1, memberName: '佐藤' }));
    expect(none).not.toContain('成功事例');
    expect(none).toContain('リアクションをひとつ付けてみませんか');
    const some = messageToPlainText(nudge({ locale: 'ja', step: 1, memberName: '佐藤', stories: [STORY_VIEW] }));
    expect(some).toContain('成功事例が共有されました');
    expect(some).toContain('「Quotes in half the time」Aokiさん（Sales） https://hiroba.invalid/C1/m1');
  });
});
