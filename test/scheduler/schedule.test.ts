import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULES, JOB_NAMES } from '../../src/core/types.js';
import { describeCronProblem } from '../../src/scheduler/cron-text.js';
import { nextFire, periodGranularity, periodOf, previousFire, validateCron } from '../../src/scheduler/schedule.js';

describe('validateCron', () => {
  it('accepts every default schedule', () => {
    for (const job of JOB_NAMES) expect(validateCron(DEFAULT_SCHEDULES[job]), job).toEqual({ ok: true });
  });

  it('accepts ranges, steps, names and nth weekday', () => {
    for (const expr of ['*/15 9-17 * * 1-5', '0 10 * * MON', '0 10 * * 1#1', '30 8 1 * *', '0 9 * * 1L']) {
      expect(validateCron(expr), expr).toEqual({ ok: true });
    }
  });

  it('refuses the wrong number of fields', () => {
    expect(validateCron('0 10 * *')).toMatchObject({ ok: false, reason: 'fields' });
    expect(validateCron('0 0 10 * * 1')).toMatchObject({ ok: false, reason: 'fields' });
  });

  it('refuses what the libraries cannot read', () => {
    expect(validateCron('61 * * * *')).toMatchObject({ ok: false, reason: 'syntax' });
    expect(validateCron('0 25 * * *')).toMatchObject({ ok: false, reason: 'syntax' });
    expect(validateCron('every monday')).toMatchObject({ ok: false, reason: 'fields' });
    expect(validateCron('a b c d e')).toMatchObject({ ok: false, reason: 'syntax' });
  });

  it('refuses a restricted day-of-month together with a restricted day-of-week', () => {
    const check = validateCron('0 10 1-7 * 1');
    expect(check).toMatchObject({ ok: false, reason: 'day-fields' });
    expect(check.ok ? '' : check.detail).toContain('1#1');
  });
});

describe('previousFire / nextFire', () => {
  it('Asia/Tokyo: Friday 16:00 JST is 07:00Z', () => {
    const now = new Date('2026-11-25T00:00:00.000Z');
    expect(previousFire(DEFAULT_SCHEDULES.digest, now, 'Asia/Tokyo')?.toISOString()).toBe('2026-11-20T07:00:00.000Z');
    expect(nextFire(DEFAULT_SCHEDULES.digest, now, 'Asia/Tokyo')?.toISOString()).toBe('2026-11-27T07:00:00.000Z');
  });

  it('a fire exactly at now is the previous fire, not the next', () => {
    const now = new Date('2026-11-27T07:00:00.000Z');
    expect(previousFire(DEFAULT_SCHEDULES.digest, now, 'Asia/Tokyo')?.toISOString()).toBe('2026-11-27T07:00:00.000Z');
    expect(nextFire(DEFAULT_SCHEDULES.digest, now, 'Asia/Tokyo')?.toISOString()).toBe('2026-12-04T07:00:00.000Z');
  });

  it('America/New_York: Friday 16:00 is 20:00Z in EDT and 21:00Z in the week after 2026-11-01', () => {
    const expr = DEFAULT_SCHEDULES.digest;
    expect(nextFire(expr, new Date('2026-10-26T00:00:00.000Z'), 'America/New_York')?.toISOString()).toBe(
      '2026-10-30T20:00:00.000Z',
    );
    expect(nextFire(expr, new Date('2026-10-31T00:00:00.000Z'), 'America/New_York')?.toISOString()).toBe(
      '2026-11-06T21:00:00.000Z',
    );
    expect(previousFire(expr, new Date('2026-11-04T00:00:00.000Z'), 'America/New_York')?.toISOString()).toBe(
      '2026-10-30T20:00:00.000Z',
    );
  });

  it('first Monday 10:00 and second Wednesday 11:00 fire once a month', () => {
    const now = new Date('2026-11-24T00:00:00.000Z');
    expect(nextFire(DEFAULT_SCHEDULES['purpose-reminder'], now, 'Asia/Tokyo')?.toISOString()).toBe(
      '2026-12-07T01:00:00.000Z',
    );
    expect(previousFire(DEFAULT_SCHEDULES['purpose-reminder'], now, 'Asia/Tokyo')?.toISOString()).toBe(
      '2026-11-02T01:00:00.000Z',
    );
    expect(nextFire(DEFAULT_SCHEDULES['idea-call'], now, 'Asia/Tokyo')?.toISOString()).toBe('2026-12-09T02:00:00.000Z');
  });
});

describe('periodOf', () => {
  const fri = new Date('2026-11-27T07:00:00.000Z');

  it('weekly jobs: ISO week; monthly: month; daily: local day', () => {
    expect(periodOf('digest', fri, 'Asia/Tokyo')).toBe('2026-W48');
    expect(periodOf('story-prompts', fri, 'Asia/Tokyo')).toBe('2026-W48');
    expect(periodOf('manager-reports', fri, 'Asia/Tokyo')).toBe('2026-W48');
    expect(periodOf('nudges', fri, 'Asia/Tokyo')).toBe('2026-W48');
    expect(periodOf('purpose-reminder', fri, 'Asia/Tokyo')).toBe('2026-11');
    expect(periodOf('idea-call', fri, 'Asia/Tokyo')).toBe('2026-11');
    expect(periodOf('directory-sync', fri, 'Asia/Tokyo')).toBe('2026-11-27');
    expect(periodOf('retention', fri, 'Asia/Tokyo')).toBe('2026-11-27');
    expect(periodGranularity('digest')).toBe('week');
  });

  it('is read in the workspace zone: Monday 00:30 JST is still Sunday in UTC', () => {
    const mondayJst = new Date('2026-11-29T15:30:00.000Z');
    expect(periodOf('digest', mondayJst, 'Asia/Tokyo')).toBe('2026-W49');
    expect(periodOf('digest', mondayJst, 'UTC')).toBe('2026-W48');
    expect(periodOf('purpose-reminder', new Date('2026-11-30T15:30:00.000Z'), 'Asia/Tokyo')).toBe('2026-12');
  });

  it('2027-01-01 belongs to ISO week 2026-W53', () => {
    expect(periodOf('digest', new Date('2027-01-01T07:00:00.000Z'), 'Asia/Tokyo')).toBe('2026-W53');
  });
});

describe('describeCronProblem', () => {
  it('says in Japanese and English why an expression was refused', () => {
    const both = validateCron('0 10 1-7 * 1');
    if (both.ok) throw new Error('expected a refusal');
    expect(describeCronProblem('ja', both)).toContain('0 10 * * 1#1');
    expect(describeCronProblem('en', both)).toContain('not both');
    const fields = validateCron('0 10 * *');
    if (fields.ok) throw new Error('expected a refusal');
    expect(describeCronProblem('ja', fields)).toBe('項目の数が正しくありません。分・時・日・月・曜日の5項目が必要です');
    const syntax = validateCron('61 * * * *');
    if (syntax.ok) throw new Error('expected a refusal');
    expect(describeCronProblem('en', syntax)).toMatch(/^a value cannot be read: .+/u);
  });
});
