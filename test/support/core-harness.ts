import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HirobaCore, Repositories } from '../../src/core/ports.js';
import { type CoreOptions, createHirobaCore } from '../../src/core/service.js';
import type { DirectoryEntry, Member, Platform, Workspace, WorkspaceSettings } from '../../src/core/types.js';
import { openStore, type Store } from '../../src/store/sqlite-store.js';
import { FakeClock } from './fake-clock.js';

export interface Harness {
  dir: string;
  store: Store;
  repos: Repositories;
  clock: FakeClock;
  core: HirobaCore;
  workspace: Workspace;
  /** Adds a member with a platform id `U<n>` unless given. */
  member(entry: Partial<DirectoryEntry> & { name: string }, extra?: Partial<Member>): Member;
  settings(patch: Partial<WorkspaceSettings>): Workspace;
  close(): void;
}

/** A real core over a temp-file SQLite store, with a fake clock. */
export function createHarness(
  options: { now?: string; admins?: string[]; core?: Partial<CoreOptions>; platform?: Platform } = {},
): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-test-'));
  const store = openStore(join(dir, 'hiroba.db'));
  const clock = new FakeClock(options.now ?? '2026-11-24T03:00:00.000Z');
  const core = createHirobaCore({
    repos: store.repos,
    clock,
    admins: options.admins ?? [],
    validateCron: (expr) =>
      expr.trim().split(/\s+/u).length === 5 ? { ok: true } : { ok: false, reason: 'five fields expected' },
    ...options.core,
  });
  let workspace = core.workspace(options.platform ?? 'memory', 'T1', 'Test Co');
  let counter = 0;
  const harness: Harness = {
    dir,
    store,
    repos: store.repos,
    clock,
    core,
    get workspace() {
      return store.repos.workspaces.get(workspace.id) ?? workspace;
    },
    member(entry, extra = {}) {
      counter += 1;
      const m = core.upsertMember(workspace.id, { platformId: entry.platformId ?? `U${counter}`, ...entry });
      const joinedAt = extra.joinedAt ?? '2026-01-01T00:00:00.000Z';
      // Included in the rollout since joining unless the test says otherwise ("never posted" counts from it).
      const includedAt = extra.includedAt === undefined ? joinedAt : extra.includedAt;
      const { id: _id, workspaceId: _ws, joinedAt: _j, includedAt: _i, ...patch } = extra;
      store.db
        .prepare('UPDATE members SET joined_at = ?, included_at = ? WHERE id = ?')
        .run(joinedAt, includedAt, m.id);
      return Object.keys(patch).length > 0
        ? store.repos.members.update(m.id, patch)
        : (store.repos.members.get(m.id) ?? m);
    },
    settings(patch) {
      workspace = store.repos.workspaces.updateSettings(workspace.id, { ...harness.workspace.settings, ...patch });
      return workspace;
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
