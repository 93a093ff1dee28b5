import type { Statement } from 'better-sqlite3';
import type { PersonalDataCounts } from '../core/ports.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { toInstant } from './row-values.js';

/** Who is being erased, as the statements bind it. */
export interface Subject {
  member: number;
  workspace: number;
  /** '' when the member has none: matches nothing (`instr(x, '')` is guarded below). */
  pid: string;
  email: string;
  /** Names of one character would match far too much inside message records: not searched. */
  name: string;
}

/**
 * Every place personal data of a member lives, one `count` and one `erase` statement each, both bound
 * to a `Subject`. Checked against every table in migrations/*.sql:
 * - activities: kept (the aggregates need them) and detached: event keys such as
 *   `react:<channel>:<ts>:<user>:<emoji>` name the person and `msg:<channel>:<ts>` lets the platform
 *   name them, so each key becomes `forgotten:<row id>`;
 * - daily_rollups, job_ledger, workspaces.settings, audit_log: member ids and counts only, kept;
 * - activity_tombstones: keys that carry the platform id;
 * - submissions (the stories' text) and the outbox rows that posted or forwarded them for review;
 * - outbox rows to them (any status) and finished channel rows whose message names them (a pending
 *   channel digest goes out as it was written);
 * - nudge_states, conversation_refs (`member:<id>` and `author:` references holding their id),
 *   dashboard links and sessions, command_confirmations by them or naming them;
 * - pending_activities: theirs deleted, others' targets at them cleared;
 * - members: the manager link of their reports (cleared), then their own row (anonymised).
 */
const PARTS = {
  activities: {
    count: 'SELECT COUNT(*) AS n FROM activities WHERE member_id = @member',
    erase: `UPDATE activities SET event_id = 'forgotten:' || id WHERE member_id = @member`,
  },
  tombstones: {
    count: `SELECT COUNT(*) AS n FROM activity_tombstones
      WHERE workspace_id = @workspace AND @pid <> '' AND instr(event_id, ':' || @pid || ':') > 0`,
    erase: `DELETE FROM activity_tombstones
      WHERE workspace_id = @workspace AND @pid <> '' AND instr(event_id, ':' || @pid || ':') > 0`,
  },
  submissionMessages: {
    count: `SELECT COUNT(*) AS n FROM outbox WHERE workspace_id = @workspace AND job IN ('story-post', 'moderation')
      AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member)`,
    erase: `DELETE FROM outbox WHERE workspace_id = @workspace AND job IN ('story-post', 'moderation')
      AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member)`,
  },
  submissions: {
    count: 'SELECT COUNT(*) AS n FROM submissions WHERE member_id = @member',
    erase: 'DELETE FROM submissions WHERE member_id = @member',
  },
  messages: {
    count: `SELECT COUNT(*) AS n FROM outbox WHERE workspace_id = @workspace AND (
        (recipient_kind = 'member' AND recipient_id = @pid)
        OR (recipient_kind = 'channel' AND status <> 'pending'
            AND ((@pid <> '' AND instr(message, @pid) > 0) OR (length(@name) >= 2 AND instr(message, @name) > 0))))
      AND NOT (job IN ('story-post', 'moderation')
        AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member))`,
    erase: `DELETE FROM outbox WHERE workspace_id = @workspace AND (
        (recipient_kind = 'member' AND recipient_id = @pid)
        OR (recipient_kind = 'channel' AND status <> 'pending'
            AND ((@pid <> '' AND instr(message, @pid) > 0) OR (length(@name) >= 2 AND instr(message, @name) > 0))))
      AND NOT (job IN ('story-post', 'moderation')
        AND period IN (SELECT CAST(id AS TEXT) FROM submissions WHERE member_id = @member))`,
  },
  nudges: {
    count: 'SELECT COUNT(*) AS n FROM nudge_states WHERE member_id = @member',
    erase: 'DELETE FROM nudge_states WHERE member_id = @member',
  },
  references: {
    count: `SELECT COUNT(*) AS n FROM conversation_refs WHERE workspace_id = @workspace AND @pid <> '' AND (
        key = 'member:' || @pid
        OR (key LIKE 'author:%' AND CASE WHEN json_valid(reference) THEN json_extract(reference, '$.platformId') END = @pid))`,
    erase: `DELETE FROM conversation_refs WHERE workspace_id = @workspace AND @pid <> '' AND (
        key = 'member:' || @pid
        OR (key LIKE 'author:%' AND CASE WHEN json_valid(reference) THEN json_extract(reference, '$.platformId') END = @pid))`,
  },
  loginTokens: {
    count: 'SELECT COUNT(*) AS n FROM dashboard_login_tokens WHERE member_id = @member',
    erase: 'DELETE FROM dashboard_login_tokens WHERE member_id = @member',
  },
  sessions: {
    count: 'SELECT COUNT(*) AS n FROM dashboard_sessions WHERE member_id = @member',
    erase: 'DELETE FROM dashboard_sessions WHERE member_id = @member',
  },
  confirmations: {
    count: `SELECT COUNT(*) AS n FROM command_confirmations WHERE member_id = @member OR (workspace_id = @workspace AND (
        (@pid <> '' AND instr(args, @pid) > 0) OR (@email <> '' AND instr(lower(args), lower(@email)) > 0)))`,
    erase: `DELETE FROM command_confirmations WHERE member_id = @member OR (workspace_id = @workspace AND (
        (@pid <> '' AND instr(args, @pid) > 0) OR (@email <> '' AND instr(lower(args), lower(@email)) > 0)))`,
  },
  pendingActivities: {
    count: `SELECT COUNT(*) AS n FROM pending_activities WHERE workspace_id = @workspace AND member_platform_id = @pid`,
    erase: `DELETE FROM pending_activities WHERE workspace_id = @workspace AND member_platform_id = @pid`,
  },
  pendingTargets: {
    count: `SELECT COUNT(*) AS n FROM pending_activities WHERE workspace_id = @workspace AND @pid <> ''
        AND CASE WHEN json_valid(activity) THEN json_extract(activity, '$.targetPlatformId') END = @pid`,
    erase: `UPDATE pending_activities SET activity = json_set(activity, '$.targetPlatformId', NULL)
      WHERE workspace_id = @workspace AND @pid <> ''
        AND CASE WHEN json_valid(activity) THEN json_extract(activity, '$.targetPlatformId') END = @pid`,
  },
  reports: {
    count: 'SELECT COUNT(*) AS n FROM members WHERE manager_id = @member',
    erase: 'UPDATE members SET manager_id = NULL WHERE manager_id = @member',
  },
} as const;

export type Part = keyof typeof PARTS;

/** The order matters once: the submissions' outbox rows are found through the submissions. */
export const ORDER: readonly Part[] = [
  'activities',
  'tombstones',
  'submissionMessages',
  'submissions',
  'messages',
  'nudges',
  'references',
  'loginTokens',
  'sessions',
  'confirmations',
  'pendingActivities',
  'pendingTargets',
  'reports',
];

/** The member's row as the statements bind it; an unknown id throws. */
export function subjectOf(
  id: number,
  row:
    | { id: number; workspace_id: number; platform_id: string | null; email: string | null; name: string }
    | undefined
    | null,
): Subject {
  if (!row) throw new RowNotFoundError('members', id);
  return {
    member: row.id,
    workspace: row.workspace_id,
    pid: row.platform_id ?? '',
    email: row.email ?? '',
    name: row.name.trim(),
  };
}

export function totals(n: Record<Part, number>): PersonalDataCounts {
  return {
    activities: n.activities,
    submissions: n.submissions,
    messages: n.submissionMessages + n.messages,
    other: n.tombstones + n.nudges + n.references + n.loginTokens + n.sessions + n.confirmations + n.pendingTargets,
    pendingActivities: n.pendingActivities,
    reports: n.reports,
  };
}

/**
 * `forget`: erases one member. The members row is not deleted, because activities and rollups cascade
 * from it and the aggregates (daily rollups, weekly figures, cross-department targets) must stay
 * exact; it is anonymised instead. Department, location, executive and pilot flags, joined and
 * included dates stay (groups and past weeks are counted with them); name, email, platform id,
 * manager link, language and role go, and the row is deactivated and opted out. With neither email
 * nor platform id left, a later directory sync or event that brings the same person back creates a
 * fresh member with no history.
 */
export class MemberErasure {
  private readonly counts: Record<Part, Statement<[Subject], { n: number }>>;
  private readonly erasers: Record<Part, Statement<[Subject]>>;
  private readonly subjectOf: Statement<
    [number],
    { id: number; workspace_id: number; platform_id: string | null; email: string | null; name: string }
  >;
  private readonly anonymise: Statement<[{ member: number; at: string }]>;
  private readonly eraseTx: (id: number, at: string) => PersonalDataCounts;

  constructor(db: Database) {
    const counts = {} as Record<Part, Statement<[Subject], { n: number }>>;
    const erasers = {} as Record<Part, Statement<[Subject]>>;
    for (const part of ORDER) {
      counts[part] = db.prepare(PARTS[part].count);
      erasers[part] = db.prepare(PARTS[part].erase);
    }
    this.counts = counts;
    this.erasers = erasers;
    this.subjectOf = db.prepare('SELECT id, workspace_id, platform_id, email, name FROM members WHERE id = ?');
    this.anonymise = db.prepare(
      `UPDATE members SET name = '', email = NULL, platform_id = NULL, manager_id = NULL, locale = NULL,
         locale_chosen = 0, role = 'member', opted_out = 1, reachable = 0,
         deactivated_at = COALESCE(deactivated_at, @at), forgotten_at = @at
       WHERE id = @member`,
    );
    this.eraseTx = db.transaction((id: number, at: string): PersonalDataCounts => {
      const subject = this.subject(id);
      const done = {} as Record<Part, number>;
      for (const part of ORDER) done[part] = this.erasers[part].run(subject).changes;
      this.anonymise.run({ member: id, at });
      return totals(done);
    });
  }

  private subject(id: number): Subject {
    return subjectOf(id, this.subjectOf.get(id));
  }

  /** What `erase` would delete or clear now. */
  count(id: number): PersonalDataCounts {
    const subject = this.subject(id);
    const found = {} as Record<Part, number>;
    for (const part of ORDER) found[part] = this.counts[part].get(subject)?.n ?? 0;
    return totals(found);
  }

  erase(id: number, at: string): PersonalDataCounts {
    return this.eraseTx(id, toInstant(at, 'members', 'forgotten_at'));
  }
}
