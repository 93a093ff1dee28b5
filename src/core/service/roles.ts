import { isManager } from '../groups.js';
import type { Member, Role } from '../types.js';

export { hasRole } from '../commands/roles.js';

/**
 * The role a member acts with: the stored role (`ops`, `admin`) when it outranks `manager`,
 * else `manager` when anyone reports to them, else `member`. The dispatcher calls it per command.
 */
export function effectiveRole(member: Member, everyone: readonly Member[]): Role {
  // Someone who left keeps no rights, whatever the stored role says.
  if (member.deactivatedAt !== null) return 'member';
  if (member.role === 'admin' || member.role === 'ops') return member.role;
  return isManager(member.id, everyone) ? 'manager' : 'member';
}
