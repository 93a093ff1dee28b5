import { describe, expect, it } from 'vitest';
import {
  giniBand,
  interactionMatrix,
  lorenzCurve,
  postsPerMember,
  stepWindows,
} from '../../../src/core/dashboard/figures.js';
import { gini } from '../../../src/core/metrics.js';
import type { Activity } from '../../../src/core/types.js';
import { memberFixture } from '../../support/member-fixture.js';

function activity(id: number, kind: Activity['kind'], memberId: number, target: number | null = null): Activity {
  return {
    id,
    workspaceId: 1,
    eventId: `e${id}`,
    kind,
    memberId,
    channelId: 'C1',
    targetMemberId: target,
    occurredAt: '2026-11-20T00:00:00.000Z',
    day: '2026-11-20',
  };
}

describe('lorenzCurve', () => {
  it('runs from (0,0) to (1,1) through the cumulative shares, fewest posts first', () => {
    expect(lorenzCurve([3, 0, 1])).toEqual([
      { population: 0, share: 0 },
      { population: 1 / 3, share: 0 },
      { population: 2 / 3, share: 0.25 },
      { population: 1, share: 1 },
    ]);
  });

  it('is the diagonal for equal values, and for no posts at all', () => {
    expect(lorenzCurve([2, 2])).toEqual([
      { population: 0, share: 0 },
      { population: 0.5, share: 0.5 },
      { population: 1, share: 1 },
    ]);
    expect(lorenzCurve([0, 0, 0])).toEqual([
      { population: 0, share: 0 },
      { population: 1, share: 1 },
    ]);
  });

  it('samples a large group at even steps and agrees with the Gini coefficient', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i % 10 === 0 ? 9 : i % 3 === 0 ? 1 : 0));
    const curve = lorenzCurve(values, 100);
    expect(curve).toHaveLength(101);
    expect(curve[0]).toEqual({ population: 0, share: 0 });
    expect(curve[100]).toEqual({ population: 1, share: 1 });
    // G = 1 − 2·(area under the curve), by trapezoids.
    let area = 0;
    for (let i = 1; i < curve.length; i++) {
      const a = curve[i - 1];
      const b = curve[i];
      if (a && b) area += ((b.population - a.population) * (a.share + b.share)) / 2;
    }
    expect(1 - 2 * area).toBeCloseTo(gini(values), 2);
  });
});

describe('giniBand', () => {
  it('reads the coefficient in four bands', () => {
    expect([0, 0.29, 0.3, 0.49, 0.5, 0.69, 0.7, 1].map(giniBand)).toEqual([
      'even',
      'even',
      'moderate',
      'moderate',
      'concentrated',
      'concentrated',
      'very',
      'very',
    ]);
  });
});

describe('postsPerMember', () => {
  it('counts posts, stories and ideas per member in the given order, zeros included', () => {
    const members = [memberFixture(1), memberFixture(2), memberFixture(3)];
    const acts = [
      activity(1, 'post', 2),
      activity(2, 'story', 2),
      activity(3, 'idea', 1),
      activity(4, 'reply', 3, 1),
      activity(5, 'reaction', 3, 2),
    ];
    expect(postsPerMember(members, acts)).toEqual([1, 2, 0]);
  });
});

describe('interactionMatrix', () => {
  it('counts replies and reactions from the row group to the column group, never self-activity', () => {
    const dept: Record<number, string> = { 1: 'A', 2: 'A', 3: 'B', 4: 'C' };
    const of = (id: number) => dept[id] ?? null;
    const acts = [
      activity(1, 'reply', 1, 3),
      activity(2, 'reply', 1, 3),
      activity(3, 'reaction', 3, 2),
      activity(4, 'reaction', 1, 2),
      activity(5, 'reaction', 1, 1),
      activity(6, 'post', 1),
      activity(7, 'reply', 4, 1),
    ];
    const m = interactionMatrix(acts, ['A', 'B'], ['A', 'B'], of, of);
    expect(m.replies).toEqual([
      [0, 2],
      [0, 0],
    ]);
    expect(m.reactions).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe('stepWindows', () => {
  const at = new Date('2026-10-20T00:00:00.000Z');
  const start = new Date('2026-08-03T00:00:00.000Z');
  it('takes four weeks before and after, cut at now and at the next step', () => {
    const now = new Date('2026-11-24T00:00:00.000Z');
    expect(stepWindows(at, null, now, start)).toEqual({
      before: { from: new Date('2026-09-22T00:00:00.000Z'), to: at },
      after: { from: at, to: new Date('2026-11-17T00:00:00.000Z') },
    });
    const next = new Date('2026-11-03T00:00:00.000Z');
    expect(stepWindows(at, next, now, start).after).toEqual({ from: at, to: next });
    expect(stepWindows(at, null, new Date('2026-10-27T00:00:00.000Z'), start).after?.to).toEqual(
      new Date('2026-10-27T00:00:00.000Z'),
    );
  });

  it('has no before at the start of the data, and nothing for a step still ahead', () => {
    const now = new Date('2026-11-24T00:00:00.000Z');
    expect(stepWindows(start, null, now, start).before).toBeNull();
    expect(stepWindows(new Date('2026-12-01T00:00:00.000Z'), null, now, start)).toEqual({ before: null, after: null });
  });
});
