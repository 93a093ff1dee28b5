import { describe, expect, it } from 'vitest';
import { inStorySlice, nextNudge } from '../../../src/core/service/nudges.js';

const DAY = 86_400_000;
const t0 = new Date('2026-11-04T01:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const fresh = { memberId: 1, step: 0 as const, lastNudgedAt: null, restUntil: null };

describe('nudge ladder', () => {
  it('climbs one step per 14 days, then rests 90 days after three unanswered steps', () => {
    let state = fresh as Parameters<typeof nextNudge>[0];
    const steps: string[] = [];
    for (const day of [0, 7, 14, 28, 42, 50, 131, 132]) {
      const d = nextNudge(state, null, at(day));
      steps.push(d.action === 'send' ? `send${d.step}` : d.action === 'wait' ? `wait:${d.reason}` : 'rest');
      if (d.next) state = d.next;
    }
    // day 0 step1, day 7 too soon, 14 step2, 28 step3, 42 rest (until 28+90=118), 50 resting, 131 restart, 132 too soon
    expect(steps).toEqual([
      'send1',
      'wait:interval',
      'send2',
      'send3',
      'rest',
      'wait:resting',
      'send1',
      'wait:interval',
    ]);
    expect(state.restUntil).toBeNull();
  });

  it('any activity after a nudge restarts the ladder', () => {
    const after2 = { memberId: 1, step: 2 as const, lastNudgedAt: at(0).toISOString(), restUntil: null };
    const d = nextNudge(after2, at(3).toISOString(), at(20));
    expect(d).toMatchObject({ action: 'send', step: 1 });
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

  it('a run a few hours earlier than two weeks ago still sends the next step', () => {
    const nudged = { memberId: 1, step: 1 as const, lastNudgedAt: '2026-11-04T01:05:00.000Z', restUntil: null };
    expect(nextNudge(nudged, null, new Date('2026-11-18T01:00:00.000Z'))).toMatchObject({ action: 'send', step: 2 });
    expect(nextNudge(nudged, null, new Date('2026-11-17T01:00:00.000Z'))).toMatchObject({
      action: 'wait',
      reason: 'interval',
    });
  });

  it('every member falls in exactly one weekly story slice per quarter', () => {
    const weeks = Array.from({ length: 13 }, (_, i) => `2026-W${String(i + 14).padStart(2, '0')}`);
    for (const id of [1, 2, 13, 26, 300]) {
      expect(weeks.filter((w) => inStorySlice({ id }, w))).toHaveLength(1);
    }
  });
});
