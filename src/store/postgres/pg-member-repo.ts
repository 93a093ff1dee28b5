import type { MemberPatch, MemberRepo, NewMember, PersonalDataCounts } from '../../core/ports.js';
import type { Member, StoredRole } from '../../core/types.js';
import { RowNotFoundError } from '../errors.js';
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
} from '../rows/member-row.js';
import type { PgDb } from './pg-db.js';
import { PgKeptFigures } from './pg-kept-figures.js';
import { PgMemberErasure } from './pg-member-erasure.js';

const INSERT = `INSERT INTO members (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
const UPDATE = `UPDATE members SET ${COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')} WHERE id = $${COLUMNS.length + 1} RETURNING *`;

/** The member's columns as positional parameters, in the order of `COLUMNS`. */
function values(params: MemberParams): unknown[] {
  return COLUMNS.map((column) => params[column as keyof MemberParams]);
}

/** Members of a workspace (people and bots), matched by platform id or, for imports, by email. */
export class PgMemberRepo implements MemberRepo {
  private readonly kept: PgKeptFigures;
  private readonly erasure: PgMemberErasure;

  constructor(private readonly db: PgDb) {
    this.kept = new PgKeptFigures(db);
    this.erasure = new PgMemberErasure(db);
  }

  async get(id: number): Promise<Member | null> {
    const row = await this.db.one<MemberRow>('SELECT * FROM members WHERE id = $1', [id]);
    return row ? toMember(row) : null;
  }

  async byPlatformId(workspaceId: number, platformId: string): Promise<Member | null> {
    const row = await this.db.one<MemberRow>('SELECT * FROM members WHERE workspace_id = $1 AND platform_id = $2', [
      workspaceId,
      platformId,
    ]);
    return row ? toMember(row) : null;
  }

  async byEmail(workspaceId: number, email: string): Promise<Member | null> {
    // hiroba_nocase folds ASCII letters as SQLite's NOCASE does; the members_email index is on it.
    const row = await this.db.one<MemberRow>(
      'SELECT * FROM members WHERE workspace_id = $1 AND hiroba_nocase(email) = hiroba_nocase($2)',
      [workspaceId, email],
    );
    return row ? toMember(row) : null;
  }

  async list(workspaceId: number): Promise<Member[]> {
    return (
      await this.db.rows<MemberRow>('SELECT * FROM members WHERE workspace_id = $1 ORDER BY id', [workspaceId])
    ).map(toMember);
  }

  async withRoles(workspaceId: number, roles: readonly StoredRole[]): Promise<Member[]> {
    const rows = await this.db.rows<MemberRow>(
      'SELECT * FROM members WHERE workspace_id = $1 AND role = ANY($2::text[]) ORDER BY id',
      [workspaceId, [...roles]],
    );
    return rows.map(toMember);
  }

  async hasReports(memberId: number): Promise<boolean> {
    // By the manager index (members_manager): a few rows at most, whatever the directory's size.
    const row = await this.db.one(
      `SELECT 1 AS one FROM members WHERE manager_id = $1 AND id <> $1
         AND workspace_id = (SELECT workspace_id FROM members WHERE id = $1) LIMIT 1`,
      [memberId],
    );
    return row !== null;
  }

  async create(input: NewMember): Promise<Member> {
    const row = await this.db.one<MemberRow>(INSERT, values(toParams(newMember(input))));
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return toMember(row);
  }

  /** Changes the given fields only; an empty patch returns the member unchanged. Unknown id throws. */
  update(id: number, patch: MemberPatch): Promise<Member> {
    return this.db.transaction(async () => {
      // FOR UPDATE: two instances changing one member (a directory sync and a command) take turns, so
      // neither writes over the other's fields and a department move is recounted once, in order.
      const currentRow = await this.db.one<MemberRow>('SELECT * FROM members WHERE id = $1 FOR UPDATE', [id]);
      if (!currentRow) throw new RowNotFoundError(TABLE, id);
      const current = toMember(currentRow);
      const params = patchedParams(current, patch);
      if (params === null) return current;
      const row = await this.db.one<MemberRow>(UPDATE, [...values(params), id]);
      if (!row) throw new RowNotFoundError(TABLE, id);
      const updated = toMember(row);
      if (movedDepartment(current, updated)) await this.kept.refreshMember(updated.workspaceId, updated.id);
      return updated;
    });
  }

  personalData(id: number): Promise<PersonalDataCounts> {
    return this.erasure.count(id);
  }

  /** Anonymises the row and deletes what hangs off it, in one transaction (see `PgMemberErasure`). */
  forget(id: number, at: string): Promise<PersonalDataCounts> {
    return this.erasure.erase(id, at);
  }
}
