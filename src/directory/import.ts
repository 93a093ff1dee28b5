import { type TextKey, type TextParams, t } from '../core/i18n/index.js';
import type { Repositories } from '../core/ports.js';
import type { Locale, Member } from '../core/types.js';
import type { DirectoryRow, OptionalColumn, RowError } from './parse-csv.js';

export interface DirectoryImportResult {
  /** Members the file added (known only by email until the platform's directory sync sees them). */
  created: number;
  /** Members already known by email, updated in place. */
  updated: number;
  /** Manager problems; those rows were kept without a manager. Sorted by line. */
  errors: RowError[];
}

/**
 * Writes parsed directory rows into a workspace, all in one transaction: members are matched by
 * email and updated in place (name, department, location, executive) or created without a platform
 * id; then managers are set from `managerEmail` (another row of the file or an existing member).
 * The file is the authority for its members' managers: a blank manager clears it. A manager that
 * cannot be found, or that would make a reporting cycle, is reported and the member kept without one.
 * Called by the `import-directory` CLI after `parseDirectoryCsv`. Deactivation is left to the platform sync.
 */
export async function importDirectory(
  repos: Repositories,
  workspaceId: number,
  rows: readonly DirectoryRow[],
  now: Date,
  locale: Locale = 'ja',
): Promise<DirectoryImportResult> {
  const say = (key: TextKey, params?: TextParams): string => t(locale, key, params);
  return repos.transaction(async () => {
    let created = 0;
    let updated = 0;
    const errors: RowError[] = [];
    const imported = new Map<string, Member>();

    for (const row of rows) {
      const has = (column: OptionalColumn): boolean => !row.absent.includes(column);
      const fields = {
        name: row.name,
        ...(has('department') ? { department: row.department } : {}),
        ...(has('location') ? { location: row.location } : {}),
        ...(has('executive') ? { isExecutive: row.executive } : {}),
      };
      const existing = await repos.members.byEmail(workspaceId, row.email);
      if (existing) {
        imported.set(row.email, await repos.members.update(existing.id, fields));
        updated += 1;
      } else {
        imported.set(
          row.email,
          await repos.members.create({
            workspaceId,
            joinedAt: now.toISOString(),
            email: row.email,
            platformId: null,
            ...fields,
          }),
        );
        created += 1;
      }
    }

    // Who reports to whom once the file is applied: the file's rows start without a manager (the
    // file decides theirs), everyone else keeps what is stored.
    const managerOf = new Map<number, number | null>();
    const byId = new Map<number, Member>();
    for (const member of await repos.members.list(workspaceId)) {
      byId.set(member.id, member);
      managerOf.set(member.id, member.managerId);
    }
    const decidesManagers = rows.some((row) => !row.absent.includes('manager_email'));
    if (decidesManagers) for (const member of imported.values()) managerOf.set(member.id, null);

    /** The chain of managers above `from` up to `to`, or null if `to` is not above `from`. */
    const chainUp = (from: number, to: number): number[] | null => {
      const seen = new Set<number>();
      const chain: number[] = [from];
      let at: number | null | undefined = managerOf.get(from);
      while (at !== null && at !== undefined && !seen.has(at)) {
        chain.push(at);
        if (at === to) return chain;
        seen.add(at);
        at = managerOf.get(at);
      }
      return null;
    };
    const emailOf = (id: number): string => byId.get(id)?.email ?? String(id);

    for (const row of rows) {
      const member = imported.get(row.email);
      if (member === undefined || row.absent.includes('manager_email')) continue;
      let managerId: number | null = null;
      if (row.managerEmail !== null) {
        const manager = imported.get(row.managerEmail) ?? (await repos.members.byEmail(workspaceId, row.managerEmail));
        if (manager === null) {
          errors.push({
            line: row.line,
            reason: say('directory.managerUnknown', { email: row.managerEmail }),
          });
        } else {
          const cycle = chainUp(manager.id, member.id);
          if (cycle !== null) {
            const chain = [member.id, ...cycle].map(emailOf).join(' → ');
            errors.push({
              line: row.line,
              reason: say('directory.managerCycle', { email: row.managerEmail, chain }),
            });
          } else {
            managerId = manager.id;
          }
        }
      }
      managerOf.set(member.id, managerId);
      if (member.managerId !== managerId) await repos.members.update(member.id, { managerId });
    }

    return { created, updated, errors: errors.sort((a, b) => a.line - b.line) };
  });
}
