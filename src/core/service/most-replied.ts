import { postLink } from '../links.js';
import type { Repositories } from '../ports.js';
import type { RepliedPostView } from '../programs/index.js';
import type { InstantRange } from '../time.js';
import type { Activity, Member } from '../types.js';
import type { Snapshot } from './snapshot.js';

/** The digest lists at most this many posts. */
export const MOST_REPLIED_SHOWN = 3;
/** Read a few more than shown: an author who left or opted out of being named is skipped. */
const MOST_REPLIED_READ = 12;

/**
 * The id a post's message has on its platform, from the event id both adapters give a message
 * (`msg:<channel>:<message id>`); null for any other form (no link is better than a wrong one).
 */
export function messageIdOf(post: Pick<Activity, 'eventId' | 'channelId'>): string | null {
  const prefix = `msg:${post.channelId}:`;
  const id = post.eventId.startsWith(prefix) ? post.eventId.slice(prefix.length) : '';
  return id === '' ? null : id;
}

/**
 * The digest's "most replied across departments": the range's posts that drew the most replies from
 * members of other departments, up to three, each with its author, a link to the post and the counts.
 * Only posts by people who count now and have not opted out of being named; nothing about any reply's
 * text (none is stored). Called by `buildDigest`.
 */
export async function mostRepliedPosts(
  repos: Repositories,
  snapshot: Snapshot,
  range: InstantRange,
): Promise<RepliedPostView[]> {
  const { workspace } = snapshot;
  const nameable = new Map<number, Member>(snapshot.eligible.filter((m) => !m.optedOut).map((m) => [m.id, m]));
  const views: RepliedPostView[] = [];
  const found = await repos.activities.mostRepliedAcross(
    workspace.id,
    range.from.toISOString(),
    range.to.toISOString(),
    MOST_REPLIED_READ,
  );
  for (const { post, replies, departments } of found) {
    const author = nameable.get(post.memberId);
    if (!author) continue;
    const messageId = messageIdOf(post);
    views.push({
      authorName: author.name,
      department: author.department,
      link: messageId === null ? null : postLink(workspace, post.channelId, messageId),
      replies,
      departments,
    });
    if (views.length === MOST_REPLIED_SHOWN) break;
  }
  return views;
}
