import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { NewActivity, NewMember, Repositories } from '../../src/core/ports.js';
import { type ActivityKind, defaultSettings, type Member, type WorkspaceSettings } from '../../src/core/types.js';
import type { createRandom } from '../../src/demo/random.js';
import type { Database } from '../../src/store/database.js';
import type { SynchronousRepositories } from '../../src/store/sqlite-gate.js';
import { createSyncSqliteRepositories, openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { tempDir } from './temp-dir.js';

/** A Monday (kept weeks start on Mondays). */
export const T0 = '2026-11-02T00:00:00.000Z';
export const DAY = 86_400_000;
export const KINDS: ActivityKind[] = ['post', 'reply', 'reaction', 'story', 'idea', 'prompt_answer'];
/** Departments a directory really holds: padded, full-width spaces, blank, missing. */
export const DEPARTMENTS = [
  '営業部',
  ' 営業部',
  '営業部\u3000',
  '開発部',
  '開発部\t',
  '\u3000',
  '',
  null,
  'Sales',
  'sales',
];

/** The workspace the activity tests play in; local days are UTC days unless `settings` says otherwise. */
export function acmeWorkspace(
  settings: WorkspaceSettings = { ...defaultSettings(), timezone: 'UTC' },
): Parameters<Repositories['workspaces']['create']>[0] {
  return { platform: 'memory', externalId: 'acme', name: 'Acme', settings, createdAt: T0 };
}

/** Member `i` of a test directory: `M<i>`, platform id `U<i>`, departments in turn from `DEPARTMENTS`. */
export function directoryMember(workspaceId: number, i: number): NewMember {
  return {
    workspaceId,
    name: `M${i}`,
    joinedAt: T0,
    platformId: `U${i}`,
    department: DEPARTMENTS[i % DEPARTMENTS.length] ?? null,
  };
}

/** The workspace and `people` members of `directoryMember`, through the async ports. */
export async function seedDirectory(
  repos: Repositories,
  people: number,
  extra: (i: number) => Partial<NewMember> = () => ({}),
): Promise<{ wsId: number; members: Member[] }> {
  const ws = await repos.workspaces.create(acmeWorkspace());
  const members: Member[] = [];
  for (let i = 0; i < people; i++)
    members.push(await repos.members.create({ ...directoryMember(ws.id, i), ...extra(i) }));
  return { wsId: ws.id, members };
}

/**
 * Activity `E<i>` (or `<prefix><i>`) by a random member over three weeks from `T0`, of every kind.
 * A reply or reaction aims at a random member; with `oddTargets` one in ten aims at its author and one
 * in ten at no one (a draw the sequence then makes for every activity, so a seed's events differ).
 */
export function randomActivity(
  workspaceId: number,
  members: readonly Member[],
  random: ReturnType<typeof createRandom>,
  i: number,
  {
    oddTargets = true,
    points = 1 + (i % 3),
    prefix = 'E',
  }: { oddTargets?: boolean; points?: number; prefix?: string } = {},
): NewActivity {
  const actor = members[Math.floor(random.next() * members.length)] as Member;
  const kind = KINDS[Math.floor(random.next() * KINDS.length)] as ActivityKind;
  const roll = oddTargets ? random.next() : 1;
  const target =
    kind === 'reply' || kind === 'reaction'
      ? roll < 0.1
        ? actor.id
        : roll < 0.2
          ? null
          : (members[Math.floor(random.next() * members.length)] as Member).id
      : null;
  const at = new Date(Date.parse(T0) + Math.floor(random.next() * 21 * DAY)).toISOString();
  return {
    workspaceId,
    eventId: `${prefix}${i}`,
    kind,
    memberId: actor.id,
    channelId: 'C1',
    targetMemberId: target,
    occurredAt: at,
    day: at.slice(0, 10),
    points,
  };
}

/** A directory in a SQLite store, through the repository classes themselves (tests of what they keep, not of the ports). */
export interface SyncWorld {
  db: Database;
  repos: SynchronousRepositories;
  wsId: number;
  members: Member[];
}

/** The workspace (`acmeWorkspace(settings)`) and `people` members of `directoryMember` in a temp store. */
export function syncWorld({ db, sync: repos }: TempStore, people: number, settings?: WorkspaceSettings): SyncWorld {
  const ws = repos.workspaces.create(acmeWorkspace(settings));
  const members = Array.from({ length: people }, (_, i) => repos.members.create(directoryMember(ws.id, i)));
  return { db, repos, wsId: ws.id, members };
}

/** A temp-file SQLite store, with its connection and its repositories as SQLite serves them (synchronously). */
export interface TempStore {
  store: Store;
  db: Database;
  /** The SQLite repository classes themselves, for tests of what they keep and how they query it. */
  sync: SynchronousRepositories;
  path: string;
}

/**
 * Temp-file stores for one test file, each closed and removed after its test: call at the top level
 * of the file, then `tempStore()` (optionally with a migrations folder) in a test.
 */
export function useTempStores(): (migrationsDir?: string) => TempStore {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return (migrationsDir) => {
    const dir = tempDir();
    const path = join(dir.path, 'hiroba.db');
    const store = openSqliteStore(path, migrationsDir);
    cleanups.push(async () => {
      await store.close();
      dir.remove();
    });
    const db = store.sqlite;
    if (db === null) throw new Error('expected a SQLite store');
    return { store, db, sync: createSyncSqliteRepositories(db), path };
  };
}

/** A cleanup to run after the current test (a folder a test made besides its store). */
export function useCleanups(): (cleanup: () => void | Promise<void>) => void {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}
