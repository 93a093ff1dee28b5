import { describe, expect, it } from 'vitest';
import { firstPostForm, formFor, ideaForm, storyForm } from '../../../src/core/programs/index.js';

function shape(form: ReturnType<typeof storyForm>): unknown[] {
  return form.fields.map((f) => ({
    id: f.id,
    multiline: f.multiline,
    required: f.required,
    minLength: f.minLength,
    maxLength: f.maxLength,
  }));
}

describe('forms', () => {
  it('the story template asks situation / what you did / result, with an optional short title', () => {
    const form = storyForm('en');
    expect(form.kind).toBe('story');
    expect(shape(form)).toEqual([
      { id: 'title', multiline: false, required: false, minLength: 0, maxLength: 80 },
      { id: 'situation', multiline: true, required: true, minLength: 10, maxLength: 1000 },
      { id: 'action', multiline: true, required: true, minLength: 10, maxLength: 1000 },
      { id: 'result', multiline: true, required: true, minLength: 10, maxLength: 1000 },
    ]);
    expect(form.fields.map((f) => f.label)).toEqual([
      'Title (optional)',
      'What was the situation or problem?',
      'What did you do?',
      'What was the result?',
    ]);
    expect(form.title).toBe('Share a success story');
    expect(form.openLabel).toBe('Write a success story');
  });

  it('the idea template has a short title, the idea and an optional benefit', () => {
    expect(shape(ideaForm('ja'))).toEqual([
      { id: 'title', multiline: false, required: true, minLength: 2, maxLength: 80 },
      { id: 'idea', multiline: true, required: true, minLength: 10, maxLength: 1500 },
      { id: 'benefit', multiline: true, required: false, minLength: 0, maxLength: 1000 },
    ]);
    expect(ideaForm('ja').fields.map((f) => f.label)).toEqual([
      'アイデアのタイトル',
      'アイデアの内容',
      '期待できる効果（任意）',
    ]);
  });

  it('the first-post template is a self-introduction with optional interests', () => {
    expect(shape(firstPostForm('en'))).toEqual([
      { id: 'intro', multiline: true, required: true, minLength: 10, maxLength: 1000 },
      { id: 'interest', multiline: true, required: false, minLength: 0, maxLength: 500 },
    ]);
    expect(firstPostForm('ja').title).toBe('自己紹介を投稿');
  });

  it('formFor gives the same form as the named builders', () => {
    expect(formFor('story', 'ja')).toEqual(storyForm('ja'));
    expect(formFor('idea', 'en')).toEqual(ideaForm('en'));
    expect(formFor('first_post', 'ja')).toEqual(firstPostForm('ja'));
  });

  it('keeps titles within the 24 characters a Slack modal allows', () => {
    for (const locale of ['ja', 'en'] as const) {
      for (const kind of ['story', 'idea', 'first_post'] as const) {
        const form = formFor(kind, locale);
        expect(form.title.length).toBeLessThanOrEqual(24);
        expect(form.submitLabel.length).toBeLessThanOrEqual(24);
      }
    }
  });
});
