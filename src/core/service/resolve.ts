import type { MemberRef } from '../commands/command.js';
import type { Member } from '../types.js';
import type { Snapshot } from './snapshot.js';

/**
 * The form names are compared in: NFKC (full-width → half-width, ideographic space → space), lower
 * case, without any spaces, so `斎藤 明美`, `斎藤明美` and `斎藤　明美` are one name.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s・･]+/gu, '');
}

/** Looks a member up by mention, email or name (spacing and width ignored); null when none or several match. */
export function resolveMember(snapshot: Snapshot, ref: MemberRef): Member | null {
  switch (ref.kind) {
    case 'platformId':
      return snapshot.members.find((m) => m.platformId === ref.id) ?? null;
    case 'email':
      return snapshot.members.find((m) => m.email?.toLowerCase() === ref.email.toLowerCase()) ?? null;
    case 'name': {
      const found = membersNamed(snapshot, ref.name);
      return found.length === 1 ? (found[0] ?? null) : null;
    }
  }
}

/** Members whose name is the given one, spacing and width ignored; people who left only when no one else matches. */
export function membersNamed(snapshot: Snapshot, name: string): Member[] {
  const wanted = nameKey(name);
  if (wanted === '') return [];
  const found = snapshot.members.filter((m) => !m.isBot && nameKey(m.name) === wanted);
  const active = found.filter((m) => m.deactivatedAt === null);
  return active.length > 0 ? active : found;
}

export function describeRef(ref: MemberRef): string {
  return ref.kind === 'platformId' ? ref.id : ref.kind === 'email' ? ref.email : ref.name;
}

/** What words naming a group resolve to. */
export type GroupMatch =
  | { kind: 'department' | 'location'; name: string; members: Member[] }
  | { kind: 'member'; member: Member }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'none' };

/**
 * Resolves words such as `営業`, `大阪支社` or `斎藤明美` against the directory: a department or a
 * location by its exact name, else a member by name, else a department or location whose name the
 * words begin (unique prefix). Several prefix matches are ambiguous and listed for the caller to pick.
 */
export function resolveGroup(snapshot: Snapshot, words: string): GroupMatch {
  const wanted = nameKey(words);
  if (wanted === '') return { kind: 'none' };
  const groups: { kind: 'department' | 'location'; name: string }[] = [];
  const seen = new Set<string>();
  for (const m of snapshot.eligible) {
    for (const kind of ['department', 'location'] as const) {
      const name = m[kind]?.trim();
      if (!name || seen.has(`${kind}|${name}`)) continue;
      seen.add(`${kind}|${name}`);
      groups.push({ kind, name });
    }
  }
  const membersOf = (g: { kind: 'department' | 'location'; name: string }): Member[] =>
    snapshot.eligible.filter((m) => m[g.kind]?.trim() === g.name);
  const exact = groups.filter((g) => nameKey(g.name) === wanted);
  if (exact.length === 1 && exact[0]) return { ...exact[0], members: membersOf(exact[0]) };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact.map((g) => g.name) };
  const people = membersNamed(snapshot, words).filter((m) => m.deactivatedAt === null);
  if (people.length === 1 && people[0]) return { kind: 'member', member: people[0] };
  if (people.length > 1) return { kind: 'ambiguous', candidates: people.map(personLabel) };
  const prefixed = groups.filter((g) => nameKey(g.name).startsWith(wanted));
  if (prefixed.length === 1 && prefixed[0]) return { ...prefixed[0], members: membersOf(prefixed[0]) };
  if (prefixed.length > 1) return { kind: 'ambiguous', candidates: prefixed.map((g) => g.name) };
  const namePrefix = snapshot.eligible.filter((m) => !m.isBot && nameKey(m.name).startsWith(wanted));
  if (namePrefix.length === 1 && namePrefix[0]) return { kind: 'member', member: namePrefix[0] };
  if (namePrefix.length > 1) return { kind: 'ambiguous', candidates: namePrefix.slice(0, 10).map(personLabel) };
  return { kind: 'none' };
}

/** A person among candidates: the name, and where they work when that tells two people apart. */
function personLabel(m: Member): string {
  const where = [m.department, m.location].filter((v): v is string => Boolean(v)).join('・');
  return where ? `${m.name}（${where}）` : m.name;
}

/** Departments by name or unique prefix only (rollout departments, which a location cannot be). */
export function resolveDepartment(
  snapshot: Snapshot,
  words: string,
): { kind: 'found'; name: string; members: Member[] } | { kind: 'ambiguous'; candidates: string[] } | { kind: 'none' } {
  const wanted = nameKey(words);
  const names = [...new Set(snapshot.eligible.map((m) => m.department?.trim()).filter((d): d is string => Boolean(d)))];
  const exact = names.filter((n) => nameKey(n) === wanted);
  const pick = exact.length > 0 ? exact : names.filter((n) => nameKey(n).startsWith(wanted));
  if (pick.length === 1 && pick[0]) {
    const name = pick[0];
    return { kind: 'found', name, members: snapshot.eligible.filter((m) => m.department?.trim() === name) };
  }
  if (pick.length > 1) return { kind: 'ambiguous', candidates: pick };
  return { kind: 'none' };
}
