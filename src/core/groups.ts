import type { Member } from './types.js';

/**
 * Members who count at `at`: people (not bots), not deactivated at that instant, and joined
 * before it. Metrics, the digest and trends call it with the end of the period they report.
 */
export function eligibleMembers(members: readonly Member[], at: Date): Member[] {
  const t = at.getTime();
  return members.filter(
    (m) => !m.isBot && Date.parse(m.joinedAt) < t && (m.deactivatedAt === null || Date.parse(m.deactivatedAt) > t),
  );
}

/**
 * Everyone under a manager, direct and indirect, in the order of `members`. The directory may
 * hold a reporting loop (A → B → A after a bad import); each member is visited once and the
 * manager is never their own report. Manager reports and the role check for `stats` call it.
 */
export function reportsOf(
  managerId: number,
  members: readonly Member[],
  index: ReadonlyMap<number, readonly number[]> = directReports(members),
): Member[] {
  const found = new Set<number>();
  const queue = [managerId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const id of index.get(next) ?? []) {
      if (id === managerId || found.has(id)) continue;
      found.add(id);
      queue.push(id);
    }
  }
  return members.filter((m) => found.has(m.id));
}

/** Manager id → ids of their direct reports (self-management ignored); `reportsOf` walks it. */
export function directReports(members: readonly Member[]): Map<number, number[]> {
  const byManager = new Map<number, number[]>();
  for (const m of members) {
    if (m.managerId === null || m.managerId === m.id) continue;
    const list = byManager.get(m.managerId) ?? [];
    list.push(m.id);
    byManager.set(m.managerId, list);
  }
  return byManager;
}

/** A manager is anyone with at least one report in `members` (the `manager` role is derived, never stored). */
export function isManager(memberId: number, members: readonly Member[]): boolean {
  return members.some((m) => m.managerId === memberId && m.id !== memberId);
}

export type GroupDimension = 'department' | 'location' | 'manager';

/**
 * Splits members by department, location or direct manager (key: the manager's member id as a
 * string). Members without a value go under `''`. For a manager's whole tree use `reportsOf`.
 * Keys keep the order in which they first appear.
 */
export function groupBy(members: readonly Member[], dimension: GroupDimension): Map<string, Member[]> {
  const keyOf = (m: Member): string => {
    switch (dimension) {
      case 'department':
        return m.department ?? '';
      case 'location':
        return m.location ?? '';
      case 'manager':
        return m.managerId === null ? '' : String(m.managerId);
    }
  };
  const out = new Map<string, Member[]>();
  for (const m of members) {
    const key = keyOf(m);
    const list = out.get(key) ?? [];
    list.push(m);
    out.set(key, list);
  }
  return out;
}
