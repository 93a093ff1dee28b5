import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { SlackAppContext } from './app-context.js';
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

const teamOf = z.looseObject({ team_id: z.string().min(1) });

/**
 * Carries one Events API payload to the core. Redeliveries (`X-Slack-Retry-Num`, Bolt's
 * `context.retryNum`) run this again on purpose: every activity's event id is a natural key of the
 * message or reaction, so the core stores it once however often Slack delivers it. An error thrown
 * here goes to the app's error handler (logged); Bolt has acknowledged the event already, so Slack
 * does not deliver it again. Called by Bolt for every subscribed event.
 */
export async function handleSlackEvent(ctx: SlackAppContext, body: unknown): Promise<void> {
  const team = teamOf.safeParse(body);
  if (!team.success) {
    ctx.log.debug('Slack event without team_id; ignored');
    return;
  }
  const workspace = await ctx.workspaceFor(team.data.team_id);
  const mapped = toCoreEvent(body, workspace.settings.profileFields);
  const workspaceId = workspace.id;
  switch (mapped.type) {
    case 'activity': {
      const result = ctx.core.recordActivity({ workspaceId, ...mapped.activity });
      ctx.log.debug(
        `slack ${mapped.activity.kind} ${mapped.activity.eventId}: ${result.status === 'recorded' ? 'recorded' : result.reason}`,
      );
      return;
    }
    case 'reply-needs-parent': {
      const target = await ctx.platform.threadRootAuthor(mapped.parent.channel, mapped.parent.ts);
      ctx.core.recordActivity({ workspaceId, ...mapped.activity, targetPlatformId: target });
      return;
    }
    case 'retract':
      ctx.core.retractActivity(workspaceId, mapped.eventId);
      return;
    case 'member-joined':
      if (mapped.entry) ctx.core.upsertMember(workspaceId, mapped.entry);
      ctx.core.memberJoined(workspaceId, mapped.userId, mapped.channelId);
      return;
    case 'member-changed':
      ctx.core.upsertMember(workspaceId, mapped.entry);
      return;
    case 'home-opened': {
      const home = ctx.core.home({ workspaceId, platformId: mapped.userId });
      const sent = await ctx.platform.publishHome(workspace, mapped.userId, home);
      if (!sent.ok) ctx.log.warn(`App Home not published for ${mapped.userId}: ${sent.failure.code}`);
      return;
    }
    case 'ignored':
      ctx.log.debug(`slack event ignored: ${mapped.reason}${mapped.detail ? ` (${mapped.detail})` : ''}`);
      return;
  }
}

/** Registers the event listeners on the Bolt app. Called once by `createSlackApp`. */
export function registerEvents(app: App, ctx: SlackAppContext): void {
  const names = new RegExp(`^(${SUBSCRIBED_EVENTS.join('|')})$`, 'u');
  app.event(names, async ({ body }) => {
    await handleSlackEvent(ctx, body);
  });
}
