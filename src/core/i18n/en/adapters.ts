import type { adapters as ja } from '../ja/adapters.js';

/** English text: adapters. Same keys as the Japanese catalogue. */
export const adapters: Record<keyof typeof ja, string> = {
  'adapters.teams.error':
    'Sorry, something went wrong. Please try again in a moment; if it keeps happening, let your Hiroba team know.',
  'adapters.teams.form.required': '"{label}" is required.',
  'adapters.teams.form.minLength': '"{label}" needs at least {min} characters.',
  'adapters.teams.form.errorsTitle': 'Please check the fields below.',
  'adapters.teams.form.unreadable': 'This form could not be read. Please open it again and fill it in.',
  'adapters.teams.truncated': "Part of this message was left out to fit Teams' message size limit.",
  'adapters.teams.invoke.done': 'Done.',
  'adapters.answerPending': 'Crunching the numbers…',
  'adapters.card.notYours': 'Only the person this message was sent to can use its buttons.',
  'adapters.slack.modalClose': 'Cancel',
  'adapters.slack.moreBlocks': "{count} more items were left out to fit Slack's message size limit.",
  'adapters.slack.commandFailed':
    'Sorry, something went wrong and the command could not run. Please try again in a moment; if it keeps happening, let your Hiroba team know.',
  'adapters.slack.actionFailed':
    'Sorry, something went wrong and this could not be done. Please try again in a moment.',
  'adapters.slack.formUnreadable': 'This form could not be read. Please close it, open it again and fill it in.',
  'adapters.slack.formFailed': 'Sorry, something went wrong and your entry was not sent. Please try again in a moment.',
  'adapters.slack.formOpenFailed': 'The form could not be opened. Please press the button again.',
};
