/**
 * Plain text → Adaptive Card TextBlock text. Teams reads a small Markdown subset in TextBlocks (bold,
 * italic, lists, links) and shows a backslash escape as a backslash, so nothing is escaped: the few
 * marks that would change what a person reads are replaced instead. Used by the card renderer only.
 */

/** The core writes commands the Slack way (`/hiroba optin`); on Teams the same words follow an @mention. */
const SLASH_COMMAND = /\/hiroba\b/giu;

/**
 * Plain text as a person should read it on Teams: commands in their Teams form, the core's code marks
 * (`` `/hiroba help` ``) dropped (Teams cards do not show code), and `*` as `∗` so a cron such as
 * `0 16 * * 5` or a star in a story never turns into bold or italics. The command parser reads `∗` as `*`.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(SLASH_COMMAND, '@Hiroba').replace(/`/gu, '').replace(/\*/gu, '∗');
}

/** Cuts text to at most `max` characters (code points, never splitting a surrogate pair), ending in "…". */
export function cutText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** UTF-8 size of a value serialized as JSON: what the Bot Connector measures. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
