import type { adapters as ja } from '../ja/adapters.js';

/** English text: adapters. Same keys as the Japanese catalogue. */
export const adapters: Record<keyof typeof ja, string> = {
  'adapters.teams.error': 'Sorry, something went wrong. Please try again in a moment; if it keeps happening, let your Hiroba team know.',
  'adapters.teams.form.required': '"{label}" is required.',
  'adapters.teams.form.minLength': '"{label}" needs at least {min} characters.',
  'adapters.teams.form.errorsTitle': 'Please check the fields below.',
  'adapters.teams.form.unreadable': 'This form could not be read. Please open it again and fill it in.',
  'adapters.teams.truncated': 'Part of this message was left out to fit Teams\' message size limit.',
};
