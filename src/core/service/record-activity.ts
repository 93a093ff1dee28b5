import { z } from 'zod';
import type { ActivityInput, RecordResult, Repositories } from '../ports.js';
import { POINTS } from '../scoring.js';
import { localDay } from '../time.js';
import { activityKindSchema, ISO_INSTANT, type Workspace } from '../types.js';

/**
 * An id as platforms send them. A lone UTF-16 surrogate cannot be stored as UTF-8 (SQLite writes
 * U+FFFD instead), so two such ids would become one key: refused.
 */
const platformKey = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/\p{Cs}/u.test(s), 'not well-formed text');

export const activityInputSchema = z.object({
  workspaceId: z.number().int().positive(),
  eventId: platformKey(300),
  kind: activityKindSchema,
  memberPlatformId: platformKey(200),
  channelId: platformKey(200),
  targetPlatformId: platformKey(200).nullable().optional(),
  parentEventId: platformKey(300).nullable().optional(),
  occurredAt: ISO_INSTANT,
});

/** Channel id recorded for activities that happen in Hiroba's own forms, not in an SNS channel. */
export const FORM_CHANNEL = 'hiroba:form';

/**
 * Records one platform event as an activity, exactly once per event id. Ignored, with a reason:
 * a channel that is not a counted SNS channel, a bot, a deactivated or unknown member, a redelivery.
 * A reaction to one's own post counts for nothing (`self_target`): it is no link between people.
 * Input that does not fit the schema (an id too long, a kind or instant that is not one) is ignored
 * as `malformed` and nothing is written.
 *
 * Also gives the member's first contribution after the insert when the store told it with the insert
 * (`ActivityRepo.insert`): the first-post thanks then need no read of their own.
 */
export async function recordActivityKnowing(
  repos: Repositories,
  workspace: Workspace,
  raw: ActivityInput,
): Promise<{ result: RecordResult; firstContributionAt?: string | null }> {
  const result = await insertActivity(repos, workspace, raw);
  if (!('inserted' in result)) return { result };
  if (!result.inserted) return { result: { status: 'ignored', reason: 'duplicate' } };
  const recorded: RecordResult = { status: 'recorded', activity: result.activity };
  return result.firstContributionAt === undefined
    ? { result: recorded }
    : { result: recorded, firstContributionAt: result.firstContributionAt };
}

async function insertActivity(
  repos: Repositories,
  workspace: Workspace,
  raw: ActivityInput,
): Promise<RecordResult | Awaited<ReturnType<Repositories['activities']['insert']>>> {
  const parsed = activityInputSchema.safeParse(raw);
  if (!parsed.success) return { status: 'ignored', reason: 'malformed' };
  const input = parsed.data;
  if (input.channelId !== FORM_CHANNEL && !workspace.settings.countedChannels.includes(input.channelId)) {
    return { status: 'ignored', reason: 'channel_not_counted' };
  }
  const member = await repos.members.byPlatformId(workspace.id, input.memberPlatformId);
  if (!member) return { status: 'ignored', reason: 'unknown_member' };
  if (member.isBot) return { status: 'ignored', reason: 'bot' };
  if (member.deactivatedAt !== null && member.deactivatedAt <= input.occurredAt) {
    return { status: 'ignored', reason: 'deactivated' };
  }
  const target = input.targetPlatformId ? await repos.members.byPlatformId(workspace.id, input.targetPlatformId) : null;
  if (target && target.id === member.id && input.kind === 'reaction') {
    return { status: 'ignored', reason: 'self_target' };
  }
  return repos.activities.insert({
    workspaceId: workspace.id,
    eventId: input.eventId,
    kind: input.kind,
    memberId: member.id,
    channelId: input.channelId,
    targetMemberId: target?.id ?? null,
    // Only a reply has a parent; the reference is kept, never the text.
    parentEventId: input.kind === 'reply' ? (input.parentEventId ?? null) : null,
    occurredAt: new Date(input.occurredAt).toISOString(),
    day: localDay(input.occurredAt, workspace.settings.timezone),
    points: POINTS[input.kind],
  });
}
