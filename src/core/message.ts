import { z } from 'zod';

/**
 * The platform-neutral message every program builds. Adapters render it (Block Kit, Adaptive Card);
 * the outbox stores it as JSON, so it is a zod schema too. Text is plain: no markup of either platform.
 * Renderers escape it and cut it to their platform's limits.
 */
export const buttonSchema = z.object({
  /** Stable action id the adapter routes back to the core (`hiroba.<area>.<verb>`). */
  actionId: z.string().min(1).max(200),
  label: z.string().min(1).max(75),
  /** Opaque value returned with the action (e.g. a submission id). */
  value: z.string().max(2000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  /** When set the button opens a link instead of calling back. */
  url: z.string().url().optional(),
});
export type Button = z.infer<typeof buttonSchema>;

export const formFieldSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/u),
  label: z.string().min(1).max(100),
  multiline: z.boolean().default(false),
  required: z.boolean().default(true),
  minLength: z.number().int().min(0).default(0),
  maxLength: z.number().int().min(1).max(3000),
  placeholder: z.string().max(150).optional(),
  hint: z.string().max(300).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const FORM_KINDS = ['story', 'idea', 'first_post'] as const;
export const formKindSchema = z.enum(FORM_KINDS);
export type FormKind = z.infer<typeof formKindSchema>;

/** A form (Slack modal, Adaptive Card inputs). The kind routes the submission back to the core. */
export const formSchema = z.object({
  kind: formKindSchema,
  title: z.string().min(1).max(24),
  intro: z.string().max(2000).optional(),
  submitLabel: z.string().min(1).max(24),
  /** Label of the button that opens the form where the platform needs one (Slack DM → modal). */
  openLabel: z.string().min(1).max(75),
  fields: z.array(formFieldSchema).min(1).max(10),
});
export type Form = z.infer<typeof formSchema>;

export const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1), muted: z.boolean().optional() }),
  z.object({
    type: z.literal('fields'),
    fields: z.array(z.object({ label: z.string().min(1), value: z.string().min(1) })).min(1),
  }),
  z.object({
    type: z.literal('list'),
    title: z.string().optional(),
    items: z.array(z.string().min(1)),
    /** Shown when the list is empty. */
    empty: z.string().optional(),
  }),
  z.object({ type: z.literal('actions'), buttons: z.array(buttonSchema).min(1).max(5) }),
  z.object({ type: z.literal('divider') }),
]);
export type Block = z.infer<typeof blockSchema>;

/**
 * A chart that goes with a message (the digest's 13-week participation): the figures, not a picture.
 * Adapters draw it (`src/charts`) and attach it as an image; a message whose chart cannot be drawn
 * goes out without it.
 */
export const messageChartSchema = z.object({
  kind: z.literal('participation-trend'),
  title: z.string().min(1).max(150),
  /** Text for people who cannot see the image. */
  alt: z.string().min(1).max(300),
  /** One label per point (weeks, oldest first). */
  labels: z.array(z.string().max(40)).min(1).max(60),
  /** 0–1 ratios per label; null where nothing may be shown (a week under five people). */
  series: z
    .array(z.object({ name: z.string().min(1).max(60), values: z.array(z.number().min(0).max(1).nullable()).max(60) }))
    .min(1)
    .max(4),
});
export type MessageChart = z.infer<typeof messageChartSchema>;

export const messageSchema = z.object({
  /** What program built it (`digest`, `manager-report`, `nudge`, `story-prompt`, `command-reply`, …). */
  kind: z.string().min(1).max(64),
  title: z.string().max(150).optional(),
  blocks: z.array(blockSchema),
  /** Notification / fallback text: what a lock screen or a screen reader shows. */
  fallback: z.string().min(1).max(3000),
  /** A form attached to the message (story or idea prompt). */
  form: formSchema.optional(),
  /** A chart the adapters attach as an image (issue 13). */
  chart: messageChartSchema.optional(),
});
export type Message = z.infer<typeof messageSchema>;

/** The text of every block, in order: for logs, the demo and assertions. */
export function messageToPlainText(message: Message): string {
  const out: string[] = [];
  if (message.title) out.push(`# ${message.title}`);
  for (const block of message.blocks) {
    switch (block.type) {
      case 'text':
        out.push(block.text);
        break;
      case 'fields':
        for (const f of block.fields) out.push(`${f.label}: ${f.value}`);
        break;
      case 'list':
        if (block.title) out.push(block.title);
        if (block.items.length === 0 && block.empty) out.push(`  ${block.empty}`);
        for (const item of block.items) out.push(`  • ${item}`);
        break;
      case 'actions':
        out.push(block.buttons.map((b) => `[${b.label}]`).join(' '));
        break;
      case 'divider':
        out.push('---');
        break;
    }
  }
  if (message.form) {
    out.push(
      `[${message.form.openLabel}] → ${message.form.title}: ${message.form.fields.map((f) => f.label).join(' / ')}`,
    );
  }
  return out.join('\n');
}
