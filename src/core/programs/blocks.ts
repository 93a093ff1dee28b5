import { t } from '../i18n/index.js';
import type { Block, Button, Form, Message } from '../message.js';
import type { Locale } from '../types.js';

/** Longest text block a program writes: renderers cut at their platform's limit, we stay well under it. */
export const MAX_TEXT = 2500;
/** Names shown in a list before "and N more". */
export const MAX_NAMES = 10;

const MAX_TITLE = 150;
const MAX_FALLBACK = 3000;
const MAX_FIELD_VALUE = 2000;

/** Cuts `text` to `max` characters (code points), ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

export function textBlock(text: string, muted = false): Block {
  const clipped = clip(text.trim(), MAX_TEXT);
  return muted ? { type: 'text', text: clipped, muted: true } : { type: 'text', text: clipped };
}

export function fieldsBlock(fields: readonly { label: string; value: string }[]): Block {
  return { type: 'fields', fields: fields.map((f) => ({ label: f.label, value: clip(f.value, MAX_FIELD_VALUE) })) };
}

export function listBlock(items: readonly string[], title?: string, empty?: string): Block {
  const block: Block = { type: 'list', items: items.map((i) => clip(i, MAX_TEXT)) };
  if (title !== undefined) block.title = title;
  if (empty !== undefined) block.empty = empty;
  return block;
}

export function actionsBlock(buttons: readonly Button[]): Block {
  return { type: 'actions', buttons: buttons.slice(0, 5) };
}

export const divider: Block = { type: 'divider' };

/** Assembles a message, keeping the title and fallback within the model's limits. */
export function message(input: {
  kind: string;
  title?: string;
  blocks: Block[];
  fallback: string;
  form?: Form;
}): Message {
  const out: Message = { kind: input.kind, blocks: input.blocks, fallback: clip(input.fallback, MAX_FALLBACK) };
  if (input.title !== undefined) out.title = clip(input.title, MAX_TITLE);
  if (input.form !== undefined) out.form = input.form;
  return out;
}

/**
 * People as list items ("山田 太郎さん"), at most `max` of them, then one "and N more" item for the
 * rest. `total` is how many people there are when `names` holds only some of them; blank names
 * are skipped (and counted only through `total`).
 */
export function peopleItems(locale: Locale, names: readonly string[], total?: number, max = MAX_NAMES): string[] {
  const clean = names.map((n) => n.trim()).filter((n) => n.length > 0);
  const shown = clean.slice(0, max).map((name) => t(locale, 'programs.people.person', { name }));
  const hidden = Math.max(total ?? clean.length, clean.length) - shown.length;
  if (hidden > 0) shown.push(t(locale, 'programs.people.andMore', { count: hidden }));
  return shown;
}

/** "2026年 第48週" / "week 48, 2026"; a label that is not an ISO week is shown as given. */
export function weekLabel(locale: Locale, week: string): string {
  const match = /^(\d{4})-W(\d{2})$/u.exec(week);
  if (!match) return week;
  return t(locale, 'programs.week', { year: match[1] ?? '', week: String(Number(match[2])) });
}

/** Percentage-point difference between two 0–1 ratios, rounded: 0.42 vs 0.37 → 5. */
export function pointsDiff(current: number, previous: number): number {
  return Math.round(current * 100) - Math.round(previous * 100);
}
