import { describe, expect, it } from 'vitest';
import { type DueQuery, effectiveFire, planDue } from '../../src/scheduler/fires.js';

const jp = { timezone: 'Asia/Tokyo', calendar: 'jp' as const };

async function plan(overrides: Partial<DueQuery> & { ledger?: string[] }) {
  const ledger = new Set(overrides.ledger ?? []);
  const result = await planDue({
    job: 'digest',
    expr: '0 16 * * 5',
    settings: jp,
    since: new Date('2026-01-01T00:00:00.000Z'),
    now: new Date('2026-11-25T01:00:00.000Z'),
    inLedger: (p) => ledger.has(p),
    ...overrides,
  });
  return {
    run: result.run?.period ?? null,
    runAt: result.run?.effective.toISOString() ?? null,
    skip: result.skip.map((f) => f.period),
  };
}

describe('effectiveFire', () => {
  it('a fire on 元日 2027 at 10:00 JST moves to 2027-01-04 10:00 JST under jp', () => {
    const due = new Date('2027-01-01T01:00:00.000Z');
    expect(effectiveFire('purpose-reminder', due, jp).toISOString()).toBe('2027-01-04T01:00:00.000Z');
    expect(effectiveFire('purpose-reminder', due, { ...jp, calendar: 'none' }).toISOString()).toBe(
      '2027-01-01T01:00:00.000Z',
    );
  });

  it('maintenance jobs and ordinary days do not move', () => {
    const due = new Date('2027-01-01T01:00:00.000Z');
    expect(effectiveFire('retention', due, jp).toISOString()).toBe('2027-01-01T01:00:00.000Z');
    expect(effectiveFire('digest', new Date('2026-11-27T07:00:00.000Z'), jp).toISOString()).toBe(
      '2026-11-27T07:00:00.000Z',
    );
  });
});

describe('planDue', () => {
  it('runs the fire of the current period when the ledger lacks it', async () => {
    // Sat 2026-11-28 10:00 JST: Friday's digest (W48) was missed and the week is still on.
    expect(await plan({ now: new Date('2026-11-28T01:00:00.000Z'), ledger: ['2026-W47'] })).toEqual({
      run: '2026-W48',
      runAt: '2026-11-27T07:00:00.000Z',
      skip: [],
    });
  });

  it('records missed periods that are over as skipped, oldest first, and runs nothing late', async () => {
    // Wed 2026-11-25: the last fire (Fri 11-20, W47) belongs to a week that is over.
    expect(await plan({ ledger: ['2026-W45'] })).toEqual({ run: null, runAt: null, skip: ['2026-W46', '2026-W47'] });
  });

  it('does nothing when the latest period is in the ledger', async () => {
    expect(await plan({ ledger: ['2026-W47'] })).toEqual({ run: null, runAt: null, skip: [] });
  });

  it('looks back at most 8 past periods', async () => {
    const result = await plan({ now: new Date('2026-11-28T01:00:00.000Z') });
    expect(result.run).toBe('2026-W48');
    expect(result.skip).toEqual([
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
  });

  it('ignores fires before the workspace existed', async () => {
    expect(await plan({ since: new Date('2026-11-21T00:00:00.000Z') })).toEqual({ run: null, runAt: null, skip: [] });
    expect(await plan({ since: new Date('2026-11-14T00:00:00.000Z') })).toEqual({
      run: null,
      runAt: null,
      skip: ['2026-W47'],
    });
  });

  it('a fire on 元日 waits for the next business day and keeps its own period', async () => {
    const query = { job: 'purpose-reminder' as const, expr: '0 10 1 * *', ledger: ['2026-12'] };
    expect(await plan({ ...query, now: new Date('2027-01-01T01:00:00.000Z') })).toEqual({
      run: null,
      runAt: null,
      skip: [],
    });
    expect(await plan({ ...query, now: new Date('2027-01-03T05:00:00.000Z') })).toEqual({
      run: null,
      runAt: null,
      skip: [],
    });
    expect(await plan({ ...query, now: new Date('2027-01-04T01:00:00.000Z') })).toEqual({
      run: '2027-01',
      runAt: '2027-01-04T01:00:00.000Z',
      skip: [],
    });
  });

  it('a weekly fire moved into the next ISO week is still current on the day it runs', async () => {
    // Digest due Fri 2027-01-01 16:00 (W53) runs Mon 2027-01-04 16:00 (already W01) for W53.
    const now = new Date('2027-01-04T07:00:00.000Z');
    expect(await plan({ now, ledger: ['2026-W52'] })).toEqual({
      run: '2026-W53',
      runAt: '2027-01-04T07:00:00.000Z',
      skip: [],
    });
    // The next morning it is over: skipped, not sent late.
    expect(await plan({ now: new Date('2027-01-05T01:00:00.000Z'), ledger: ['2026-W52'] })).toEqual({
      run: null,
      runAt: null,
      skip: ['2026-W53'],
    });
  });

  it('America/New_York: the fire after the DST change is 16:00 local', async () => {
    const ny = { timezone: 'America/New_York', calendar: 'none' as const };
    const result = await planDue({
      job: 'digest',
      expr: '0 16 * * 5',
      settings: ny,
      since: new Date('2026-01-01T00:00:00.000Z'),
      now: new Date('2026-11-06T21:00:00.000Z'),
      inLedger: (p) => p === '2026-W44',
    });
    expect(result.run?.effective.toISOString()).toBe('2026-11-06T21:00:00.000Z');
    expect(result.run?.period).toBe('2026-W45');
  });
});
