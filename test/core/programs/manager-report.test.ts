import { describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/index.js';
import { messageToPlainText } from '../../../src/core/message.js';
import { type ManagerReportInput, managerReport } from '../../../src/core/programs/index.js';
import { metrics, TREND } from './fixtures.js';

// Team figures chosen so that none of them appears among the company's.
const TEAM = metrics({
  members: 8,
  participationRate: 0.63,
  reach: 0.88,
  crossDepartment: { interactions: 40, crossing: 7, ratio: 0.17 },
});
const COMPANY = metrics({
  participationRate: 0.41,
  reach: 0.52,
  crossDepartment: { interactions: 900, crossing: 270, ratio: 0.3 },
});

function report(overrides: Partial<ManagerReportInput> = {}): ReturnType<typeof managerReport> {
  return managerReport({
    locale: 'en',
    managerName: 'Tanaka',
    week: '2026-W48',
    periodLabel: '23 Nov to 29 Nov',
    team: TEAM,
    company: COMPANY,
    teamSize: 8,
    trend: TREND,
    inactiveCount: 3,
    inactiveNames: null,
    ...overrides,
  });
}

describe('managerReport', () => {
  it('sets the team against the company', () => {
    const text = messageToPlainText(report());
    expect(text).toContain('Participation (posted or replied): team 63% / company 41%');
    expect(text).toContain('Taking part, reactions included: team 88% / company 52%');
    expect(text).toContain('Across departments: team 17% / company 30%');
    expect(text).toContain('Quiet for a while: 3 of 8');
    expect(text).toContain("Your team's participation is 22 points above the company's.");
  });

  it("draws the team's trend", () => {
    // 5…35% then 63%: r / 0.63 × 7 → 0.6, 1.1, 1.7, 2.2, 2.8, 3.3, 3.9, 7 → ▂▂▃▃▄▄▅█
    expect(messageToPlainText(report())).toContain('Your team, last 8 weeks: 5% ▂▂▃▃▄▄▅█ 63%');
  });

  it('shows no team figure at all for a team under 5, only "too few to report" and the company', () => {
    const message = report({ teamSize: 4, team: metrics({ ...TEAM, members: 4 }), inactiveNames: ['Ito'] });
    const text = messageToPlainText(message);
    expect(text).toContain('too few to report');
    expect(text).toContain(t('en', 'common.tooFew'));
    for (const teamFigure of ['63%', '88%', '17%', ' / company', '3 of', 'Ito', 'Your team, last', 'points above']) {
      expect(text).not.toContain(teamFigure);
    }
    expect(text).toContain('Company participation: 41%');
    expect(text).toContain('Company, reactions included: 52%');
    expect(text).toContain('Company, across departments: 30%');
  });

  it('treats a missing team as too few to report', () => {
    const text = messageToPlainText(report({ team: null }));
    expect(text).toContain('too few to report');
    expect(text).not.toContain('63%');
  });

  it('says the same in Japanese, including the common too-few wording', () => {
    const text = messageToPlainText(report({ locale: 'ja', teamSize: 4 }));
    expect(text).toContain(t('ja', 'common.tooFew'));
    expect(text).toContain('全社の参加率: 41%');
    expect(text).not.toContain('63%');
  });

  it('names nobody unless the caller passes names', () => {
    const text = messageToPlainText(report({ inactiveNames: null }));
    for (const name of ['Ito', 'Kato', 'Mori']) expect(text).not.toContain(name);
    expect(report().blocks.some((b) => b.type === 'list' && b.title === 'Quiet for a while')).toBe(false);
  });

  it('lists the names when the workspace turned names on', () => {
    const message = report({ inactiveNames: ['Ito', 'Kato', 'Mori'] });
    const list = message.blocks.find((b) => b.type === 'list' && b.title === 'Quiet for a while');
    expect(list).toEqual({ type: 'list', title: 'Quiet for a while', items: ['Ito', 'Kato', 'Mori'] });
  });

  it('suggests concrete actions, adding cross-department and quiet-member ones when they apply', () => {
    const list = report().blocks.find((b) => b.type === 'list' && b.title === 'Ideas for this week');
    expect(list?.type === 'list' ? list.items : []).toEqual([
      'In your next team meeting, present one success story shared in our internal network.',
      "React to or comment on your team's posts. A response from their manager is a big encouragement to post again.",
      'Point your team to useful posts from other departments, to help connections across teams.',
      'For people who have been quiet, an easy topic in a meeting ("what helped you this week?") works better than a personal reminder.',
      'Your team is above the company average. Consider sharing how you do it as a success story.',
    ]);
  });

  it('never blames: no word of failure or ignoring in either language', () => {
    for (const locale of ['en', 'ja'] as const) {
      const text = messageToPlainText(
        report({ locale, team: metrics({ ...TEAM, participationRate: 0.1 }), inactiveNames: ['Ito'] }),
      );
      for (const word of ['fail', 'ignored', 'lazy', 'poor', '怠', '無視', '悪い']) expect(text).not.toContain(word);
    }
  });

  it('keeps team figures out of the notification text', () => {
    expect(report().fallback).toBe('Your team in our internal network (23 Nov to 29 Nov)');
  });
});
