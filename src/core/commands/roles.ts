import type { Role } from '../types.js';
import type { CommandType } from './command.js';

/** Roles from least to most trusted. A manager is a member with reports; ops and admin see everything. */
export const ROLE_RANK: Record<Role, number> = { member: 0, manager: 1, ops: 2, admin: 3 };

/** Whether `role` is at least `minimum`. Called by the dispatcher and by `helpText`. */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/**
 * The least role that may run each command, for the dispatcher to enforce before running it.
 * `stats` is open to everyone; what it may show is narrowed by role when it runs (a member sees
 * only themselves, a manager their reports, ops everyone).
 */
export const COMMAND_ROLES: Record<CommandType, Role> = {
  help: 'member',
  'purpose.show': 'member',
  'purpose.set': 'ops',
  'rules.show': 'member',
  'rules.set': 'ops',
  'channels.list': 'ops',
  'channels.add': 'ops',
  'channels.remove': 'ops',
  'digest.channel': 'ops',
  'digest.preview': 'ops',
  'digest.send': 'ops',
  stats: 'member',
  inactive: 'ops',
  reach: 'ops',
  'profileFields.show': 'ops',
  'profileFields.set': 'ops',
  'profileFields.clear': 'ops',
  'rollout.status': 'ops',
  'rollout.advance': 'ops',
  'rollout.pilot.add': 'ops',
  'rollout.pilot.remove': 'ops',
  'rollout.departments.add': 'ops',
  'schedule.show': 'ops',
  'schedule.set': 'ops',
  moderation: 'admin',
  'privacy.managerNames': 'admin',
  'role.grant': 'admin',
  'role.revoke': 'admin',
  prompt: 'ops',
  optout: 'member',
  optin: 'member',
  language: 'member',
  unknown: 'member',
};
