import { z } from 'zod';
import type { DirectoryEntry, Locale, WorkspaceSettings } from '../core/types.js';
import type { SlackUser } from './slack-payloads.js';

/** Slackbot is a user in `users.list` without `is_bot`; it is a bot for Hiroba. */
const SLACKBOT_ID = 'USLACKBOT';

/** `ja-JP` → `ja`, `en-US`/`en-GB` → `en`; other languages → null (the workspace's language applies). */
export function localeFromSlack(locale: string | undefined): Locale | null {
  const lang = locale?.toLowerCase().split(/[-_]/u)[0];
  return lang === 'ja' || lang === 'en' ? lang : null;
}

const email = z.email().max(320);

export type ProfileFieldConfig = WorkspaceSettings['profileFields'];

/** Values of the configured custom profile fields, read from `users.profile.get` (or an event's profile). */
export interface ProfileFieldValues {
  department?: string | null;
  location?: string | null;
  manager?: string | null;
}

const profileFieldSchema = z.looseObject({
  value: z.string().nullable().optional(),
  alt: z.string().nullable().optional(),
  label: z.string().optional(),
});
const profileFieldsSchema = z.record(z.string(), profileFieldSchema);

/**
 * Picks department / location / manager out of a Slack profile's `fields` map
 * (`{ Xf01: { value, alt, label } }`), matching the configured name against the field id or, with
 * `include_labels`, its label (case-insensitive). A manager field holds user ids; the first is taken.
 * Returns only the keys that are configured, so an unconfigured field is never cleared.
 */
export function pickProfileFields(rawFields: unknown, config: ProfileFieldConfig): ProfileFieldValues {
  const parsed = profileFieldsSchema.safeParse(rawFields ?? {});
  const fields = parsed.success ? parsed.data : {};
  const find = (wanted: string): string | null => {
    const w = wanted.toLowerCase();
    for (const [id, field] of Object.entries(fields)) {
      if (id.toLowerCase() === w || field.label?.toLowerCase() === w) {
        const value = (field.value ?? '').trim();
        return value.length > 0 ? value.slice(0, 200) : null;
      }
    }
    return null;
  };
  const out: ProfileFieldValues = {};
  if (config.department) out.department = find(config.department);
  if (config.location) out.location = find(config.location);
  if (config.manager) out.manager = find(config.manager)?.split(/[,\s]+/u)[0] ?? null;
  return out;
}

/** True when ops mapped at least one directory attribute to a Slack profile field. */
export function hasProfileFields(config: ProfileFieldConfig): boolean {
  return Boolean(config.department ?? config.location ?? config.manager);
}

/**
 * A Slack user (from `users.list`, `team_join` or `user_change`) as a directory entry: the display
 * name Slack shows, the email when `users:read.email` was granted, bots (and Slackbot) marked,
 * deleted users deactivated, workspace owners/admins flagged (they are Hiroba admins), the locale
 * when `include_locale` was asked. Profile field values are merged when given.
 */
export function toDirectoryEntry(user: SlackUser, fields: ProfileFieldValues = {}): DirectoryEntry {
  const profile = user.profile ?? {};
  const name =
    [profile.real_name, user.real_name, profile.display_name, user.name, user.id].find(
      (n): n is string => typeof n === 'string' && n.trim().length > 0,
    ) ?? user.id;
  const mail = profile.email && email.safeParse(profile.email).success ? profile.email : null;
  const entry: DirectoryEntry = {
    platformId: user.id,
    name: name.trim().slice(0, 200),
    email: mail,
    isBot: user.is_bot === true || user.id === SLACKBOT_ID,
    deactivated: user.deleted === true,
    isPlatformAdmin: user.is_admin === true || user.is_owner === true || user.is_primary_owner === true,
  };
  // Events carry no locale (only `users.list` with include_locale does): leave the known one alone.
  if (user.locale !== undefined) entry.locale = localeFromSlack(user.locale);
  if (fields.department !== undefined) entry.department = fields.department;
  if (fields.location !== undefined) entry.location = fields.location;
  if (fields.manager !== undefined) entry.manager = fields.manager;
  return entry;
}
