import type { InputBlock, KnownBlock, ModalView, PlainTextInput } from '@slack/types';
import { t } from '../core/i18n/index.js';
import type { Form, FormField, FormKind } from '../core/message.js';
import type { Locale } from '../core/types.js';
import { SlackViewMetadataTooLongError } from './errors.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { cutText, escapeSlack, splitText } from './slack-text.js';

/** Action id of every text input in a Hiroba modal; the block id is the form field id. */
export const FORM_INPUT_ACTION_ID = 'value';

/** `callback_id` of a form's modal: `hiroba.form.<kind>`, how a `view_submission` finds the form. */
export function formCallbackId(kind: FormKind): string {
  return `hiroba.form.${kind}`;
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: cutText(text, max), emoji: true });

function inputBlock(field: FormField): InputBlock {
  const element: PlainTextInput = {
    type: 'plain_text_input',
    action_id: FORM_INPUT_ACTION_ID,
    multiline: field.multiline,
    max_length: Math.min(field.maxLength, SLACK_LIMITS.inputMaxLength),
  };
  if (field.minLength > 0)
    element.min_length = Math.min(field.minLength, element.max_length ?? SLACK_LIMITS.inputMaxLength);
  if (field.placeholder) element.placeholder = plain(field.placeholder, SLACK_LIMITS.placeholder);
  const block: InputBlock = {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, SLACK_LIMITS.inputLabel),
    element,
  };
  if (field.hint) block.hint = plain(field.hint, SLACK_LIMITS.inputHint);
  return block;
}

/**
 * A core `Form` as a Slack modal for `views.open`: title/submit/close cut to 24 characters, the intro
 * as sections, one input block per field (block id = field id, so the core's per-field errors map
 * straight back onto `response_action: errors`), `callback_id` `hiroba.form.<kind>`.
 * `privateMetadata` comes back with the submission (the app puts the channel the click came from);
 * it must fit Slack's 3000 characters. Called by `SlackPlatform.openForm`.
 */
export function renderModal(form: Form, locale: Locale, privateMetadata: string): ModalView {
  if (privateMetadata.length > SLACK_LIMITS.privateMetadata)
    throw new SlackViewMetadataTooLongError(privateMetadata.length);
  const intro: KnownBlock[] = form.intro
    ? splitText(escapeSlack(form.intro), SLACK_LIMITS.text).map((text) => ({
        type: 'section',
        text: { type: 'mrkdwn', text },
      }))
    : [];
  const blocks = [...intro, ...form.fields.map(inputBlock)].slice(0, SLACK_LIMITS.blocksPerView);
  return {
    type: 'modal',
    callback_id: formCallbackId(form.kind),
    title: plain(form.title, SLACK_LIMITS.viewLabel),
    submit: plain(form.submitLabel, SLACK_LIMITS.viewLabel),
    close: plain(t(locale, 'adapters.slack.modalClose'), SLACK_LIMITS.viewLabel),
    private_metadata: privateMetadata,
    blocks,
  };
}
