import type { Statement, Transaction } from 'better-sqlite3';
import type { MemberPatch, MemberRepo, NewMember, PersonalDataCounts } from '../core/ports.js';
import type { Member, StoredRole } from '../core/types.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { KeptFigures } from './kept-figures.js';
import { MemberErasure } from './member-erasure.js';
import {
  COLUMNS,
  type MemberParams,
  type MemberRow,
  movedDepartment,
  newMember,
  patchedParams,
  TABLE,
  toMember,
  toParams,
} from './rows/member-row.js';
import type { Synchronous } from './sqlite-gate.js';

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
      const params = patchedParams(current, patch);
      if (params === null) return current;
      const [row] = this.write.all({ ...params, id });
      if (!row) throw new RowNotFoundError(TABLE, id);
      const updated = toMember(row);
      if (movedDepartment(current, updated)) this.kept.refreshMember(updated.workspaceId, updated.id);
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
    // .all() runs the statement to its end: in autocommit the COMMIT (and its error: disk full,
    // a lock) happens there, which .get() would stop short of and lose.
    const [row] = this.insert.all(toParams(newMember(input)));
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
