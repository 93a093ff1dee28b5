import { describe, expect, it } from 'vitest';
import { isQuietTime, nextAllowedTime, type QuietHoursSettings } from '../../src/scheduler/quiet-hours.js';

const tokyo: QuietHoursSettings = {
  timezone: 'Asia/Tokyo',
  calendar: 'jp',
  quietHours: { start: '20:00', end: '08:00', weekends: true },
};
const newYork: QuietHoursSettings = { ...tokyo, timezone: 'America/New_York', calendar: 'none' };

const at = (iso: string) => nextAllowedTime(new Date(iso), tokyo).toISOString();

describe('nextAllowedTime, Asia/Tokyo, jp calendar', () => {
  it('inside working hours the DM goes at once (same instant, seconds kept)', () => {
    expect(at('2026-11-24T01:00:30.000Z')).toBe('2026-11-24T01:00:30.000Z'); // Tue 10:00:30 JST
  });

  it('after 20:00 waits for 08:00 the next morning', () => {
    expect(at('2026-11-24T12:00:00.000Z')).toBe('2026-11-24T23:00:00.000Z'); // Tue 21:00 → Wed 08:00 JST
    expect(at('2026-11-24T11:00:00.000Z')).toBe('2026-11-24T23:00:00.000Z'); // 20:00 sharp is quiet
  });

  it('before 08:00 waits for 08:00 the same day', () => {
    expect(at('2026-11-24T22:59:00.000Z')).toBe('2026-11-24T23:00:00.000Z'); // Wed 07:59 → 08:00
    expect(at('2026-11-24T23:00:00.000Z')).toBe('2026-11-24T23:00:00.000Z'); // 08:00 sharp is allowed
  });

  it('Friday night skips the weekend and a Monday holiday (勤労感謝の日 2026-11-23)', () => {
    expect(at('2026-11-20T12:30:00.000Z')).toBe('2026-11-23T23:00:00.000Z'); // → Tue 11-24 08:00 JST
    expect(at('2026-11-21T02:00:00.000Z')).toBe('2026-11-23T23:00:00.000Z'); // Sat 11:00 → Tue 08:00
  });

  it('without the jp calendar the holiday is an ordinary Monday', () => {
    const none = { ...tokyo, calendar: 'none' as const };
    expect(nextAllowedTime(new Date('2026-11-20T12:30:00.000Z'), none).toISOString()).toBe('2026-11-22T23:00:00.000Z');
  });

  it('with weekends allowed, Saturday morning is fine', () => {
    const weekends = { ...tokyo, quietHours: { ...tokyo.quietHours, weekends: false } };
    expect(nextAllowedTime(new Date('2026-11-20T12:30:00.000Z'), weekends).toISOString()).toBe(
      '2026-11-20T23:00:00.000Z',
    );
  });

  it('a window inside one day (12:00–13:00) defers to its end', () => {
    const lunch = { ...tokyo, quietHours: { start: '12:00', end: '13:00', weekends: false } };
    expect(nextAllowedTime(new Date('2026-11-24T03:30:00.000Z'), lunch).toISOString()).toBe('2026-11-24T04:00:00.000Z');
    expect(nextAllowedTime(new Date('2026-11-24T12:00:00.000Z'), lunch).toISOString()).toBe('2026-11-24T12:00:00.000Z');
  });

  it('start equal to end means no quiet hours', () => {
    const none = { ...tokyo, quietHours: { start: '00:00', end: '00:00', weekends: false } };
    expect(nextAllowedTime(new Date('2026-11-24T14:00:00.000Z'), none).toISOString()).toBe('2026-11-24T14:00:00.000Z');
  });

  it('isQuietTime says whether a DM would wait', () => {
    expect(isQuietTime(new Date('2026-11-24T12:00:00.000Z'), tokyo)).toBe(true);
    expect(isQuietTime(new Date('2026-11-24T01:00:00.000Z'), tokyo)).toBe(false);
  });
});

describe('nextAllowedTime, America/New_York (DST)', () => {
  it('evening in EDT waits for 08:00 EDT', () => {
    // Wed 2026-10-28 21:00 EDT (01:00Z next day) → Thu 08:00 EDT = 12:00Z
    expect(nextAllowedTime(new Date('2026-10-29T01:00:00.000Z'), newYork).toISOString()).toBe(
      '2026-10-29T12:00:00.000Z',
    );
  });

  it('Saturday night before the fall-back change waits for Monday 08:00 EST', () => {
    // Sat 2026-10-31 22:00 EDT → Mon 2026-11-02 08:00 EST = 13:00Z (clocks went back on 11-01)
    expect(nextAllowedTime(new Date('2026-11-01T02:00:00.000Z'), newYork).toISOString()).toBe(
      '2026-11-02T13:00:00.000Z',
    );
  });

  it('after the spring-forward change 08:00 is 12:00Z again', () => {
    // Sun 2026-03-08 is the change day (weekend); Fri 03-06 21:00 EST → Mon 03-09 08:00 EDT = 12:00Z
    expect(nextAllowedTime(new Date('2026-03-07T02:00:00.000Z'), newYork).toISOString()).toBe(
      '2026-03-09T12:00:00.000Z',
    );
  });
});
