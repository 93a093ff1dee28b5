import type { PersonalDataCounts } from '../../core/ports.js';
import { ORDER, type Part, type Subject, subjectOf, totals } from '../member-erasure.js';
import { toInstant } from '../row-values.js';
import type { PgDb } from './pg-db.js';

/** SQLite's `lower()` folds ASCII letters only; PostgreSQL's folds every letter. This is SQLite's. */
function asciiLower(expression: string): string {
  return `translate(${expression}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
}

/**
 * The parts of `MemberErasure` (member-erasure.ts) that are one statement each, with the subject
 * bound as `@member`, `@workspace`, `@pid`, `@email`, `@name` (see `bind`). `instr(a, b) > 0` is
 * `strpos(a, b) > 0` here.
 */
const SQL_PARTS = {
  activities: {
    count: 'SELECT COUNT(*) FROM activities WHERE member_id = @member',
    erase: `UPDATE activities SET event_id = 'forgotten:' || id WHERE member_id = @member`,
  },
  tombstones: {
    count: `SELECT COUNT(*) FROM activity_tombstones
      WHERE workspace_id = @workspace AND @pid <> '' AND strpos(event_id, ':' || @pid || ':') > 0`,
    erase: `DELETE FROM activity_tombstones
      WHERE workspace_id = @workspace AND @pid <> '' AND strpos(event_id, ':' || @pid || ':') > 0`,
  },
  submissionMessages: {
    count: `SELECT COUNT(*) FROM outbox WHERE workspace_id = @workspace AND job IN ('story-post', 'moderation')
      AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member)`,
    erase: `DELETE FROM outbox WHERE workspace_id = @workspace AND job IN ('story-post', 'moderation')
      AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member)`,
  },
  submissions: {
    count: 'SELECT COUNT(*) FROM submissions WHERE member_id = @member',
    erase: 'DELETE FROM submissions WHERE member_id = @member',
  },
  messages: {
    count: `SELECT COUNT(*) FROM outbox WHERE workspace_id = @workspace AND (
        (recipient_kind = 'member' AND recipient_id = @pid)
        OR (recipient_kind = 'channel' AND status <> 'pending'
            AND ((@pid <> '' AND strpos(message, @pid) > 0) OR (length(@name) >= 2 AND strpos(message, @name) > 0))))
      AND NOT (job IN ('story-post', 'moderation')
        AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member))`,
    erase: `DELETE FROM outbox WHERE workspace_id = @workspace AND (
        (recipient_kind = 'member' AND recipient_id = @pid)
        OR (recipient_kind = 'channel' AND status <> 'pending'
            AND ((@pid <> '' AND strpos(message, @pid) > 0) OR (length(@name) >= 2 AND strpos(message, @name) > 0))))
      AND NOT (job IN ('story-post', 'moderation')
        AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member))`,
  },
  nudges: {
    count: 'SELECT COUNT(*) FROM nudge_states WHERE member_id = @member',
    erase: 'DELETE FROM nudge_states WHERE member_id = @member',
  },
  loginTokens: {
    count: 'SELECT COUNT(*) FROM dashboard_login_tokens WHERE member_id = @member',
    erase: 'DELETE FROM dashboard_login_tokens WHERE member_id = @member',
  },
  sessions: {
    count: 'SELECT COUNT(*) FROM dashboard_sessions WHERE member_id = @member',
    erase: 'DELETE FROM dashboard_sessions WHERE member_id = @member',
  },
  confirmations: {
    count: `SELECT COUNT(*) FROM command_confirmations WHERE member_id = @member OR (workspace_id = @workspace AND (
        (@pid <> '' AND strpos(args, @pid) > 0) OR (@email <> '' AND strpos(${asciiLower('args')}, ${asciiLower('@email')}) > 0)))`,
    erase: `DELETE FROM command_confirmations WHERE member_id = @member OR (workspace_id = @workspace AND (
        (@pid <> '' AND strpos(args, @pid) > 0) OR (@email <> '' AND strpos(${asciiLower('args')}, ${asciiLower('@email')}) > 0)))`,
  },
  pendingActivities: {
    count: 'SELECT COUNT(*) FROM pending_activities WHERE workspace_id = @workspace AND member_platform_id = @pid',
    erase: 'DELETE FROM pending_activities WHERE workspace_id = @workspace AND member_platform_id = @pid',
  },
  reports: {
    count: 'SELECT COUNT(*) FROM members WHERE manager_id = @member',
    erase: 'UPDATE members SET manager_id = NULL WHERE manager_id = @member',
  },
} as const satisfies Partial<Record<Part, { count: string; erase: string }>>;

type SqlPart = keyof typeof SQL_PARTS;

type Field = keyof Subject;

/** Each field's type: a parameter used only in `length()` must be given one to resolve. */
const TYPES: Record<Field, string> = {
  member: 'bigint',
  workspace: 'bigint',
  pid: 'text',
  email: 'text',
  name: 'text',
};

/** A statement written with `@field` names, numbered in the order they first appear (PostgreSQL takes only the parameters a statement uses). */
interface Bound {
  sql: string;
  fields: Field[];
}

function bind(sql: string, fields: Field[] = []): Bound {
  const text = sql.replace(/@(member|workspace|pid|email|name)\b/gu, (_, name: Field) => {
    if (!fields.includes(name)) fields.push(name);
    return `$${fields.indexOf(name) + 1}::${TYPES[name]}`;
  });
  return { sql: text, fields };
}

function values(bound: Bound, subject: Subject): unknown[] {
  return bound.fields.map((field) => subject[field]);
}

function isSqlPart(part: Part): part is SqlPart {
  return part in SQL_PARTS;
}

/** One count query for every part that is SQL alone (the fields numbered across them all). */
const COUNTS = ((): Bound => {
  const fields: Field[] = [];
  const columns = Object.entries(SQL_PARTS).map(([part, sql]) => `(${bind(sql.count, fields).sql}) AS "${part}"`);
  return { sql: `SELECT ${columns.join(',\n  ')}`, fields };
})();

/** A JSON column's top-level string field, as SQLite's `json_extract(x, '$.field')` compares it; null when not JSON. */
function jsonField(text: string, field: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return (value as Record<string, unknown>)[field] ?? null;
  } catch {
    return null;
  }
}

/**
 * `MemberErasure` (member-erasure.ts) on PostgreSQL, the same parts in the same order. The two parts
 * that look inside JSON (conversation references naming the author, pending activities aimed at the
 * member) are matched in JS: PostgreSQL 15 has no test for valid JSON, and one malformed row would
 * make a cast fail the whole erasure where SQLite's `json_valid` skips it.
 */
export class PgMemberErasure {
  constructor(private readonly db: PgDb) {}

  /** What `erase` would delete or clear now. */
  async count(id: number): Promise<PersonalDataCounts> {
    const subject = await this.subject(id, false);
    const found = (await this.db.one<Record<SqlPart, number>>(COUNTS.sql, values(COUNTS, subject))) as Record<
      SqlPart,
      number
    >;
    return totals({
      ...found,
      references: (await this.references(subject)).length,
      pendingTargets: (await this.pendingTargets(subject)).length,
    });
  }

  /** Anonymises the row and deletes what hangs off it, in one transaction (the member row locked first). */
  erase(id: number, at: string): Promise<PersonalDataCounts> {
    const forgottenAt = toInstant(at, 'members', 'forgotten_at');
    return this.db.transaction(async () => {
      const subject = await this.subject(id, true);
      const done = {} as Record<Part, number>;
      for (const part of ORDER) done[part] = await this.erasePart(part, subject);
      await this.db.run(
        `UPDATE members SET name = '', email = NULL, platform_id = NULL, manager_id = NULL, locale = NULL,
           locale_chosen = 0, role = 'member', opted_out = 1, reachable = 0,
           deactivated_at = COALESCE(deactivated_at, $2), forgotten_at = $2
         WHERE id = $1`,
        [id, forgottenAt],
      );
      return totals(done);
    });
  }

  private async subject(id: number, lock: boolean): Promise<Subject> {
    const row = await this.db.one<{
      id: number;
      workspace_id: number;
      platform_id: string | null;
      email: string | null;
      name: string;
    }>(`SELECT id, workspace_id, platform_id, email, name FROM members WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return subjectOf(id, row);
  }

  private async erasePart(part: Part, subject: Subject): Promise<number> {
    if (isSqlPart(part)) {
      const erase = bind(SQL_PARTS[part].erase);
      return this.db.run(erase.sql, values(erase, subject));
    }
    if (part === 'references') {
      const keys = await this.references(subject);
      if (keys.length === 0) return 0;
      return this.db.run('DELETE FROM conversation_refs WHERE workspace_id = $1 AND key = ANY($2::text[])', [
        subject.workspace,
        keys,
      ]);
    }
    const targets = await this.pendingTargets(subject);
    for (const row of targets)
      await this.db.run('UPDATE pending_activities SET activity = $2 WHERE id = $1', [row.id, row.cleared]);
    return targets.length;
  }

  /**
   * The keys of the member's conversation references: `member:<platform id>`, and `author:` ones
   * whose reference names them (`LIKE 'author:%'` matched ASCII case-insensitively, as SQLite does).
   */
  private async references(subject: Subject): Promise<string[]> {
    if (subject.pid === '') return [];
    const rows = await this.db.rows<{ key: string; reference: string }>(
      `SELECT key, reference FROM conversation_refs
       WHERE workspace_id = $1 AND (key = 'member:' || $2::text OR ${asciiLower('key')} LIKE 'author:%')`,
      [subject.workspace, subject.pid],
    );
    return rows
      .filter((row) => row.key === `member:${subject.pid}` || jsonField(row.reference, 'platformId') === subject.pid)
      .map((row) => row.key);
  }

  /** Others' pending activities aimed at the member, each with its JSON once the target is cleared. */
  private async pendingTargets(subject: Subject): Promise<Array<{ id: number; cleared: string }>> {
    if (subject.pid === '') return [];
    const rows = await this.db.rows<{ id: number; activity: string }>(
      'SELECT id, activity FROM pending_activities WHERE workspace_id = $1 ORDER BY id',
      [subject.workspace],
    );
    const out: Array<{ id: number; cleared: string }> = [];
    for (const row of rows) {
      if (jsonField(row.activity, 'targetPlatformId') !== subject.pid) continue;
      const activity = JSON.parse(row.activity) as Record<string, unknown>;
      out.push({ id: row.id, cleared: JSON.stringify({ ...activity, targetPlatformId: null }) });
    }
    return out;
  }
}
