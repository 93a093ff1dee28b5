import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '../../src/core/message.js';
import type { Repositories } from '../../src/core/ports.js';
import { defaultSettings, type Platform, type Workspace, type WorkspaceSettings } from '../../src/core/types.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

/** A temp-file SQLite store that can be closed and opened again (a process restart). */
export interface TempStore {
  path: string;
  store: Store;
  repos: Repositories;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-scheduler-'));
  const path = join(dir, 'hiroba.db');
  const fixture: TempStore = {
    path,
    store: openSqliteStore(path),
    get repos() {
      return fixture.store.repos;
    },
    async reopen() {
      await fixture.store.close();
      fixture.store = openSqliteStore(path);
    },
    async close() {
      await fixture.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export function addWorkspace(
  repos: Repositories,
  options: { settings?: Partial<WorkspaceSettings>; createdAt?: string; platform?: Platform; externalId?: string } = {},
): Promise<Workspace> {
  return repos.workspaces.create({
    platform: options.platform ?? 'memory',
    externalId: options.externalId ?? 'acme',
    name: 'Acme',
    settings: defaultSettings(options.settings ?? {}),
    createdAt: options.createdAt ?? '2026-01-01T00:00:00.000Z',
  });
}

export function textMessage(text: string, kind = 'test'): Message {
  return { kind, blocks: [{ type: 'text', text }], fallback: text };
}
