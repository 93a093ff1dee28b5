import type { ActivityInput, DeferredRetryResult, MemberLookup, RecordResult, Repositories } from '../ports.js';
import type { DirectoryEntry, Workspace } from '../types.js';
import { activityInputSchema } from './record-activity.js';

/**
 * How long a kept activity waits before its member is looked up again, per failed attempt: a platform
 * outage or rate limit usually passes within minutes, a longer one within a day. After the last wait
 * the row is kept as `failed` with the reason (ops can see it; nothing accepted disappears silently).
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  6 * 3_600_000,
  24 * 3_600_000,
];

export interface DeferredDeps {
  repos: Repositories;
  now: () => Date;
  workspace: (id: number) => Promise<Workspace>;
  upsertMember: (workspaceId: number, entry: DirectoryEntry) => Promise<unknown>;
  record: (input: ActivityInput) => Promise<RecordResult>;
}

/** Keeps an activity until its member can be looked up; a redelivered event is kept once. */
export async function deferActivity(deps: DeferredDeps, raw: ActivityInput, error: string): Promise<void> {
  const input = activityInputSchema.parse(raw);
  const ws = await deps.workspace(input.workspaceId);
  const now = deps.now();
  const { workspaceId: _ws, ...activity } = input;
  await deps.repos.pendingActivities.add({
    workspaceId: ws.id,
    eventId: input.eventId,
    memberPlatformId: input.memberPlatformId,
    activity,
    nextAttemptAt: new Date(now.getTime() + (RETRY_DELAYS_MS[0] ?? 60_000)).toISOString(),
    lastError: error.slice(0, 500),
    createdAt: now.toISOString(),
  });
}

/** See `HirobaCore.retryDeferred`. */
export async function retryDeferred(
  deps: DeferredDeps,
  lookup: MemberLookup,
  limit = 50,
): Promise<DeferredRetryResult> {
  const result: DeferredRetryResult = { recorded: 0, dropped: [], waiting: 0, failed: [] };
  const { pendingActivities: pending, members } = deps.repos;
  for (const row of await pending.due(deps.now().toISOString(), limit)) {
    const ws = await deps.workspace(row.workspaceId);
    if (!(await members.byPlatformId(ws.id, row.memberPlatformId))) {
      const found = await lookup(ws, row.memberPlatformId);
      if (found.kind === 'transient') {
        const attempts = row.attempts + 1;
        const delay = RETRY_DELAYS_MS[attempts];
        const lastError = found.detail.slice(0, 500);
        if (delay === undefined) {
          await pending.update(row.id, { attempts, nextAttemptAt: row.nextAttemptAt, lastError, status: 'failed' });
          result.failed.push({ eventId: row.eventId, reason: lastError });
        } else {
          const nextAttemptAt = new Date(deps.now().getTime() + delay).toISOString();
          await pending.update(row.id, { attempts, nextAttemptAt, lastError, status: 'waiting' });
          result.waiting += 1;
        }
        continue;
      }
      if (found.kind !== 'found') {
        await pending.remove(row.id);
        result.dropped.push({ eventId: row.eventId, reason: `${found.kind}: ${found.detail}` });
        continue;
      }
      await deps.upsertMember(ws.id, found.entry);
    }
    const recorded = await deps.record({ workspaceId: ws.id, ...row.activity });
    await pending.remove(row.id);
    if (recorded.status === 'recorded') result.recorded += 1;
    else result.dropped.push({ eventId: row.eventId, reason: recorded.reason });
  }
  return result;
}
