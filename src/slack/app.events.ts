import type { App } from '@slack/bolt';
import type { ActivityInput, RecordResult } from '../core/ports.js';
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
      await ctx.core.retractActivity(workspaceId, mapped.eventId);
      break;
    case 'member-joined':
      if (mapped.entry) await ctx.core.upsertMember(workspaceId, mapped.entry);
      else if (!(await knowMember(ctx, installation, workspace, mapped.userId))) break;
      await ctx.core.memberJoined(workspaceId, mapped.userId, mapped.channelId);
      break;
    case 'member-changed':
      await ctx.core.upsertMember(workspaceId, mapped.entry);
      break;
    case 'home-opened': {
      const home = await ctx.core.home({ workspaceId, platformId: mapped.userId });
      const sent = await ctx.platform.publishHome(workspace, mapped.userId, home);
      if (!sent.ok) ctx.log.warn(`App Home not published for ${mapped.userId}: ${sent.failure.code}`);
      break;
    }
    case 'ignored':
      ctx.log.debug(`slack event ignored: ${mapped.reason}${mapped.detail ? ` (${mapped.detail})` : ''}`);
      break;
  }
  // A pass reads the database: with every event only while this process kept something, else at
  // most once a second (rows another process kept, rows that became due); the timer covers the rest.
  if (keptHere.has(ctx) || Date.now() - (lastPass.get(ctx) ?? 0) >= KEPT_PASS_EVERY_MS)
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
  let result = await ctx.core.recordActivity(input);
  if (result.status === 'ignored' && result.reason === 'unknown_member') {
    const found = await lookupSlackMember(ctx, installation, workspace, input.memberPlatformId);
    if (found.kind === 'transient') {
      await ctx.core.deferActivity(input, found.detail);
      keptHere.set(ctx, (keptHere.get(ctx) ?? 0) + 1);
      ctx.log.warn(
        `slack ${input.eventId}: member ${input.memberPlatformId} kept for a later lookup (${found.detail})`,
      );
      return;
    }
    if (found.kind !== 'found') {
      ctx.log.debug(`slack ${input.eventId}: not recorded, member ${found.kind} (${found.detail})`);
      return;
    }
    await ctx.core.upsertMember(workspace.id, found.entry);
    result = await ctx.core.recordActivity(input);
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
  if (await ctx.core.knowsMember(workspace.id, userId)) return true;
  const found = await lookupSlackMember(ctx, installation, workspace, userId);
  if (found.kind === 'found') await ctx.core.upsertMember(workspace.id, found.entry);
  else ctx.log.debug(`slack member ${userId}: ${found.kind} (${found.detail})`);
  return found.kind === 'found' || found.kind === 'transient';
}

/** Activities each context kept and has not seen recorded, dropped or failed yet (each event then retries). */
const keptHere = new WeakMap<SlackAppContext, number>();
const lastPass = new WeakMap<SlackAppContext, number>();
const KEPT_PASS_EVERY_MS = 1000;

/** One pass over the kept activities that are due; passes never overlap. */
const running = new WeakSet<SlackAppContext>();
export async function retryKept(ctx: SlackAppContext, installation: SlackInstallation): Promise<void> {
  if (running.has(ctx)) return;
  running.add(ctx);
  lastPass.set(ctx, Date.now());
  try {
    const result = await ctx.core.retryDeferred(slackMemberLookup(ctx, installation));
    const settled = result.recorded + result.dropped.length + result.failed.length;
    const left = (keptHere.get(ctx) ?? 0) - settled;
    if (left > 0) keptHere.set(ctx, left);
    else keptHere.delete(ctx);
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

/** How long the batched path reuses a team's workspace row (only its id and profile fields are read here). */
const WORKSPACE_REUSE_MS = 5000;

interface Waiting {
  installation: SlackInstallation;
  workspace: Workspace;
  input: ActivityInput;
  done: () => void;
}

/**
 * `handleSlackEvent` for bursts: message and reaction activities that arrive in the same turn of the
 * event loop are recorded in one transaction (`recordActivities`, one commit), and each returned
 * promise resolves once its event is committed or held, so it can be acknowledged then. Anything
 * else, and any activity whose member must be looked up, takes the one-by-one path. When the batch
 * fails for a reason other than the database (held then), its events are handled one by one.
 * Called by the fast path of `POST /slack/events`.
 */
export function slackEventBatcher(ctx: SlackAppContext): (body: unknown) => Promise<void> {
  const workspaces = new Map<string, { workspace: Workspace; at: number }>();
  let waiting: Waiting[] = [];
  let scheduled = false;
  let recording = false;

  const workspaceOf = async (teamId: string): Promise<Workspace> => {
    const known = workspaces.get(teamId);
    if (known && Date.now() - known.at < WORKSPACE_REUSE_MS) return known.workspace;
    const workspace = await ctx.workspaceFor(teamId);
    workspaces.set(teamId, { workspace, at: Date.now() });
    return workspace;
  };

  const schedule = (): void => {
    scheduled = true;
    setImmediate(() => {
      // Runs on its own: each event waits for its `done`; a failure past flush's own catches is logged.
      void flush().catch((error: unknown) => ctx.log.error(`slack: burst failed (${String(error)})`));
    });
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    // One burst is committed at a time: events arriving meanwhile make the next burst (as when the
    // commit held the event loop), not transactions of their own. Lookups below do not hold it.
    recording = true;
    let results: RecordResult[] | null = null;
    try {
      results = await ctx.core.recordActivities(batch.map((item) => item.input));
    } catch (error) {
      ctx.log.warn(`slack: a burst of ${batch.length} events is recorded one by one (${String(error)})`);
    } finally {
      recording = false;
      if (waiting.length > 0 && !scheduled) schedule();
    }
    const first = batch[0];
    const due = (): boolean => Date.now() - (lastPass.get(ctx) ?? 0) >= KEPT_PASS_EVERY_MS;
    // What this process kept is retried before the answer, as the one-by-one path does.
    if (first && keptHere.has(ctx)) await retryKept(ctx, first.installation);
    // Committed (or held) events are answered at once; the rest wait for a lookup one by one.
    const slow: Waiting[] = [];
    for (const [i, item] of batch.entries()) {
      const result = results?.[i];
      if (result === undefined || (result.status === 'ignored' && result.reason === 'unknown_member')) {
        slow.push(item);
        continue;
      }
      ctx.log.debug(
        `slack ${item.input.kind} ${item.input.eventId}: ${result.status === 'recorded' ? 'recorded' : result.reason}`,
      );
      item.done();
    }
    for (const item of slow) {
      try {
        await record(ctx, item.installation, item.workspace, item.input);
      } catch (error) {
        ctx.log.error(`slack ${item.input.eventId}: not recorded (${String(error)})`);
      }
      item.done();
    }
    if (first && (keptHere.has(ctx) || due())) await retryKept(ctx, first.installation);
  };

  return async (body) => {
    const installation = installationOf(body, {});
    const mapped = installation ? toCoreEvent(body, {}, installation) : null;
    if (installation === null || mapped === null || mapped.type !== 'activity') {
      await handleSlackEvent(ctx, body);
      return;
    }
    const workspace = await workspaceOf(installation.teamId);
    await new Promise<void>((done) => {
      waiting.push({ installation, workspace, input: { workspaceId: workspace.id, ...mapped.activity }, done });
      if (scheduled || recording) return;
      schedule();
    });
  };
}
