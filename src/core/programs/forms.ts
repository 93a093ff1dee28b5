import { type TextKey, t } from '../i18n/index.js';
import type { Form, FormField, FormKind } from '../message.js';
import type { Locale } from '../types.js';

/**
 * The templates members fill in. A template lowers the bar to posting: the member answers three
 * short questions instead of facing an empty box. Field ids are what the submission carries back
 * and what `storyPost` lays out, so they are part of the contract with the adapters.
 */

interface FieldSpec {
  id: string;
  multiline: boolean;
  required: boolean;
  minLength: number;
  maxLength: number;
  placeholder: boolean;
  hint: boolean;
}

const STORY_FIELDS: readonly FieldSpec[] = [
  { id: 'title', multiline: false, required: false, minLength: 0, maxLength: 80, placeholder: true, hint: false },
  { id: 'situation', multiline: true, required: true, minLength: 10, maxLength: 1000, placeholder: true, hint: true },
  { id: 'action', multiline: true, required: true, minLength: 10, maxLength: 1000, placeholder: true, hint: false },
  { id: 'result', multiline: true, required: true, minLength: 10, maxLength: 1000, placeholder: true, hint: true },
];

const IDEA_FIELDS: readonly FieldSpec[] = [
  { id: 'title', multiline: false, required: true, minLength: 2, maxLength: 80, placeholder: true, hint: false },
  { id: 'idea', multiline: true, required: true, minLength: 10, maxLength: 1500, placeholder: true, hint: true },
  { id: 'benefit', multiline: true, required: false, minLength: 0, maxLength: 1000, placeholder: true, hint: false },
];

const FIRST_POST_FIELDS: readonly FieldSpec[] = [
  { id: 'intro', multiline: true, required: true, minLength: 10, maxLength: 1000, placeholder: true, hint: true },
  { id: 'interest', multiline: true, required: false, minLength: 0, maxLength: 500, placeholder: true, hint: false },
];

const FIELDS: Record<FormKind, readonly FieldSpec[]> = {
  story: STORY_FIELDS,
  idea: IDEA_FIELDS,
  first_post: FIRST_POST_FIELDS,
};

// Keys are built from the kind and field id; the parity test and the builders' tests catch a typo.
function key(text: string): TextKey {
  return text as TextKey;
}

function buildForm(kind: FormKind, locale: Locale): Form {
  const base = `programs.form.${kind}`;
  const fields: FormField[] = FIELDS[kind].map((spec) => {
    const field: FormField = {
      id: spec.id,
      label: t(locale, key(`${base}.${spec.id}.label`)),
      multiline: spec.multiline,
      required: spec.required,
      minLength: spec.minLength,
      maxLength: spec.maxLength,
    };
    if (spec.placeholder) field.placeholder = t(locale, key(`${base}.${spec.id}.placeholder`));
    if (spec.hint) field.hint = t(locale, key(`${base}.${spec.id}.hint`));
    return field;
  });
  return {
    kind,
    title: t(locale, key(`${base}.title`)),
    intro: t(locale, key(`${base}.intro`)),
    submitLabel: t(locale, 'programs.form.submit'),
    openLabel: t(locale, key(`${base}.open`)),
    fields,
  };
}

/** The success-story template (situation / what you did / result, optional title). */
export function storyForm(locale: Locale): Form {
  return buildForm('story', locale);
}

/** The idea template (title, idea, optional expected benefit). */
export function ideaForm(locale: Locale): Form {
  return buildForm('idea', locale);
}

/** The first-post template (self-introduction, optional interests), offered by nudges and the welcome. */
export function firstPostForm(locale: Locale): Form {
  return buildForm('first_post', locale);
}

/** The form of a kind; called by the core's `form(caller, kind)` when a member clicks a form button. */
export function formFor(kind: FormKind, locale: Locale): Form {
  return buildForm(kind, locale);
}

/** Field ids of a kind's template in display order, for laying out a submission. */
export function templateFieldIds(kind: FormKind): string[] {
  return FIELDS[kind].map((f) => f.id);
}
