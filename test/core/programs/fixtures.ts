import type { Message } from '../../../src/core/message.js';
import {
  firstPostThanks,
  formReceived,
  ideaCall,
  leaderStories,
  type MetricsView,
  managerReport,
  memberHome,
  moderationDecided,
  moderationRequest,
  nudge,
  purposeReminder,
  rolloutAnnouncement,
  storyPost,
  storyPrompt,
  weeklyDigest,
  welcome,
} from '../../../src/core/programs/index.js';
import type { Locale } from '../../../src/core/types.js';

export const LOCALES: readonly Locale[] = ['ja', 'en'];

export function metrics(overrides: Partial<MetricsView> = {}): MetricsView {
  return {
    members: 120,
    contributors: 48,
    participationRate: 0.4,
    reach: 0.65,
    posts: 90,
    posters: 30,
    top10Share: 0.3,
    crossDepartment: { interactions: 200, crossing: 50, ratio: 0.25 },
    executives: { total: 4, active: 1, rate: 0.25 },
    newContributors: [7, 9],
    ...overrides,
  };
}

/** W41…W47 at 5%…35%, oldest first (this week, W48, comes from the metrics: 40%). */
export const TREND = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35].map((participationRate, i) => ({
  week: `2026-W${41 + i}`,
  participationRate,
}));

/** The digest's trend: 7 earlier weeks at 5%…35%, then this week at 40%. */
export const DIGEST_TREND = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4];

export const STORY_VIEW = {
  title: 'Quotes in half the time',
  authorName: 'Aoki',
  department: 'Sales',
  link: 'https://hiroba.invalid/C1/m1',
};

export const STORY_FIELDS = {
  title: 'Quotes in half the time',
  situation: 'Every monthly quote took two hours to prepare.',
  action: 'We built a shared template of the common items.',
  result: 'A quote now takes one hour and customers hear back sooner.',
};

/** Every builder with realistic inputs, for checks that hold for all of them. */
export function everyMessage(locale: Locale): [string, Message][] {
  const longNames = Array.from({ length: 15 }, (_, i) => `Member ${i + 1}`);
  return [
    [
      'purposeReminder',
      purposeReminder({ locale, purpose: 'Share success stories across departments.', rules: 'No customer data.' }),
    ],
    ['purposeReminder(unset)', purposeReminder({ locale, purpose: '', rules: '' })],
    ['welcome', welcome({ locale, memberName: 'Sato', purpose: 'Share success stories.', rules: 'Be kind.' })],
    ['welcome(unset)', welcome({ locale, memberName: 'Sato', purpose: '', rules: '' })],
    ['storyPrompt', storyPrompt({ locale, memberName: 'Sato' })],
    ['ideaCall', ideaCall({ locale, memberName: 'Sato' })],
    ['firstPostThanks', firstPostThanks({ locale, memberName: 'Sato' })],
    [
      'weeklyDigest',
      weeklyDigest({
        locale,
        periodLabel: '3月6日 16:00〜3月13日 16:00',
        metrics: metrics({ top10Share: 0.6, newContributors: Array.from({ length: 15 }, (_, i) => i) }),
        previousMembers: 29,
        previousRate: 0.35,
        trend: DIGEST_TREND,
        newContributorNames: longNames,
        newContributorCount: 15,
        stories: [STORY_VIEW, { ...STORY_VIEW, link: null, department: null }],
        executivePosters: ['Yamada'],
        concentrationWarning: true,
        phase: 'pilot',
      }),
    ],
    [
      'weeklyDigest(empty)',
      weeklyDigest({
        locale,
        periodLabel: '1月1日 16:00〜1月8日 16:00',
        previousMembers: null,
        previousRate: null,
        newContributorCount: 0,
        stories: [],
        executivePosters: [],
        metrics: metrics({
          members: 0,
          contributors: 0,
          participationRate: 0,
          reach: 0,
          posts: 0,
          posters: 0,
          top10Share: 0,
          crossDepartment: { interactions: 0, crossing: 0, ratio: 0 },
          executives: { total: 0, active: 0, rate: 0 },
          newContributors: [],
        }),
        trend: [],
        newContributorNames: [],
        concentrationWarning: false,
      }),
    ],
    [
      'managerReport',
      managerReport({
        locale,
        managerName: 'Tanaka',
        week: '2026-W48',
        periodLabel: '11月23日〜11月29日',
        team: metrics({ members: 8, participationRate: 0.5 }),
        company: metrics(),
        teamSize: 8,
        trend: TREND,
        inactiveCount: 3,
        inactiveNames: ['Ito', 'Kato', 'Mori'],
      }),
    ],
    [
      'managerReport(tooFew)',
      managerReport({
        locale,
        managerName: 'Tanaka',
        week: '2026-W48',
        periodLabel: '11月23日〜11月29日',
        team: metrics({ members: 4 }),
        company: metrics(),
        teamSize: 4,
        trend: TREND,
        inactiveCount: 1,
        inactiveNames: null,
      }),
    ],
    ['nudge1', nudge({ locale, step: 1, memberName: 'Sato' })],
    ['nudge1(stories)', nudge({ locale, step: 1, memberName: 'Sato', stories: [STORY_VIEW] })],
    ['leaderStories', leaderStories({ locale, memberName: 'Yamada', stories: [STORY_VIEW] })],
    [
      'rolloutAnnouncement',
      rolloutAnnouncement({ locale, step: 'expansion', departments: ['Sales', 'HR'], purpose: 'Share.', rules: '' }),
    ],
    ['firstPostThanks(reply)', firstPostThanks({ locale, memberName: 'Sato', kind: 'reply' })],
    ['welcome(ops)', welcome({ locale, memberName: 'Sato', purpose: 'P', rules: 'R', opsNames: ['Ito', 'Kato'] })],
    ['nudge2', nudge({ locale, step: 2, memberName: 'Sato' })],
    ['nudge3', nudge({ locale, step: 3, memberName: 'Sato' })],
    ['storyPost', storyPost({ locale, authorName: 'Sato', kind: 'story', fields: STORY_FIELDS })],
    [
      'storyPost(idea)',
      storyPost({
        locale,
        authorName: 'Sato',
        kind: 'idea',
        fields: { title: 'Docs a day early', idea: 'Share meeting documents the day before.' },
      }),
    ],
    [
      'storyPost(first)',
      storyPost({
        locale,
        authorName: 'Sato',
        kind: 'first_post',
        fields: { intro: 'Sales, Osaka office, proposals.', interest: 'Automation' },
      }),
    ],
    [
      'moderationRequest',
      moderationRequest({ locale, submissionId: 1234, authorName: 'Sato', kind: 'story', fields: STORY_FIELDS }),
    ],
    ['moderationDecided(yes)', moderationDecided({ locale, approved: true, submissionId: 1234 })],
    ['moderationDecided(no)', moderationDecided({ locale, approved: false, submissionId: 1234 })],
    [
      'memberHome',
      memberHome({
        locale,
        memberName: 'Sato',
        purpose: 'Share success stories.',
        rules: 'Be kind.',
        score: { score: 42, raw: 12.34, p90: 29.4, last14Days: 11, cappedDays: 2 },
        state: 'active',
      }),
    ],
    [
      'memberHome(none)',
      memberHome({ locale, memberName: 'Sato', purpose: '', rules: '', score: null, state: 'never' }),
    ],
    ['formReceived(posted)', formReceived({ locale, kind: 'story', held: false })],
    ['formReceived(held)', formReceived({ locale, kind: 'idea', held: true })],
  ];
}
