import { describe, expect, it } from 'vitest';
import {
  concentrationWarning,
  gini,
  participationTrend,
  type TeamMetrics,
  teamMetrics,
  top10Share,
} from '../../src/core/metrics.js';
import type { Activity, ActivityKind } from '../../src/core/types.js';
import { memberFixture } from '../support/member-fixture.js';

const member = memberFixture;

let nextId = 1;
function act(memberId: number, kind: ActivityKind, occurredAt: string, targetMemberId: number | null = null): Activity {
  const id = nextId++;
  return {
    id,
    workspaceId: 1,
    eventId: `e${id}`,
    kind,
    memberId,
    channelId: 'C1',
    targetMemberId,
    occurredAt,
    day: occurredAt.slice(0, 10),
  };
}

describe('gini', () => {
  it('is 0 when everyone posts the same', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([])).toBe(0);
  });

  it('is (n − 1) / n when one person of n posts everything', () => {
    expect(gini([0, 0, 0, 7])).toBe(0.75);
    expect(gini([12, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBeCloseTo(0.9, 12);
  });

  it('is the mean absolute difference over twice the mean', () => {
    // pairs of [1,2,3,4]: Σ|xi−xj| over ordered pairs = 20; n² · 2 · mean = 16 · 5 = 80
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 12);
  });
});

describe('top10Share', () => {
  it('takes the top ⌈10%⌉ of posters', () => {
    expect(top10Share([])).toBe(0);
    expect(top10Share([6, 3, 1])).toBe(0.6); // top 1 of 3
    // 10 posters → top 1: 10 / 27
    expect(top10Share([10, 8, 2, 1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(10 / 27, 12);
    // 11 posters → top ⌈1.1⌉ = 2: (10 + 8) / 27
    expect(top10Share([1, 10, 1, 1, 1, 1, 8, 1, 1, 1, 1])).toBeCloseTo(18 / 27, 12);
    // zeros are not posters: still 11 posters
    expect(top10Share([1, 10, 1, 1, 1, 1, 8, 1, 1, 1, 1, 0, 0])).toBeCloseTo(18 / 27, 12);
    // 20 posters → top 2
    expect(top10Share([10, 8, ...Array<number>(18).fill(1)])).toBe(0.5);
  });
});

describe('teamMetrics', () => {
  // Week 2026-W48 in Tokyo.
  const from = new Date('2026-11-22T15:00:00.000Z');
  const to = new Date('2026-11-29T15:00:00.000Z');
  const IN = '2026-11-25T03:00:00.000Z';
  const group = [
    member(1, { department: 'Sales', isExecutive: true }),
    member(2, { department: 'Sales' }),
    member(3, { department: 'Sales' }),
    member(4, { department: 'Sales' }),
    member(5, { department: 'Sales' }),
    member(6, { department: 'Dev', isExecutive: true }),
    member(7, { department: 'Dev' }),
    member(8, { department: 'Dev' }),
    member(9, { department: null }),
    member(10, { department: 'Sales' }),
  ];
  const memberDepartments = new Map<number, string | null>([
    [20, 'HR'],
    [21, null],
  ]);
  const activities = [
    ...Array.from({ length: 6 }, () => act(1, 'post', IN)),
    act(2, 'post', IN),
    act(2, 'post', IN),
    act(2, 'story', IN),
    act(3, 'idea', IN),
    act(4, 'reply', IN, 6), // Sales → Dev: crossing
    act(4, 'reaction', IN, 4), // own message: not an interaction
    act(5, 'reaction', IN, 1), // Sales → Sales
    act(6, 'reaction', IN, 20), // Dev → HR (outside the group): crossing
    act(7, 'reaction', IN, 9), // target department unknown
    act(9, 'reply', IN, 1), // actor department unknown
    act(8, 'reaction', IN, 21), // target department null
    act(8, 'reaction', IN, 22), // target not in any directory
    act(8, 'prompt_answer', IN),
    act(10, 'post', '2026-11-22T14:59:59.999Z'), // before the week
    act(10, 'post', '2026-11-29T15:00:00.000Z'), // at the (exclusive) end
    act(20, 'post', IN), // not in the group
  ];
  const firstContribution = new Map([
    [1, '2026-10-01T00:00:00.000Z'], // long before
    [3, '2026-11-25T00:00:00.000Z'], // inside
    [4, '2026-11-22T15:00:00.000Z'], // exactly at the start: inside
    [9, '2026-11-29T15:00:00.000Z'], // exactly at the end: outside
    [20, '2026-11-25T00:00:00.000Z'], // inside but not in the group
  ]);
  const m = teamMetrics({ members: group, activities, firstContribution, memberDepartments, from, to });

  it('counts participation and reach', () => {
    // contributors: 1, 2, 3 (posts), 4 and 9 (replies)
    expect(m.members).toBe(10);
    expect(m.contributors).toBe(5);
    expect(m.participationRate).toBe(0.5);
    // reached: everyone with any activity this week except 10
    expect(m.reached).toBe(9);
    expect(m.reach).toBe(0.9);
  });

  it('measures concentration of posts', () => {
    expect(m.posts).toBe(10); // 6 + 3 + 1
    expect(m.posters).toBe(3);
    expect(m.top10Share).toBe(0.6); // top ⌈0.3⌉ = 1 poster wrote 6 of 10
    // posts [6, 3, 1, 0 × 7]: Σ|xi−xj| = 2 · (3 + 5 + 2) + 2 · 7 · 10 = 160; / (2 · 10 · 10) = 0.8
    expect(m.gini).toBeCloseTo(0.8, 12);
  });

  it('measures cross-department interactions where both departments are known', () => {
    expect(m.crossDepartment).toEqual({ interactions: 3, crossing: 2, ratio: 2 / 3 });
  });

  it('counts executives who contributed', () => {
    // 1 posted; 6 only reacted
    expect(m.executives).toEqual({ total: 2, active: 1, rate: 0.5 });
  });

  it('lists members whose first contribution falls in the period', () => {
    expect(m.newContributors).toEqual([3, 4]);
  });

  it('warns about concentration at 10 posts or more', () => {
    expect(concentrationWarning(m)).toBe(true);
    expect(concentrationWarning({ ...m, posts: 9 })).toBe(false);
    expect(concentrationWarning({ ...m, top10Share: 0.5 })).toBe(false);
  });

  it('is all zeros for an empty group', () => {
    const empty: TeamMetrics = teamMetrics({ members: [], activities, firstContribution, memberDepartments, from, to });
    expect(empty).toEqual({
      members: 0,
      contributors: 0,
      participationRate: 0,
      reached: 0,
      reach: 0,
      posts: 0,
      posters: 0,
      top10Share: 0,
      gini: 0,
      crossDepartment: { interactions: 0, crossing: 0, ratio: 0 },
      executives: { total: 0, active: 0, rate: 0 },
      newContributors: [],
    });
  });
});

describe('participationTrend', () => {
  const members = [
    member(1), // a: always eligible
    member(2, { joinedAt: '2026-11-24T00:00:00.000Z' }), // b: joins during W48
    member(3, { deactivatedAt: '2026-11-25T00:00:00.000Z' }), // c: leaves during W48
    member(4, { isBot: true }), // d: a bot
    member(5), // e: always eligible
  ];
  const activities = [
    act(1, 'post', '2026-11-17T01:00:00.000Z'), // W47 everywhere
    act(3, 'reply', '2026-11-18T03:00:00.000Z'), // W47
    act(5, 'post', '2026-11-22T16:00:00.000Z'), // Monday 01:00 in Tokyo (W48), Sunday 11:00 in New York (W47)
    act(2, 'post', '2026-11-25T03:00:00.000Z'), // W48
    act(1, 'reaction', '2026-11-26T03:00:00.000Z'), // W48, reach only
    act(4, 'post', '2026-11-26T03:00:00.000Z'), // bot
  ];

  it('counts members eligible at each week end and their contributions, in Tokyo', () => {
    expect(participationTrend(['2026-W47', '2026-W48'], 'Asia/Tokyo', members, activities)).toEqual([
      { week: '2026-W47', participationRate: 2 / 3, contributors: 2, members: 3 }, // a, c, e; a and c
      { week: '2026-W48', participationRate: 2 / 3, contributors: 2, members: 3 }, // a, b, e; b and e
    ]);
  });

  it('puts week boundaries at local midnight, in New York', () => {
    expect(participationTrend(['2026-W47', '2026-W48'], 'America/New_York', members, activities)).toEqual([
      { week: '2026-W47', participationRate: 1, contributors: 3, members: 3 },
      { week: '2026-W48', participationRate: 1 / 3, contributors: 1, members: 3 },
    ]);
  });
});
