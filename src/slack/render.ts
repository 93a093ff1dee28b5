import type {
  ActionsBlock,
  ContextBlock,
  HomeView,
  KnownBlock,
  SectionBlock,
  Button as SlackButton,
} from '@slack/types';
import { t } from '../core/i18n/index.js';
import type { Block, Button, Form, Message } from '../core/message.js';
import type { Locale } from '../core/types.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { cutText, escapeSlack, splitText } from './slack-text.js';

export { renderModal } from './render-modal.js';

/** Action id of the button that opens a message's form as a modal; its value is the form kind. */
export const FORM_OPEN_ACTION_ID = 'hiroba.form.open';

export interface RenderOptions {
  /** 50 for a message (default), 100 for a Home tab or a modal. */
  maxBlocks?: number;
}

/** A rendered message: the blocks and the notification text (`text` of `chat.postMessage`). */
export interface RenderedMessage {
  blocks: KnownBlock[];
  text: string;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: cutText(text, max), emoji: true });

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function context(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(cutText(text, SLACK_LIMITS.text))] };
}

function textBlocks(text: string, muted: boolean): KnownBlock[] {
  const escaped = escapeSlack(text);
  if (muted) return [context(escaped)];
  return splitText(escaped, SLACK_LIMITS.text).map(section);
}

function fieldBlocks(fields: { label: string; value: string }[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    const chunk = fields.slice(i, i + SLACK_LIMITS.fieldsPerSection);
    out.push({
      type: 'section',
      fields: chunk.map((f) =>
        mrkdwn(cutText(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, SLACK_LIMITS.fieldText)),
      ),
    });
  }
  return out;
}

/**
 * A list becomes bullet lines packed into sections; past `sectionsPerList` sections the remaining
 * items are summed up as "and N more" (a digest of 500 names stays one readable message).
 */
function listBlocks(block: Extract<Block, { type: 'list' }>, locale: Locale): KnownBlock[] {
  const head = block.title ? `*${cutText(escapeSlack(block.title), 300)}*` : null;
  if (block.items.length === 0) {
    const lines = [head, block.empty ? escapeSlack(block.empty) : null].filter((l): l is string => l !== null);
    return lines.length === 0 ? [] : [section(cutText(lines.join('\n'), SLACK_LIMITS.text))];
  }
  // Reserve room for the "and N more" line in the last section.
  const more = (count: number) => escapeSlack(t(locale, 'common.andMore', { count }));
  const reserve = more(block.items.length).length + 1;
  const sections: string[] = [];
  let current = head ?? '';
  let shown = 0;
  for (const item of block.items) {
    const line = `• ${cutText(escapeSlack(item.replace(/\s*\n\s*/gu, ' ')), SLACK_LIMITS.text - reserve - 2)}`;
    const joined = current.length === 0 ? line : `${current}\n${line}`;
    const last = sections.length === SLACK_LIMITS.sectionsPerList - 1;
    const room = last ? SLACK_LIMITS.text - reserve : SLACK_LIMITS.text;
    if (joined.length <= room) {
      current = joined;
      shown += 1;
      continue;
    }
    if (last) break;
    sections.push(current);
    current = line;
    shown += 1;
  }
  const rest = block.items.length - shown;
  if (rest > 0) current = `${current}\n${more(rest)}`;
  sections.push(current);
  return sections.filter((s) => s.length > 0).map(section);
}

function slackButton(button: Button, actionId: string): SlackButton {
  const out: SlackButton = { type: 'button', action_id: actionId, text: plain(button.label, SLACK_LIMITS.buttonText) };
  if (button.value !== undefined) out.value = button.value.slice(0, SLACK_LIMITS.buttonValue);
  if (button.style) out.style = button.style;
  if (button.url) out.url = button.url;
  return out;
}

/** Slack wants action ids unique inside a block: repeats get `#2`, `#3` (stripped on the way back). */
function actionsBlock(buttons: Button[]): ActionsBlock {
  const seen = new Map<string, number>();
  const elements = buttons.slice(0, SLACK_LIMITS.elementsPerActions).map((b) => {
    const n = (seen.get(b.actionId) ?? 0) + 1;
    seen.set(b.actionId, n);
    return slackButton(b, n === 1 ? b.actionId : `${b.actionId}#${n}`);
  });
  return { type: 'actions', elements };
}

/** The action id a button was rendered from (undoes the `#n` suffix of repeated ids). */
export function baseActionId(actionId: string): string {
  return actionId.replace(/#\d+$/u, '');
}

function formButton(form: Form): ActionsBlock {
  return actionsBlock([{ actionId: FORM_OPEN_ACTION_ID, label: form.openLabel, value: form.kind, style: 'primary' }]);
}

function renderBlock(block: Block, locale: Locale): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return textBlocks(block.text, block.muted === true);
    case 'fields':
      return fieldBlocks(block.fields);
    case 'list':
      return listBlocks(block, locale);
    case 'actions':
      return [actionsBlock(block.buttons)];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/**
 * The core's `Message` as Block Kit, within Slack's limits: a header for the title, sections for text
 * (long text split, never cut), field sections of at most 10, lists packed and cut with "and N more",
 * context for muted text, actions for buttons, and the form's open button last. When the blocks pass
 * `maxBlocks`, the tail is replaced by a context saying how many were left out; the form button is
 * always kept. Called by `SlackPlatform` (sends, Home tab) and the command/interaction handlers.
 */
export function renderBlocks(message: Message, locale: Locale, options: RenderOptions = {}): KnownBlock[] {
  const max = options.maxBlocks ?? SLACK_LIMITS.blocksPerMessage;
  const body: KnownBlock[] = [];
  if (message.title && message.title.trim().length > 0) {
    body.push({ type: 'header', text: plain(message.title, SLACK_LIMITS.headerText) });
  }
  for (const block of message.blocks) body.push(...renderBlock(block, locale));
  const tail: KnownBlock[] = message.form ? [formButton(message.form)] : [];
  if (body.length + tail.length <= max) return [...body, ...tail];
  const keep = max - 1 - tail.length;
  const dropped = body.length - keep;
  return [
    ...body.slice(0, keep),
    context(escapeSlack(t(locale, 'adapters.slack.moreBlocks', { count: dropped }))),
    ...tail,
  ];
}

/** Blocks plus the notification text, ready for `chat.postMessage` or `respond()`. */
export function renderMessage(message: Message, locale: Locale, options: RenderOptions = {}): RenderedMessage {
  return {
    blocks: renderBlocks(message, locale, options),
    text: cutText(escapeSlack(message.fallback), SLACK_LIMITS.text),
  };
}

/** The member's App Home tab (`views.publish`), from the core's `home()` message. */
export function renderHome(message: Message, locale: Locale): HomeView {
  return { type: 'home', blocks: renderBlocks(message, locale, { maxBlocks: SLACK_LIMITS.blocksPerView }) };
}
