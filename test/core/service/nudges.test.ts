import { describe, expect, it } from 'vitest';
import { inStorySlice, type LadderActivity, nextNudge } from '../../../src/core/service/nudges.js';

const DAY = 86_400_000;
const t0 = new Date('2026-11-04T01:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const fresh = { memberId: 1, step: 0 as const, lastNudgedAt: null, restUntil: null };
const quiet: LadderActivity = { lastActivity: null, lastContribution: null };

describe('nudge ladder', () => {
  it('climbs one step per 14 days and rests 90 days from the third step', () => {
    let state = fresh as Parameters<typeof nextNudge>[0];
    const steps: string[] = [];
    for (const day of [0, 7, 14, 28, 42, 50, 117, 118, 119]) {
      const d = nextNudge(state, quiet, at(day));
      steps.push(d.action === 'send' ? `send${d.step}` : `wait:${d.reason}`);
      if (d.next) state = d.next;
    }
    // day 0 step1, 7 too soon, 14 step2, 28 step3 (rest until 118), 42/50/117 resting, 118 the ladder restarts
    expect(steps).toEqual([
      'send1',
      'wait:interval',
      'send2',
      'send3',
      'wait:resting',
      'wait:resting',
      'wait:resting',
      'send1',
      'wait:interval',
    ]);
  });

  it('the third step starts the 90-day rest at once', () => {
    const after2 = { memberId: 1, step: 2 as const, lastNudgedAt: at(0).toISOString(), restUntil: null };
    const d = nextNudge(after2, quiet, at(14));
    expect(d).toMatchObject({ action: 'send', step: 3 });
    expect(d.next?.restUntil).toBe(at(104).toISOString());
  });

  it('a reaction answering the react step moves to the reply step, never the react step again', () => {
    // The issue: a reaction counted as an answer and restarted the ladder at step 1, forever.
    const after1 = { memberId: 1, step: 1 as const, lastNudgedAt: at(0).toISOString(), restUntil: null };
    const reacted: LadderActivity = { lastActivity: at(2).toISOString(), lastContribution: null };
    const d = nextNudge(after1, reacted, at(14));
    expect(d).toMatchObject({ action: 'send', step: 2 });
    const next = nextNudge(d.next ?? after1, { lastActivity: at(20).toISOString(), lastContribution: null }, at(28));
    expect(next).toMatchObject({ action: 'send', step: 3 });
    // Reacting all along: after the third step the rest holds.
    const later = nextNudge(
      next.next ?? after1,
      { lastActivity: at(40).toISOString(), lastContribution: null },
      at(42),
    );
    expect(later).toMatchObject({ action: 'wait', reason: 'resting' });
  });

  it('a member who already reacts starts at the reply step', () => {
    const d = nextNudge(fresh, { lastActivity: at(-3).toISOString(), lastContribution: null }, at(0));
    expect(d).toMatchObject({ action: 'send', step: 2 });
  });

  it('a contribution after a nudge ends the ladder and the rest', () => {
    const resting = {
      memberId: 1,
      step: 3 as const,
      lastNudgedAt: at(0).toISOString(),
      restUntil: at(90).toISOString(),
    };
    const posted: LadderActivity = { lastActivity: at(5).toISOString(), lastContribution: at(5).toISOString() };
    expect(nextNudge(resting, posted, at(30))).toMatchObject({ action: 'send', step: 1 });
  });

  it('a run a few hours earlier than two weeks ago still sends the next step', () => {
    const nudged = { memberId: 1, step: 1 as const, lastNudgedAt: '2026-11-04T01:05:00.000Z', restUntil: null };
    expect(nextNudge(nudged, quiet, new Date('2026-11-18T01:00:00.000Z'))).toMatchObject({ action: 'send', step: 2 });
    expect(nextNudge(nudged, quiet, new Date('2026-11-17T01:00:00.000Z'))).toMatchObject({
      action: 'wait',
      reason: 'interval',
    });
  });

  it('the slices keep turning across a 53-week year', () => {
    const weeks = [
      '2026-W50',
      '2026-W51',
      '2026-W52',
      '2026-W53',
      '2027-W01',
      '2027-W02',
      '2027-W03',
      '2027-W04',
      '2027-W05',
      '2027-W06',
      '2027-W07',
      '2027-W08',
      '2027-W09',
    ];
    for (const id of [1, 2, 5, 13, 40]) expect(weeks.filter((w) => inStorySlice({ id }, w))).toHaveLength(1);
  });

  it('every member falls in exactly one weekly story slice per quarter', () => {
    const weeks = Array.from({ length: 13 }, (_, i) => `2026-W${String(i + 14).padStart(2, '0')}`);
    for (const id of [1, 2, 13, 26, 300]) {
      expect(weeks.filter((w) => inStorySlice({ id }, w))).toHaveLength(1);
    }
  });
});
