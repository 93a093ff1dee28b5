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
  | { action: 'wait'; reason: 'interval' | 'resting'; next: NudgeState | null }
  | { action: 'rest'; next: NudgeState };

/**
 * The nudge ladder for one inactive member (react to a story → reply to a thread → first post):
 * one step per 14 days; any activity after a nudge counts as an answer and restarts the ladder;
 * three unanswered steps earn 90 days of rest. `next` is the state to store when the run commits
 * (null: nothing changes). Opt-outs, blocks and caps are checked by the caller before this.
 */
export function nextNudge(state: NudgeState, lastActivity: string | null, now: Date): NudgeDecision {
  let current = state;
  let changed = false;
  if (current.lastNudgedAt !== null && lastActivity !== null && lastActivity > current.lastNudgedAt) {
    current = { ...current, step: 0 };
    changed = true;
  }
  if (current.restUntil !== null && current.restUntil > now.toISOString()) {
    return { action: 'wait', reason: 'resting', next: changed ? current : null };
  }
  const since = current.lastNudgedAt === null ? Infinity : now.getTime() - Date.parse(current.lastNudgedAt);
  // Half a day of slack: a run that starts a little earlier than the one two weeks ago still counts.
  if (since < NUDGE_INTERVAL_DAYS * DAY_MS - INTERVAL_SLACK_MS)
    return { action: 'wait', reason: 'interval', next: changed ? current : null };
  if (current.step >= NUDGE_STEPS) {
    const restUntil = new Date(
      Date.parse(current.lastNudgedAt ?? now.toISOString()) + NUDGE_REST_DAYS * DAY_MS,
    ).toISOString();
    return { action: 'rest', next: { ...current, step: 0, restUntil } };
  }
  const step = (current.step + 1) as 1 | 2 | 3;
  return { action: 'send', step, next: { ...current, step, lastNudgedAt: now.toISOString(), restUntil: null } };
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
