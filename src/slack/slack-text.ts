/**
 * Plain text → Slack text. Slack needs only `&`, `<` and `>` escaped (everything else in mrkdwn is
 * harmless for plain text); limits are counted on the escaped text, in UTF-16 units, which is never
 * fewer than the characters Slack counts, so a text that fits here fits in Slack.
 */

/** Escapes the three characters Slack treats as control characters in text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/**
 * Slack text → plain text: undoes the three entities Slack writes for `&`, `<` and `>` that a person
 * typed (slash-command text arrives escaped). Mentions such as `<@U123>` are real brackets and stay.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&');
}

const ELLIPSIS = '…';

/**
 * The largest index `<= max` where `text` may be cut: never inside a surrogate pair nor inside an
 * entity (`&amp;`) that escaping produced.
 */
function safeCut(text: string, max: number): number {
  let at = Math.min(max, text.length);
  const before = text.charCodeAt(at - 1);
  if (at < text.length && before >= 0xd800 && before <= 0xdbff) at -= 1;
  const amp = text.lastIndexOf('&', at - 1);
  if (amp !== -1 && at - amp < 5) {
    const semi = text.indexOf(';', amp);
    if (semi === -1 || semi >= at) at = amp;
  }
  return at;
}

/** Cuts text (escaped or not) to `max` units, ending with "…" when something was left out. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, safeCut(text, max - ELLIPSIS.length)) + ELLIPSIS;
}

/**
 * Splits text into pieces of at most `max` units, at line breaks when it can, so a long text becomes
 * several Slack blocks instead of being rejected or losing its end.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const joined: string = current === null ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current !== null && current.length > 0) pieces.push(current);
    let rest = line;
    while (rest.length > max) {
      const at = safeCut(rest, max);
      pieces.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    current = rest;
  }
  if (current !== null && current.trim().length > 0) pieces.push(current);
  return pieces;
}
