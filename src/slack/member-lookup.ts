import type { MemberLookup, MemberLookupResult } from '../core/ports.js';
import type { Workspace } from '../core/types.js';
import type { SlackAppContext } from './app-context.js';
import { pickProfileFields, toDirectoryEntry } from './directory.js';
import { isForeignMember, membershipOf, type SlackInstallation } from './installation.js';

/**
 * Looks a member the directory does not know yet up with `users.info` (a `team_join` missed, the
 * first directory sync still running): a colleague comes back as a directory entry, a Slack Connect
 * partner as `foreign` (never stored), a deleted or unknown user as `gone`, and a failure worth
 * retrying (network, 429, 5xx) as `transient`. Called for new members' events and for the core's
 * retries of kept activities.
 */
export async function lookupSlackMember(
  ctx: SlackAppContext,
  installation: SlackInstallation,
  workspace: Workspace,
  userId: string,
): Promise<MemberLookupResult> {
  const found = await ctx.platform.lookupUser(userId);
  if (!found.ok)
    return found.kind === 'transient'
      ? { kind: 'transient', detail: `users.info ${found.code}` }
      : { kind: 'gone', detail: `users.info ${found.code}` };
  const { user } = found;
  if (isForeignMember(installation, membershipOf(user), true))
    return { kind: 'foreign', detail: `user ${user.id} of team ${user.team_id ?? '?'}` };
  const fields = user.profile?.fields;
  const values =
    fields && typeof fields === 'object' && !Array.isArray(fields)
      ? pickProfileFields(fields, workspace.settings.profileFields)
      : {};
  return { kind: 'found', entry: toDirectoryEntry(user, values) };
}

/** The lookup the core's retries use: the installation's org applies to every workspace of the token. */
export function slackMemberLookup(ctx: SlackAppContext, installation: SlackInstallation): MemberLookup {
  return (workspace, userId) =>
    lookupSlackMember(ctx, { ...installation, teamId: workspace.externalId }, workspace, userId);
}
