import { describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { type MemberHomeInput, memberHome } from '../../../src/core/programs/index.js';

function home(overrides: Partial<MemberHomeInput> = {}): ReturnType<typeof memberHome> {
  return memberHome({
    locale: 'en',
    memberName: 'Hana',
    purpose: 'Share success stories across departments.',
    rules: 'No customer data.',
    score: { score: 42, raw: 12.34, p90: 29.4, last14Days: 11, cappedDays: 2 },
    state: 'active',
    ...overrides,
  });
}

describe('memberHome', () => {
  it("explains the member's score: the value, its parts and the scale", () => {
    const text = messageToPlainText(home());
    expect(text).toContain('Participation score: 42 / 100');
    expect(text).toContain('Your points now: 12.3');
    expect(text).toContain('Level of the top 10% (scores 100): 29.4');
    expect(text).toContain('Points in the last 14 days: 11');
    expect(text).toContain('On 2 days you reached the daily limit of 15 points');
    expect(text).toContain('half after 14 days');
  });

  it('lists the points table with the daily cap', () => {
    const list = home().blocks.find((b) => b.type === 'list');
    expect(list).toEqual({
      type: 'list',
      title: 'Points per activity (at most 15 a day count)',
      items: [
        'Success story shared: 5',
        'Idea posted: 4',
        'Post: 3',
        'Reply: 2',
        'Answer to a prompt: 2',
        'Reaction: 1',
      ],
    });
    const ja = home({ locale: 'ja' }).blocks.find((b) => b.type === 'list');
    expect(ja?.type === 'list' ? ja.items : []).toEqual([
      '成功事例の共有：5ポイント',
      'アイデアの投稿：4ポイント',
      '投稿：3ポイント',
      '返信：2ポイント',
      'お題への回答：2ポイント',
      'リアクション：1ポイント',
    ]);
  });

  it('leaves out the cap line when the cap never applied', () => {
    expect(
      messageToPlainText(home({ score: { score: 10, raw: 3, p90: 30, last14Days: 3, cappedDays: 0 } })),
    ).not.toContain('daily limit of');
  });

  it('shows the state in words, encouragingly', () => {
    expect(messageToPlainText(home({ state: 'never' }))).toContain('How you are taking part: Getting started');
    expect(messageToPlainText(home({ state: 'inactive', locale: 'ja' }))).toContain('現在の参加状況: しばらくお休み中');
  });

  it('says there is no score yet before the first activity', () => {
    const message = home({ score: null });
    expect(messageToPlainText(message)).toContain('No participation score yet.');
    expect(messageToPlainText(message)).not.toContain('/ 100');
    expect(message.fallback).toBe('Hana: your page');
  });

  it('offers buttons to share a story or an idea', () => {
    const buttons = home().blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.actionId) : []));
    expect(buttons).toEqual(['hiroba.form.story', 'hiroba.form.idea']);
  });

  it('shows the purpose first', () => {
    expect(home().blocks[0]).toEqual({
      type: 'text',
      text: '▸ What our internal network is for\nShare success stories across departments.',
    });
  });
});
