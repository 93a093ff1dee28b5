import { eligibleMembers } from '../groups.js';
import type { Message } from '../message.js';
import type { NewOutboxRow, Repositories } from '../ports.js';
import { rolloutAnnouncement, welcome } from '../programs/index.js';
import { messageRefusal } from '../reach.js';
import { type Member, type RolloutPhase, snsChannel, type Workspace } from '../types.js';
import { localeOf } from './locale.js';
import { phaseMembers } from './rollout-group.js';

/** The kick-off goes out once per member, under the job name the first welcome messages used. */
export const KICKOFF_JOB = 'welcome';
export const KICKOFF_PERIOD = 'once';
export const ANNOUNCEMENT_JOB = 'rollout-announcement';

/** The ops team (ops and admins who count), by name: the people a kick-off says to ask. */
export function opsTeamNames(members: readonly Member[]): string[] {
  return members
    .filter((m) => (m.role === 'ops' || m.role === 'admin') && m.deactivatedAt === null && !m.isBot)
    .map((m) => m.name);
}

/** The kick-off DM for one member, in their language. */
export function kickoffMessage(workspace: Workspace, member: Member, members: readonly Member[]): Message {
  const { purpose, rules } = workspace.settings;
  return welcome({
    locale: localeOf(member, workspace),
    memberName: member.name,
    purpose,
    rules,
    opsNames: opsTeamNames(members),
  });
}

/** True when a kick-off to the member is queued or sent already (enqueueing another would do nothing). */
export async function kickoffQueued(repos: Repositories, workspace: Workspace, member: Member): Promise<boolean> {
  if (member.platformId === null) return false;
  return (await repos.outbox.countForMember(workspace.id, member.platformId, [KICKOFF_JOB], EPOCH)) > 0;
}

const EPOCH = new Date(0).toISOString();

/** Queues the kick-off for a member unless they cannot be messaged; the outbox key keeps it to one. */
export async function queueKickoff(
  repos: Repositories,
  workspace: Workspace,
  member: Member,
  members: readonly Member[],
  now: Date,
): Promise<boolean> {
  if (member.platformId === null || (await messageRefusal(repos, workspace, member, now, 'notice')) !== null)
    return false;
  const at = now.toISOString();
  const row: NewOutboxRow = {
    workspaceId: workspace.id,
    job: KICKOFF_JOB,
    period: KICKOFF_PERIOD,
    recipient: { kind: 'member', id: member.platformId },
    message: kickoffMessage(workspace, member, members),
    notBefore: at,
    createdAt: at,
  };
  return (await repos.outbox.enqueue([row])) > 0;
}

export interface InclusionResult {
  /** Members the rollout covers from now on. */
  included: Member[];
  /** The step announced in the SNS channel, if any. */
  announced: RolloutPhase | null;
}

/**
 * The rollout program: everyone the current phase covers who was not included yet is included now
 * ("never posted" counts from here) and gets the kick-off DM. When ops took a step (`announce`: the
 * pilot started, departments were added, the company step), the SNS channel gets one announcement
 * per step; a new hire joining an included department gets only their own kick-off. Called by the
 * service after an ops command and after directory changes; safe to repeat.
 */
export function includeRolloutMembers(
  repos: Repositories,
  workspace: Workspace,
  now: Date,
  options: { announce: boolean },
): Promise<InclusionResult> {
  return repos.transaction(async () => {
    const members = await repos.members.list(workspace.id);
    const covered = phaseMembers(eligibleMembers(members, new Date(now.getTime() + 1)), workspace.settings);
    const fresh = covered.filter((m) => m.includedAt === null);
    const included: Member[] = [];
    for (const member of fresh) {
      const updated = await repos.members.update(member.id, { includedAt: now.toISOString() });
      included.push(updated);
      await queueKickoff(repos, workspace, updated, members, now);
    }
    let announced: RolloutPhase | null = null;
    const channel = snsChannel(workspace.settings);
    if (options.announce && included.length > 0 && channel !== null) {
      const phase = workspace.settings.rolloutPhase;
      const step: RolloutPhase = phase === 'expansion' && included.some((m) => !m.isPilot) ? 'expansion' : phase;
      const departments =
        step === 'expansion'
          ? [...new Set(included.filter((m) => !m.isPilot).map((m) => m.department ?? ''))].filter((d) => d !== '')
          : [];
      const period = step === 'expansion' ? `expansion:${departments.sort().join(',')}` : step;
      const at = now.toISOString();
      const { locale, purpose, rules } = workspace.settings;
      const queued = await repos.outbox.enqueue([
        {
          workspaceId: workspace.id,
          job: ANNOUNCEMENT_JOB,
          period,
          recipient: { kind: 'channel', id: channel },
          message: rolloutAnnouncement({ locale, step, departments, purpose, rules }),
          notBefore: at,
          createdAt: at,
        },
      ]);
      if (queued > 0) announced = step;
    }
    return { included, announced };
  });
}
