import { describe, expect, it } from 'vitest';
import { cronTimes, describeCron } from '../../../src/core/commands/cron-words.js';
import { formatDay, formatDayRange, formatPeople } from '../../../src/core/i18n/dates.js';

describe('schedules in words', () => {
  it.each([
    ['0 16 * * 5', '毎週金曜 16:00', 'every Friday at 16:00'],
    ['0 10 * * 1#1', '毎月第1月曜 10:00', 'the first Monday of every month at 10:00'],
    ['0 11 * * 3#2', '毎月第2水曜 11:00', 'the second Wednesday of every month at 11:00'],
    ['30 3 * * *', '毎日 03:30', 'every day at 03:30'],
    ['0 9 * * 1-5', '平日毎日 09:00', 'every weekday at 09:00'],
    ['0 9 * * 1,4', '毎週月曜・木曜 09:00', 'every Monday and Thursday at 09:00'],
    ['0 0 10 * * WED', '毎週水曜 10:00', 'every Wednesday at 10:00'],
    ['0 8 1 * *', '毎月1日 08:00', 'day 1 of every month at 08:00'],
  ])('%s', (cron, ja, en) => {
    expect(describeCron(cron, 'ja')).toBe(ja);
    expect(describeCron(cron, 'en')).toBe(en);
  });

  it('gives up on shapes it cannot say simply (the cron is shown instead)', () => {
    expect(describeCron('*/15 9-17 * * 1-5', 'ja')).toBeNull();
    expect(describeCron('0 9 * 4 *', 'en')).toBeNull();
  });

  it('reads the times and weekdays for the quiet-hours check', () => {
    expect(cronTimes('0 21 * * *')).toEqual({ minutes: [1260], weekdays: null });
    expect(cronTimes('30 7,12 * * 6,0')).toEqual({ minutes: [450, 750], weekdays: [6, 0] });
    expect(cronTimes('*/5 * * * *')).toBeNull();
  });
});

describe('dates and people', () => {
  it('writes periods as dates, never as ISO weeks', () => {
    expect(formatDayRange('ja', '2026-03-02', '2026-03-08')).toBe('3月2日〜8日');
    expect(formatDayRange('ja', '2026-03-30', '2026-04-05')).toBe('3月30日〜4月5日');
    expect(formatDayRange('ja', '2026-12-28', '2027-01-03')).toBe('2026年12月28日〜2027年1月3日');
    expect(formatDayRange('en', '2026-03-02', '2026-03-08')).toBe('Mar 2–8');
    expect(formatDayRange('en', '2026-03-30', '2026-04-05')).toBe('Mar 30 – Apr 5');
    expect(formatDay('ja', '2026-11-24')).toBe('2026年11月24日');
  });

  it('counts people with 名 and English plurals', () => {
    expect(formatPeople('ja', 1234)).toBe('1,234名');
    expect(formatPeople('en', 1)).toBe('1 person');
    expect(formatPeople('en', 2)).toBe('2 people');
    expect(formatPeople('en', 0)).toBe('0 people');
  });
});
