import botbuilder, { type Activity } from 'botbuilder';
import { type InboundActivity, mentionsOf } from './inbound.js';

// botbuilder is CommonJS: plain Node's ES-module loader does not always see its named exports.
const { TurnContext } = botbuilder;

/**
 * A command names a few people at most; mentions past this many are left as text. Each mention is
 * one pass over the text, so the cap keeps a hostile payload with thousands of entities linear.
 */
export const MAX_MENTIONS = 50;

function isWellFormedMention(entity: unknown): boolean {
  const e = entity as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } | null } | null;
  return (
    typeof e?.type === 'string' &&
    e.type.toLowerCase() === 'mention' &&
    typeof e.text === 'string' &&
    typeof e.mentioned?.id === 'string'
  );
}

/**
 * The words of `@Hiroba <words>` (or of a 1:1 message) in a form the command grammar reads: the
 * bot's mention is removed; a mentioned person becomes their email when Hiroba knows it (an exact
 * match), else stays `<at>Name</at>` (matched by display name); a mentioned channel becomes
 * `<#19:…@thread.tacv2|Name>`. Called by the inbound mapper.
 */
export async function commandTextOf(
  activity: InboundActivity,
  emailOf: (platformId: string) => string | null | Promise<string | null> = () => null,
): Promise<string> {
  const copy: Partial<Activity> = {
    text: activity.text ?? '',
    recipient: activity.recipient ? { id: activity.recipient.id, name: activity.recipient.name ?? '' } : undefined,
    // Only well-formed mentions reach botbuilder, which reads `mentioned.id` of each unchecked.
    entities: (activity.entities ?? []).filter(isWellFormedMention).slice(0, MAX_MENTIONS),
  };
  // removeRecipientMention edits the activity it is given: hence the copy.
  let text = copy.recipient ? (TurnContext.removeRecipientMention(copy) ?? '') : (copy.text ?? '');

  const botId = activity.recipient?.id;
  const tokens: string[] = [];
  for (const mention of mentionsOf(activity).slice(0, MAX_MENTIONS)) {
    if (mention.id === botId) {
      text = text.replace(mention.text, ' ');
      continue;
    }
    if (!text.includes(mention.text)) continue;
    const name = stripTags(mention.name ?? mention.text)
      .replace(/[<>]/gu, ' ')
      .trim();
    // A channel keeps its name (`<#19:…|General>`) so answers can show it by name, never by id.
    const token = mention.id.startsWith('19:')
      ? `<#${mention.id}|${name.replace(/[|>]/gu, ' ')}>`
      : ((await emailOf(mention.id)) ?? `<at>${name}</at>`);
    // A placeholder keeps the token safe from the tag stripping below.
    text = text.replace(mention.text, `\u0000${tokens.length}\u0000`);
    tokens.push(token);
  }
  text = decodeEntities(stripTags(text));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL brackets the placeholders stripTags cannot produce
  text = text.replace(/\u0000(\d+)\u0000/gu, (_whole, i: string) => tokens[Number(i)] ?? '');
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Removes the HTML tags Teams wraps text in. `[^<>]*` (not `[^>]*`) keeps this linear: a match
 * attempt never scans past the next `<`, so `<at<at<at…` without a `>` costs one pass, not n².
 */
function stripTags(text: string): string {
  return text.replace(/<\/?(p|div|span|br|at)\b[^<>]*>/giu, ' ');
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gu, (_whole, name: string) => ENTITIES[name] ?? '');
}
