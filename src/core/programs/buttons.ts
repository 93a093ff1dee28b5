import { t } from '../i18n/index.js';
import type { Button } from '../message.js';
import type { Locale } from '../types.js';
import { ACTION_IDS } from './action-ids.js';

/** "Share a success story": opens the story form. */
export function storyButton(locale: Locale): Button {
  return { actionId: ACTION_IDS.storyForm, label: t(locale, 'programs.button.story'), style: 'primary' };
}

/** "Post an idea": opens the idea form. */
export function ideaButton(locale: Locale): Button {
  return { actionId: ACTION_IDS.ideaForm, label: t(locale, 'programs.button.idea') };
}

/** "Stop these messages": the member's own opt-out, one click, no questions asked. */
export function optOutButton(locale: Locale): Button {
  return { actionId: ACTION_IDS.optOut, label: t(locale, 'programs.button.optOut') };
}
