import type { Activity, TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './card-types.js';

/**
 * Who a card was sent to travels in its buttons: every `Action.Submit` (and `Action.Execute`) of an
 * Adaptive Card going to a member carries `to: <that member's 29:… id>` in its data, which Teams
 * hands back with the click. A click whose sender is someone else (a card in a channel or group chat
 * answered to one person, or a request claiming another member's id) is refused by the mapper.
 *
 * The key sits beside `hiroba` and `kind`; form inputs are prefixed (`f_…`), so none can shadow it.
 */
export const CARD_RECIPIENT_KEY = 'to';

const BOUND_ACTIONS: ReadonlySet<string> = new Set(['Action.Submit', 'Action.Execute']);

/** The card JSON with every submit action's data naming `recipientId`; other values are copied as they are. */
export function bindCard(node: unknown, recipientId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => bindCard(item, recipientId));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = bindCard(value, recipientId);
  const type = (node as { type?: unknown }).type;
  if (typeof type === 'string' && BOUND_ACTIONS.has(type)) {
    const data = (node as { data?: unknown }).data;
    const base = data !== null && typeof data === 'object' && !Array.isArray(data) ? (out.data as object) : {};
    out.data = { ...base, [CARD_RECIPIENT_KEY]: recipientId };
  }
  return out;
}

/** The activity with its Adaptive Card attachments bound to `recipientId`; a copy, the input is left as it was. */
export function bindActivity(activity: Partial<Activity>, recipientId: string): Partial<Activity> {
  if (!activity.attachments?.some((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE)) return activity;
  return {
    ...activity,
    attachments: activity.attachments.map((attachment) =>
      attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE
        ? { ...attachment, content: bindCard(attachment.content, recipientId) }
        : attachment,
    ),
  };
}

/**
 * Binds every card this turn sends, or puts in place of a message it sent (an answer replacing
 * "crunching the numbers…"), to `recipientId` (null: the cards are for whoever sees them, as a
 * channel post is). Called by the bot for each inbound turn (the person who wrote or clicked) and each
 * proactive send to a member's 1:1 chat.
 */
export function bindCardsSentIn(
  context: Pick<TurnContext, 'onSendActivities' | 'onUpdateActivity'>,
  recipientId: string | null,
): void {
  if (recipientId === null) return;
  context.onSendActivities(async (_context, activities, next) => {
    for (const [i, activity] of activities.entries()) activities[i] = bindActivity(activity, recipientId);
    return next();
  });
  // The update handler gets the activity itself, not a list it may replace items of: bound in place.
  context.onUpdateActivity(async (_context, activity, next) => {
    Object.assign(activity, bindActivity(activity, recipientId));
    return next();
  });
}
