import type { ActivityKind } from '../core/types.js';
import { isBusinessDay } from '../scheduler/calendar.js';
import { DEMO_UTC_OFFSET_MS, type DemoChannel, type DemoCompany, type DemoMember } from './company.js';
import { createRandom, type Random } from './random.js';

/** One simulated platform event, fed to `core.recordActivity` by the demo runner. */
export interface DemoEvent {
  eventId: string;
  kind: ActivityKind;
  memberIndex: number;
  channelId: string;
  /** The author of the post replied or reacted to; null for posts, stories, ideas, prompt answers. */
  targetIndex: number | null;
  /** A reply's parent: the event id of the post it answers (as the platforms' replies carry it). */
  parentEventId: string | null;
  occurredAt: string;
}

/**
 * How a member behaves. `enthusiast` posts every working day, `regular` a few times a week,
 * `occasional` now and then, `lurker` only reacts, `silent` does nothing, `absent` belongs to the
 * department that never joins, `leader` is an executive (silent until the president's week).
 */
export type Persona = 'enthusiast' | 'regular' | 'occasional' | 'lurker' | 'silent' | 'absent' | 'leader' | 'newcomer';

export interface DemoTimeline {
  /** Monday 00:00 local time of the first simulated week. */
  start: string;
  /** The demo's "now"; every event is before it. */
  end: string;
  weeks: number;
  /** Week numbers (0 = first week) when each phase began. */
  expansionWeek: number;
  companyWeek: number;
  /** The week the president posts for the first time; activity rises from then on. */
  presidentWeek: number;
  presidentWeekStart: string;
}

export interface DemoActivity {
  events: DemoEvent[];
  timeline: DemoTimeline;
  /** Persona of each member, by member index. */
  personas: Persona[];
  /** Members who were active and then stopped (the nudges' audience), by member index. */
  fadedIndexes: number[];
  /** Members who leave the company during the simulation, and when (their directory entry goes). */
  leavers: { index: number; at: string }[];
}

export interface ActivityOptions {
  seed?: number;
  now: Date;
  /** How many weeks to simulate (4–52); the last is the week of `now`. */
  weeks?: number;
}

/** Mean events per working day of each kind; weekends and holidays run at a tenth of this. */
interface Rates {
  post: number;
  reply: number;
  reaction: number;
  story: number;
  idea: number;
  promptAnswer: number;
}

const NONE: Rates = { post: 0, reply: 0, reaction: 0, story: 0, idea: 0, promptAnswer: 0 };
const RATES: Record<Persona, Rates> = {
  enthusiast: { post: 0.9, reply: 1.2, reaction: 2.5, story: 0.05, idea: 0.04, promptAnswer: 0.05 },
  regular: { post: 0.25, reply: 0.35, reaction: 0.9, story: 0.02, idea: 0.015, promptAnswer: 0.03 },
  occasional: { post: 0.05, reply: 0.07, reaction: 0.3, story: 0.004, idea: 0.003, promptAnswer: 0.01 },
  lurker: { ...NONE, reaction: 0.3 },
  silent: NONE,
  absent: NONE,
  leader: { ...NONE, post: 0.15, reply: 0.1, reaction: 0.5 },
  newcomer: { ...NONE, reaction: 0.3 },
};

/** Shares of personas among ordinary staff: pilot members are keener than the rest. */
const PILOT_SHARES: Array<[Persona, number]> = [
  ['enthusiast', 0.15],
  ['regular', 0.4],
  ['occasional', 0.3],
  ['lurker', 0.1],
  ['silent', 0.05],
];
const OTHER_SHARES: Array<[Persona, number]> = [
  ['enthusiast', 0.04],
  ['regular', 0.2],
  ['occasional', 0.31],
  ['lurker', 0.3],
  ['silent', 0.15],
];

/** After the president's first post, everyone takes part a little more. */
const PRESIDENT_EFFECT = 1.4;
/** Replies and reactions go to another department this often (when such a post is at hand). */
const CROSS_DEPARTMENT_SHARE = 0.3;
/** Weights of the local hours 9..18 at which people post. */
const HOUR_WEIGHTS = [1, 2, 2, 3, 2, 1.5, 1.5, 1.5, 1.5, 1];
/** How much more a leader's post draws replies and reactions than an ordinary one. */
const LEADER_WEIGHT = 25;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Replies and reactions go to posts of the last three days. */
const TARGET_WINDOW_MS = 3 * DAY_MS;

interface PostRef {
  /** The event id the post is recorded under (a reply names it as its parent). */
  eventId: string;
  memberIndex: number;
  channelId: string;
  at: number;
  department: string | null;
  weight: number;
}

interface Draft {
  kind: ActivityKind;
  memberIndex: number;
  at: number;
}

/**
 * Generates the demo's weeks of uneven, realistic activity ending at `now`: the pilot group first,
 * expansion departments next, then everyone; enthusiasts, regulars, occasional posters, lurkers who
 * only react, people who fade out, a department that never joins, new hires' first posts, and the
 * week the president posts (activity rises after it). Deterministic for a seed, a company and `now`.
 * Called by the demo runner, which feeds the events to `core.recordActivity` in order.
 */
export function generateActivity(company: DemoCompany, options: ActivityOptions): DemoActivity {
  const weeks = options.weeks ?? 10;
  if (!Number.isInteger(weeks) || weeks < 4 || weeks > 52)
    throw new RangeError(`weeks must be a whole number from 4 to 52 (got ${weeks})`);
  const random = createRandom((options.seed ?? company.seed) ^ 0x5eed);
  const nowMs = options.now.getTime();
  const startMs = mondayOfWeek(nowMs) - (weeks - 1) * 7 * DAY_MS;
  const expansionWeek = Math.max(1, Math.round(weeks * 0.3));
  const companyWeek = Math.max(expansionWeek + 1, Math.round(weeks * 0.6));
  const presidentWeek = Math.min(weeks - 2, companyWeek + 1);
  const presidentWeekMs = startMs + presidentWeek * 7 * DAY_MS;
  let presidentDayMs = presidentWeekMs;
  while (!isBusinessDay(localDayOf(presidentDayMs), 'jp')) presidentDayMs += DAY_MS;

  const personas = assignPersonas(company, random);
  const startDay = company.members.map((member) =>
    adoptionDay(company, member, personas[member.index] ?? 'silent', random, {
      expansionWeek,
      companyWeek,
      presidentWeek,
      startMs,
    }),
  );
  const fadeDay = company.members.map((member) => {
    const persona = personas[member.index];
    if ((persona !== 'regular' && persona !== 'occasional') || !random.chance(0.25)) return Number.POSITIVE_INFINITY;
    // Fading at least three weeks before the end leaves them inactive by the demo's "now".
    const first = (startDay[member.index] ?? 0) + 7;
    const last = weeks * 7 - 21;
    return first <= last ? random.int(first, last) : Number.POSITIVE_INFINITY;
  });

  // A few people leave in the second half; nothing happens after their last day.
  const leaveDay = company.members.map((member) => {
    const persona = personas[member.index];
    if (member.isExecutive || member.role !== 'member' || member.isNewHire) return Number.POSITIVE_INFINITY;
    if ((persona !== 'regular' && persona !== 'occasional' && persona !== 'lurker') || !random.chance(0.02))
      return Number.POSITIVE_INFINITY;
    return random.int(Math.floor(weeks * 3.5), weeks * 7 - 3);
  });

  const channelOf = (purpose: DemoChannel['purpose']): string =>
    (company.channels.find((channel) => channel.purpose === purpose) ?? company.channels[0])?.id ?? 'CHIROBA001';
  const general = channelOf('general');
  const tips = channelOf('tips');
  const stories = channelOf('stories');

  const events: Array<Omit<DemoEvent, 'eventId'>> = [];
  const posts: PostRef[] = [];
  const totalDays = Math.ceil((nowMs - startMs) / DAY_MS);

  for (let day = 0; day < totalDays; day += 1) {
    const dayMs = startMs + day * DAY_MS;
    const weekday = day % 7; // 0 = Monday
    // Weekends and Japanese national holidays are quiet: a tenth of a working day.
    const restDay = !isBusinessDay(localDayOf(dayMs), 'jp');
    const boost = dayMs >= presidentWeekMs ? PRESIDENT_EFFECT : 1;
    const drafts: Draft[] = [];

    for (const member of company.members) {
      const persona = personas[member.index] ?? 'silent';
      const first = startDay[member.index] ?? Number.POSITIVE_INFINITY;
      if (day < first || day >= (leaveDay[member.index] ?? Number.POSITIVE_INFINITY)) continue;
      const faded = day >= (fadeDay[member.index] ?? Number.POSITIVE_INFINITY);
      const base = RATES[persona];
      // After fading, people still glance at the channel and react now and then.
      const rates: Rates = faded ? { ...NONE, reaction: base.reaction * 0.1 } : base;
      const scale = (restDay ? 0.1 : 1) * boost;
      const storyScale = weekday === 1 || weekday === 2 ? 3 : 0.5; // the story prompt goes out on Tuesday
      const counts: Array<[ActivityKind, number]> = [
        ['post', random.poisson(rates.post * scale)],
        ['story', random.poisson(rates.story * scale * storyScale)],
        ['idea', random.poisson(rates.idea * scale)],
        ['prompt_answer', weekday === 1 ? random.poisson(rates.promptAnswer * 5 * boost) : 0],
        ['reply', random.poisson(rates.reply * scale)],
        ['reaction', random.poisson(rates.reaction * scale)],
      ];
      for (const [kind, count] of counts) {
        for (let n = 0; n < count; n += 1)
          drafts.push({ kind, memberIndex: member.index, at: timeOfDay(dayMs, random) });
      }
    }

    // The president's week: a message to everyone on its first working morning, a story two days later.
    if (dayMs === presidentDayMs) {
      drafts.push({ kind: 'post', memberIndex: company.presidentIndex, at: dayMs + 9 * HOUR_MS + 30 * 60 * 1000 });
    }
    if (dayMs === presidentDayMs + 2 * DAY_MS) {
      drafts.push({ kind: 'story', memberIndex: company.presidentIndex, at: dayMs + 11 * HOUR_MS });
    }
    // New hires: about half introduce themselves within a few days of joining.
    for (const member of company.members) {
      if (personas[member.index] !== 'newcomer' || startDay[member.index] !== day) continue;
      if (member.index % 2 === 0)
        drafts.push({
          kind: 'post',
          memberIndex: member.index,
          at: dayMs + 10 * HOUR_MS + (member.index % 50) * 60 * 1000,
        });
    }

    drafts.sort((a, b) => a.at - b.at || a.memberIndex - b.memberIndex);
    for (const draft of drafts) {
      if (draft.at >= nowMs) continue;
      const member = company.members[draft.memberIndex];
      if (member === undefined) continue;
      if (draft.kind === 'reply' || draft.kind === 'reaction') {
        const target = chooseTarget(posts, member, draft.at, random);
        if (target === null) continue;
        events.push({
          kind: draft.kind,
          memberIndex: member.index,
          channelId: target.channelId,
          targetIndex: target.memberIndex,
          parentEventId: draft.kind === 'reply' ? target.eventId : null,
          occurredAt: new Date(draft.at).toISOString(),
        });
        continue;
      }
      const channelId =
        draft.kind === 'story' || draft.kind === 'prompt_answer'
          ? stories
          : draft.kind === 'idea' || member.isExecutive || random.chance(0.6)
            ? general
            : tips;
      const eventId = demoEventId(events.length, draft.kind, channelId);
      events.push({
        kind: draft.kind,
        memberIndex: member.index,
        channelId,
        targetIndex: null,
        parentEventId: null,
        occurredAt: new Date(draft.at).toISOString(),
      });
      if (draft.kind !== 'prompt_answer') {
        // Leaders' posts and stories draw far more replies and reactions than anyone else's.
        const weight = member.isExecutive ? LEADER_WEIGHT : draft.kind === 'story' ? 4 : 1;
        // Stories and ideas come in through Hiroba's form, whose activity is keyed `form:<submission>`.
        const recordedAs = draft.kind === 'post' ? eventId : `form:${eventId}`;
        posts.push({
          eventId: recordedAs,
          memberIndex: member.index,
          channelId,
          at: draft.at,
          department: member.department,
          weight,
        });
      }
    }
  }

  return {
    events: events.map((event, n) => ({ eventId: demoEventId(n, event.kind, event.channelId), ...event })),
    timeline: {
      start: new Date(startMs).toISOString(),
      end: options.now.toISOString(),
      weeks,
      expansionWeek,
      companyWeek,
      presidentWeek,
      presidentWeekStart: new Date(presidentWeekMs).toISOString(),
    },
    personas,
    leavers: company.members
      .filter((member) => Number.isFinite(leaveDay[member.index] ?? Number.POSITIVE_INFINITY))
      .map((member) => ({
        index: member.index,
        at: new Date(startMs + (leaveDay[member.index] ?? 0) * DAY_MS + 6 * HOUR_MS).toISOString(),
      })),
    fadedIndexes: company.members
      .filter((member) => Number.isFinite(fadeDay[member.index] ?? Number.POSITIVE_INFINITY))
      .map((member) => member.index),
  };
}

/**
 * The event id of the demo's `n`th event: posts and replies as both adapters key a channel message
 * (`msg:<channel>:<message id>`, so the digest links them), everything else `demo-ev-<n>`.
 */
function demoEventId(n: number, kind: ActivityKind, channelId: string): string {
  const seq = String(n + 1).padStart(6, '0');
  return kind === 'post' || kind === 'reply' ? `msg:${channelId}:demo-${seq}` : `demo-ev-${seq}`;
}

/** Monday 00:00 local time (UTC instant in ms) of the week holding `ms`. */
function mondayOfWeek(ms: number): number {
  const localDay = Math.floor((ms + DEMO_UTC_OFFSET_MS) / DAY_MS);
  // 1970-01-01 was a Thursday: local day 0 has weekday index 3 (Monday = 0).
  const weekday = (localDay + 3) % 7;
  return (localDay - weekday) * DAY_MS - DEMO_UTC_OFFSET_MS;
}

/** The local date (YYYY-MM-DD) of a local-midnight instant. */
function localDayOf(ms: number): string {
  return new Date(ms + DEMO_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

function timeOfDay(dayMs: number, random: Random): number {
  const hour = 9 + random.weighted(HOUR_WEIGHTS);
  return dayMs + hour * HOUR_MS + random.int(0, 59) * 60 * 1000 + random.int(0, 59) * 1000;
}

function assignPersonas(company: DemoCompany, random: Random): Persona[] {
  const personas: Persona[] = company.members.map((member) => {
    if (member.department === company.neverJoiningDepartment && !member.isExecutive) return 'absent';
    if (member.isExecutive) return 'leader';
    if (member.isNewHire) return 'newcomer';
    return 'silent';
  });
  const ordinary = company.members.filter((member) => personas[member.index] === 'silent');
  // The people who run the programme lead by example.
  for (const member of ordinary) if (member.role !== 'member') personas[member.index] = 'enthusiast';
  const deal = (pool: DemoMember[], shares: Array<[Persona, number]>): void => {
    const shuffled = random.shuffle(pool);
    let offset = 0;
    shares.forEach(([persona, share], n) => {
      const count = n === shares.length - 1 ? shuffled.length - offset : Math.round(share * pool.length);
      for (const member of shuffled.slice(offset, offset + count)) personas[member.index] = persona;
      offset += count;
    });
  };
  deal(
    ordinary.filter((member) => member.isPilot && member.role === 'member'),
    PILOT_SHARES,
  );
  deal(
    ordinary.filter((member) => !member.isPilot),
    OTHER_SHARES,
  );
  return personas;
}

/** The simulated day a member starts taking part: when their phase reaches them, plus a lag. */
function adoptionDay(
  company: DemoCompany,
  member: DemoMember,
  persona: Persona,
  random: Random,
  plan: { expansionWeek: number; companyWeek: number; presidentWeek: number; startMs: number },
): number {
  const joinedDay = Math.max(0, Math.ceil((Date.parse(member.joinedAt) - plan.startMs) / DAY_MS));
  if (persona === 'absent' || persona === 'silent') return Number.POSITIVE_INFINITY;
  // Executives stay out until the president shows the way; the president posts only as scripted.
  if (persona === 'leader') {
    return member.index === company.presidentIndex
      ? Number.POSITIVE_INFINITY
      : plan.presidentWeek * 7 + random.int(1, 6);
  }
  if (persona === 'newcomer') return joinedDay + random.int(1, 3);
  const phaseDay = member.isPilot
    ? 0
    : member.department !== null && company.expansionDepartments.includes(member.department)
      ? plan.expansionWeek * 7
      : plan.companyWeek * 7;
  const lag =
    persona === 'enthusiast' ? random.int(0, 2) : persona === 'regular' ? random.int(0, 7) : random.int(2, 14);
  return Math.max(joinedDay, phaseDay + lag);
}

/** A recent post to reply or react to: mostly the same department, sometimes across departments. */
function chooseTarget(posts: PostRef[], member: DemoMember, at: number, random: Random): PostRef | null {
  const recent: PostRef[] = [];
  for (let n = posts.length - 1; n >= 0; n -= 1) {
    const post = posts[n];
    if (post === undefined || post.at < at - TARGET_WINDOW_MS) break;
    if (post.at < at && post.memberIndex !== member.index) recent.push(post);
  }
  if (recent.length === 0) return null;
  const same = recent.filter((post) => post.department === member.department);
  const other = recent.filter((post) => post.department !== member.department);
  const pool = same.length === 0 || (other.length > 0 && random.chance(CROSS_DEPARTMENT_SHARE)) ? other : same;
  // Leaders' posts stand out wherever they come from.
  const leaders = recent.filter((post) => post.weight >= LEADER_WEIGHT);
  const candidates = leaders.length > 0 && random.chance(0.12) ? leaders : pool;
  return candidates[random.weighted(candidates.map((post) => post.weight))] ?? null;
}
