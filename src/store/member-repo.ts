import type { Statement, Transaction } from 'better-sqlite3';
import type { MemberPatch, MemberRepo, NewMember, PersonalDataCounts } from '../core/ports.js';
import { LOCALES, type Member, STORED_ROLES, type StoredRole } from '../core/types.js';
import { knownDepartment } from './activity-sql.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { KeptFigures } from './kept-figures.js';
import { MemberErasure } from './member-erasure.js';
import { fromBitOrNull, oneOf, toBit, toBitOrNull, toInstant, toInstantOrNull } from './row-values.js';
import type { Synchronous } from './sqlite-gate.js';

interface MemberRow {
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
type MemberParams = Omit<MemberRow, 'id'>;

const TABLE = 'members';

function toMember(row: MemberRow & { forgotten_at?: string | null }): Member {
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

/** `toMember` over rows read as arrays (`.raw()`), the columns found by name once. */
function rawMemberReader(statement: Statement<[number], MemberRow>): (workspaceId: number) => Member[] {
  const raw = statement.raw() as unknown as Statement<[number], unknown[]>;
  const at = new Map(raw.columns().map((c, i) => [c.name, i]));
  const column = (name: keyof MemberRow | 'forgotten_at'): number => at.get(name) ?? -1;
  const [id, ws, platform, name, email, department, location, manager, executive, bot, role] = (
    [
      'id',
      'workspace_id',
      'platform_id',
      'name',
      'email',
      'department',
      'location',
      'manager_id',
      'is_executive',
      'is_bot',
      'role',
    ] as const
  ).map(column);
  const [optedOut, locale, chosen, pilot, blocked, reachable, joined, included, deactivated, forgotten] = (
    [
      'opted_out',
      'locale',
      'locale_chosen',
      'is_pilot',
      'blocked_bot',
      'reachable',
      'joined_at',
      'included_at',
      'deactivated_at',
      'forgotten_at',
    ] as const
  ).map(column);
  return (workspaceId) =>
    raw.all(workspaceId).map((v) =>
      toMember({
        id: v[id as number] as number,
        workspace_id: v[ws as number] as number,
        platform_id: v[platform as number] as string | null,
        name: v[name as number] as string,
        email: v[email as number] as string | null,
        department: v[department as number] as string | null,
        location: v[location as number] as string | null,
        manager_id: v[manager as number] as number | null,
        is_executive: v[executive as number] as number,
        is_bot: v[bot as number] as number,
        role: v[role as number] as string,
        opted_out: v[optedOut as number] as number,
        locale: v[locale as number] as string | null,
        locale_chosen: v[chosen as number] as number,
        is_pilot: v[pilot as number] as number,
        blocked_bot: v[blocked as number] as number,
        reachable: v[reachable as number] as number | null,
        joined_at: v[joined as number] as string,
        included_at: v[included as number] as string | null,
        deactivated_at: v[deactivated as number] as string | null,
        forgotten_at: forgotten === -1 ? null : (v[forgotten as number] as string | null),
      }),
    );
}

function toParams(member: Omit<Member, 'id'>): MemberParams {
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
function definedFields(patch: MemberPatch): MemberPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as MemberPatch;
}

// Written as an object so the compiler checks that every column is listed.
const COLUMN_SET: Record<keyof MemberParams, true> = {
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
const COLUMNS = Object.keys(COLUMN_SET);

/** Members of a workspace (people and bots), matched by platform id or, for imports, by email. */
export class SqliteMemberRepo implements Synchronous<MemberRepo> {
  private readonly byId: Statement<[number], MemberRow>;
  private readonly byPlatform: Statement<[number, string], MemberRow>;
  private readonly byMail: Statement<[number, string], MemberRow>;
  private readonly ofRoles: Statement<[number, string], MemberRow>;
  private readonly reportOf: Statement<[number, number, number], { one: number }>;
  private readonly insert: Statement<[MemberParams], MemberRow>;
  private readonly write: Statement<[MemberParams & { id: number }], MemberRow>;
  private readonly patch: Transaction<(id: number, patch: MemberPatch) => Member>;
  // Prepared on first use: a file still at an older schema (an upgrade, the bench's generator) opens.
  private erasureOf: MemberErasure | null = null;
  private readonly db: Database;
  private readonly kept: KeptFigures;
  private listRaw: ((workspaceId: number) => Member[]) | null = null;

  constructor(db: Database) {
    this.db = db;
    this.kept = new KeptFigures(db);
    this.byId = db.prepare('SELECT * FROM members WHERE id = ?');
    this.byPlatform = db.prepare('SELECT * FROM members WHERE workspace_id = ? AND platform_id = ?');
    // The email column is COLLATE NOCASE, so this match (and the unique index) ignores case.
    this.byMail = db.prepare('SELECT * FROM members WHERE workspace_id = ? AND email = ?');
    this.ofRoles = db.prepare(
      'SELECT * FROM members WHERE workspace_id = ? AND role IN (SELECT value FROM json_each(?)) ORDER BY id',
    );
    // By the manager index (members_manager, 0001): a few rows at most, whatever the directory's size.
    this.reportOf = db.prepare(
      'SELECT 1 AS one FROM members WHERE manager_id = ? AND id <> ? AND workspace_id = (SELECT workspace_id FROM members WHERE id = ?) LIMIT 1',
    );
    this.insert = db.prepare(
      `INSERT INTO members (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}) RETURNING *`,
    );
    this.write = db.prepare(
      `UPDATE members SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id RETURNING *`,
    );
    this.patch = db.transaction((id: number, patch: MemberPatch): Member => {
      const current = this.get(id);
      if (!current) throw new RowNotFoundError(TABLE, id);
      const fields = definedFields(patch);
      if (Object.keys(fields).length === 0) return current;
      const [row] = this.write.all({ ...toParams({ ...current, ...fields }), id });
      if (!row) throw new RowNotFoundError(TABLE, id);
      const updated = toMember(row);
      // Interactions are counted by today's departments: a move recounts the kept figures it changes.
      if (knownDepartment(updated.department) !== knownDepartment(current.department))
        this.kept.refreshMember(updated.workspaceId, updated.id);
      return updated;
    });
  }

  private erasure(): MemberErasure {
    this.erasureOf ??= new MemberErasure(this.db);
    return this.erasureOf;
  }

  get(id: number): Member | null {
    const row = this.byId.get(id);
    return row ? toMember(row) : null;
  }

  byPlatformId(workspaceId: number, platformId: string): Member | null {
    const row = this.byPlatform.get(workspaceId, platformId);
    return row ? toMember(row) : null;
  }

  byEmail(workspaceId: number, email: string): Member | null {
    const row = this.byMail.get(workspaceId, email);
    return row ? toMember(row) : null;
  }

  list(workspaceId: number): Member[] {
    // Rows as arrays, each turned into a Member directly: the whole directory of a 100,000-person
    // company is read by every weekly job, and named-property rows cost twice as much to build.
    this.listRaw ??= rawMemberReader(this.db.prepare('SELECT * FROM members WHERE workspace_id = ? ORDER BY id'));
    return this.listRaw(workspaceId);
  }

  withRoles(workspaceId: number, roles: readonly StoredRole[]): Member[] {
    return this.ofRoles.all(workspaceId, JSON.stringify(roles)).map(toMember);
  }

  hasReports(memberId: number): boolean {
    return this.reportOf.get(memberId, memberId, memberId) !== undefined;
  }

  create(input: NewMember): Member {
    const member: Omit<Member, 'id'> = {
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
    // .all() runs the statement to its end: in autocommit the COMMIT (and its error: disk full,
    // a lock) happens there, which .get() would stop short of and lose.
    const [row] = this.insert.all(toParams(member));
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return toMember(row);
  }

  /** Changes the given fields only; an empty patch returns the member unchanged. Unknown id throws. */
  update(id: number, patch: MemberPatch): Member {
    return this.patch(id, patch);
  }

  personalData(id: number): PersonalDataCounts {
    return this.erasure().count(id);
  }

  /** Anonymises the row and deletes what hangs off it, in one transaction (see `MemberErasure`). */
  forget(id: number, at: string): PersonalDataCounts {
    return this.erasure().erase(id, at);
  }
}
