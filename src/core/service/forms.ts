import { t } from '../i18n/index.js';
import type { Form } from '../message.js';
import type { Locale } from '../types.js';

/**
 * Checks submitted values against the form's own field rules (required, length). Returns the
 * cleaned values, or an error per field in the member's language. Nothing is stored on error.
 */
export function validateForm(
  form: Form,
  values: Readonly<Record<string, string>>,
  locale: Locale,
): { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const clean: Record<string, string> = {};
  for (const field of form.fields) {
    const value = (values[field.id] ?? '').replace(/\r\n/gu, '\n').trim();
    const length = Array.from(value).length;
    if (value === '') {
      if (field.required) errors[field.id] = t(locale, 'replies.form.required', { field: field.label });
      continue;
    }
    if (length < field.minLength)
      errors[field.id] = t(locale, 'replies.form.tooShort', { field: field.label, min: field.minLength });
    else if (length > field.maxLength)
      errors[field.id] = t(locale, 'replies.form.tooLong', { field: field.label, max: field.maxLength, length });
    else clean[field.id] = value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values: clean };
}
