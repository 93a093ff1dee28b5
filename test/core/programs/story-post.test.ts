import { describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { formReceived, moderationDecided, moderationRequest, storyPost } from '../../../src/core/programs/index.js';
import { STORY_FIELDS } from './fixtures.js';

describe('storyPost', () => {
  it('attributes the story to its author and lays out each answer under its heading', () => {
    const message = storyPost({ locale: 'ja', authorName: '佐藤 花子', kind: 'story', fields: STORY_FIELDS });
    expect(message.title).toBe('佐藤 花子さんの成功事例');
    expect(message.kind).toBe('story-post');
    expect(message.blocks.slice(0, 4)).toEqual([
      { type: 'text', text: 'Quotes in half the time' },
      { type: 'text', text: '【状況・課題】\nEvery monthly quote took two hours to prepare.' },
      { type: 'text', text: '【取り組んだこと】\nWe built a shared template of the common items.' },
      { type: 'text', text: '【結果】\nA quote now takes one hour and customers hear back sooner.' },
    ]);
    expect(message.fallback).toBe('佐藤 花子さんの成功事例：Quotes in half the time');
  });

  it('invites reactions from other teams', () => {
    const text = messageToPlainText(
      storyPost({ locale: 'en', authorName: 'Hana', kind: 'story', fields: STORY_FIELDS }),
    );
    expect(text).toContain(
      'If this resonates, tell Hana with a reaction or a comment. Could it work in your team too?',
    );
  });

  it('leaves out empty answers and fields the template does not know, keeping the template order', () => {
    const message = storyPost({
      locale: 'en',
      authorName: 'Hana',
      kind: 'idea',
      fields: { benefit: 'Shorter meetings', extra: 'ignored', idea: 'Share documents early', title: '  ' },
    });
    expect(
      message.blocks
        .filter((b) => b.type === 'text')
        .map((b) => (b.type === 'text' ? b.text : ''))
        .slice(0, 2),
    ).toEqual(['▸ The idea\nShare documents early', '▸ Expected benefit\nShorter meetings']);
    expect(JSON.stringify(message)).not.toContain('ignored');
    expect(message.fallback).toBe('An idea from Hana');
  });

  it('cuts a very long answer so no text block passes 2,500 characters', () => {
    const message = storyPost({
      locale: 'en',
      authorName: 'Hana',
      kind: 'story',
      fields: { ...STORY_FIELDS, result: 'x'.repeat(5000) },
    });
    const texts = message.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(Math.max(...texts.map((s) => s.length))).toBe(2500);
    expect(texts.some((s) => s.endsWith('…'))).toBe(true);
  });
});

describe('moderation', () => {
  it('shows ops the submission with approve and reject buttons carrying the submission id', () => {
    const message = moderationRequest({
      locale: 'en',
      submissionId: 1234,
      authorName: 'Hana',
      kind: 'story',
      fields: STORY_FIELDS,
    });
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(buttons.map(({ actionId, style, value }) => ({ actionId, style, value }))).toEqual([
      { actionId: 'hiroba.moderation.approve', style: 'primary', value: '1234' },
      { actionId: 'hiroba.moderation.reject', style: 'danger', value: '1234' },
    ]);
    expect(message.title).toBe('Waiting for review (No. 1234)');
    expect(messageToPlainText(message)).toContain('▸ Situation\nEvery monthly quote took two hours to prepare.');
    expect(messageToPlainText(message)).toContain('New success story from Hana.');
    expect(message.fallback).toBe('Waiting for review (No. 1234): success story from Hana');
  });

  it('confirms the decision', () => {
    expect(moderationDecided({ locale: 'ja', approved: true, submissionId: 7 }).fallback).toBe(
      '投稿（No.7）を公開しました。',
    );
    expect(moderationDecided({ locale: 'en', approved: false, submissionId: 7 }).fallback).toBe(
      'Submission No. 7 will not be published.',
    );
  });
});

describe('formReceived', () => {
  it('tells the submitter whether it was posted or is held for review', () => {
    expect(formReceived({ locale: 'en', kind: 'story', held: false }).fallback).toBe(
      'Thank you for sharing your success story. It is now posted in the internal network channel; watch for reactions.',
    );
    expect(formReceived({ locale: 'ja', kind: 'idea', held: true }).fallback).toBe(
      'アイデアを共有いただき、ありがとうございます。運用担当が内容を確認したうえで、社内SNSのチャンネルに公開します。',
    );
  });
});
