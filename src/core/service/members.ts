import type { MemberPatch, Repositories } from '../ports.js';
import { type DirectoryEntry, directoryEntrySchema, type Member, type StoredRole } from '../types.js';
import { recordDirectoryRoleChange } from './audit.js';

export interface MemberSyncDeps {
  repos: Repositories;
  /** Emails or platform ids who are `admin` from the start (HIROBA_ADMINS). */
  admins: ReadonlySet<string>;
}

/** Whether an entry names one of the configured admins (by platform id or email, case-insensitive). */
function isConfiguredAdmin(admins: ReadonlySet<string>, platformId: string | null, email: string | null): boolean {
  if (platformId && admins.has(platformId.toLowerCase())) return true;
  return email !== null && admins.has(email.toLowerCase());
}

/**
 * Creates or updates one member from a platform's (or an import's) view of them. Matching is by
 * platform id, then by email (a member first known from a directory import gets their platform id
 * here). Fields the entry leaves out (department, location, manager, executive) keep their stored
 * value, so a platform sync never erases what the CSV import set. Called by the service for joins,
 * profile changes and directory syncs.
 */
export async function upsertMemberEntry(
  deps: MemberSyncDeps,
  workspaceId: number,
  raw: DirectoryEntry,
  now: Date,
): Promise<Member> {
  const entry = directoryEntrySchema.parse(raw);
  const { members } = deps.repos;
  const existing =
    (entry.platformId ? await members.byPlatformId(workspaceId, entry.platformId) : null) ??
    (entry.email ? await members.byEmail(workspaceId, entry.email) : null);

  const patch: MemberPatch = { name: entry.name, isBot: entry.isBot };
  if (entry.platformId) patch.platformId = entry.platformId;
  if (entry.email) patch.email = entry.email;
  if (entry.locale && !existing?.localeChosen) patch.locale = entry.locale;
  if (entry.department !== undefined) patch.department = entry.department;
  if (entry.location !== undefined) patch.location = entry.location;
  if (entry.isExecutive !== undefined) patch.isExecutive = entry.isExecutive;
  if (entry.manager) {
    const manager =
      (await members.byEmail(workspaceId, entry.manager)) ?? (await members.byPlatformId(workspaceId, entry.manager));
    if (manager && manager.id !== existing?.id) patch.managerId = manager.id;
  }
  if (entry.deactivated) {
    if (!existing?.deactivatedAt) patch.deactivatedAt = now.toISOString();
  } else if (existing?.deactivatedAt) {
    patch.deactivatedAt = null;
  }
  const configured = isConfiguredAdmin(deps.admins, entry.platformId, entry.email);
  const promote = entry.isPlatformAdmin || configured;
  const role: StoredRole | undefined = promote && existing?.role !== 'admin' ? 'admin' : undefined;
  if (!role) {
    if (existing) return members.update(existing.id, patch);
    return members.create({ workspaceId, joinedAt: now.toISOString(), ...patch, name: entry.name });
  }
  patch.role = role;
  // A role the directory grants is audited like one an admin grants, in the same transaction.
  return deps.repos.transaction(async () => {
    const member = existing
      ? await members.update(existing.id, patch)
      : await members.create({ workspaceId, joinedAt: now.toISOString(), ...patch, name: entry.name });
    const via = entry.isPlatformAdmin ? 'platform-admin' : 'configured-admin';
    await recordDirectoryRoleChange(deps.repos, workspaceId, member, existing?.role ?? null, role, via, now);
    return member;
  });
}

/**
 * A full directory sync: every entry is upserted; members with a platform id that the complete
 * list no longer contains are deactivated. Runs in one transaction.
 */
export function syncDirectoryEntries(
  deps: MemberSyncDeps,
  workspaceId: number,
  entries: readonly DirectoryEntry[],
  now: Date,
): Promise<{ created: number; updated: number; deactivated: number }> {
  return deps.repos.transaction(async () => {
    const before = new Map((await deps.repos.members.list(workspaceId)).map((m) => [m.id, m]));
    const seen = new Set<number>();
    let created = 0;
    let updated = 0;
    for (const entry of entries) {
      const member = await upsertMemberEntry(deps, workspaceId, entry, now);
      seen.add(member.id);
      if (before.has(member.id)) updated += 1;
      else created += 1;
    }
    let deactivated = 0;
    for (const member of before.values()) {
      if (seen.has(member.id) || member.platformId === null || member.deactivatedAt !== null) continue;
      await deps.repos.members.update(member.id, { deactivatedAt: now.toISOString() });
      deactivated += 1;
    }
    return { created, updated, deactivated };
  });
}
