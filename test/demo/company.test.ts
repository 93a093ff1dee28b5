import { describe, expect, it } from 'vitest';
import { createCompany } from '../../src/demo/company.js';

const now = new Date('2026-03-13T07:00:00.000Z'); // Friday 16:00 in Tokyo

describe('createCompany', () => {
  const company = createCompany({ now });

  it('has at least 300 members in 6 departments over 3 locations', () => {
    expect(company.members).toHaveLength(318);
    expect(company.departments).toEqual([
      '営業部',
      '開発部',
      'カスタマーサポート部',
      'マーケティング部',
      '人事部',
      '経理部',
    ]);
    expect(company.locations).toEqual(['東京本社', '大阪支社', '福岡支社']);
    const departmentsUsed = new Set(company.members.map((member) => member.department).filter((name) => name !== null));
    expect([...departmentsUsed].sort()).toEqual([...company.departments].sort());
    expect(new Set(company.members.map((member) => member.location)).size).toBe(3);
  });

  it('has a president, three executives and a reporting tree without cycles', () => {
    const president = company.members[company.presidentIndex];
    expect(president?.title).toBe('president');
    expect(president?.managerIndex).toBeNull();
    expect(company.executiveIndexes).toHaveLength(4);
    expect(company.members.filter((member) => member.isExecutive)).toHaveLength(4);
    for (const member of company.members) {
      const seen = new Set<number>();
      let current = member;
      while (current.managerIndex !== null) {
        expect(seen.has(current.index)).toBe(false);
        seen.add(current.index);
        const manager = company.members[current.managerIndex];
        if (manager === undefined) throw new Error(`member ${current.index} has a missing manager`);
        current = manager;
      }
      expect(current.index).toBe(company.presidentIndex);
    }
    expect(company.members.filter((member) => member.title === 'head')).toHaveLength(6);
    const leads = company.members.filter((member) => member.title === 'lead');
    expect(leads.length).toBeGreaterThanOrEqual(36);
    for (const lead of leads) expect(company.members[lead.managerIndex ?? -1]?.title).toBe('head');
  });

  it('gives everyone a unique id, a unique example.co.jp email and a Japanese name', () => {
    expect(new Set(company.members.map((member) => member.platformId)).size).toBe(318);
    expect(new Set(company.members.map((member) => member.email)).size).toBe(318);
    for (const member of company.members) {
      expect(member.email).toMatch(/^[a-z]+\.[a-z]+\d*@example\.co\.jp$/u);
      expect(member.name).toMatch(/^\S+ \S+$/u);
    }
  });

  it('has a pilot of about 30: the ops department and volunteers, never the department that does not join', () => {
    expect(company.opsDepartment).toBe('人事部');
    expect(company.pilotIndexes.length).toBeGreaterThanOrEqual(25);
    expect(company.pilotIndexes.length).toBeLessThanOrEqual(35);
    const pilots = company.pilotIndexes.map((index) => company.members[index]);
    expect(pilots.filter((member) => member?.department === '人事部').length).toBeGreaterThanOrEqual(18);
    expect(pilots.filter((member) => member?.department !== '人事部').length).toBe(8);
    expect(pilots.some((member) => member?.department === company.neverJoiningDepartment)).toBe(false);
    expect(company.members.filter((member) => member.role === 'admin')).toHaveLength(1);
    expect(company.members.filter((member) => member.role === 'ops')).toHaveLength(2);
  });

  it('has eight new hires inside the simulated weeks and everyone else joined before them', () => {
    const hires = company.members.filter((member) => member.isNewHire);
    expect(hires).toHaveLength(8);
    const tenWeeksAgo = now.getTime() - 70 * 24 * 3600 * 1000;
    for (const member of company.members) {
      const joined = Date.parse(member.joinedAt);
      expect(joined).toBeLessThan(now.getTime());
      if (member.isNewHire) expect(joined).toBeGreaterThan(tenWeeksAgo);
      else expect(joined).toBeLessThan(tenWeeksAgo);
    }
    expect(hires.filter((member) => now.getTime() - Date.parse(member.joinedAt) < 7 * 24 * 3600 * 1000)).toHaveLength(
      4,
    );
  });

  it('is the same company for the same seed, and another for another seed', () => {
    expect(createCompany({ now })).toEqual(company);
    expect(createCompany({ now, seed: 7 }).members.map((member) => member.name)).not.toEqual(
      company.members.map((member) => member.name),
    );
  });

  it('speaks English with --locale en, with the same structure', () => {
    const english = createCompany({ now, locale: 'en' });
    expect(english.departments).toEqual([
      'Sales',
      'Engineering',
      'Customer Support',
      'Marketing',
      'Human Resources',
      'Accounting',
    ]);
    expect(english.neverJoiningDepartment).toBe('Accounting');
    expect(english.members[0]?.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/u);
    expect(english.members.map((member) => member.email)).toEqual(company.members.map((member) => member.email));
    expect(english.pilotIndexes).toEqual(company.pilotIndexes);
  });
});
