import { directReports, eligibleMembers, reportsOf } from './groups.js';
import { formatPercent, t } from './i18n/index.js';
import { type Message, messageToPlainText } from './message.js';
import { daysLabel } from './programs/period-label.js';
import { isQuietTime } from './quiet-hours.js';
import { isNeverNudged, PROMPT_JOBS, WEEKLY_PROMPT_CAP } from './reach.js';
import { KICKOFF_JOB } from './service/rollout.js';
import { addDays, isoWeekOf, isoWeekRange, isoWeekStartDay, localDay, shiftWeek } from './time.js';
import { type Activity, CONTRIBUTION_KINDS, LOCALES, type Member, type Workspace } from './types.js';

/**
 * What Hiroba promises every person, checked over everything it sent. The simulated quarter test and
 * `npm run demo` run these over a whole rollout; a broken promise names the member, the message and
 * the day. Each promise is one function below, in the order the product states them.
 */

/** One message Hiroba delivered, as the checker reads it. */
export interface SentRecord {
  job: string;
  period: string;
  /** The member it went to (null for a channel post). */
  member: Member | null;
  channel: string | null;
  message: Message;
  sentAt: string;
  /** When the program queued it (a rest or a cap starts when the message is queued). */
  createdAt: string;
}

export interface PromiseInput {
  workspace: Workspace;
  /** Every member, as they are at the end (leavers and bots included). */
  members: readonly Member[];
  /** Every activity recorded, oldest first. */
  activities: readonly Activity[];
  /** Every message sent, oldest first. */
  sent: readonly SentRecord[];
}

export interface PromiseBreach {
  promise: string;
  member: string;
  day: string;
  message: string;
  detail: string;
}

export interface PromiseReport {
  results: { id: string; kept: boolean; breaches: PromiseBreach[] }[];
  kept: number;
  total: number;
}

interface Context extends PromiseInput {
  tz: string;
  byId: Map<number, Member>;
  /** Member id → their contributions' instants, oldest first. */
  contributions: Map<number, string[]>;
  dms: Map<number, SentRecord[]>;
  breach(promise: string, sent: SentRecord | null, member: Member | null, detail: string, at?: string): void;
}

type Check = (ctx: Context) => void;

const DAY_MS = 86_400_000;

function plain(record: SentRecord): string {
  return record.message.title ?? record.message.fallback;
}

/** Which nudge step a nudge message is, by its title in either language (the message carries no step). */
function nudgeStep(message: Message): number | null {
  if (message.kind !== 'nudge') return null;
  for (const locale of LOCALES) {
    for (const [step, key] of [
      [1, 'programs.nudge.title.1'],
      [1, 'programs.nudge.title.1plain'],
      [2, 'programs.nudge.title.2'],
      [3, 'programs.nudge.title.3'],
    ] as const) {
      if (message.title === t(locale, key)) return step;
    }
  }
  return null;
}

function contributedBetween(ctx: Context, memberId: number, from: string, to: string): boolean {
  return (ctx.contributions.get(memberId) ?? []).some((at) => at > from && at <= to);
}

/** 1. A member's first message from Hiroba is the kick-off: purpose, rules, how to start. Never a nudge or a prompt. */
const kickoffFirst: Check = (ctx) => {
  for (const [id, list] of ctx.dms) {
    const first = list[0];
    if (first && first.job !== KICKOFF_JOB)
      ctx.breach('kickoffFirst', first, ctx.byId.get(id) ?? null, 'the first message was not the kick-off');
  }
};

/** 2. No member gets more than two prompts and nudges in a week, and no DM in quiet hours, on a weekend or a 祝日. */
const weeklyCapAndQuietHours: Check = (ctx) => {
  const settings = ctx.workspace.settings;
  for (const [id, list] of ctx.dms) {
    const member = ctx.byId.get(id) ?? null;
    const perWeek = new Map<string, number>();
    for (const record of list) {
      if (isQuietTime(new Date(record.sentAt), settings))
        ctx.breach('weeklyCapAndQuietHours', record, member, 'sent in quiet hours, on a weekend or a holiday');
      if (!(PROMPT_JOBS as readonly string[]).includes(record.job)) continue;
      const week = isoWeekOf(record.sentAt, ctx.tz);
      const count = (perWeek.get(week) ?? 0) + 1;
      perWeek.set(week, count);
      if (count > WEEKLY_PROMPT_CAP)
        ctx.breach('weeklyCapAndQuietHours', record, member, `prompt or nudge number ${count} in ${week}`);
    }
  }
};

/**
 * 3. The nudge ladder moves forward: a member who reacts gets the reply step next, never the react
 * step again; after three unanswered steps a member gets no nudge and no prompt for 90 days.
 */
const ladderMovesForward: Check = (ctx) => {
  for (const [id, list] of ctx.dms) {
    const member = ctx.byId.get(id) ?? null;
    const nudges = list.filter((r) => r.job === 'nudges');
    for (let i = 1; i < nudges.length; i += 1) {
      const before = nudges[i - 1];
      const now = nudges[i];
      if (!before || !now) continue;
      const restarted =
        contributedBetween(ctx, id, before.createdAt, now.createdAt) ||
        Date.parse(now.createdAt) - Date.parse(before.createdAt) >= 90 * DAY_MS;
      const a = nudgeStep(before.message);
      const b = nudgeStep(now.message);
      if (!restarted && a !== null && b !== null && b <= a)
        ctx.breach('ladderMovesForward', now, member, `step ${b} after step ${a} with no contribution between`);
    }
    for (const third of nudges.filter((r) => nudgeStep(r.message) === 3)) {
      const end = new Date(Date.parse(third.createdAt) + 90 * DAY_MS).toISOString();
      for (const later of list) {
        if (later.createdAt <= third.createdAt || later.createdAt >= end) continue;
        if (!(PROMPT_JOBS as readonly string[]).includes(later.job)) continue;
        if (contributedBetween(ctx, id, third.createdAt, later.createdAt)) continue;
        ctx.breach('ladderMovesForward', later, member, 'a prompt or nudge during the 90-day rest');
      }
    }
  }
};

/** 4. Executives and ops members are never nudged. */
const leadersNeverNudged: Check = (ctx) => {
  for (const [id, list] of ctx.dms) {
    const member = ctx.byId.get(id);
    if (!member || !isNeverNudged(member)) continue;
    for (const record of list.filter((r) => r.job === 'nudges'))
      ctx.breach('leadersNeverNudged', record, member, 'an executive or ops member was nudged');
  }
};

/** "148名中37名", "29名から148名", "37 of 148": the group sizes a public message states. */
const GROUP_FIGURES = [/(\d[\d,]*)名中\d[\d,]*名/gu, /(\d[\d,]*)名から\d[\d,]*名/gu, /\d[\d,]*名から(\d[\d,]*)名/gu];

/**
 * 5. No public message (channel digest, announcement, story post) carries a figure about fewer than
 * 5 people or names a person who did not take part.
 */
const publicMessagesPrivate: Check = (ctx) => {
  const people = ctx.members.filter((m) => !m.isBot && m.name.trim().length >= 2);
  for (const record of ctx.sent) {
    if (record.channel === null) continue;
    const text = messageToPlainText(record.message);
    for (const pattern of GROUP_FIGURES) {
      for (const match of text.matchAll(pattern)) {
        const size = Number((match[1] ?? '0').replace(/,/gu, ''));
        if (size < 5) ctx.breach('publicMessagesPrivate', record, null, `a figure about ${size} people: ${match[0]}`);
      }
    }
    for (const person of people) {
      if (!text.includes(person.name)) continue;
      // Two colleagues may share a name: the text names someone who took part if any of them did.
      const took = people
        .filter((p) => p.name === person.name)
        .some((p) => (ctx.contributions.get(p.id) ?? []).some((at) => at <= record.sentAt));
      if (!took) ctx.breach('publicMessagesPrivate', record, person, 'named someone who has not taken part');
    }
  }
};

/** 6. Every first contribution (post, reply, story, idea) is thanked exactly once; nobody else is thanked. */
const firstContributionThanked: Check = (ctx) => {
  for (const member of ctx.members) {
    if (member.isBot || member.platformId === null) continue;
    const thanks = (ctx.dms.get(member.id) ?? []).filter((r) => r.job === 'first-post-thanks');
    const first = ctx.contributions.get(member.id)?.[0] ?? null;
    const mayMessage = !member.optedOut && !member.blockedBot && member.reachable !== false;
    if (first === null && thanks[0])
      ctx.breach('firstContributionThanked', thanks[0], member, 'thanked without a contribution');
    else if (first !== null && mayMessage && thanks.length !== 1)
      ctx.breach('firstContributionThanked', thanks[1] ?? null, member, `thanked ${thanks.length} times`, first);
  }
};

/**
 * 7. A manager report covers only that manager's reports, names nobody unless names are on, says the
 * dates it covers, and its figures equal an independent recount from the raw activities.
 */
const managerReportsTrue: Check = (ctx) => {
  const index = directReports([...ctx.members]);
  const contributionKinds = new Set(CONTRIBUTION_KINDS);
  const namesOn = ctx.workspace.settings.managerNames;
  for (const record of ctx.sent) {
    const manager = record.member;
    if (record.job !== 'manager-reports' || manager === null) continue;
    const locale = manager.locale ?? ctx.workspace.settings.locale;
    const text = messageToPlainText(record.message);
    // The job runs in the week after the one it reports on (its ledger period is the run's week).
    const week = shiftWeek(record.period, -1);
    const range = isoWeekRange(week, ctx.tz);
    const first = isoWeekStartDay(week);
    if (!text.includes(daysLabel(locale, first, addDays(first, 6))))
      ctx.breach('managerReportsTrue', record, manager, `does not say the dates of ${week}`);
    const team = eligibleMembers(reportsOf(manager.id, ctx.members, index), range.to);
    const teamIds = new Set(team.map((m) => m.id));
    for (const other of ctx.members) {
      // A namesake of the manager is not named: the report greets the manager by their own name.
      if (other.id === manager.id || other.name === manager.name || other.isBot || !text.includes(other.name)) continue;
      if (!namesOn) ctx.breach('managerReportsTrue', record, manager, `names ${other.name} with names off`);
      else if (!teamIds.has(other.id))
        ctx.breach('managerReportsTrue', record, manager, `names ${other.name}, who is not a report`);
    }
    if (team.length < 5) continue;
    const from = range.from.toISOString();
    const to = range.to.toISOString();
    const contributors = new Set(
      ctx.activities
        .filter(
          (a) => teamIds.has(a.memberId) && contributionKinds.has(a.kind) && a.occurredAt >= from && a.occurredAt < to,
        )
        .map((a) => a.memberId),
    );
    const rate = formatPercent(locale, contributors.size / team.length);
    const expected = t(locale, 'programs.manager.versus', { team: rate, company: '' }).trim();
    if (!text.includes(expected))
      ctx.breach(
        'managerReportsTrue',
        record,
        manager,
        `team participation is not ${rate} (${contributors.size}/${team.length})`,
      );
  }
};

/** The product's promises, in order, with the words the report uses. */
export const PROMISES: readonly { id: string; check: Check }[] = [
  { id: 'kickoffFirst', check: kickoffFirst },
  { id: 'weeklyCapAndQuietHours', check: weeklyCapAndQuietHours },
  { id: 'ladderMovesForward', check: ladderMovesForward },
  { id: 'leadersNeverNudged', check: leadersNeverNudged },
  { id: 'publicMessagesPrivate', check: publicMessagesPrivate },
  { id: 'firstContributionThanked', check: firstContributionThanked },
  { id: 'managerReportsTrue', check: managerReportsTrue },
];

/** Checks every promise over what was sent; each breach names the member, the message and the day. */
export function checkPromises(input: PromiseInput): PromiseReport {
  const tz = input.workspace.settings.timezone;
  const contributionKinds = new Set(CONTRIBUTION_KINDS);
  const contributions = new Map<number, string[]>();
  for (const a of input.activities) {
    if (!contributionKinds.has(a.kind)) continue;
    const list = contributions.get(a.memberId) ?? [];
    list.push(a.occurredAt);
    contributions.set(a.memberId, list);
  }
  for (const list of contributions.values()) list.sort();
  const dms = new Map<number, SentRecord[]>();
  for (const record of input.sent) {
    if (record.member === null) continue;
    const list = dms.get(record.member.id) ?? [];
    list.push(record);
    dms.set(record.member.id, list);
  }
  const breaches: PromiseBreach[] = [];
  const ctx: Context = {
    ...input,
    tz,
    byId: new Map(input.members.map((m) => [m.id, m])),
    contributions,
    dms,
    breach(promise, sent, member, detail, at) {
      breaches.push({
        promise,
        member: member?.name ?? sent?.channel ?? '—',
        day: localDay(sent?.sentAt ?? at ?? new Date(0).toISOString(), tz),
        message: sent ? plain(sent) : '—',
        detail,
      });
    },
  };
  for (const promise of PROMISES) promise.check(ctx);
  const results = PROMISES.map((p) => {
    const mine = breaches.filter((b) => b.promise === p.id);
    return { id: p.id, kept: mine.length === 0, breaches: mine };
  });
  return { results, kept: results.filter((r) => r.kept).length, total: results.length };
}
