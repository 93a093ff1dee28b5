import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { t } from '../core/i18n/index.js';
import { ACTION_IDS, CONFIRM_ACTIONS } from '../core/index.js';
import { type FormKind, formKindSchema } from '../core/message.js';
import type { FormResult } from '../core/ports.js';
import { ephemeral, ephemeralText } from './app.commands.js';
import type { SlackAppContext } from './app-context.js';
import { baseActionId, FORM_OPEN_ACTION_ID } from './render.js';
import { FORM_INPUT_ACTION_ID } from './render-modal.js';
import { formMetadataSchema, viewStateValuesSchema } from './slack-payloads.js';

const FORM_PREFIX = 'hiroba.form.';

const blockActionSchema = z.looseObject({
  user: z.looseObject({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z
    .looseObject({ id: z.string().min(1) })
    .nullable()
    .optional(),
  channel: z.looseObject({ id: z.string().min(1) }).optional(),
  container: z
    .looseObject({
      type: z.string().optional(),
      channel_id: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});

const buttonSchema = z.looseObject({
  type: z.literal('button'),
  action_id: z.string().min(1),
  value: z.string().optional(),
  url: z.string().optional(),
});

const viewSubmissionSchema = z.looseObject({
  user: z.looseObject({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z
    .looseObject({ id: z.string().min(1) })
    .nullable()
    .optional(),
  view: z.looseObject({
    id: z.string().min(1),
    hash: z.string().optional(),
    team_id: z.string().optional(),
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z.looseObject({ values: viewStateValuesSchema }),
  }),
});

/**
 * Buttons Hiroba only ever sends to one person: a review request (a DM to each ops member) and a
 * command's confirm / cancel (an ephemeral reply, or a DM). Slack signs who clicked; these must also
 * be clicked where only their recipient sees them, so a copy of one in a channel (shared or not)
 * acts for nobody. The core checks the role (ops) and the asker (confirmations) again.
 */
const PERSONAL_ACTIONS: ReadonlySet<string> = new Set([
  ACTION_IDS.approve,
  ACTION_IDS.reject,
  CONFIRM_ACTIONS.confirm,
  CONFIRM_ACTIONS.cancel,
]);

/** A DM with the bot, an ephemeral message or the App Home (a view): surfaces only their recipient sees. */
export function onPersonalSurface(payload: {
  channel?: { id: string } | undefined;
  container?: { type?: string | undefined; channel_id?: string | undefined; is_ephemeral?: boolean | undefined };
}): boolean {
  const { container } = payload;
  if (container?.type === 'view' || container?.is_ephemeral === true) return true;
  const channelId = container?.channel_id ?? payload.channel?.id;
  return channelId?.startsWith('D') === true;
}

/** `hiroba.form.open` (value = kind) or `hiroba.form.<kind>` → the form kind; null for other actions. */
export function formKindOfAction(actionId: string, value: string | undefined): FormKind | null {
  if (!actionId.startsWith(FORM_PREFIX)) return null;
  const kind = formKindSchema.safeParse(actionId === FORM_OPEN_ACTION_ID ? value : actionId.slice(FORM_PREFIX.length));
  return kind.success ? kind.data : null;
}

/** The values of a submitted Hiroba modal: block id (= field id) → the text typed ('' when left empty). */
export function submittedValues(values: z.infer<typeof viewStateValuesSchema>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, elements] of Object.entries(values)) {
    const element = elements[FORM_INPUT_ACTION_ID] ?? Object.values(elements)[0];
    out[blockId] = element?.value ?? '';
  }
  return out;
}

/**
 * The core's per-field errors as `response_action: errors`. Slack rejects an error for a block id the
 * view does not have, so such an error is shown on the first field instead of being lost.
 */
export function modalErrors(errors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const first = blockIds[0];
  for (const [field, message] of Object.entries(errors)) {
    const key = blockIds.includes(field) ? field : first;
    if (key === undefined) continue;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

function parseMetadata(raw: string | undefined): { channelId: string | null } {
  try {
    return formMetadataSchema.parse(JSON.parse(raw ?? '{}'));
  } catch {
    return { channelId: null };
  }
}

/**
 * Buttons and modals. A `hiroba.form.*` button opens the form as a modal (`views.open` with the
 * click's trigger); any other `hiroba.*` button goes to `core.handleAction`, and its reply, if any,
 * comes back ephemerally (or as a DM when the button sat in the App Home, which has no response URL).
 * Link buttons need only the acknowledgement. A `view_submission` is checked for shape, handed to
 * `core.submitForm`; field errors go back inline (`response_action: errors`, nothing stored), a
 * success closes the modal and the core's reply arrives as a DM. Registered once by `createSlackApp`.
 */
export function registerInteractions(app: App, ctx: SlackAppContext): void {
  app.action<BlockAction>(/^hiroba\./u, async ({ ack, body, action, respond }) => {
    await ack();
    const payload = blockActionSchema.safeParse(body);
    const button = buttonSchema.safeParse(action);
    if (!payload.success || !button.success) {
      ctx.log.warn('block action Hiroba cannot read; ignored');
      return;
    }
    if (button.data.url) return;
    const { user, team, channel, trigger_id, response_url } = payload.data;
    const workspace = await ctx.workspaceFor(team?.id ?? user.team_id ?? '');
    const locale = workspace.settings.locale;
    const caller = { workspaceId: workspace.id, platformId: user.id, channelId: channel?.id ?? null };
    const reply = async (message: Parameters<typeof ephemeral>[0]) => {
      if (response_url) await respond(ephemeral(message, locale));
      else await ctx.platform.send(workspace, { kind: 'member', id: user.id }, message);
    };
    const actionId = baseActionId(button.data.action_id);
    if (PERSONAL_ACTIONS.has(actionId) && !onPersonalSurface(payload.data)) {
      ctx.log.warn(`action ${actionId} refused: clicked outside the DM or ephemeral message it was sent in`);
      if (response_url) await respond(ephemeralText(t(locale, 'adapters.card.notYours')));
      return;
    }
    try {
      const kind = formKindOfAction(actionId, button.data.value);
      if (kind) {
        const form = await ctx.core.form(caller, kind);
        const opened = await ctx.platform.openForm(
          workspace,
          trigger_id,
          form,
          JSON.stringify({ channelId: caller.channelId }),
        );
        if (!opened.ok && response_url) await respond(ephemeralText(t(locale, 'adapters.slack.formOpenFailed')));
        return;
      }
      const message = await ctx.core.handleAction({
        ...caller,
        actionId,
        ...(button.data.value !== undefined ? { value: button.data.value } : {}),
      });
      if (message) await reply(message);
    } catch (error) {
      ctx.log.error(`action ${actionId} failed`, error);
      if (response_url) await respond(ephemeralText(t(locale, 'adapters.slack.actionFailed')));
    }
  });

  app.view<ViewSubmitAction>(/^hiroba\.form\./u, async ({ ack, body }) => {
    const payload = viewSubmissionSchema.safeParse(body);
    if (!payload.success) {
      ctx.log.warn('view submission Hiroba cannot read; closed');
      await ack();
      return;
    }
    const { user, team, view } = payload.data;
    const workspace = await ctx.workspaceFor(team?.id ?? view.team_id ?? user.team_id ?? '');
    const locale = workspace.settings.locale;
    const blockIds = Object.keys(view.state.values);
    const kind = formKindSchema.safeParse(view.callback_id.slice(FORM_PREFIX.length));
    if (!kind.success) {
      await ack(
        blockIds[0]
          ? { response_action: 'errors', errors: { [blockIds[0]]: t(locale, 'adapters.slack.formUnreadable') } }
          : undefined,
      );
      return;
    }
    const { channelId } = parseMetadata(view.private_metadata);
    let result: FormResult;
    try {
      result = await ctx.core.submitForm({
        workspaceId: workspace.id,
        platformId: user.id,
        channelId,
        kind: kind.data,
        values: submittedValues(view.state.values),
        // A double click submits the same view (same id and hash) twice: one key, one story.
        submissionKey: `${view.id}:${view.hash ?? ''}`,
      });
    } catch (error) {
      ctx.log.error('form submission failed', error);
      await ack(
        blockIds[0]
          ? { response_action: 'errors', errors: { [blockIds[0]]: t(locale, 'adapters.slack.formFailed') } }
          : undefined,
      );
      return;
    }
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: modalErrors(result.errors, blockIds) });
      return;
    }
    await ack();
    const sent = await ctx.platform.send(workspace, { kind: 'member', id: user.id }, result.reply);
    if (!sent.ok) ctx.log.warn(`form reply not delivered to ${user.id}: ${sent.failure.code}`);
  });
}
