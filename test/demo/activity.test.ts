import { describe, expect, it } from 'vitest';
import { CONTRIBUTION_KINDS } from '../../src/core/types.js';
import { generateActivity } from '../../src/demo/activity.js';
import { createCompany } from '../../src/demo/company.js';

const now = new Date('2026-03-13T07:00:00.000Z'); // Friday 16:00 in Tokyo
const company = createCompany({ now });
const activity = generateActivity(company, { now });
const WEEK = 7 * 24 * 3600 * 1000;
const weekOf = (instant: string): number =>
  Math.floor((Date.parse(instant) - Date.parse(activity.timeline.start)) / WEEK);
const isContribution = (kind: string): boolean => (CONTRIBUTION_KINDS as readonly string[]).includes(kind);

describe('generateActivity', () => {
  it('covers ten ISO weeks that start on a Monday in Tokyo and end at now', () => {
    expect(activity.timeline).toEqual({
      start: '2026-01-04T15:00:00.000Z',
      end: '2026-03-13T07:00:00.000Z',
      weeks: 10,
      expansionWeek: 3,
      companyWeek: 6,
      presidentWeek: 7,
      presidentWeekStart: '2026-02-22T15:00:00.000Z',
    });
    const first = activity.events[0];
    const last = activity.events.at(-1);
    expect(Date.parse(first?.occurredAt ?? '')).toBeGreaterThanOrEqual(Date.parse(activity.timeline.start));
    expect(Date.parse(last?.occurredAt ?? '')).toBeLessThan(now.getTime());
  });

  it('produces thousands of events in time order with unique ids', () => {
    expect(activity.events.length).toBeGreaterThan(5000);
    expect(new Set(activity.events.map((event) => event.eventId)).size).toBe(activity.events.length);
    for (let n = 1; n < activity.events.length; n += 1) {
      expect((activity.events[n - 1]?.occurredAt ?? '') <= (activity.events[n]?.occurredAt ?? '')).toBe(true);
    }
  });

  it('is the same for the same seed', () => {
    expect(generateActivity(createCompany({ now }), { now })).toEqual(activity);
    expect(generateActivity(company, { now, seed: 99 }).events.length).not.toBe(activity.events.length);
  });

  it('only uses counted channels, and replies and reactions target someone else', () => {
    const channels = new Set(company.channels.map((channel) => channel.id));
    for (const event of activity.events) {
      expect(channels.has(event.channelId)).toBe(true);
      if (event.kind === 'reply' || event.kind === 'reaction') {
        expect(event.targetIndex).not.toBeNull();
        expect(event.targetIndex).not.toBe(event.memberIndex);
      } else {
        expect(event.targetIndex).toBeNull();
      }
    }
  });

  it('has every kind of activity', () => {
    const kinds = new Set(activity.events.map((event) => event.kind));
    expect([...kinds].sort()).toEqual(['idea', 'post', 'prompt_answer', 'reaction', 'reply', 'story']);
  });

  it('keeps the department that never joins at zero contributions (and zero activity)', () => {
    expect(company.neverJoiningDepartment).toBe('経理部');
    const fromIt = activity.events.filter(
      (event) =>
        company.members[event.memberIndex]?.department === '経理部' && !company.members[event.memberIndex]?.isExecutive,
    );
    expect(fromIt).toEqual([]);
  });

  it('has about 5% enthusiasts who post on most working days, and lurkers who only react', () => {
    const enthusiasts = company.members.filter((member) => activity.personas[member.index] === 'enthusiast');
    expect(enthusiasts.length).toBeGreaterThanOrEqual(Math.floor(0.04 * company.members.length));
    expect(enthusiasts.length).toBeLessThanOrEqual(Math.ceil(0.07 * company.members.length));
    const lurkers = new Set(
      company.members.filter((member) => activity.personas[member.index] === 'lurker').map((member) => member.index),
    );
    expect(lurkers.size).toBeGreaterThan(40);
    const lurkerKinds = new Set(
      activity.events.filter((event) => lurkers.has(event.memberIndex)).map((event) => event.kind),
    );
    expect([...lurkerKinds]).toEqual(['reaction']);
  });

  it('starts with the pilot group only, and the rollout widens later', () => {
    const pilot = new Set(company.pilotIndexes);
    const firstWeeks = activity.events.filter((event) => weekOf(event.occurredAt) < activity.timeline.expansionWeek);
    expect(firstWeeks.length).toBeGreaterThan(100);
    expect(
      firstWeeks.every((event) => pilot.has(event.memberIndex) || company.members[event.memberIndex]?.isNewHire),
    ).toBe(true);
    const lastWeek = activity.events.filter((event) => weekOf(event.occurredAt) === 9);
    const departments = new Set(lastWeek.map((event) => company.members[event.memberIndex]?.department));
    expect(departments.has('営業部')).toBe(true);
    expect(departments.has('カスタマーサポート部')).toBe(true);
  });

  it("has the president's week: the president's first post, and more contributions after it", () => {
    const president = activity.events.filter((event) => event.memberIndex === company.presidentIndex);
    expect(president.map((event) => [event.kind, event.occurredAt])).toEqual([
      ['post', '2026-02-24T00:30:00.000Z'],
      ['story', '2026-02-26T02:00:00.000Z'],
    ]);
    expect(weekOf(president[0]?.occurredAt ?? '')).toBe(activity.timeline.presidentWeek);
    const contributions = (week: number): number =>
      activity.events.filter((event) => isContribution(event.kind) && weekOf(event.occurredAt) === week).length;
    const before = contributions(activity.timeline.presidentWeek - 1);
    const after = contributions(activity.timeline.presidentWeek);
    expect(after).toBeGreaterThan(before * 1.3);
    // Other executives join only once the president has shown the way.
    const executives = new Set(company.executiveIndexes);
    const early = activity.events.filter(
      (event) => executives.has(event.memberIndex) && weekOf(event.occurredAt) < activity.timeline.presidentWeek,
    );
    expect(early).toEqual([]);
  });

  it('links departments: some replies and reactions cross them', () => {
    const targeted = activity.events.filter((event) => event.targetIndex !== null);
    const cross = targeted.filter(
      (event) =>
        company.members[event.memberIndex]?.department !== company.members[event.targetIndex ?? -1]?.department,
    );
    const ratio = cross.length / targeted.length;
    expect(ratio).toBeGreaterThan(0.15);
    expect(ratio).toBeLessThan(0.6);
  });

  it('leaves some members who faded out (the nudges have someone to reach)', () => {
    expect(activity.fadedIndexes.length).toBeGreaterThan(5);
    const cutoff = now.getTime() - 14 * 24 * 3600 * 1000;
    for (const index of activity.fadedIndexes) {
      const contributions = activity.events.filter(
        (event) => event.memberIndex === index && isContribution(event.kind),
      );
      for (const event of contributions) expect(Date.parse(event.occurredAt)).toBeLessThan(cutoff);
    }
  });

  it('never records activity before a member joined', () => {
    for (const event of activity.events) {
      const member = company.members[event.memberIndex];
      expect(Date.parse(event.occurredAt)).toBeGreaterThan(Date.parse(member?.joinedAt ?? ''));
    }
  });

  it('refuses a number of weeks it cannot simulate', () => {
    expect(() => generateActivity(company, { now, weeks: 2 })).toThrow(
      'weeks must be a whole number from 4 to 52 (got 2)',
    );
  });
});
