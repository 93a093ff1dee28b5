import type { Repositories } from './ports.js';
import { nextAllowedTime, type QuietHoursSettings } from './quiet-hours.js';
import type { Member, Workspace } from './types.js';

/**
 * The one rule for "may Hiroba message this member now". Every program, job and command that DMs a
 * member asks here; the scheduler only decides when a job runs, adapters only report what a send
 * did (a block, an app not installed), which lands on the member and so here.
 */

/** Jobs whose DMs ask something of a member; together they are capped per week. */
export const PROMPT_JOBS = ['story-prompts', 'idea-call', 'nudges', 'prompt-story', 'prompt-idea'] as const;
/** No member gets more than this many prompts and nudges from Hiroba in any 7 days. */
export const WEEKLY_PROMPT_CAP = 2;
const WEEK_MS = 7 * 86_400_000;

/** Why a member cannot be reached on the platform at all (or `reachable`). */
export type Reachability = 'reachable' | 'no_account' | 'blocked' | 'not_installed' | 'inactive_account';

/**
 * Whether the platform can deliver a DM to the member: a platform account, not deactivated, not a
 * bot, the bot not blocked, and (Teams) the app installed. The `reach` command counts these.
 */
export function reachability(member: Member): Reachability {
  if (member.platformId === null) return 'no_account';
  if (member.deactivatedAt !== null || member.isBot) return 'inactive_account';
  if (member.blockedBot) return 'blocked';
  if (member.reachable === false) return 'not_installed';
  return 'reachable';
}

/**
 * What a DM is for. `prompt` (story prompt, idea call) and `nudge` ask something and are capped;
 * `notice` (kick-off, thanks, reports, the leaders' weekly stories) asks nothing; `work` (moderation)
 * goes to ops whatever they chose about invitations.
 */
export type MessagePurpose = 'prompt' | 'nudge' | 'notice' | 'work';

export type MessageRefusal =
  | Exclude<Reachability, 'reachable'>
  | 'opted_out'
  | 'not_included'
  | 'resting'
  | 'capped'
  | 'not_nudged';

/** Executives and the ops team are never nudged: leaders get stories to react to, ops run the program. */
export function isNeverNudged(member: Pick<Member, 'isExecutive' | 'role'>): boolean {
  return member.isExecutive || member.role === 'ops' || member.role === 'admin';
}

/**
 * Why Hiroba may not DM this member for this purpose now, or null when it may. In order: reachable
 * on the platform; not opted out (work messages excepted); for prompts and nudges, included in the
 * rollout (so the kick-off came first), not resting after an unanswered nudge ladder, and under the
 * weekly cap; nudges never to executives or ops. Quiet hours decide when, not whether: `sendAt`.
 */
export async function messageRefusal(
  repos: Repositories,
  workspace: Workspace,
  member: Member,
  now: Date,
  purpose: MessagePurpose,
  /** The member's last contribution, when the caller knows it: one after the last nudge ends the rest. */
  lastContribution?: string | null,
): Promise<MessageRefusal | null> {
  const reach = reachability(member);
  if (reach !== 'reachable') return reach;
  if (purpose === 'work') return null;
  if (member.optedOut) return 'opted_out';
  if (purpose === 'notice') return null;
  if (purpose === 'nudge' && isNeverNudged(member)) return 'not_nudged';
  if (member.includedAt === null) return 'not_included';
  const ladder = await repos.nudges.get(member.id);
  const answered = lastContribution != null && ladder.lastNudgedAt !== null && lastContribution > ladder.lastNudgedAt;
  if (ladder.restUntil !== null && ladder.restUntil > now.toISOString() && !answered) return 'resting';
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  // reachability() checked the platform id above.
  const recent = await repos.outbox.countForMember(workspace.id, member.platformId ?? '', PROMPT_JOBS, since);
  return recent >= WEEKLY_PROMPT_CAP ? 'capped' : null;
}

/** When a DM asked for at `at` may go out: outside quiet hours, weekends and (calendar `jp`) 祝日. */
export function sendAt(at: Date, settings: QuietHoursSettings): Date {
  return nextAllowedTime(at, settings);
}
