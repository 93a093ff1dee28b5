import { describe, expect, it } from 'vitest';
import { eligibleMembers, groupBy, isManager, reportsOf } from '../../src/core/groups.js';
import type { Member } from '../../src/core/types.js';
import { memberFixture } from '../support/member-fixture.js';

function member(id: number, over: Partial<Member> = {}): Member {
  return memberFixture(id, { email: `m${id}@example.com`, ...over });
}

const ids = (ms: Member[]): number[] => ms.map((m) => m.id);

describe('eligibleMembers', () => {
  const at = new Date('2026-11-29T15:00:00.000Z');
  const members = [
    member(1),
    member(2, { isBot: true }),
    member(3, { deactivatedAt: '2026-11-20T00:00:00.000Z' }),
    member(4, { deactivatedAt: '2026-12-01T00:00:00.000Z' }),
    member(5, { joinedAt: '2026-11-30T00:00:00.000Z' }),
    member(6, { joinedAt: '2026-11-29T15:00:00.000Z' }),
    member(7, { deactivatedAt: '2026-11-29T15:00:00.000Z' }),
    member(8, { joinedAt: '2026-11-29T14:59:59.999Z' }),
  ];

  it('keeps people who joined before the instant and were not deactivated by then', () => {
    // 2 bot; 3 deactivated before; 5 joins after; 6 joins at the instant; 7 deactivated at the instant
    expect(ids(eligibleMembers(members, at))).toEqual([1, 4, 8]);
  });
});

describe('reporting lines', () => {
  // 1 → 2, 3; 2 → 4; 4 → 5; 6 ↔ 7 (a loop); 8 manages themself (bad data)
  const members = [
    member(1),
    member(2, { managerId: 1 }),
    member(3, { managerId: 1 }),
    member(4, { managerId: 2 }),
    member(5, { managerId: 4 }),
    member(6, { managerId: 7 }),
    member(7, { managerId: 6 }),
    member(8, { managerId: 8 }),
  ];

  it('finds direct and indirect reports', () => {
    expect(ids(reportsOf(1, members))).toEqual([2, 3, 4, 5]);
    expect(ids(reportsOf(2, members))).toEqual([4, 5]);
    expect(ids(reportsOf(5, members))).toEqual([]);
  });

  it('survives reporting loops and never lists the manager as their own report', () => {
    expect(ids(reportsOf(6, members))).toEqual([7]);
    expect(ids(reportsOf(7, members))).toEqual([6]);
    expect(ids(reportsOf(8, members))).toEqual([]);
  });

  it('calls anyone with a report a manager', () => {
    expect(isManager(1, members)).toBe(true);
    expect(isManager(4, members)).toBe(true);
    expect(isManager(5, members)).toBe(false);
    expect(isManager(8, members)).toBe(false);
  });
});

describe('groupBy', () => {
  const members = [
    member(1, { department: 'Sales', location: 'Tokyo' }),
    member(2, { department: 'Dev', location: 'Osaka', managerId: 1 }),
    member(3, { department: null, location: 'Tokyo', managerId: 1 }),
    member(4, { department: 'Sales', location: null, managerId: 2 }),
  ];

  it('groups by department, with no department under ""', () => {
    const g = groupBy(members, 'department');
    expect([...g.keys()]).toEqual(['Sales', 'Dev', '']);
    expect(ids(g.get('Sales') ?? [])).toEqual([1, 4]);
    expect(ids(g.get('') ?? [])).toEqual([3]);
  });

  it('groups by location', () => {
    const g = groupBy(members, 'location');
    expect(ids(g.get('Tokyo') ?? [])).toEqual([1, 3]);
    expect(ids(g.get('') ?? [])).toEqual([4]);
  });

  it('groups by direct manager id', () => {
    const g = groupBy(members, 'manager');
    expect(ids(g.get('1') ?? [])).toEqual([2, 3]);
    expect(ids(g.get('2') ?? [])).toEqual([4]);
    expect(ids(g.get('') ?? [])).toEqual([1]);
  });
});
