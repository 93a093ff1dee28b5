import { t } from '../i18n/index.js';
import type { Block } from '../message.js';
import type { Locale } from '../types.js';
import { listBlock } from './blocks.js';

/** A post the digest shows for the replies it drew from other departments. */
export interface RepliedPostView {
  authorName: string;
  department: string | null;
  link: string | null;
  /** Replies from members of other departments. */
  replies: number;
  /** How many other departments they came from. */
  departments: number;
}

/** One post: whose, how many replies from how many other departments, and the link. */
export function repliedPostLine(locale: Locale, post: RepliedPostView): string {
  const person = t(locale, 'programs.people.person', { name: post.authorName });
  const author = post.department
    ? t(locale, 'programs.story.authorDept', { author: person, department: post.department })
    : person;
  const line = t(locale, 'programs.digest.repliedLine', {
    author,
    replies: post.replies,
    departments: post.departments,
  });
  return post.link ? `${line} ${post.link}` : line;
}

/** The digest's section of posts that drew replies across departments; null when there is none. */
export function mostRepliedBlock(locale: Locale, posts: readonly RepliedPostView[]): Block | null {
  if (posts.length === 0) return null;
  return listBlock(
    posts.map((p) => repliedPostLine(locale, p)),
    t(locale, 'programs.digest.repliedTitle'),
  );
}
