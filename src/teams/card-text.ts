/**
 * Plain text → Adaptive Card TextBlock text. TextBlocks in Teams read a Markdown subset, and the
 * core's text is plain, so characters that would start emphasis, code, links or a list are escaped
 * with a backslash (which the Markdown renderer removes). Used by the card renderer only.
 */

const INLINE = /[\\`*_~[\]]/gu;
// At the start of a line these turn text into a heading, a quote or a list item.
const LINE_START = /^(\s*)([#>]|[-+](?=\s))/gmu;
const ORDERED = /^(\s*\d+)([.)])(?=\s)/gmu;

/** The core writes commands the Slack way (`/hiroba optin`); on Teams the same words follow an @mention. */
const SLASH_COMMAND = /\/hiroba\b/giu;

/** Escapes Markdown in plain text so it shows as written, with commands in their Teams form. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(SLASH_COMMAND, '@Hiroba')
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_whole, space: string, mark: string) => `${space}\\${mark}`)
    .replace(ORDERED, (_whole, number: string, mark: string) => `${number}\\${mark}`);
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
