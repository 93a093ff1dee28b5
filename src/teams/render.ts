import { t } from '../core/i18n/index.js';
import type { Block, Button, Form, Message } from '../core/message.js';
import type { Locale } from '../core/types.js';
import { cutText, escapeMarkdown, jsonBytes } from './card-text.js';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  ADAPTIVE_CARD_SCHEMA,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type InputText,
  type TextBlock,
} from './card-types.js';

/** Action id of a form's submit button; the bot routes it to `core.submitForm`. */
export const FORM_SUBMIT_ACTION = 'hiroba.form.submit';
/** Input ids are the form's field ids behind this prefix, so no field can shadow `hiroba` or `kind`. */
export const FORM_INPUT_PREFIX = 'f_';
/**
 * Teams refuses a bot message over about 28 KB. The budget applies to what the renderer builds
 * (type, summary, attachments); the SDK adds conversation, from, recipient and serviceUrl (well under
 * 2 KB), so the whole activity stays under the limit.
 */
export const MAX_RENDERED_BYTES = 26_000;

/** A message activity carrying one Adaptive Card; what `TeamsPlatform` and the bot send. */
export interface CardActivity {
  type: 'message';
  /** Shown in notifications and the chat list instead of "Card". */
  summary: string;
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }];
}

interface Limits {
  /** Items shown per list or fact set before "and N more". */
  items: number;
  /** Characters per text. */
  chars: number;
}

// Tried in order until the card fits: most messages fit the first step untouched.
const STEPS: readonly Limits[] = [
  { items: 50, chars: 6000 },
  { items: 25, chars: 3000 },
  { items: 12, chars: 1500 },
  { items: 6, chars: 800 },
  { items: 3, chars: 400 },
  { items: 1, chars: 200 },
];

/**
 * The core's `Message` as an Adaptive Card 1.5, cut to fit Teams' message size. Called by
 * `TeamsPlatform.send` and by the bot for command replies.
 */
export function renderCard(message: Message, locale: Locale, reserveBytes = 0): AdaptiveCard {
  let card: AdaptiveCard | null = null;
  for (const limits of STEPS) {
    card = buildCard(message, locale, limits);
    if (fits(card, message.fallback, reserveBytes)) return card;
  }
  // Still too big (hundreds of blocks): keep the leading elements that fit, then say so.
  const last = card ?? buildCard(message, locale, STEPS[STEPS.length - 1] ?? { items: 1, chars: 200 });
  const note: TextBlock = {
    type: 'TextBlock',
    text: t(locale, 'adapters.teams.truncated'),
    wrap: true,
    isSubtle: true,
    size: 'Small',
  };
  const kept: CardElement[] = [];
  for (const element of last.body) {
    const trial = { ...last, body: [...kept, element, note] };
    if (!fits(trial, message.fallback, reserveBytes)) break;
    kept.push(element);
  }
  return { ...last, body: [...kept, note] };
}

/** A message activity with the card, ready for `sendActivity`. */
export function renderActivity(message: Message, locale: Locale): CardActivity {
  return cardActivity(renderCard(message, locale), message.fallback);
}

/** Wraps a card in a message activity. */
export function cardActivity(card: AdaptiveCard, summary: string): CardActivity {
  return { type: 'message', summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] };
}

/**
 * The form again with the core's errors shown under their fields and the typed values kept, for the
 * bot's reply to a submission the core refused (nothing was stored).
 */
export function renderFormErrors(
  form: Form,
  errors: Record<string, string>,
  values: Record<string, string>,
  locale: Locale,
): AdaptiveCard {
  const body: CardElement[] = [heading(form.title)];
  body.push({
    type: 'TextBlock',
    text: escapeMarkdown(t(locale, 'adapters.teams.form.errorsTitle')),
    wrap: true,
    color: 'Attention',
    weight: 'Bolder',
  });
  const fieldIds = new Set(form.fields.map((f) => f.id));
  for (const [key, text] of Object.entries(errors)) {
    if (!fieldIds.has(key)) body.push(errorText(text));
  }
  body.push(...formElements(form, locale, { errors, values, withTitle: false }));
  return card(body, locale);
}

/** `reserveBytes`: room kept for what is added after rendering (the digest chart's image). */
function fits(card: AdaptiveCard, summary: string, reserveBytes = 0): boolean {
  return jsonBytes(cardActivity(card, summary)) + reserveBytes <= MAX_RENDERED_BYTES;
}

function card(body: CardElement[], locale: Locale): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: '1.5', lang: locale, body };
}

function buildCard(message: Message, locale: Locale, limits: Limits): AdaptiveCard {
  const body: CardElement[] = [];
  if (message.title) body.push(heading(cutText(message.title, limits.chars)));
  let separatorNext = false;
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separatorNext = body.length > 0;
      continue;
    }
    const elements = renderBlock(block, locale, limits);
    const first = elements[0];
    if (first && separatorNext) {
      first.separator = true;
      first.spacing = 'Medium';
      separatorNext = false;
    }
    body.push(...elements);
  }
  if (message.form) {
    const elements = formElements(message.form, locale, { errors: {}, values: {}, withTitle: true });
    const first = elements[0];
    if (first && body.length > 0) {
      first.separator = true;
      first.spacing = 'Medium';
    }
    body.push(...elements);
  }
  return card(body, locale);
}

function heading(text: string): TextBlock {
  return {
    type: 'TextBlock',
    text: escapeMarkdown(text),
    wrap: true,
    size: 'Large',
    weight: 'Bolder',
    style: 'heading',
  };
}

function andMore(locale: Locale, count: number): TextBlock {
  return {
    type: 'TextBlock',
    text: escapeMarkdown(t(locale, 'common.andMore', { count })),
    wrap: true,
    isSubtle: true,
    size: 'Small',
    spacing: 'Small',
  };
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>, locale: Locale, limits: Limits): CardElement[] {
  switch (block.type) {
    case 'text':
      return [
        {
          type: 'TextBlock',
          text: escapeMarkdown(cutText(block.text, limits.chars)),
          wrap: true,
          ...(block.muted ? { isSubtle: true, size: 'Small' as const } : {}),
        },
      ];
    case 'fields':
      return renderFields(block.fields, locale, limits);
    case 'list':
      return renderList(block, locale, limits);
    case 'actions':
      return [{ type: 'ActionSet', actions: block.buttons.map(renderButton) }];
  }
}

// Two to four short figures read best side by side as tiles; anything else as label/value rows.
const TILE_VALUE_MAX = 16;
const TILE_LABEL_MAX = 24;

function renderFields(fields: Array<{ label: string; value: string }>, locale: Locale, limits: Limits): CardElement[] {
  const tiles =
    fields.length >= 2 &&
    fields.length <= 4 &&
    fields.every((f) => f.value.length <= TILE_VALUE_MAX && f.label.length <= TILE_LABEL_MAX);
  if (tiles) {
    return [
      {
        type: 'ColumnSet',
        columns: fields.map((f) => ({
          type: 'Column' as const,
          width: 'stretch',
          items: [
            {
              type: 'TextBlock' as const,
              text: escapeMarkdown(f.label),
              wrap: true,
              isSubtle: true,
              size: 'Small' as const,
            },
            {
              type: 'TextBlock' as const,
              text: escapeMarkdown(f.value),
              wrap: true,
              size: 'Large' as const,
              weight: 'Bolder' as const,
              spacing: 'None' as const,
            },
          ],
        })),
      },
    ];
  }
  const shown = fields.slice(0, limits.items);
  const out: CardElement[] = [
    {
      type: 'FactSet',
      facts: shown.map((f) => ({
        title: escapeMarkdown(cutText(f.label, limits.chars)),
        value: escapeMarkdown(cutText(f.value, limits.chars)),
      })),
    },
  ];
  if (fields.length > shown.length) out.push(andMore(locale, fields.length - shown.length));
  return out;
}

function renderList(block: Extract<Block, { type: 'list' }>, locale: Locale, limits: Limits): CardElement[] {
  const out: CardElement[] = [];
  if (block.title)
    out.push({
      type: 'TextBlock',
      text: escapeMarkdown(cutText(block.title, limits.chars)),
      wrap: true,
      weight: 'Bolder',
    });
  if (block.items.length === 0) {
    if (block.empty) out.push({ type: 'TextBlock', text: escapeMarkdown(block.empty), wrap: true, isSubtle: true });
    return out;
  }
  const shown = block.items.slice(0, limits.items);
  for (const [i, item] of shown.entries()) {
    out.push({
      type: 'TextBlock',
      text: `• ${escapeMarkdown(cutText(item, limits.chars))}`,
      wrap: true,
      ...(i > 0 || block.title ? { spacing: 'Small' as const } : {}),
    });
  }
  if (block.items.length > shown.length) out.push(andMore(locale, block.items.length - shown.length));
  return out;
}

function renderButton(button: Button): CardAction {
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  if (button.url) return { type: 'Action.OpenUrl', title: button.label, url: button.url, ...(style ? { style } : {}) };
  const data: Record<string, unknown> = { hiroba: button.actionId };
  if (button.value !== undefined) data.value = button.value;
  return { type: 'Action.Submit', title: button.label, data, ...(style ? { style } : {}) };
}

function errorText(text: string): TextBlock {
  return {
    type: 'TextBlock',
    text: escapeMarkdown(text),
    wrap: true,
    color: 'Attention',
    size: 'Small',
    spacing: 'Small',
  };
}

function formElements(
  form: Form,
  locale: Locale,
  state: { errors: Record<string, string>; values: Record<string, string>; withTitle: boolean },
): CardElement[] {
  const out: CardElement[] = [];
  if (state.withTitle)
    out.push({ type: 'TextBlock', text: escapeMarkdown(form.title), wrap: true, size: 'Medium', weight: 'Bolder' });
  if (form.intro) out.push({ type: 'TextBlock', text: escapeMarkdown(form.intro), wrap: true });
  for (const field of form.fields) {
    const input: InputText = {
      type: 'Input.Text',
      id: `${FORM_INPUT_PREFIX}${field.id}`,
      label: field.label,
      isMultiline: field.multiline,
      maxLength: field.maxLength,
      isRequired: field.required,
    };
    if (field.minLength > 0) {
      // Teams checks the length before sending; the core checks again on submission.
      input.regex = field.required ? `^[\\s\\S]{${field.minLength},}$` : `^$|^[\\s\\S]{${field.minLength},}$`;
      input.errorMessage = t(locale, 'adapters.teams.form.minLength', { label: field.label, min: field.minLength });
    } else if (field.required) {
      input.errorMessage = t(locale, 'adapters.teams.form.required', { label: field.label });
    }
    if (field.placeholder) input.placeholder = field.placeholder;
    const value = state.values[field.id];
    if (value !== undefined && value !== '') input.value = value;
    out.push(input);
    if (field.hint)
      out.push({
        type: 'TextBlock',
        text: escapeMarkdown(field.hint),
        wrap: true,
        isSubtle: true,
        size: 'Small',
        spacing: 'Small',
      });
    const error = state.errors[field.id];
    if (error) out.push(errorText(error));
  }
  out.push({
    type: 'ActionSet',
    actions: [
      {
        type: 'Action.Submit',
        title: form.submitLabel,
        data: { hiroba: FORM_SUBMIT_ACTION, kind: form.kind },
        style: 'positive',
      },
    ],
  });
  return out;
}
