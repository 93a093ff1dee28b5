import type { Locale, Member, Workspace } from '../types.js';

/** A member's language: their own (platform locale or `language` choice), else the workspace's. */
export function localeOf(member: Pick<Member, 'locale'> | null | undefined, workspace: Workspace): Locale {
  return member?.locale ?? workspace.settings.locale;
}
