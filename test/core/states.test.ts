import { describe, expect, it } from 'vitest';
import { countStates, memberState, memberStates } from '../../src/core/states.js';

const now = new Date('2026-11-29T12:00:00.000Z');
const LONG_AGO = '2025-01-01T00:00:00.000Z';
const state = (joinedAt: string, lastContribution: string | null, inactiveAfterDays = 14) =>
  memberState({ joinedAt, lastContribution, now, inactiveAfterDays });

describe('memberState', () => {
  it('new: joined under 7 days ago with no contribution', () => {
    expect(state('2026-11-29T11:00:00.000Z', null)).toBe('new');
    expect(state('2026-11-22T12:00:00.001Z', null)).toBe('new'); // 1 ms short of 7 days
  });

  it('never: joined 7 days ago or more with no contribution', () => {
    expect(state('2026-11-22T12:00:00.000Z', null)).toBe('never'); // exactly 7 days
    expect(state(LONG_AGO, null)).toBe('never');
  });

  it('active: a contribution under 7 days ago', () => {
    expect(state(LONG_AGO, '2026-11-29T11:59:00.000Z')).toBe('active');
    expect(state(LONG_AGO, '2026-11-22T12:00:00.001Z')).toBe('active');
    expect(state('2026-11-28T00:00:00.000Z', '2026-11-28T01:00:00.000Z')).toBe('active'); // new joiner who posted
    expect(state(LONG_AGO, '2026-11-29T12:05:00.000Z')).toBe('active'); // clock skew: from the future
  });

  it('occasional: from exactly 7 days up to exactly inactiveAfterDays', () => {
    expect(state(LONG_AGO, '2026-11-22T12:00:00.000Z')).toBe('occasional'); // exactly 7 days
    expect(state(LONG_AGO, '2026-11-15T12:00:00.000Z')).toBe('occasional'); // exactly 14 days
    expect(state(LONG_AGO, '2026-11-09T12:00:00.000Z', 30)).toBe('occasional'); // 20 days, threshold 30
    expect(state(LONG_AGO, '2026-10-30T12:00:00.000Z', 30)).toBe('occasional'); // exactly 30 days
  });

  it('inactive: longer ago than inactiveAfterDays', () => {
    expect(state(LONG_AGO, '2026-11-15T11:59:59.999Z')).toBe('inactive');
    expect(state(LONG_AGO, '2026-10-30T11:59:59.000Z', 30)).toBe('inactive'); // 1 s over 30 days
  });

  it('reads instants with offsets as the same moment', () => {
    // 2026-11-22T21:00+09:00 = 12:00Z, exactly 7 days
    expect(state(LONG_AGO, '2026-11-22T21:00:00+09:00')).toBe('occasional');
  });

  it('refuses a value that is not an instant', () => {
    expect(() => state('soon', null)).toThrow(RangeError);
  });
});

describe('memberStates / countStates', () => {
  const members = [
    { id: 1, joinedAt: '2026-11-27T00:00:00.000Z' }, // new
    { id: 2, joinedAt: LONG_AGO }, // active
    { id: 3, joinedAt: LONG_AGO }, // occasional
    { id: 4, joinedAt: LONG_AGO }, // inactive
    { id: 5, joinedAt: LONG_AGO }, // never
    { id: 6, joinedAt: LONG_AGO }, // active
  ];
  const last = new Map([
    [2, '2026-11-28T00:00:00.000Z'],
    [3, '2026-11-20T00:00:00.000Z'],
    [4, '2026-10-01T00:00:00.000Z'],
    [6, '2026-11-29T00:00:00.000Z'],
    [99, '2026-11-29T00:00:00.000Z'],
  ]);

  it('gives every member exactly one state', () => {
    expect([...memberStates(members, last, now, 14)]).toEqual([
      [1, 'new'],
      [2, 'active'],
      [3, 'occasional'],
      [4, 'inactive'],
      [5, 'never'],
      [6, 'active'],
    ]);
  });

  it('counts members per state, zeros included', () => {
    expect(countStates(members, last, now, 14)).toEqual({ new: 1, active: 2, occasional: 1, inactive: 1, never: 1 });
    expect(countStates([], last, now, 14)).toEqual({ new: 0, active: 0, occasional: 0, inactive: 0, never: 0 });
  });
});
