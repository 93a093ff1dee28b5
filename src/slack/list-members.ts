import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { DirectoryEntry } from '../core/types.js';
import {
  hasProfileFields,
  type ProfileFieldConfig,
  type ProfileFieldValues,
  pickProfileFields,
  toDirectoryEntry,
} from './directory.js';
import { SlackDirectoryError, slackErrorCode, toSendFailure } from './errors.js';
import { type SlackUser, slackUserSchema } from './slack-payloads.js';

/** Slack's recommended page size for `users.list`. */
export const USERS_PAGE_SIZE = 200;
/** Attempts per page before the sync gives up (each after the wait Slack asked for). */
const PAGE_ATTEMPTS = 5;

interface ListLog {
  warn(...msg: unknown[]): void;
}

export interface ListMembersOptions {
  logger: ListLog;
  sleep: (ms: number) => Promise<void>;
}

const pageSchema = z.looseObject({
  members: z.array(z.unknown()).default([]),
  response_metadata: z.looseObject({ next_cursor: z.string().optional() }).optional(),
});

/**
 * One page, tried again when Slack says "slow down". With retries on, the WebClient already waits out
 * `Retry-After` itself; it gives up with an error only once its own retries are spent (after waiting),
 * or at once when `rejectRateLimitedCalls` is set (then we wait here). Either way the page is asked
 * again, so one 429 never cuts the directory short.
 */
async function fetchPage(client: WebClient, cursor: string | undefined, options: ListMembersOptions) {
  for (let attempt = 1; ; attempt += 1) {
    let res: unknown;
    try {
      res = await client.users.list({ limit: USERS_PAGE_SIZE, include_locale: true, ...(cursor ? { cursor } : {}) });
    } catch (error) {
      const failure = toSendFailure(error);
      if (failure.kind === 'permanent') throw new SlackDirectoryError(failure.code);
      if (attempt >= PAGE_ATTEMPTS) throw error;
      const waited = error instanceof Error && /rate limit was exceeded/iu.test(error.message);
      options.logger.warn(
        `users.list page failed (${failure.code}); trying the page again (${attempt}/${PAGE_ATTEMPTS - 1})`,
      );
      if (!waited)
        await options.sleep(
          failure.kind === 'transient' && failure.retryAfterMs !== undefined ? failure.retryAfterMs : 1000 * attempt,
        );
      continue;
    }
    return pageSchema.parse(res);
  }
}

/**
 * Custom profile fields come only from `users.profile.get` (needs `users.profile:read`, which the
 * manifest leaves out unless ops map fields). Without the scope the attributes stay as imported.
 */
async function profileFieldsOf(client: WebClient, users: SlackUser[], config: ProfileFieldConfig, logger: ListLog) {
  const out = new Map<string, ProfileFieldValues>();
  for (const user of users) {
    try {
      const res = await client.users.profile.get({ user: user.id, include_labels: true });
      out.set(user.id, pickProfileFields(res.profile?.fields, config));
    } catch (error) {
      const code = slackErrorCode(error) ?? toSendFailure(error).code;
      logger.warn(
        code === 'missing_scope'
          ? 'Slack profile fields are configured but the app lacks users.profile:read: add the scope to the manifest and reinstall, or import departments from CSV.'
          : `users.profile.get failed (${code}); profile fields left as they were.`,
      );
      if (code === 'missing_scope') break;
    }
  }
  return out;
}

/**
 * The whole Slack directory: every `users.list` page (200 at a time, following `next_cursor` until it
 * is empty), bots and deleted users included and marked, the locale asked for. Throws
 * `SlackDirectoryError` when Slack refuses for good (a bad token, a missing scope), so a partial list
 * never deactivates anyone. Called through `SlackPlatform.listMembers` by the directory sync.
 */
export async function listSlackMembers(
  client: WebClient,
  profileFields: ProfileFieldConfig,
  options: ListMembersOptions,
): Promise<DirectoryEntry[]> {
  const users: SlackUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(client, cursor, options);
    for (const raw of page.members) {
      const user = slackUserSchema.safeParse(raw);
      if (user.success) users.push(user.data);
      else options.logger.warn('users.list returned a member Hiroba cannot read; skipped');
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  const humans = users.filter((u) => !u.deleted && !u.is_bot && u.id !== 'USLACKBOT');
  const fields = hasProfileFields(profileFields)
    ? await profileFieldsOf(client, humans, profileFields, options.logger)
    : new Map<string, ProfileFieldValues>();
  return users.map((u) => toDirectoryEntry(u, fields.get(u.id)));
}
