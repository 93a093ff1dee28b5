import { CONTRIBUTION_KINDS, POST_KINDS } from '../core/types.js';

/** The contribution kinds as an SQL list; they are constants of the core, never user input. */
export const CONTRIBUTION_SQL = CONTRIBUTION_KINDS.map((kind) => `'${kind}'`).join(', ');
/** The top-level post kinds as an SQL list. */
export const POST_SQL = POST_KINDS.map((kind) => `'${kind}'`).join(', ');

/**
 * Every character `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator: tab,
 * line feed, vertical tab, form feed, carriage return, space, no-break space, the Zs spaces with the
 * ideographic space U+3000, line and paragraph separators, BOM), as SQL, so a department is "known"
 * in SQL exactly when the core's `trim()` leaves something of it.
 */
export const JS_TRIM_CHARS = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
  0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
export const TRIM_SQL = `char(${JS_TRIM_CHARS.join(', ')})`;

/** A department as reports compare it: trimmed as `String.prototype.trim` trims, null when nothing is left. */
export function knownDepartment(department: string | null): string | null {
  const trimmed = department?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The two departments of an interaction, for a query over `activities a`: `td` the target's and
 * `ad` the actor's, each known as `knownDepartment` knows it, both null unless the row is a reply or
 * reaction to someone else the directory holds. `INTERACTION_JOINS` go after `FROM activities a`;
 * `INTERACTION_SUMS` count interactions (`i`) and those that cross departments (`x`) over such rows.
 */
export const INTERACTION_DEPARTMENTS = interactionDepartments(TRIM_SQL);
export const INTERACTION_JOINS = `LEFT JOIN members t ON a.kind IN ('reply', 'reaction') AND t.id = a.target_member_id AND a.target_member_id <> a.member_id
  LEFT JOIN members am ON t.id IS NOT NULL AND am.id = a.member_id`;
export const INTERACTION_SUMS = interactionSums((condition) => condition);

function interactionDepartments(trimChars: string): string {
  return `nullif(trim(t.department, ${trimChars}), '') AS td,
  CASE WHEN t.id IS NULL THEN NULL ELSE nullif(trim(am.department, ${trimChars}), '') END AS ad`;
}

/** SQLite sums a condition as 0/1; PostgreSQL sums only numbers, so `asNumber` says how to make one. */
function interactionSums(asNumber: (condition: string) => string): string {
  return `SUM(${asNumber('td IS NOT NULL AND ad IS NOT NULL')}) AS i, SUM(${asNumber('td IS NOT NULL AND ad IS NOT NULL AND td <> ad')}) AS x`;
}

/** A condition as 0/1 in PostgreSQL (SQLite's booleans already are). */
export function pgBit(condition: string): string {
  return `(${condition})::int`;
}

/**
 * The same fragments for PostgreSQL: it has no `char()` of several code points, and sums no booleans.
 * `INTERACTION_JOINS` is shared as it is. Constant `chr()` calls are folded once per plan.
 */
export const PG_TRIM_SQL = `(${JS_TRIM_CHARS.map((code) => `chr(${code})`).join(' || ')})`;
export const PG_INTERACTION_DEPARTMENTS = interactionDepartments(PG_TRIM_SQL);
export const PG_INTERACTION_SUMS = interactionSums(pgBit);
