import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HirobaCore, Repositories } from '../../src/core/ports.js';
import { type CoreOptions, createHirobaCore } from '../../src/core/service.js';
import type { DirectoryEntry, Member, Platform, Workspace, WorkspaceSettings } from '../../src/core/types.js';
import type { Database } from '../../src/store/database.js';
import { createSyncSqliteRepositories, openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { FakeClock } from './fake-clock.js';

export interface Harness {
  dir: string;
  store: Store;
  /** The store's SQLite connection (the harness is always SQLite), for tests that set up rows directly. */
  db: Database;
  repos: Repositories;
  clock: FakeClock;
  core: HirobaCore;
  /** The workspace as stored now (read synchronously, so that tests can use it inline). */
  readonly workspace: Workspace;
  /** Adds a member with a platform id `U<n>` unless given. */
  member(entry: Partial<DirectoryEntry> & { name: string }, extra?: Partial<Member>): Promise<Member>;
  settings(patch: Partial<WorkspaceSettings>): Promise<Workspace>;
  close(): Promise<void>;
}

/** A real core over a temp-file SQLite store, with a fake clock. */
export async function createHarness(
  options: { now?: string; admins?: string[]; core?: Partial<CoreOptions>; platform?: Platform } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-test-'));
  const store = openSqliteStore(join(dir, 'hiroba.db'));
  const db = store.sqlite;
  if (db === null) throw new Error('expected a SQLite store');
  const syncWorkspaces = createSyncSqliteRepositories(db).workspaces;
  const clock = new FakeClock(options.now ?? '2026-11-24T03:00:00.000Z');
  const core = createHirobaCore({
    repos: store.repos,
    clock,
    admins: options.admins ?? [],
    validateCron: (expr) =>
      expr.trim().split(/\s+/u).length === 5 ? { ok: true } : { ok: false, reason: 'five fields expected' },
    ...options.core,
  });
  let workspace = await core.workspace(options.platform ?? 'memory', 'T1', 'Test Co');
  let counter = 0;
  const harness: Harness = {
    dir,
    store,
    db,
    repos: store.repos,
    clock,
    core,
    get workspace() {
      return syncWorkspaces.get(workspace.id) ?? workspace;
    },
    async member(entry, extra = {}) {
      counter += 1;
      const m = await core.upsertMember(workspace.id, { platformId: entry.platformId ?? `U${counter}`, ...entry });
      const joinedAt = extra.joinedAt ?? '2026-01-01T00:00:00.000Z';
      // Included in the rollout since joining unless the test says otherwise ("never posted" counts from it).
      const includedAt = extra.includedAt === undefined ? joinedAt : extra.includedAt;
      const { id: _id, workspaceId: _ws, joinedAt: _j, includedAt: _i, ...patch } = extra;
      db.prepare('UPDATE members SET joined_at = ?, included_at = ? WHERE id = ?').run(joinedAt, includedAt, m.id);
      return Object.keys(patch).length > 0
        ? await store.repos.members.update(m.id, patch)
        : ((await store.repos.members.get(m.id)) ?? m);
    },
    async settings(patch) {
      workspace = await store.repos.workspaces.updateSettings(workspace.id, {
        ...harness.workspace.settings,
        ...patch,
      });
      return workspace;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
