import type { MemberPatch, NewMember } from '../../core/ports.js';
import { LOCALES, type Member, STORED_ROLES } from '../../core/types.js';
import { knownDepartment } from '../activity-sql.js';
import { fromBitOrNull, oneOf, toBit, toBitOrNull, toInstant, toInstantOrNull } from '../row-values.js';

/** Member rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface MemberRow {
  id: number;
  workspace_id: number;
  platform_id: string | null;
  name: string;
  email: string | null;
  department: string | null;
  location: string | null;
  manager_id: number | null;
  is_executive: number;
  is_bot: number;
  role: string;
  opted_out: number;
  locale: string | null;
  locale_chosen: number;
  is_pilot: number;
  blocked_bot: number;
  reachable: number | null;
  joined_at: string;
  included_at: string | null;
  deactivated_at: string | null;
}

/** Every column but the id, as bound by the insert and the update. */
export type MemberParams = Omit<MemberRow, 'id'>;

export const TABLE = 'members';

export function toMember(row: MemberRow & { forgotten_at?: string | null }): Member {
  return {
    ...(row.forgotten_at ? { forgottenAt: row.forgotten_at } : {}),
    id: row.id,
    workspaceId: row.workspace_id,
    platformId: row.platform_id,
    name: row.name,
    email: row.email,
    department: row.department,
    location: row.location,
    managerId: row.manager_id,
    isExecutive: row.is_executive !== 0,
    isBot: row.is_bot !== 0,
    role: oneOf(STORED_ROLES, row.role, TABLE, row.id, 'role'),
    optedOut: row.opted_out !== 0,
    locale: row.locale === null ? null : oneOf(LOCALES, row.locale, TABLE, row.id, 'locale'),
    localeChosen: row.locale_chosen !== 0,
    isPilot: row.is_pilot !== 0,
    blockedBot: row.blocked_bot !== 0,
    reachable: fromBitOrNull(row.reachable),
    joinedAt: row.joined_at,
    includedAt: row.included_at,
    deactivatedAt: row.deactivated_at,
  };
}

export function toParams(member: Omit<Member, 'id'>): MemberParams {
  return {
    workspace_id: member.workspaceId,
    platform_id: member.platformId,
    name: member.name,
    email: member.email,
    department: member.department,
    location: member.location,
    manager_id: member.managerId,
    is_executive: toBit(member.isExecutive),
    is_bot: toBit(member.isBot),
    role: member.role,
    opted_out: toBit(member.optedOut),
    locale: member.locale,
    locale_chosen: toBit(member.localeChosen),
    is_pilot: toBit(member.isPilot),
    blocked_bot: toBit(member.blockedBot),
    reachable: toBitOrNull(member.reachable),
    joined_at: toInstant(member.joinedAt, TABLE, 'joined_at'),
    included_at: toInstantOrNull(member.includedAt, TABLE, 'included_at'),
    deactivated_at: toInstantOrNull(member.deactivatedAt, TABLE, 'deactivated_at'),
  };
}

/** The fields of a patch that are set; `undefined` means "leave as it is", `null` clears. */
export function definedFields(patch: MemberPatch): MemberPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as MemberPatch;
}

/** A new member as `create` stores it: every field the input leaves out at its default. */
export function newMember(input: NewMember): Omit<Member, 'id'> {
  return {
    platformId: null,
    email: null,
    department: null,
    location: null,
    managerId: null,
    isExecutive: false,
    isBot: false,
    role: 'member',
    optedOut: false,
    locale: null,
    localeChosen: false,
    isPilot: false,
    blockedBot: false,
    reachable: null,
    includedAt: null,
    deactivatedAt: null,
    ...definedFields(input),
    workspaceId: input.workspaceId,
    name: input.name,
    joinedAt: input.joinedAt,
  };
}

/** The member's columns once `patch` is applied; null when the patch sets nothing (no write). */
export function patchedParams(current: Member, patch: MemberPatch): MemberParams | null {
  const fields = definedFields(patch);
  if (Object.keys(fields).length === 0) return null;
  return toParams({ ...current, ...fields });
}

/** Interactions are counted by today's departments: a move recounts the kept figures it changes. */
export function movedDepartment(before: Member, after: Member): boolean {
  return knownDepartment(after.department) !== knownDepartment(before.department);
}

// Written as an object so the compiler checks that every column is listed.
export const COLUMN_SET: Record<keyof MemberParams, true> = {
  workspace_id: true,
  platform_id: true,
  name: true,
  email: true,
  department: true,
  location: true,
  manager_id: true,
  is_executive: true,
  is_bot: true,
  role: true,
  opted_out: true,
  locale: true,
  locale_chosen: true,
  is_pilot: true,
  blocked_bot: true,
  reachable: true,
  joined_at: true,
  included_at: true,
  deactivated_at: true,
};
export const COLUMNS = Object.keys(COLUMN_SET);
