import { describe, expect, it } from 'vitest';
import { type Block, messageToPlainText } from '../../../src/core/message.js';
import { type WeeklyDigestInput, weeklyDigest } from '../../../src/core/programs/index.js';
import { DIGEST_TREND, metrics, STORY_VIEW } from './fixtures.js';

function digest(overrides: Partial<WeeklyDigestInput> = {}): ReturnType<typeof weeklyDigest> {
  return weeklyDigest({
    locale: 'en',
    periodLabel: '6 Mar 16:00 to 13 Mar 16:00',
    metrics: metrics(),
    previousMembers: 120,
    previousRate: 0.35,
    trend: DIGEST_TREND,
    newContributorNames: ['Aoki', 'Baba'],
    newContributorCount: 2,
    stories: [],
    executivePosters: [],
    concentrationWarning: false,
    ...overrides,
  });
}

function lists(blocks: Block[]): Extract<Block, { type: 'list' }>[] {
  return blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
}

describe('weeklyDigest', () => {
  it('says the dates it covers in the title and the first line', () => {
    const message = digest();
    expect(message.title).toBe('Weekly digest (6 Mar 16:00 to 13 Mar 16:00)');
    expect(messageToPlainText(message)).toContain('over the week 6 Mar 16:00 to 13 Mar 16:00.');
  });

  it('draws the 8-week trend as a sparkline scaled from 0 to the highest week, with first and last rate', () => {
    expect(messageToPlainText(digest())).toContain('Last 8 weeks (Monday to Sunday): 5% ▂▃▄▅▅▆▇█ 40%');
  });

  it('gives the change on the week before in percentage points, up, down or level', () => {
    expect(messageToPlainText(digest())).toContain('was 40%: 48 of 120 people. Up 5 points on the week before.');
    expect(messageToPlainText(digest({ previousRate: 0.45 }))).toContain('Down 5 points on the week before.');
    expect(messageToPlainText(digest({ previousRate: 0.4 }))).toContain('The same as the week before.');
  });

  it('says when the group grew before the change, so a widening is not read as behaviour', () => {
    const text = messageToPlainText(digest({ locale: 'ja', previousMembers: 29, metrics: metrics({ members: 148 }) }));
    expect(text).toContain('集計の対象が29名から148名に広がりました。前の週より5ポイント上がりました。');
  });

  it('the first digest has nothing to compare with', () => {
    const text = messageToPlainText(digest({ previousMembers: null, previousRate: null, trend: [0.4] }));
    expect(text).toContain('This is the first digest, so there is no week before to compare with.');
    expect(text).not.toMatch(/points on the week before/u);
    expect(text).not.toContain('Last 8 weeks');
  });

  it('shows no figure at all for a group under five people', () => {
    const text = messageToPlainText(
      digest({ metrics: metrics({ members: 4, contributors: 2, participationRate: 0.5 }), previousMembers: 3 }),
    );
    expect(text).toContain('Fewer than 5 people are counted yet');
    expect(text).not.toMatch(/\d+%/u);
    expect(text).not.toMatch(/of 4 people/u);
  });

  it('shows executive participation only with five executives or more', () => {
    expect(
      messageToPlainText(digest({ metrics: metrics({ executives: { total: 1, active: 0, rate: 0 } }) })),
    ).not.toContain('Executives taking part');
    expect(
      messageToPlainText(digest({ metrics: metrics({ executives: { total: 4, active: 1, rate: 0.25 } }) })),
    ).not.toContain('Executives taking part');
    expect(
      messageToPlainText(digest({ metrics: metrics({ executives: { total: 6, active: 3, rate: 0.5 } }) })),
    ).toContain('Executives taking part: 3 of 6');
    expect(
      messageToPlainText(
        digest({ locale: 'ja', metrics: metrics({ executives: { total: 6, active: 3, rate: 0.5 } }) }),
      ),
    ).toContain('役員の参加: 6名中3名');
  });

  it('lists the week’s stories with title, author, department and link', () => {
    const text = messageToPlainText(digest({ stories: [STORY_VIEW, { ...STORY_VIEW, title: 'Second', link: null }] }));
    expect(text).toContain('Success stories shared this week (2)');
    expect(text).toContain('"Quotes in half the time" by Aoki (Sales) https://hiroba.invalid/C1/m1');
    expect(text).toContain('"Second" by Aoki (Sales)');
    const ja = messageToPlainText(
      digest({ locale: 'ja', stories: [{ ...STORY_VIEW, authorName: '青木 花子', department: '営業部' }] }),
    );
    expect(ja).toContain('「Quotes in half the time」青木 花子さん（営業部） https://hiroba.invalid/C1/m1');
  });

  it('highlights posts by executives, by name', () => {
    const text = messageToPlainText(digest({ executivePosters: ['Yamada'] }));
    expect(text).toContain('Our executives posted this week');
    expect(text).toContain('• Yamada');
  });

  it('leaves out sections with nothing to say', () => {
    const text = messageToPlainText(
      digest({
        newContributorNames: [],
        newContributorCount: 0,
        metrics: metrics({ crossDepartment: { interactions: 0, crossing: 0, ratio: 0 }, newContributors: [] }),
      }),
    );
    expect(text).not.toContain('Success stories shared');
    expect(text).not.toContain('executives posted');
    expect(text).not.toContain('First posts');
    expect(text).not.toContain('Across departments');
  });

  it('lists at most 10 new contributors and counts the rest, including those who may not be named', () => {
    const names = Array.from({ length: 12 }, (_, i) => `Member ${i + 1}`);
    const [list] = lists(digest({ newContributorNames: names, newContributorCount: 14 }).blocks);
    expect(list?.title).toBe('First posts or replies this week (14)');
    expect(list?.items).toHaveLength(11);
    expect(list?.items[10]).toBe('and 4 more');
  });

  it('warns gently about concentration only when asked, inviting others rather than blaming', () => {
    expect(messageToPlainText(digest())).not.toContain('top 10%');
    const text = messageToPlainText(digest({ concentrationWarning: true, metrics: metrics({ top10Share: 0.6 }) }));
    expect(text).toMatch(/60%/u);
  });

  it('ends with buttons to share a story or an idea', () => {
    const last = digest().blocks.at(-1);
    expect(last?.type).toBe('actions');
  });

  it('has a one-line fallback with the headline figures', () => {
    expect(digest({ stories: [STORY_VIEW] }).fallback).toBe(
      'Weekly digest (6 Mar 16:00 to 13 Mar 16:00): participation 40%, 1 success stories',
    );
  });
});

describe('weeklyDigest: posts that drew replies across departments', () => {
  const post = (authorName: string, replies: number, departments: number, department: string | null = 'Sales') => ({
    authorName,
    department,
    link: `https://hiroba.invalid/C1/${authorName}`,
    replies,
    departments,
  });

  it('lists each post with its author, the replies and departments, and the link', () => {
    const message = digest({ mostReplied: [post('Aoki', 5, 3), post('Baba', 2, 1, null)] });
    const section = lists(message.blocks).find((b) => b.title === 'Posts that drew replies across departments');
    expect(section?.items).toEqual([
      'a post by Aoki (Sales) — replies from other departments: 5 · departments: 3 https://hiroba.invalid/C1/Aoki',
      'a post by Baba — replies from other departments: 2 · departments: 1 https://hiroba.invalid/C1/Baba',
    ]);
    const ja = messageToPlainText(digest({ locale: 'ja', mostReplied: [post('青木', 5, 3, '営業部')] }));
    expect(ja).toContain('部署をこえて返信が集まった投稿');
    expect(ja).toContain('青木さん（営業部）の投稿：3部署から5件の返信 https://hiroba.invalid/C1/青木');
  });

  it('leaves the section out when no post drew replies across departments', () => {
    for (const mostReplied of [[], undefined]) {
      const text = messageToPlainText(digest(mostReplied === undefined ? {} : { mostReplied }));
      expect(text).not.toContain('Posts that drew replies across departments');
    }
  });
});

describe('weeklyDigest: executives who posted', () => {
  it('links each executive’s post when the link is known, else names them', () => {
    const message = digest({
      executivePosters: ['Yamada', 'Abe'],
      executivePosts: [
        { name: 'Yamada', link: 'https://hiroba.invalid/C1/1' },
        { name: 'Abe', link: null },
      ],
    });
    const section = lists(message.blocks).find((b) => b.title === 'Our executives posted this week');
    expect(section?.items).toEqual(['Yamada https://hiroba.invalid/C1/1', 'Abe']);
    const namesOnly = lists(digest({ executivePosters: ['Yamada'] }).blocks).find(
      (b) => b.title === 'Our executives posted this week',
    );
    expect(namesOnly?.items).toEqual(['Yamada']);
    expect(messageToPlainText(digest())).not.toContain('Our executives posted this week');
  });
});
