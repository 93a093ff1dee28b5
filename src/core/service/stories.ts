import { postLink } from '../links.js';
import type { Repositories } from '../ports.js';
import { clip } from '../programs/blocks.js';
import type { Member, Workspace } from '../types.js';

/** A story shared in the SNS channel, as the digest, nudges and the leaders' DM list it. */
export interface SharedStory {
  submissionId: number;
  title: string;
  authorId: number;
  authorName: string;
  department: string | null;
  /** Link to the post; null until the post has gone out. */
  link: string | null;
  sharedAt: string;
}

/**
 * Stories shared (posted at once, or approved by ops) with `from <= sharedAt < to`, oldest first,
 * each with its post's link once the post has been sent. A story still waiting for review, or
 * rejected, was not shared. The title is the member's own, else the start of their situation.
 */
export async function storiesShared(
  repos: Repositories,
  workspace: Workspace,
  members: ReadonlyMap<number, Member>,
  from: Date,
  to: Date,
): Promise<SharedStory[]> {
  const posts = new Map<string, string>();
  for (const row of await repos.outbox.list(workspace.id, { job: 'story-post', status: 'sent' })) {
    if (row.recipient.kind === 'channel' && row.platformMessageId !== null)
      posts.set(row.period, postLink(workspace, row.recipient.id, row.platformMessageId));
  }
  const lo = from.toISOString();
  const hi = to.toISOString();
  const out: SharedStory[] = [];
  for (const s of await repos.submissions.list(workspace.id)) {
    if (s.kind !== 'story' || (s.status !== 'posted' && s.status !== 'approved')) continue;
    const sharedAt = s.status === 'approved' ? (s.decidedAt ?? s.createdAt) : s.createdAt;
    if (sharedAt < lo || sharedAt >= hi) continue;
    const author = members.get(s.memberId);
    if (!author) continue;
    const own = s.fields.title?.trim();
    out.push({
      submissionId: s.id,
      title: own ? own : clip((s.fields.situation ?? '').trim().replace(/\s+/gu, ' '), 40),
      authorId: author.id,
      authorName: author.name,
      department: author.department,
      link: posts.get(String(s.id)) ?? null,
      sharedAt,
    });
  }
  return out.sort((a, b) => (a.sharedAt < b.sharedAt ? -1 : a.sharedAt > b.sharedAt ? 1 : 0));
}
