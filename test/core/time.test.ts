import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayRange,
  daysBetween,
  fiscalYearOfDay,
  fiscalYearRange,
  isDay,
  isIsoWeek,
  isoWeekOf,
  isoWeekOfDay,
  isoWeekRange,
  isoWeekStartDay,
  isValidTimeZone,
  localDay,
  localParts,
  monthKey,
  previousWeeks,
  shiftWeek,
  weekdayOfDay,
  zonedTimeToUtc,
} from '../../src/core/time.js';

const iso = (d: Date): string => d.toISOString();

describe('localParts / localDay', () => {
  it('reads the wall clock of an instant in a zone', () => {
    expect(localParts(new Date('2026-11-29T14:30:00Z'), 'Asia/Tokyo')).toEqual({
      year: 2026,
      month: 11,
      day: 29,
      hour: 23,
      minute: 30,
      second: 0,
      weekday: 7,
    });
    expect(localParts(new Date('2026-11-29T14:30:05Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 11,
      day: 29,
      hour: 9,
      minute: 30,
      second: 5,
      weekday: 7,
    });
  });

  it('prints midnight as hour 0, not 24', () => {
    expect(localParts(new Date('2026-11-29T15:00:00Z'), 'Asia/Tokyo').hour).toBe(0);
  });

  it('gives the local day of Date and ISO string instants', () => {
    expect(localDay('2026-11-29T15:30:00Z', 'Asia/Tokyo')).toBe('2026-11-30');
    expect(localDay(new Date('2026-11-29T15:30:00Z'), 'America/New_York')).toBe('2026-11-29');
    expect(localDay('2026-11-30T00:30:00+09:00', 'UTC')).toBe('2026-11-29');
  });

  it('refuses an unreadable instant', () => {
    expect(() => localDay('yesterday', 'Asia/Tokyo')).toThrow(RangeError);
  });

  it('knows valid zones', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('calendar days', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09'); // over the US DST jump: days are calendar days
  });

  it('counts b − a in whole days', () => {
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
    expect(daysBetween('2026-03-15', '2026-03-01')).toBe(-14);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-11-29', '2026-11-29')).toBe(0);
  });

  it('gives ISO weekdays, Monday = 1 … Sunday = 7', () => {
    expect(weekdayOfDay('2026-11-29')).toBe(7);
    expect(weekdayOfDay('2026-11-30')).toBe(1);
    expect(weekdayOfDay('2026-01-01')).toBe(4);
  });

  it('refuses days that are not calendar dates', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-1-5')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-29', '2024-W52'],
    ['2024-12-30', '2025-W01'],
    ['2026-11-29', '2026-W48'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOfDay(day)).toBe(week);
  });

  it('starts each week on its Monday', () => {
    expect(isoWeekStartDay('2026-W48')).toBe('2026-11-23');
    expect(isoWeekStartDay('2020-W53')).toBe('2020-12-28');
    expect(isoWeekStartDay('2025-W01')).toBe('2024-12-30');
    expect(isoWeekStartDay('2026-W53')).toBe('2026-12-28');
  });

  it('refuses weeks that do not exist', () => {
    expect(() => isoWeekStartDay('2025-W53')).toThrow(RangeError);
    expect(() => isoWeekStartDay('2026-W00')).toThrow(RangeError);
    expect(() => isoWeekStartDay('2026-48')).toThrow(RangeError);
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
  });

  it('shifts weeks across year ends and lists trailing weeks oldest first', () => {
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftWeek('2027-W01', -1)).toBe('2026-W53');
    expect(shiftWeek('2025-W01', -1)).toBe('2024-W52');
    expect(previousWeeks('2027-W02', 3)).toEqual(['2026-W53', '2027-W01', '2027-W02']);
    expect(previousWeeks('2026-W48', 1)).toEqual(['2026-W48']);
    expect(previousWeeks('2026-W48', 8)).toHaveLength(8);
  });

  it('puts one instant in different weeks depending on the zone', () => {
    // Sunday 23:00 UTC = Monday 08:00 in Tokyo, Sunday 18:00 in New York.
    const instant = new Date('2026-11-29T23:00:00Z');
    expect(isoWeekOf(instant, 'Asia/Tokyo')).toBe('2026-W49');
    expect(isoWeekOf(instant, 'UTC')).toBe('2026-W48');
    expect(isoWeekOf(instant, 'America/New_York')).toBe('2026-W48');
    // Sunday 23:30 in Tokyo is 14:30 UTC on Sunday: the same week everywhere.
    expect(isoWeekOf('2026-11-29T14:30:00Z', 'Asia/Tokyo')).toBe('2026-W48');
    expect(isoWeekOf('2026-11-29T14:30:00Z', 'America/New_York')).toBe('2026-W48');
    // Monday 00:30 in Tokyo, still Sunday 10:30 in New York.
    expect(isoWeekOf('2026-11-29T15:30:00Z', 'Asia/Tokyo')).toBe('2026-W49');
    expect(isoWeekOf('2026-11-29T15:30:00Z', 'America/New_York')).toBe('2026-W48');
  });

  it('gives a week as local Monday 00:00 to next Monday 00:00', () => {
    expect(isoWeekRange('2026-W48', 'Asia/Tokyo')).toEqual({
      from: new Date('2026-11-22T15:00:00Z'),
      to: new Date('2026-11-29T15:00:00Z'),
    });
    // The fall-back week in New York is 7 days and 1 hour long.
    const fall = isoWeekRange('2026-W44', 'America/New_York');
    expect([iso(fall.from), iso(fall.to)]).toEqual(['2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    // The spring-forward week is 1 hour short.
    const spring = isoWeekRange('2026-W10', 'America/New_York');
    expect([iso(spring.from), iso(spring.to)]).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });
});

describe('zonedTimeToUtc', () => {
  it('converts plain local times', () => {
    expect(iso(zonedTimeToUtc('2026-04-01', '00:00', 'Asia/Tokyo'))).toBe('2026-03-31T15:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-07-01', '09:15', 'America/New_York'))).toBe('2026-07-01T13:15:00.000Z');
    expect(iso(zonedTimeToUtc('2026-01-15', '23:59', 'UTC'))).toBe('2026-01-15T23:59:00.000Z');
  });

  it('New York spring forward (2026-03-08): times in the gap shift forward', () => {
    expect(iso(zonedTimeToUtc('2026-03-08', '01:30', 'America/New_York'))).toBe('2026-03-08T06:30:00.000Z'); // EST
    expect(iso(zonedTimeToUtc('2026-03-08', '02:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z'); // = 03:00 EDT
    expect(iso(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // = 03:30 EDT
    expect(iso(zonedTimeToUtc('2026-03-08', '03:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z'); // EDT
  });

  it('New York fall back (2026-11-01): a repeated time gives the earlier instant', () => {
    expect(iso(zonedTimeToUtc('2026-11-01', '00:30', 'America/New_York'))).toBe('2026-11-01T04:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // EDT, not 06:30Z
    expect(iso(zonedTimeToUtc('2026-11-01', '02:00', 'America/New_York'))).toBe('2026-11-01T07:00:00.000Z'); // EST
  });

  it('follows the same rules in a zone east of UTC (Sydney)', () => {
    // 2026-04-05 03:00 AEDT → 02:00 AEST: 02:30 happens twice.
    expect(iso(zonedTimeToUtc('2026-04-05', '02:30', 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z');
    // 2026-10-04 02:00 AEST → 03:00 AEDT: 02:30 never happens.
    expect(iso(zonedTimeToUtc('2026-10-04', '02:30', 'Australia/Sydney'))).toBe('2026-10-03T16:30:00.000Z');
  });

  it('refuses malformed times', () => {
    expect(() => zonedTimeToUtc('2026-04-01', '24:00', 'Asia/Tokyo')).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-04-01', '9:00', 'Asia/Tokyo')).toThrow(RangeError);
  });

  it('gives a day as local midnight to local midnight', () => {
    const d = dayRange('2026-11-01', 'America/New_York');
    expect([iso(d.from), iso(d.to)]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  });
});

describe('Japanese fiscal year and months', () => {
  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2026-12-31', 2026],
    ['2027-01-01', 2026],
    ['2027-03-31', 2026],
    ['2027-04-01', 2027],
  ])('%s is in fiscal year %i', (day, fy) => {
    expect(fiscalYearOfDay(day)).toBe(fy);
  });

  it('gives a fiscal year as local 1 April to local 1 April', () => {
    const r = fiscalYearRange(2026, 'Asia/Tokyo');
    expect([iso(r.from), iso(r.to)]).toEqual(['2026-03-31T15:00:00.000Z', '2027-03-31T15:00:00.000Z']);
  });

  it('keys months by the local date', () => {
    expect(monthKey(new Date('2026-11-30T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-12');
    expect(monthKey('2026-11-30T15:30:00Z', 'America/New_York')).toBe('2026-11');
  });
});

describe('localDay, remembered per quarter hour', () => {
  it('gives every instant of a quarter hour around a local midnight its own day, in any zone', () => {
    const zones = ['Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'UTC'];
    for (const tz of zones) {
      // Around local midnight of 2026-03-08 and across the spring-forward days of both hemispheres.
      for (const day of ['2026-03-08', '2026-04-05', '2026-10-04', '2026-11-01']) {
        const midnight = zonedTimeToUtc(day, '00:00', tz).getTime();
        for (let ms = midnight - 20 * 60_000; ms < midnight + 20 * 60_000; ms += 7 * 60_000 + 13_000) {
          const expected = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(ms));
          expect(localDay(new Date(ms), tz), `${tz} ${new Date(ms).toISOString()}`).toBe(expected);
        }
      }
    }
  });

  it('stays exact where the offset is no whole quarter hour (local mean time before 1900)', () => {
    const tz = 'Asia/Kolkata';
    for (let ms = Date.UTC(1880, 0, 1, 18, 0); ms < Date.UTC(1880, 0, 1, 19, 30); ms += 60_000) {
      const expected = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(ms));
      expect(localDay(new Date(ms), tz)).toBe(expected);
    }
  });
});
