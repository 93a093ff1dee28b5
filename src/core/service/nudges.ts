import type { NudgeState } from '../ports.js';
import { daysBetween, isoWeekStartDay } from '../time.js';
import type { Member } from '../types.js';

const DAY_MS = 86_400_000;
/** At most one nudge per member in this many days. */
export const NUDGE_INTERVAL_DAYS = 14;
/** After this many unanswered steps the member is left alone. */
export const NUDGE_STEPS = 3;
/** How long they are left alone. */
export const NUDGE_REST_DAYS = 90;
const INTERVAL_SLACK_MS = 12 * 3_600_000;

export type NudgeDecision =
  | { action: 'send'; step: 1 | 2 | 3; next: NudgeState }
  | { action: 'wait'; reason: 'interval' | 'resting'; next: NudgeState | null };

/** What the member did lately, as the ladder needs it (ISO instants, null when never). */
export interface LadderActivity {
  /** Last activity of any kind, reactions included. */
  lastActivity: string | null;
  /** Last contribution (post, reply, story, idea). */
  lastContribution: string | null;
}

/**
 * The nudge ladder for one quiet member (react to a story → reply to a thread → first post): one
 * step per 14 days, and it only moves forward. A reaction answers the react step, so the next step
 * is the reply; a member who already reacts starts at the reply step. A contribution after a nudge
 * ends the ladder (and any rest): the member is no longer quiet. Once the third step is sent the
 * member rests for 90 days: no nudge and no prompt (`reach.ts` reads the rest). After the rest the
 * ladder starts again. `next` is the state to store when the run commits (null: nothing changes).
 * Opt-outs, blocks, caps and who is never nudged are checked by the caller before this.
 */
export function nextNudge(state: NudgeState, activity: LadderActivity, now: Date): NudgeDecision {
  let current = state;
  let changed = false;
  const answeredByContribution =
    current.lastNudgedAt !== null &&
    activity.lastContribution !== null &&
    activity.lastContribution > current.lastNudgedAt;
  if (answeredByContribution) {
    current = { ...current, step: 0, restUntil: null };
    changed = true;
  }
  if (current.restUntil !== null && current.restUntil > now.toISOString()) {
    return { action: 'wait', reason: 'resting', next: changed ? current : null };
  }
  if (current.step >= NUDGE_STEPS) {
    // The rest is over: the ladder starts again.
    current = { ...current, step: 0, restUntil: null };
    changed = true;
  }
  const since = current.lastNudgedAt === null ? Infinity : now.getTime() - Date.parse(current.lastNudgedAt);
  // Half a day of slack: a run that starts a little earlier than the one two weeks ago still counts.
  if (since < NUDGE_INTERVAL_DAYS * DAY_MS - INTERVAL_SLACK_MS)
    return { action: 'wait', reason: 'interval', next: changed ? current : null };
  const reacts = activity.lastActivity !== null && activity.lastActivity !== activity.lastContribution;
  let step = (current.step + 1) as 1 | 2 | 3;
  // Someone who already reacts is not asked to react: the reply step is the next thing to try.
  if (step === 1 && reacts) step = 2;
  const restUntil = step === NUDGE_STEPS ? new Date(now.getTime() + NUDGE_REST_DAYS * DAY_MS).toISOString() : null;
  return { action: 'send', step, next: { ...current, step, lastNudgedAt: now.toISOString(), restUntil } };
}

/** Members the nudge ladder is for: inactive, or joined over a week ago and never contributed. */
export function isNudgeCandidate(state: string | undefined): boolean {
  return state === 'inactive' || state === 'never';
}

/** Weeks in a quarter: the story prompts ask one slice of the audience per week. */
export const STORY_SLICES = 13;

/**
 * Whether a member is in this week's story-prompt slice, so that everyone is asked about once a
 * quarter. The slice follows the ISO week number; the member's place is their id.
 */
export function inStorySlice(member: Pick<Member, 'id'>, isoWeek: string): boolean {
  // Weeks counted from a fixed Monday, not the week number: a 53-week year would ask one slice twice.
  const weeks = Math.floor(daysBetween(SLICE_EPOCH, isoWeekStartDay(isoWeek)) / 7);
  return member.id % STORY_SLICES === ((weeks % STORY_SLICES) + STORY_SLICES) % STORY_SLICES;
}

/** A Monday the slices are counted from. */
const SLICE_EPOCH = '2024-01-01';
