import { z } from 'zod';
import type { SlackUser } from './slack-payloads.js';

/**
 * The installation an event was delivered for: the workspace Hiroba counts in. It is the team Bolt
 * puts in `context.teamId` (from the envelope's `authorizations`), not the envelope's `team_id`, which
 * in a Slack Connect channel may name the other organisation's team. With an org-wide Enterprise Grid
 * install `authorizations[0].team_id` is null and Bolt falls back to the envelope's team: each
 * workspace of the org where the event happened is its own Hiroba workspace (see README "Enterprise Grid").
 */
export interface SlackInstallation {
  teamId: string;
  /** The Grid org (`E…`) the installation belongs to, or null outside Enterprise Grid. */
  enterpriseId: string | null;
  /** True for an org-wide install (one token for every workspace of the org). */
  isEnterpriseInstall: boolean;
}

/** What Bolt's listener context says (its `teamId`, `enterpriseId`, `isEnterpriseInstall`). */
export interface BoltInstallContext {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

const authorizationSchema = z.looseObject({
  team_id: z.string().min(1).nullable().optional(),
  enterprise_id: z.string().min(1).nullable().optional(),
  is_enterprise_install: z.boolean().optional(),
});
const envelopeSchema = z.looseObject({
  team_id: z.string().min(1).optional(),
  enterprise_id: z.string().min(1).nullable().optional(),
  authorizations: z.array(authorizationSchema).optional(),
});

/**
 * The installation of one Events API body: Bolt's context when the app gives it, else the same rule
 * Bolt applies (`authorizations[0]`, then the envelope). Null when no team can be told.
 */
export function installationOf(body: unknown, context: BoltInstallContext = {}): SlackInstallation | null {
  const parsed = envelopeSchema.safeParse(body);
  const envelope = parsed.success ? parsed.data : {};
  const auth = envelope.authorizations?.[0];
  const teamId = context.teamId ?? auth?.team_id ?? envelope.team_id ?? null;
  if (!teamId) return null;
  return {
    teamId,
    enterpriseId: context.enterpriseId ?? auth?.enterprise_id ?? envelope.enterprise_id ?? null,
    isEnterpriseInstall: context.isEnterpriseInstall ?? auth?.is_enterprise_install ?? false,
  };
}

/**
 * An org-wide install receives events from every workspace of its org, and Bolt takes the workspace
 * from the envelope: a team of another org (a Slack Connect partner) must not become a workspace.
 * True when the envelope names an org other than the installation's.
 */
export function isForeignTeam(body: unknown, installation: SlackInstallation): boolean {
  if (!installation.isEnterpriseInstall || !installation.enterpriseId) return false;
  const parsed = envelopeSchema.safeParse(body);
  const envelopeOrg = parsed.success ? parsed.data.enterprise_id : null;
  return typeof envelopeOrg === 'string' && envelopeOrg !== installation.enterpriseId;
}

/**
 * True when the member belongs to another organisation (a Slack Connect partner). Outside Enterprise
 * Grid: their team is not the installation's. Inside Grid a colleague may belong to a sibling
 * workspace, so only the org tells: an event (`user_team`, `user_profile.team`) names no org and
 * decides nothing (`users.info` then does); a user object (`users.info`, `team_join`, `user_change`,
 * `complete: true`) is foreign unless its `enterprise_user` names the installation's org.
 */
export function isForeignMember(
  installation: SlackInstallation,
  member: { team?: string | null | undefined; enterpriseId?: string | null | undefined },
  complete = false,
): boolean {
  if (installation.enterpriseId) {
    if (member.enterpriseId) return member.enterpriseId !== installation.enterpriseId;
    return complete;
  }
  return typeof member.team === 'string' && member.team.length > 0 && member.team !== installation.teamId;
}

/** The team and org a Slack user object (`users.info`, `team_join`, `user_change`) names. */
export function membershipOf(user: SlackUser): { team: string | undefined; enterpriseId: string | undefined } {
  return { team: user.team_id, enterpriseId: user.enterprise_user?.enterprise_id };
}
