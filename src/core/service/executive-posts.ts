import { postLink } from '../links.js';
import type { Repositories } from '../ports.js';
import type { ExecutivePostView } from '../programs/index.js';
import type { InstantRange } from '../time.js';
import { type Activity, POST_KINDS } from '../types.js';
import { messageIdOf } from './most-replied.js';
import { includedGroupAt, type Snapshot } from './snapshot.js';

/**
 * The executives who posted in the range (a post, story or idea, as the digest counts them), each with
 * a link to their latest post in the SNS channel when there is one: the digest's "our executives
 * posted" section, so colleagues can answer them in one click. Called by `buildDigest`.
 */
export function executivePosts(repos: Repositories, snapshot: Snapshot, range: InstantRange): ExecutivePostView[] {
  const executives = new Map(
    includedGroupAt(snapshot, range.to)
      .filter((m) => m.isExecutive)
      .map((m) => [m.id, m]),
  );
  if (executives.size === 0) return [];
  const latest = new Map<number, Activity | null>();
  const acts = repos.activities.between(snapshot.workspace.id, range.from.toISOString(), range.to.toISOString());
  for (const a of acts) {
    if (!executives.has(a.memberId) || !POST_KINDS.includes(a.kind)) continue;
    // Oldest first: the last message post seen is the latest; a story alone (posted by Hiroba) has no link here.
    if (a.kind === 'post' && messageIdOf(a) !== null) latest.set(a.memberId, a);
    else if (!latest.has(a.memberId)) latest.set(a.memberId, null);
  }
  return [...latest].map(([id, post]) => {
    const messageId = post === null ? null : messageIdOf(post);
    return {
      name: executives.get(id)?.name ?? '',
      link: post === null || messageId === null ? null : postLink(snapshot.workspace, post.channelId, messageId),
    };
  });
}
