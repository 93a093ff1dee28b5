import { describe, expect, it } from 'vitest';
import { type Block, messageToPlainText } from '../../../src/core/message.js';
import { type WeeklyDigestInput, weeklyDigest } from '../../../src/core/programs/index.js';
import { metrics, TREND } from './fixtures.js';

function digest(overrides: Partial<WeeklyDigestInput> = {}): ReturnType<typeof weeklyDigest> {
  return weeklyDigest({
    locale: 'en',
    week: '2026-W48',
    metrics: metrics(),
    trend: TREND,
    newContributorNames: ['Aoki', 'Baba'],
    storiesShared: 3,
    concentrationWarning: false,
    ...overrides,
  });
}

function lists(blocks: Block[]): Extract<Block, { type: 'list' }>[] {
  return blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
}

describe('weeklyDigest', () => {
  it('draws the 8-week trend as a sparkline scaled from 0 to the highest week, with first and last rate', () => {
    // 5…35% then 40% this week: r / 0.4 × 7 → 0.9, 1.8, 2.6, 3.5, 4.4, 5.3, 6.1, 7 → ▂▃▄▅▅▆▇█
    const text = messageToPlainText(digest());
    expect(text).toContain('Last 8 weeks: 5% ▂▃▄▅▅▆▇█ 40%');
  });

  it('gives the change on last week in percentage points, up, down or level', () => {
    expect(messageToPlainText(digest())).toContain('was 40%: 48 of 120 people. Up 5 points on last week.');
    expect(messageToPlainText(digest({ metrics: metrics({ participationRate: 0.3 }) }))).toContain(
      'Down 5 points on last week.',
    );
    expect(messageToPlainText(digest({ metrics: metrics({ participationRate: 0.35 }) }))).toContain(
      'The same as last week.',
    );
  });

  it('says it in Japanese for ja', () => {
    const text = messageToPlainText(digest({ locale: 'ja' }));
    expect(text).toContain('直近8週の推移：5% ▂▃▄▅▅▆▇█ 40%');
    expect(text).toContain(
      '今週の参加率（投稿・返信をした方の割合）は40%でした（120名中48名）。先週より5ポイント上がりました。',
    );
    expect(digest({ locale: 'ja' }).title).toBe('社内SNS 週報（2026年 第48週）');
  });

  it("uses this week's metrics over a trend entry for the same week, and keeps only 8 weeks", () => {
    const long = [
      { week: '2026-W38', participationRate: 0.9 },
      { week: '2026-W39', participationRate: 0.9 },
      { week: '2026-W40', participationRate: 0.9 },
      ...TREND,
      { week: '2026-W48', participationRate: 0.99 },
    ];
    expect(messageToPlainText(digest({ trend: long }))).toContain('Last 8 weeks: 5% ▂▃▄▅▅▆▇█ 40%');
  });

  it('shows no trend line and no change without earlier weeks', () => {
    const text = messageToPlainText(digest({ trend: [] }));
    expect(text).not.toContain('Last ');
    expect(text).not.toContain('last week');
  });

  it('lists at most 10 new contributors and counts the rest as "and N more"', () => {
    const names = Array.from({ length: 15 }, (_, i) => `Person ${i + 1}`);
    const message = digest({
      newContributorNames: names,
      metrics: metrics({ newContributors: names.map((_, i) => i) }),
    });
    const [list] = lists(message.blocks);
    expect(list?.title).toBe('First posts this week (15)');
    expect(list?.items).toEqual([...names.slice(0, 10), 'and 5 more']);
    const ja = digest({
      locale: 'ja',
      newContributorNames: names,
      metrics: metrics({ newContributors: names.map((_, i) => i) }),
    });
    expect(lists(ja.blocks)[0]?.items.slice(-2)).toEqual(['Person 10さん', 'ほか5名']);
  });

  it('counts new contributors whose names were not given', () => {
    const [list] = lists(
      digest({ newContributorNames: ['Aoki'], metrics: metrics({ newContributors: [1, 2, 3] }) }).blocks,
    );
    expect(list?.items).toEqual(['Aoki', 'and 2 more']);
  });

  it('has an encouraging empty text when nobody posted for the first time', () => {
    const [list] = lists(digest({ newContributorNames: [], metrics: metrics({ newContributors: [] }) }).blocks);
    expect(list?.items).toEqual([]);
    expect(list?.empty).toBe('No first posts this week. We look forward to hearing from someone new.');
  });

  it('shows stories shared and the cross-department ratio with its counts', () => {
    const text = messageToPlainText(digest());
    expect(text).toContain('Success stories shared: 3');
    expect(text).toContain('Across departments: 25% (50 of 200 replies and reactions)');
    expect(
      messageToPlainText(digest({ metrics: metrics({ crossDepartment: { interactions: 0, crossing: 0, ratio: 0 } }) })),
    ).toContain('Across departments: none yet');
  });

  it('warns gently about concentration only when asked, inviting others rather than blaming', () => {
    const warned = messageToPlainText(digest({ concentrationWarning: true, metrics: metrics({ top10Share: 0.62 }) }));
    expect(warned).toContain('This week 62% of posts came from the most active 10% of posters.');
    expect(warned).toContain('ask a colleague');
    expect(
      messageToPlainText(digest({ concentrationWarning: false, metrics: metrics({ top10Share: 0.62 }) })),
    ).not.toContain('62%');
  });

  it('names the rollout phase when given', () => {
    expect(messageToPlainText(digest({ phase: 'pilot' }))).toContain('We are in the pilot phase');
    expect(messageToPlainText(digest({ phase: 'company' }))).toContain('These figures cover the whole company.');
  });

  it('ends with buttons to share a story or an idea', () => {
    const actions = digest().blocks.filter((b) => b.type === 'actions');
    expect(actions.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.actionId) : []))).toEqual([
      'hiroba.form.story',
      'hiroba.form.idea',
    ]);
  });

  it('has a one-line fallback with the headline figures', () => {
    expect(digest().fallback).toBe('Weekly digest (week 48, 2026): participation 40%, 3 success stories');
    expect(digest().kind).toBe('digest');
  });
});
