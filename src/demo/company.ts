import type { Locale } from '../core/types.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import { createRandom, type Random } from './random.js';

/** The demo workspace's time zone; Asia/Tokyo has no daylight saving, so the offset is fixed. */
export const DEMO_TIMEZONE = 'Asia/Tokyo';
export const DEMO_UTC_OFFSET_MS = 9 * 60 * 60 * 1000;

export type DemoTitle = 'president' | 'executive' | 'head' | 'lead' | 'staff';

export interface DemoMember {
  index: number;
  /** Slack-style user id, unique in the company. */
  platformId: string;
  /** Family name first, as Japanese directories write it ("佐藤 健太"); romaji given-family in English. */
  name: string;
  email: string;
  /** Null only for the president, who sits above every department. */
  department: string | null;
  location: string;
  managerIndex: number | null;
  title: DemoTitle;
  isExecutive: boolean;
  isPilot: boolean;
  role: 'member' | 'ops' | 'admin';
  joinedAt: string;
  /** Joined inside the demo's ten weeks (a new hire). */
  isNewHire: boolean;
}

export interface DemoChannel {
  id: string;
  name: string;
  purpose: 'general' | 'tips' | 'stories';
}

export interface DemoCompany {
  seed: number;
  locale: Locale;
  name: string;
  members: DemoMember[];
  departments: string[];
  locations: string[];
  presidentIndex: number;
  executiveIndexes: number[];
  /** The department that runs the SNS programme; all of it is in the pilot. */
  opsDepartment: string;
  /** The department that never takes part (the activity generator keeps it silent). */
  neverJoiningDepartment: string;
  /** Departments added in the expansion phase, after the pilot. */
  expansionDepartments: string[];
  pilotIndexes: number[];
  /** The counted SNS channels; the first is where the digest goes. */
  channels: DemoChannel[];
}

interface DepartmentPlan {
  key: 'sales' | 'dev' | 'support' | 'marketing' | 'hr' | 'accounting';
  ja: string;
  en: string;
  /** Members including the head and team leads. */
  size: number;
  /** Weights over LOCATIONS (Tokyo, Osaka, Fukuoka) for each team. */
  locationWeights: [number, number, number];
  /** Index of the executive who oversees it. */
  executive: number;
}

const DEPARTMENTS: readonly DepartmentPlan[] = [
  { key: 'sales', ja: '営業部', en: 'Sales', size: 92, locationWeights: [5, 3.5, 1.5], executive: 0 },
  { key: 'dev', ja: '開発部', en: 'Engineering', size: 84, locationWeights: [7, 0, 3], executive: 1 },
  {
    key: 'support',
    ja: 'カスタマーサポート部',
    en: 'Customer Support',
    size: 52,
    locationWeights: [2, 5, 3],
    executive: 1,
  },
  { key: 'marketing', ja: 'マーケティング部', en: 'Marketing', size: 40, locationWeights: [8.5, 1.5, 0], executive: 0 },
  { key: 'hr', ja: '人事部', en: 'Human Resources', size: 22, locationWeights: [1, 0, 0], executive: 2 },
  { key: 'accounting', ja: '経理部', en: 'Accounting', size: 24, locationWeights: [8, 2, 0], executive: 2 },
];

const LOCATIONS: Record<Locale, [string, string, string]> = {
  ja: ['東京本社', '大阪支社', '福岡支社'],
  en: ['Tokyo HQ', 'Osaka Office', 'Fukuoka Office'],
};

const EXECUTIVE_COUNT = 3;
const TEAM_SIZE = 8;
const PILOT_VOLUNTEERS = 8;
const NEW_HIRES = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CompanyOptions {
  seed?: number;
  /** The demo's "now": join dates are set relative to it. */
  now: Date;
  locale?: Locale;
  /** Department sizes are multiplied by this (default 1: 318 people); the promises test runs a smaller company. */
  scale?: number;
}

/**
 * Builds the simulated company of `npm run demo`: 318 people in 6 departments over 3 sites, a
 * reporting tree (president → executives → department heads → team leads → staff), the pilot group
 * (the ops department plus volunteers) and a few new hires. Deterministic for a seed and a `now`.
 * Called by the demo runner and the demo tests.
 */
export function createCompany(options: CompanyOptions): DemoCompany {
  const seed = options.seed ?? 42;
  const locale = options.locale ?? 'ja';
  const random = createRandom(seed);
  const names = createNamer(random, locale);
  const locations = LOCATIONS[locale];
  const nowMs = options.now.getTime();
  const members: DemoMember[] = [];

  const add = (
    input: Omit<DemoMember, 'index' | 'platformId' | 'name' | 'email' | 'isNewHire' | 'isPilot' | 'role' | 'joinedAt'>,
    yearsAgo: [number, number],
  ): DemoMember => {
    const index = members.length;
    const { name, email } = names.next();
    const daysAgo = random.int(Math.round(yearsAgo[0] * 365), Math.round(yearsAgo[1] * 365));
    const member: DemoMember = {
      ...input,
      index,
      platformId: `UDEMO${String(index + 1).padStart(4, '0')}`,
      name,
      email,
      isPilot: false,
      role: 'member',
      isNewHire: false,
      joinedAt: joinInstant(nowMs - daysAgo * DAY_MS),
    };
    members.push(member);
    return member;
  };

  const president = add(
    { department: null, location: locations[0], managerIndex: null, title: 'president', isExecutive: true },
    [15, 25],
  );
  const executives = Array.from({ length: EXECUTIVE_COUNT }, (_, n) => {
    const firstDepartment = DEPARTMENTS.find((plan) => plan.executive === n);
    return add(
      {
        department: firstDepartment === undefined ? null : departmentName(firstDepartment, locale),
        location: locations[0],
        managerIndex: president.index,
        title: 'executive',
        isExecutive: true,
      },
      [10, 25],
    );
  });

  for (const plan of DEPARTMENTS) {
    const department = departmentName(plan, locale);
    const executive = executives[plan.executive];
    const head = add(
      {
        department,
        location: locations[0],
        managerIndex: executive?.index ?? president.index,
        title: 'head',
        isExecutive: false,
      },
      [8, 22],
    );
    // The head is one of `size`; the rest split into teams of a lead and up to TEAM_SIZE - 1 staff.
    let remaining = Math.max(3, Math.round(plan.size * (options.scale ?? 1))) - 1;
    while (remaining > 0) {
      const teamSize = Math.min(remaining, TEAM_SIZE);
      const location = locations[random.weighted(plan.locationWeights)] ?? locations[0];
      const lead = add({ department, location, managerIndex: head.index, title: 'lead', isExecutive: false }, [4, 18]);
      for (let n = 1; n < teamSize; n += 1) {
        add({ department, location, managerIndex: lead.index, title: 'staff', isExecutive: false }, [0.3, 15]);
      }
      remaining -= teamSize;
    }
  }

  const nameOf = (key: DepartmentPlan['key']): string =>
    departmentName(DEPARTMENTS.find((plan) => plan.key === key) as DepartmentPlan, locale);
  const opsDepartment = nameOf('hr');
  const neverJoiningDepartment = nameOf('accounting');

  // New hires: staff who joined during the ten weeks — half in the last week (state `new`).
  const staffOutside = members.filter(
    (member) => member.title === 'staff' && member.department !== neverJoiningDepartment,
  );
  const hires = random.shuffle(staffOutside).slice(0, NEW_HIRES);
  hires.forEach((member, n) => {
    const daysAgo = n < NEW_HIRES / 2 ? random.int(1, 6) : random.int(21, 45);
    member.joinedAt = joinInstant(nowMs - daysAgo * DAY_MS);
    member.isNewHire = true;
  });

  // Pilot: the whole ops department and volunteers from the departments that will follow.
  const volunteers = random
    .shuffle(
      members.filter(
        (member) =>
          member.title === 'staff' &&
          !member.isNewHire &&
          member.department !== opsDepartment &&
          member.department !== neverJoiningDepartment,
      ),
    )
    .slice(0, PILOT_VOLUNTEERS);
  for (const member of members) {
    if (member.department === opsDepartment && !member.isExecutive && !member.isNewHire) member.isPilot = true;
  }
  for (const member of volunteers) member.isPilot = true;

  // The ops department's head administers Hiroba; two of its staff run it day to day.
  const opsStaff = members.filter(
    (member) => member.department === opsDepartment && member.title === 'staff' && !member.isNewHire,
  );
  const opsHead = members.find((member) => member.department === opsDepartment && member.title === 'head');
  if (opsHead !== undefined) opsHead.role = 'admin';
  for (const member of opsStaff.slice(0, 2)) member.role = 'ops';

  return {
    seed,
    locale,
    name: locale === 'ja' ? '株式会社ひろば商事' : 'Hiroba Trading Co., Ltd.',
    members,
    departments: DEPARTMENTS.map((plan) => departmentName(plan, locale)),
    locations: [...locations],
    presidentIndex: president.index,
    executiveIndexes: [president.index, ...executives.map((member) => member.index)],
    opsDepartment,
    neverJoiningDepartment,
    expansionDepartments: [nameOf('dev'), nameOf('marketing')],
    pilotIndexes: members.filter((member) => member.isPilot).map((member) => member.index),
    channels:
      locale === 'ja'
        ? [
            { id: 'CHIROBA001', name: 'hiroba-広場', purpose: 'general' },
            { id: 'CHIROBA002', name: 'hiroba-仕事のコツ', purpose: 'tips' },
            { id: 'CHIROBA003', name: 'hiroba-成功事例', purpose: 'stories' },
          ]
        : [
            { id: 'CHIROBA001', name: 'hiroba-square', purpose: 'general' },
            { id: 'CHIROBA002', name: 'hiroba-tips', purpose: 'tips' },
            { id: 'CHIROBA003', name: 'hiroba-success-stories', purpose: 'stories' },
          ],
  };
}

function departmentName(plan: DepartmentPlan, locale: Locale): string {
  return locale === 'ja' ? plan.ja : plan.en;
}

/** Joining happens at 09:00 local time on the day. */
function joinInstant(ms: number): string {
  const localDay = Math.floor((ms + DEMO_UTC_OFFSET_MS) / DAY_MS);
  return new Date(localDay * DAY_MS + 9 * 60 * 60 * 1000 - DEMO_UTC_OFFSET_MS).toISOString();
}

/** Unique full names, and emails `given.family@example.co.jp` (a number added when two spell alike). */
function createNamer(random: Random, locale: Locale): { next(): { name: string; email: string } } {
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  return {
    next() {
      for (;;) {
        const [familyKanji, familyRomaji] = random.pick(FAMILY_NAMES);
        const [givenKanji, givenRomaji] = random.pick(GIVEN_NAMES);
        const kanji = `${familyKanji} ${givenKanji}`;
        if (usedNames.has(kanji)) continue;
        usedNames.add(kanji);
        const local = `${givenRomaji}.${familyRomaji}`.toLowerCase();
        let email = `${local}@example.co.jp`;
        for (let n = 2; usedEmails.has(email); n += 1) email = `${local}${n}@example.co.jp`;
        usedEmails.add(email);
        return { name: locale === 'ja' ? kanji : `${givenRomaji} ${familyRomaji}`, email };
      }
    },
  };
}
