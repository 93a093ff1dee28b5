import { z } from 'zod';
import type { DirectoryEntry, Locale } from '../core/types.js';

const accountSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  userPrincipalName: z.string().optional(),
  aadObjectId: z.string().optional(),
  userRole: z.string().optional(),
});

const emailSchema = z.email().max(320);

/**
 * One Teams member (`TeamsChannelAccount` from the roster or `getMember`) as a directory entry.
 * The platform id is the Teams user id (`29:…`): the id activities, mentions and 1:1 chats use.
 * Email is the account's `email`, else its UPN when that is an address (a guest's
 * `x_example.com#EXT#@tenant.onmicrosoft.com` is not). Null when the account is unreadable.
 * Called by `TeamsPlatform.listMembers` and by the bot when it meets someone new.
 */
export function toDirectoryEntry(account: unknown, locale: Locale | null = null): DirectoryEntry | null {
  const parsed = accountSchema.safeParse(account);
  if (!parsed.success) return null;
  const a = parsed.data;
  const email =
    [a.email, a.userPrincipalName].find(
      (v) => v !== undefined && !v.includes('#EXT#') && emailSchema.safeParse(v).success,
    ) ?? null;
  const name = (a.name?.trim() || email || a.id).slice(0, 200);
  return { platformId: a.id, name, email, isBot: a.id.startsWith('28:'), deactivated: false, locale };
}
