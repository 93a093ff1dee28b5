import { describe, expect, it } from 'vitest';
import { isBusinessDay, jpHolidayName, nextBusinessDay } from '../../src/scheduler/calendar.js';

describe('business days', () => {
  it('2027-01-01 (元日) is not a business day under jp, but is under none', () => {
    expect(jpHolidayName('2027-01-01')).toBe('元日');
    expect(isBusinessDay('2027-01-01', 'jp')).toBe(false);
    expect(isBusinessDay('2027-01-01', 'none')).toBe(true); // a Friday
  });

  it('the next business day after 元日 2027 skips the weekend: 2027-01-04', () => {
    expect(nextBusinessDay('2027-01-01', 'jp')).toBe('2027-01-04');
    expect(nextBusinessDay('2026-12-31', 'none')).toBe('2027-01-01');
  });

  it('weekends are never business days', () => {
    expect(isBusinessDay('2026-11-28', 'none')).toBe(false);
    expect(isBusinessDay('2026-11-29', 'jp')).toBe(false);
    expect(isBusinessDay('2026-11-27', 'jp')).toBe(true);
  });

  it('Golden Week 2026 with its substitute holiday: after 2026-05-01 comes 2026-05-07', () => {
    expect(jpHolidayName('2026-05-06')).toContain('振替休日');
    expect(nextBusinessDay('2026-05-01', 'jp')).toBe('2026-05-07');
    expect(nextBusinessDay('2026-05-01', 'none')).toBe('2026-05-04');
  });

  it('勤労感謝の日 2026 falls on a Monday', () => {
    expect(jpHolidayName('2026-11-23')).toBe('勤労感謝の日');
    expect(jpHolidayName('2026-11-24')).toBeNull();
    expect(nextBusinessDay('2026-11-20', 'jp')).toBe('2026-11-24');
  });

  it('refuses something that is not a day', () => {
    expect(() => jpHolidayName('2027-1-1')).toThrow(/YYYY-MM-DD/);
  });
});
