import { describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { firstPostThanks, ideaCall, purposeReminder, storyPrompt, welcome } from '../../../src/core/programs/index.js';

describe('purposeReminder', () => {
  it('shows the purpose and the rules, with examples of what to post', () => {
    const message = purposeReminder({
      locale: 'ja',
      purpose: '成功事例を共有し、部署をこえて学び合う',
      rules: '個人情報は書かない',
    });
    const text = messageToPlainText(message);
    expect(text).toContain('【社内SNSの目的】\n成功事例を共有し、部署をこえて学び合う');
    expect(text).toContain('【投稿のルール】\n個人情報は書かない');
    expect(text).toContain('仕事でうまくいったこと（小さな工夫でも大歓迎です）');
    expect(message.kind).toBe('purpose-reminder');
  });

  it('asks ops to set a purpose and rules when they are empty', () => {
    const text = messageToPlainText(purposeReminder({ locale: 'en', purpose: ' ', rules: '' }));
    expect(text).toContain('/hiroba purpose set');
    expect(text).toContain('/hiroba rules set');
    expect(messageToPlainText(purposeReminder({ locale: 'ja', purpose: '', rules: '' }))).toContain(
      '/hiroba purpose set',
    );
  });

  it('cuts a purpose longer than a text block may be', () => {
    const message = purposeReminder({ locale: 'en', purpose: 'p'.repeat(3000), rules: '' });
    const texts = message.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(Math.max(...texts.map((s) => s.length))).toBe(2500);
  });
});

describe('welcome', () => {
  it('greets by name, shows purpose and rules, and starts with the smallest step', () => {
    const message = welcome({ locale: 'en', memberName: 'Hana', purpose: 'Share success stories.', rules: 'Be kind.' });
    expect(message.title).toBe('Welcome, Hana');
    const text = messageToPlainText(message);
    expect(text).toContain('▸ What our internal network is for\nShare success stories.');
    expect(text).toContain('▸ Posting rules\nBe kind.');
    const steps = message.blocks.find((b) => b.type === 'list');
    expect(steps?.type === 'list' ? steps.items[0] : '').toBe('React to a post you find interesting');
    expect(message.form?.kind).toBe('first_post');
  });

  it('does not show ops instructions to a new member when the purpose is unset', () => {
    expect(messageToPlainText(welcome({ locale: 'en', memberName: 'Hana', purpose: '', rules: '' }))).not.toContain(
      '/hiroba',
    );
  });
});

describe('storyPrompt and ideaCall', () => {
  it('attaches the story form, says why it matters and offers an opt-out', () => {
    const message = storyPrompt({ locale: 'en', memberName: 'Hana' });
    expect(message.form?.kind).toBe('story');
    expect(message.kind).toBe('story-prompt');
    expect(messageToPlainText(message)).toContain('Your experience could help someone in another team');
    expect(message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.actionId) : []))).toEqual([
      'hiroba.optout',
    ]);
    expect(message.fallback).toBe('Hana, would you share something that went well recently?');
  });

  it('the idea call attaches the idea form', () => {
    const message = ideaCall({ locale: 'ja', memberName: '花子' });
    expect(message.form?.kind).toBe('idea');
    expect(message.kind).toBe('idea-call');
    expect(message.fallback).toBe('花子さん、業務改善のアイデアを募集しています');
  });
});

describe('firstPostThanks', () => {
  it('thanks by name and points to another department next', () => {
    const message = firstPostThanks({ locale: 'en', memberName: 'Hana' });
    expect(message.fallback).toBe('Thank you for your first post, Hana');
    expect(messageToPlainText(message)).toContain('a post from another team');
  });
});
