import { postLink } from '../links.js';
import type { ExecutivePostView } from '../programs/index.js';
import { type Activity, type Member, POST_KINDS, type Workspace } from '../types.js';
import { messageIdOf } from './most-replied.js';

/**
 * The executives who posted among `activities` (a post, story or idea, as the digest counts them),
 * each with a link to their latest post in the SNS channel when there is one: the digest's "our
 * executives posted" section, so colleagues can answer them in one click. Pure: `buildDigest` passes
 * the week's activities it has already read and the executives of the group it reports on.
 */
export function executivePosts(
  workspace: Pick<Workspace, 'platform'>,
  executives: readonly Member[],
  activities: readonly Activity[],
): ExecutivePostView[] {
  const byId = new Map(executives.filter((m) => m.isExecutive).map((m) => [m.id, m]));
  const latest = new Map<number, { channelId: string; messageId: string } | null>();
  for (const a of activities) {
    if (!byId.has(a.memberId) || !POST_KINDS.includes(a.kind)) continue;
    // Oldest first, so the last message post seen is the latest; a story alone (posted by Hiroba) has no link.
    const messageId = a.kind === 'post' ? messageIdOf(a) : null;
    if (messageId !== null) latest.set(a.memberId, { channelId: a.channelId, messageId });
    else if (!latest.has(a.memberId)) latest.set(a.memberId, null);
  }
  return [...latest].map(([id, post]) => ({
    name: byId.get(id)?.name ?? '',
    link: post === null ? null : postLink(workspace, post.channelId, post.messageId),
  }));
}
