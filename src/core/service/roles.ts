import { isManager } from '../groups.js';
import type { Member, Role } from '../types.js';

export { hasRole } from '../commands/roles.js';

/** Who has reports: the member repository (one indexed lookup), or a directory already in memory. */
export interface ReportLookup {
  hasReports(memberId: number): boolean | Promise<boolean>;
}

/** A lookup over members already loaded (a snapshot): no second read of the directory. */
export function reportsAmong(everyone: readonly Member[]): ReportLookup {
  return { hasReports: (memberId) => isManager(memberId, everyone) };
}

/**
 * The role a member acts with: the stored role (`ops`, `admin`) when it outranks `manager`,
 * else `manager` when anyone reports to them, else `member`. The dispatcher calls it per command,
 * with the member repository: a role check never reads the whole directory.
 */
export async function effectiveRole(member: Member, reports: ReportLookup): Promise<Role> {
  // Someone who left keeps no rights, whatever the stored role says.
  if (member.deactivatedAt !== null) return 'member';
  if (member.role === 'admin' || member.role === 'ops') return member.role;
  return (await reports.hasReports(member.id)) ? 'manager' : 'member';
}
