import { type TextKey, type TextParams, t } from '../core/i18n/index.js';
import { type Locale, localeSchema, type Workspace } from '../core/types.js';
import type { CliIo } from './io.js';

/** A message the CLI prints: a catalogue key and its parameters, rendered in the locale in force. */
export interface CliText {
  key: TextKey;
  params?: TextParams;
}

/** HIROBA_LOCALE when it is ja or en (a bad value is `start`'s to report), else null. */
export function envLocale(env: NodeJS.ProcessEnv): Locale | null {
  const parsed = localeSchema.safeParse(env.HIROBA_LOCALE?.trim());
  return parsed.success ? parsed.data : null;
}

/**
 * The language the CLI speaks: `--locale` when given, else the workspace's (once the command knows
 * it), else HIROBA_LOCALE, else Japanese. The same catalogues as the bot (`src/core/i18n`).
 */
export function cliLocale(io: CliIo, workspace?: Workspace | null): Locale {
  return io.locale ?? workspace?.settings.locale ?? envLocale(io.env) ?? 'ja';
}

/** A translator for the CLI's output in that language. */
export function cliSay(locale: Locale): (key: TextKey, params?: TextParams) => string {
  return (key, params) => t(locale, key, params);
}

/** A workspace whose language every workspace of the database shares, or null when they differ or there is none. */
export function sharedLocaleWorkspace(workspaces: readonly Workspace[]): Workspace | null {
  const [first] = workspaces;
  if (first === undefined) return null;
  return workspaces.every((w) => w.settings.locale === first.settings.locale) ? first : null;
}
