import type { Member, MemberState } from './types.js';
import { MEMBER_STATES } from './types.js';

const DAY_MS = 86_400_000;

/** A new member has this long to make a first contribution before counting as `never`. */
export const NEW_MEMBER_DAYS = 7;
/** A contribution this recent makes a member `active`. */
export const ACTIVE_DAYS = 7;

export interface MemberStateInput {
  /** ISO instant the member joined. */
  joinedAt: string;
  /** ISO instant of their last contribution (post, reply, story, idea); null if none. */
  lastContribution: string | null;
  now: Date;
  /** Workspace setting; default 14. */
  inactiveAfterDays: number;
}

function instantMs(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not an ISO instant: "${iso}"`);
  return ms;
}

/**
 * The one state of a member at `now` (DESIGN.md "States"). Ages are exact instant differences,
 * not calendar days, so the answer does not depend on the time zone. Boundaries:
 * - no contribution: joined less than 7×24 h ago → `new`; exactly 7 days or more → `never`;
 * - last contribution less than 7×24 h ago → `active` (one in the future, from clock skew, too);
 * - exactly 7 days up to and including exactly `inactiveAfterDays` days → `occasional`;
 * - more than `inactiveAfterDays` days → `inactive`.
 * Called by the nudges job, the `inactive` command, stats and manager reports.
 */
export function memberState(input: MemberStateInput): MemberState {
  const now = input.now.getTime();
  if (input.lastContribution === null) {
    const joinedAge = now - instantMs(input.joinedAt, 'joinedAt');
    return joinedAge < NEW_MEMBER_DAYS * DAY_MS ? 'new' : 'never';
  }
  const age = now - instantMs(input.lastContribution, 'lastContribution');
  if (age < ACTIVE_DAYS * DAY_MS) return 'active';
  if (age <= input.inactiveAfterDays * DAY_MS) return 'occasional';
  return 'inactive';
}

/**
 * The state of each member, keyed by member id. `lastContribution` is the `last` of
 * `ActivityRepo.contributionBounds` (member id → ISO instant).
 */
export function memberStates(
  members: readonly Pick<Member, 'id' | 'joinedAt'>[],
  lastContribution: ReadonlyMap<number, string>,
  now: Date,
  inactiveAfterDays: number,
): Map<number, MemberState> {
  const out = new Map<number, MemberState>();
  for (const m of members) {
    out.set(
      m.id,
      memberState({
        joinedAt: m.joinedAt,
        lastContribution: lastContribution.get(m.id) ?? null,
        now,
        inactiveAfterDays,
      }),
    );
  }
  return out;
}

/** How many members are in each state (every state present, zeros included). For stats and reports. */
export function countStates(
  members: readonly Pick<Member, 'id' | 'joinedAt'>[],
  lastContribution: ReadonlyMap<number, string>,
  now: Date,
  inactiveAfterDays: number,
): Record<MemberState, number> {
  const counts = Object.fromEntries(MEMBER_STATES.map((s) => [s, 0])) as Record<MemberState, number>;
  for (const state of memberStates(members, lastContribution, now, inactiveAfterDays).values()) counts[state]++;
  return counts;
}
