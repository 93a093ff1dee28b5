import type { Role } from '../types.js';

/** Roles from least to most trusted. A manager is a member with reports; ops and admin see everything. */
export const ROLE_RANK: Record<Role, number> = { member: 0, manager: 1, ops: 2, admin: 3 };

/** Whether `role` is at least `minimum`. Called by the dispatcher and by `help`. */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
