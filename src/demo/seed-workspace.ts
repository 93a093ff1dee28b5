import { t } from '../core/i18n/index.js';
import type { Caller, HirobaCore } from '../core/ports.js';
import type { DirectoryEntry, Locale, Workspace } from '../core/types.js';
import type { DemoCompany, DemoMember } from './company.js';

/** A command the demo gives as the ops team was refused: the demo's own setup is wrong. */
export class DemoCommandError extends Error {
  readonly code = 'demo_command_refused';
  constructor(text: string, reply: string) {
    super(`The demo's command "/hiroba ${text}" was refused: ${reply}`);
    this.name = 'DemoCommandError';
  }
}

/** How the directory (Slack `users.list`, Teams roster) would report a member. */
export function directoryEntry(company: DemoCompany, member: DemoMember): DirectoryEntry {
  const manager = member.managerIndex === null ? null : (company.members[member.managerIndex]?.email ?? null);
  return {
    platformId: member.platformId,
    name: member.name,
    email: member.email,
    department: member.department,
    location: member.location,
    manager,
    isExecutive: member.isExecutive,
  };
}

/** The ops person the demo acts as: the ops department's head (an admin through HIROBA_ADMINS). */
export function opsLead(company: DemoCompany): DemoMember {
  const lead = company.members.find((member) => member.role === 'admin');
  if (lead === undefined) throw new Error('the demo company has no admin');
  return lead;
}

/**
 * Runs one `/hiroba` command as the ops lead, confirming it when it first shows a preview (bulk
 * commands: `rollout advance`, `rollout departments add`); a refusal is a bug in the demo and throws.
 */
export async function asOps(core: HirobaCore, caller: Caller, text: string): Promise<void> {
  let reply = await core.runCommand({ ...caller, text });
  if (reply.kind === 'command-preview') reply = await core.runCommand({ ...caller, text: 'confirm' });
  if (reply.kind === 'command-error') throw new DemoCommandError(text, reply.fallback);
}

/**
 * Sets the workspace up as an ops team would on day one: the directory synced, then purpose, rules,
 * counted channels, the digest channel, two ops colleagues and the pilot group — all through the
 * same `/hiroba` commands a person would type. Members who join later are added by the simulation.
 */
export async function seedWorkspace(
  core: HirobaCore,
  company: DemoCompany,
  locale: Locale,
  startMs: number,
): Promise<{ workspace: Workspace; ops: Caller }> {
  const workspace = await core.workspace('memory', 'demo', company.name);
  const present = company.members.filter((member) => Date.parse(member.joinedAt) <= startMs);
  await core.syncDirectory(
    workspace.id,
    present.map((member) => directoryEntry(company, member)),
  );
  const lead = opsLead(company);
  const ops: Caller = { workspaceId: workspace.id, platformId: lead.platformId, locale, channelId: null };
  const general = company.channels[0];
  await asOps(core, ops, `purpose set ${t(locale, 'demo.purpose')}`);
  await asOps(core, ops, `rules set ${t(locale, 'demo.rules')}`);
  for (const channel of company.channels) await asOps(core, ops, `channels add <#${channel.id}|${channel.name}>`);
  if (general !== undefined) await asOps(core, ops, `digest channel <#${general.id}|${general.name}>`);
  for (const member of company.members.filter((m) => m.role === 'ops'))
    await asOps(core, ops, `role grant ops ${member.email}`);
  for (const index of company.pilotIndexes) {
    const member = company.members[index];
    if (member !== undefined && Date.parse(member.joinedAt) <= startMs)
      await asOps(core, ops, `rollout pilot add ${member.email}`);
  }
  return { workspace, ops };
}
