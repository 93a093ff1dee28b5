import { describe, expect, it } from 'vitest';
import { FORM_KINDS, type Form, type Message } from '../../src/core/message.js';
import { formFor } from '../../src/core/programs/index.js';
import type { Locale } from '../../src/core/types.js';
import { cutText, escapeMarkdown, jsonBytes } from '../../src/teams/card-text.js';
import {
  FORM_INPUT_PREFIX,
  FORM_SUBMIT_ACTION,
  MAX_RENDERED_BYTES,
  renderActivity,
  renderCard,
  renderFormErrors,
} from '../../src/teams/render.js';
import { everyMessage } from '../core/programs/fixtures.js';
import { cardErrors } from './card-schema.js';

const LOCALES: Locale[] = ['ja', 'en'];

const sample: Message = {
  kind: 'sample',
  title: 'Weekly digest',
  fallback: 'Weekly digest: 42% took part',
  blocks: [
    { type: 'text', text: 'Thanks to everyone who shared this week.' },
    { type: 'text', text: 'Numbers are rounded.', muted: true },
    {
      type: 'fields',
      fields: [
        { label: 'Participation', value: '42%' },
        { label: 'Reach', value: '61%' },
        { label: 'Posts', value: '128' },
      ],
    },
    { type: 'divider' },
    {
      type: 'fields',
      fields: [
        { label: 'Cross-department replies and reactions', value: '31% of 240 interactions crossed a department line' },
        { label: 'Executives', value: '2 of 5 took part' },
      ],
    },
    { type: 'list', title: 'New contributors', items: ['Sato', 'Suzuki', 'Tanaka'] },
    { type: 'list', title: 'Stories', items: [], empty: 'No stories this week.' },
    {
      type: 'actions',
      buttons: [
        { actionId: 'hiroba.form.story', label: 'Share a story', style: 'primary' },
        { actionId: 'hiroba.optout', label: 'Stop these messages', value: 'digest', style: 'danger' },
        { actionId: 'hiroba.link', label: 'Open the guide', url: 'https://intranet.example.com/hiroba' },
      ],
    },
  ],
};

const storyForm: Form = {
  kind: 'story',
  title: 'Share a story',
  intro: 'Three short answers are enough.',
  submitLabel: 'Post',
  openLabel: 'Write it',
  fields: [
    {
      id: 'title',
      label: 'Title',
      multiline: false,
      required: false,
      minLength: 0,
      maxLength: 80,
      placeholder: 'Quotes in half the time',
    },
    {
      id: 'situation',
      label: 'Situation',
      multiline: true,
      required: true,
      minLength: 10,
      maxLength: 1000,
      hint: 'What was hard before?',
    },
    { id: 'note', label: 'Note', multiline: false, required: true, minLength: 0, maxLength: 200 },
  ],
};

describe('renderCard', () => {
  it('renders every block type as schema-valid Adaptive Card 1.5 elements', () => {
    const card = renderCard(sample, 'en');
    expect(cardErrors(card)).toEqual([]);
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.5',
      lang: 'en',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    });
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Weekly digest', wrap: true, size: 'Large', weight: 'Bolder', style: 'heading' },
      { type: 'TextBlock', text: 'Thanks to everyone who shared this week.', wrap: true },
      { type: 'TextBlock', text: 'Numbers are rounded.', wrap: true, isSubtle: true, size: 'Small' },
      {
        type: 'ColumnSet',
        columns: [
          { label: 'Participation', value: '42%' },
          { label: 'Reach', value: '61%' },
          { label: 'Posts', value: '128' },
        ].map((f) => ({
          type: 'Column',
          width: 'stretch',
          items: [
            { type: 'TextBlock', text: f.label, wrap: true, isSubtle: true, size: 'Small' },
            { type: 'TextBlock', text: f.value, wrap: true, size: 'Large', weight: 'Bolder', spacing: 'None' },
          ],
        })),
      },
      {
        type: 'FactSet',
        separator: true,
        spacing: 'Medium',
        facts: [
          {
            title: 'Cross-department replies and reactions',
            value: '31% of 240 interactions crossed a department line',
          },
          { title: 'Executives', value: '2 of 5 took part' },
        ],
      },
      { type: 'TextBlock', text: 'New contributors', wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: '• Sato', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: '• Suzuki', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: '• Tanaka', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: 'Stories', wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: 'No stories this week.', wrap: true, isSubtle: true },
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: 'Share a story', data: { hiroba: 'hiroba.form.story' }, style: 'positive' },
          {
            type: 'Action.Submit',
            title: 'Stop these messages',
            data: { hiroba: 'hiroba.optout', value: 'digest' },
            style: 'destructive',
          },
          { type: 'Action.OpenUrl', title: 'Open the guide', url: 'https://intranet.example.com/hiroba' },
        ],
      },
    ]);
  });

  it('cuts a long list with "and N more" in the reader’s language', () => {
    const items = Array.from({ length: 60 }, (_, i) => `Member ${i + 1}`);
    const ja = renderCard({ kind: 'list', fallback: 'list', blocks: [{ type: 'list', items }] }, 'ja');
    const texts = ja.body.map((e) => (e.type === 'TextBlock' ? e.text : ''));
    expect(texts).toHaveLength(51);
    expect(texts[0]).toBe('• Member 1');
    expect(texts[49]).toBe('• Member 50');
    expect(texts[50]).toBe('ほか10件');
    const en = renderCard({ kind: 'list', fallback: 'list', blocks: [{ type: 'list', items }] }, 'en');
    expect(en.body.at(-1)).toEqual({
      type: 'TextBlock',
      text: 'and 10 more',
      wrap: true,
      isSubtle: true,
      size: 'Small',
      spacing: 'Small',
    });
  });

  it('shows text as a person reads it: no backslashes, no code marks, no accidental bold', () => {
    expect(escapeMarkdown('*not bold* and `/hiroba help`')).toBe('∗not bold∗ and @Hiroba help');
    expect(escapeMarkdown('schedule set digest 0 16 * * 5')).toBe('schedule set digest 0 16 ∗ ∗ 5');
    expect(escapeMarkdown('# 19:abc@thread.tacv2\n> quote')).toBe('# 19:abc@thread.tacv2\n> quote');
    expect(escapeMarkdown('売上 10% 増 - 前年比')).toBe('売上 10% 増 - 前年比');
    expect(escapeMarkdown('再開するには `/hiroba optin` を実行してください')).toBe(
      '再開するには @Hiroba optin を実行してください',
    );
    const card = renderCard({ kind: 'x', fallback: 'x', blocks: [{ type: 'text', text: 'a_b_c' }] }, 'en');
    expect(card.body[0]).toMatchObject({ text: 'a_b_c' });
    expect(JSON.stringify(card)).not.toContain('\\\\');
  });

  it('cuts text by characters without splitting surrogate pairs', () => {
    expect(cutText('abcdef', 4)).toBe('abc…');
    expect(cutText('🎉🎉🎉', 2)).toBe('🎉…');
    expect(cutText('short', 10)).toBe('short');
  });

  it('keeps a long list within the limit with "and N more"', () => {
    const items = Array.from(
      { length: 5000 },
      (_, i) => `メンバー${i} さんが今週はじめて投稿してくださいました。ありがとうございます。`,
    );
    const message: Message = {
      kind: 'digest',
      title: '週次ダイジェスト',
      fallback: '週次ダイジェスト',
      blocks: [
        { type: 'list', title: '新しい投稿者', items },
        { type: 'text', text: 'あ'.repeat(3000) },
      ],
    };
    const activity = renderActivity(message, 'ja');
    expect(jsonBytes(activity)).toBeLessThanOrEqual(MAX_RENDERED_BYTES);
    const card = activity.attachments[0].content;
    expect(cardErrors(card)).toEqual([]);
    const texts = card.body.map((e) => (e.type === 'TextBlock' ? e.text : e.type));
    expect(texts).toHaveLength(54);
    expect(texts.slice(0, 3)).toEqual(['週次ダイジェスト', '新しい投稿者', `• ${items[0]}`]);
    expect(texts.slice(51)).toEqual([`• ${items[49]}`, 'ほか4,950件', 'あ'.repeat(3000)]);
  });

  it('cuts lists and texts harder until the card fits', () => {
    const items = Array.from({ length: 400 }, (_, i) => `${i}: ${'長い項目の説明です。'.repeat(20)}`);
    const message: Message = {
      kind: 'digest',
      fallback: 'x',
      blocks: [
        { type: 'list', items },
        { type: 'text', text: 'テキスト'.repeat(2000) },
      ],
    };
    const activity = renderActivity(message, 'ja');
    expect(jsonBytes(activity)).toBeLessThanOrEqual(MAX_RENDERED_BYTES);
    const texts = activity.attachments[0].content.body.map((e) => (e.type === 'TextBlock' ? e.text : e.type));
    // 50 items of 200 characters (3 bytes each) do not fit; 25 items cut to 3,000 characters neither;
    // 12 items cut to 1,500 characters do.
    expect(texts).toHaveLength(14);
    expect(texts[12]).toBe('ほか388件');
    expect(Array.from(texts[13] ?? '')).toHaveLength(1500);
    expect(texts[13]?.endsWith('…')).toBe(true);
  });

  it('drops trailing blocks and says so when even the smallest cut does not fit', () => {
    const blocks: Message['blocks'] = Array.from({ length: 400 }, (_, i) => ({
      type: 'text' as const,
      text: `段落${i} ${'本文'.repeat(200)}`,
    }));
    const card = renderCard({ kind: 'x', fallback: 'x', blocks }, 'ja');
    expect(jsonBytes(renderActivity({ kind: 'x', fallback: 'x', blocks }, 'ja'))).toBeLessThanOrEqual(
      MAX_RENDERED_BYTES,
    );
    expect(card.body.at(-1)).toMatchObject({
      type: 'TextBlock',
      text: 'Teams のメッセージの長さの上限に合わせて、一部を省略しています。',
    });
    expect(card.body.length).toBeGreaterThan(10);
    expect(card.body.length).toBeLessThan(400);
    expect(cardErrors(card)).toEqual([]);
  });

  it('puts a form inline: labelled inputs and a submit button carrying the form kind', () => {
    const card = renderCard(
      { kind: 'story-prompt', fallback: 'Share a story', blocks: [{ type: 'text', text: 'Hello' }], form: storyForm },
      'en',
    );
    expect(cardErrors(card)).toEqual([]);
    expect(card.body.slice(1)).toEqual([
      {
        type: 'TextBlock',
        text: 'Share a story',
        wrap: true,
        size: 'Medium',
        weight: 'Bolder',
        separator: true,
        spacing: 'Medium',
      },
      { type: 'TextBlock', text: 'Three short answers are enough.', wrap: true },
      {
        type: 'Input.Text',
        id: `${FORM_INPUT_PREFIX}title`,
        label: 'Title',
        isMultiline: false,
        maxLength: 80,
        isRequired: false,
        placeholder: 'Quotes in half the time',
      },
      {
        type: 'Input.Text',
        id: `${FORM_INPUT_PREFIX}situation`,
        label: 'Situation',
        isMultiline: true,
        maxLength: 1000,
        isRequired: true,
        regex: '^[\\s\\S]{10,}$',
        errorMessage: '"Situation" needs at least 10 characters.',
      },
      { type: 'TextBlock', text: 'What was hard before?', wrap: true, isSubtle: true, size: 'Small', spacing: 'Small' },
      {
        type: 'Input.Text',
        id: `${FORM_INPUT_PREFIX}note`,
        label: 'Note',
        isMultiline: false,
        maxLength: 200,
        isRequired: true,
        errorMessage: '"Note" is required.',
      },
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Submit',
            title: 'Post',
            data: { hiroba: FORM_SUBMIT_ACTION, kind: 'story' },
            style: 'positive',
          },
        ],
      },
    ]);
    expect(new RegExp((card.body[4] as { regex: string }).regex, 'u').test('短すぎ')).toBe(false);
    expect(new RegExp((card.body[4] as { regex: string }).regex, 'u').test('十分な長さの\n文章です。')).toBe(true);
  });
});

describe('renderFormErrors', () => {
  it('shows the errors under their fields and keeps what was typed', () => {
    const card = renderFormErrors(
      storyForm,
      { situation: 'Please write at least 10 characters.', _form: 'Something else is wrong.' },
      { title: 'My title', situation: 'Short' },
      'en',
    );
    expect(cardErrors(card)).toEqual([]);
    const byId = Object.fromEntries(card.body.filter((e) => e.type === 'Input.Text').map((e) => [e.id, e]));
    expect(byId[`${FORM_INPUT_PREFIX}title`]).toMatchObject({ value: 'My title' });
    expect(byId[`${FORM_INPUT_PREFIX}situation`]).toMatchObject({ value: 'Short' });
    expect(byId[`${FORM_INPUT_PREFIX}note`]).not.toHaveProperty('value');
    const texts = card.body.map((e) =>
      e.type === 'TextBlock' ? `${e.color ?? ''}:${e.text}` : e.type === 'Input.Text' ? `input:${e.id}` : e.type,
    );
    expect(texts).toEqual([
      ':Share a story',
      'Attention:Please check the fields below.',
      'Attention:Something else is wrong.',
      ':Three short answers are enough.',
      `input:${FORM_INPUT_PREFIX}title`,
      `input:${FORM_INPUT_PREFIX}situation`,
      ':What was hard before?',
      'Attention:Please write at least 10 characters.',
      `input:${FORM_INPUT_PREFIX}note`,
      'ActionSet',
    ]);
  });
});

describe('the Adaptive Cards 1.5 schema check', () => {
  it('rejects what Teams would reject (so the checks above can fail)', () => {
    const card = renderCard(sample, 'en');
    expect(cardErrors({ ...card, msteams: { width: 'Full' } }).length).toBeGreaterThan(0);
    expect(cardErrors({ ...card, body: [{ type: 'TextBlock' }] }).length).toBeGreaterThan(0);
  });
});

describe.each(LOCALES)('every program message and form in %s', (locale) => {
  it.each(everyMessage(locale))('%s renders to a valid card within the size limit', (_name, message) => {
    const activity = renderActivity(message, locale);
    expect(cardErrors(activity.attachments[0].content)).toEqual([]);
    expect(jsonBytes(activity)).toBeLessThanOrEqual(MAX_RENDERED_BYTES);
    expect(activity.summary).toBe(message.fallback);
  });

  it.each(FORM_KINDS)('the %s form renders valid, and with errors', (kind) => {
    const form = formFor(kind, locale);
    expect(cardErrors(renderCard({ kind: 'form', fallback: form.title, blocks: [], form }, locale))).toEqual([]);
    const firstField = form.fields[0]?.id ?? 'x';
    expect(cardErrors(renderFormErrors(form, { [firstField]: 'too short' }, { [firstField]: 'abc' }, locale))).toEqual(
      [],
    );
  });
});
