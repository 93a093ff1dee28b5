import type { App } from '@slack/bolt';
import type { ActivityInput } from '../core/ports.js';
import type { Workspace } from '../core/types.js';
import type { SlackAppContext } from './app-context.js';
import { type BoltInstallContext, installationOf, type SlackInstallation } from './installation.js';
import { lookupSlackMember, slackMemberLookup } from './member-lookup.js';
import { toCoreEvent } from './to-core-event.js';

/** The events `slack/manifest.yml` subscribes to; each reaches `handleSlackEvent`. */
export const SUBSCRIBED_EVENTS = [
  'message',
  'reaction_added',
  'reaction_removed',
  'member_joined_channel',
  'team_join',
  'user_change',
  'app_home_opened',
] as const;

/**
 * Carries one Events API payload to the core. Redeliveries (`X-Slack-Retry-Num`, Bolt's
 * `context.retryNum`) run this again on purpose: every activity's event id is a natural key of the
 * message or reaction, so the core stores it once however often Slack delivers it. The workspace is
 * the installation's team (Bolt's `context.teamId`), never the envelope's `team_id` of a Slack
 * Connect partner. An error thrown here goes to the app's error handler (logged); Bolt has
 * acknowledged the event already, so Slack does not deliver it again. Called by Bolt for every
 * subscribed event.
 */
export async function handleSlackEvent(
  ctx: SlackAppContext,
  body: unknown,
  context: BoltInstallContext = {},
): Promise<void> {
  const installation = installationOf(body, context);
  if (!installation) {
    ctx.log.debug('Slack event without a team; ignored');
    return;
  }
  // Decided before any workspace is looked up: a foreign team's event must not create one.
  const probe = toCoreEvent(body, {}, installation);
  if (probe.type === 'ignored' && probe.reason === 'foreign_team') {
    ctx.log.debug(`slack event ignored: foreign_team (${probe.detail ?? ''})`);
    return;
  }
  const workspace = await ctx.workspaceFor(installation.teamId);
  const mapped = toCoreEvent(body, workspace.settings.profileFields, installation);
  const workspaceId = workspace.id;
  switch (mapped.type) {
    case 'activity':
      await record(ctx, installation, workspace, { workspaceId, ...mapped.activity });
      break;
    case 'reply-needs-parent': {
      const target = await ctx.platform.threadRootAuthor(mapped.parent.channel, mapped.parent.ts);
      await record(ctx, installation, workspace, { workspaceId, ...mapped.activity, targetPlatformId: target });
      break;
    }
    case 'retract':
      ctx.core.retractActivity(workspaceId, mapped.eventId);
      break;
    case 'member-joined':
      if (mapped.entry) ctx.core.upsertMember(workspaceId, mapped.entry);
      else if (!(await knowMember(ctx, installation, workspace, mapped.userId))) break;
      ctx.core.memberJoined(workspaceId, mapped.userId, mapped.channelId);
      break;
    case 'member-changed':
      ctx.core.upsertMember(workspaceId, mapped.entry);
      break;
    case 'home-opened': {
      const home = ctx.core.home({ workspaceId, platformId: mapped.userId });
      const sent = await ctx.platform.publishHome(workspace, mapped.userId, home);
      if (!sent.ok) ctx.log.warn(`App Home not published for ${mapped.userId}: ${sent.failure.code}`);
      break;
    }
    case 'ignored':
      ctx.log.debug(`slack event ignored: ${mapped.reason}${mapped.detail ? ` (${mapped.detail})` : ''}`);
      break;
  }
  await retryKept(ctx, installation);
}

/**
 * Records one activity. A member the directory does not know yet is looked up (`users.info`) and
 * added first; when Slack cannot answer now, the core keeps the activity and retries the lookup later.
 */
async function record(
  ctx: SlackAppContext,
  installation: SlackInstallation,
  workspace: Workspace,
  input: ActivityInput,
): Promise<void> {
  let result = ctx.core.recordActivity(input);
  if (result.status === 'ignored' && result.reason === 'unknown_member') {
    const found = await lookupSlackMember(ctx, installation, workspace, input.memberPlatformId);
    if (found.kind === 'transient') {
      ctx.core.deferActivity(input, found.detail);
      ctx.log.warn(
        `slack ${input.eventId}: member ${input.memberPlatformId} kept for a later lookup (${found.detail})`,
      );
      return;
    }
    if (found.kind !== 'found') {
      ctx.log.debug(`slack ${input.eventId}: not recorded, member ${found.kind} (${found.detail})`);
      return;
    }
    ctx.core.upsertMember(workspace.id, found.entry);
    result = ctx.core.recordActivity(input);
  }
  ctx.log.debug(`slack ${input.kind} ${input.eventId}: ${result.status === 'recorded' ? 'recorded' : result.reason}`);
}

/**
 * Makes sure a member who joined a channel is in the directory before they are welcomed: false for a
 * Slack Connect partner or a deleted user (no member is created, no welcome sent). When Slack cannot
 * answer now, the member is welcomed under their id and the next directory sync fills in the rest.
 */
async function knowMember(
  ctx: SlackAppContext,
  installation: SlackInstallation,
  workspace: Workspace,
  userId: string,
): Promise<boolean> {
  if (ctx.core.knowsMember(workspace.id, userId)) return true;
  const found = await lookupSlackMember(ctx, installation, workspace, userId);
  if (found.kind === 'found') ctx.core.upsertMember(workspace.id, found.entry);
  else ctx.log.debug(`slack member ${userId}: ${found.kind} (${found.detail})`);
  return found.kind === 'found' || found.kind === 'transient';
}

/** One pass over the kept activities that are due; passes never overlap. */
const running = new WeakSet<SlackAppContext>();
export async function retryKept(ctx: SlackAppContext, installation: SlackInstallation): Promise<void> {
  if (running.has(ctx)) return;
  running.add(ctx);
  try {
    const result = await ctx.core.retryDeferred(slackMemberLookup(ctx, installation));
    for (const failed of result.failed)
      ctx.log.error(`slack ${failed.eventId}: member lookup failed for good, kept as failed (${failed.reason})`);
    if (result.recorded > 0) ctx.log.debug(`slack: ${result.recorded} kept activities recorded`);
  } finally {
    running.delete(ctx);
  }
}

/** Registers the event listeners on the Bolt app. Called once by `createSlackApp`. */
export function registerEvents(app: App, ctx: SlackAppContext): void {
  const names = new RegExp(`^(${SUBSCRIBED_EVENTS.join('|')})$`, 'u');
  app.event(names, async ({ body, context }) => {
    await handleSlackEvent(ctx, body, context);
  });
}
