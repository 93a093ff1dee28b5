import type { Repositories } from '../ports.js';
import type { Member, Workspace } from '../types.js';

/** Jobs whose DMs ask something of a member; together they are capped per week. */
export const PROMPT_JOBS = ['story-prompts', 'idea-call', 'nudges', 'prompt-story', 'prompt-idea'] as const;
/** No member gets more than this many prompts from Hiroba in any 7 days. */
export const WEEKLY_PROMPT_CAP = 2;
const WEEK_MS = 7 * 86_400_000;

export type PromptRefusal = 'opted_out' | 'blocked' | 'no_account' | 'capped' | 'inactive_account';

/**
 * Whether a member may be sent one more prompt now: not opted out, not blocked, reachable by the
 * platform, and under the weekly cap. Called by the prompt jobs, nudges and `prompt` command.
 */
export function promptRefusal(
  repos: Repositories,
  workspace: Workspace,
  member: Member,
  now: Date,
): PromptRefusal | null {
  if (member.optedOut) return 'opted_out';
  if (member.blockedBot || member.reachable === false) return 'blocked';
  if (member.platformId === null) return 'no_account';
  if (member.deactivatedAt !== null || member.isBot) return 'inactive_account';
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const recent = repos.outbox.countForMember(workspace.id, member.platformId, PROMPT_JOBS, since);
  return recent >= WEEKLY_PROMPT_CAP ? 'capped' : null;
}
