import type { Repositories } from '../ports.js';
import { type MessageRefusal, messageRefusal } from '../reach.js';
import type { Member, Workspace } from '../types.js';

export { PROMPT_JOBS, WEEKLY_PROMPT_CAP } from '../reach.js';

export type PromptRefusal = MessageRefusal;

/** Whether a member may be sent one more prompt now (the core's one rule, `reach.ts`). */
export async function promptRefusal(
  repos: Repositories,
  workspace: Workspace,
  member: Member,
  now: Date,
): Promise<PromptRefusal | null> {
  return messageRefusal(repos, workspace, member, now, 'prompt');
}
