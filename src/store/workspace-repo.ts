import type { Statement } from 'better-sqlite3';
import type { WorkspaceRepo } from '../core/ports.js';
import {
  PLATFORMS,
  type Platform,
  type Workspace,
  type WorkspaceSettings,
  workspaceSettingsSchema,
} from '../core/types.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { oneOf, readJson, toInstant, writeJson } from './row-values.js';
import type { Synchronous } from './sqlite-gate.js';

interface WorkspaceRow {
  id: number;
  platform: string;
  external_id: string;
  name: string;
  settings: string;
  created_at: string;
}

const TABLE = 'workspaces';

/** Settings parsed once per stored JSON text: every recorded event reads its workspace, and the text rarely changes. */
const MAX_CACHED_SETTINGS = 64;

function toWorkspace(row: WorkspaceRow, parsed: Map<string, WorkspaceSettings>): Workspace {
  let settings = parsed.get(row.settings);
  if (settings === undefined) {
    // Parsing fills defaults for settings added after the row was written.
    settings = readJson(workspaceSettingsSchema, row.settings, TABLE, row.id, 'settings');
    if (parsed.size >= MAX_CACHED_SETTINGS) parsed.clear();
    parsed.set(row.settings, settings);
  }
  return {
    id: row.id,
    platform: oneOf(PLATFORMS, row.platform, TABLE, row.id, 'platform'),
    externalId: row.external_id,
    name: row.name,
    // A copy: a caller may change its workspace's settings object without changing the cached one.
    settings: structuredClone(settings),
    createdAt: row.created_at,
  };
}

/** Workspaces (one per Slack team / Teams tenant) with their settings as validated JSON. */
export class SqliteWorkspaceRepo implements Synchronous<WorkspaceRepo> {
  private readonly byId: Statement<[number], WorkspaceRow>;
  private readonly byExternal: Statement<[string, string], WorkspaceRow>;
  private readonly all: Statement<[], WorkspaceRow>;
  private readonly insert: Statement<[string, string, string, string, string], WorkspaceRow>;
  private readonly setSettings: Statement<[string, number], WorkspaceRow>;
  private readonly parsed = new Map<string, WorkspaceSettings>();
  private readonly toWorkspace = (row: WorkspaceRow): Workspace => toWorkspace(row, this.parsed);

  constructor(db: Database) {
    this.byId = db.prepare('SELECT * FROM workspaces WHERE id = ?');
    this.byExternal = db.prepare('SELECT * FROM workspaces WHERE platform = ? AND external_id = ?');
    this.all = db.prepare('SELECT * FROM workspaces ORDER BY id');
    this.insert = db.prepare(
      'INSERT INTO workspaces (platform, external_id, name, settings, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
    );
    this.setSettings = db.prepare('UPDATE workspaces SET settings = ? WHERE id = ? RETURNING *');
  }

  get(id: number): Workspace | null {
    const row = this.byId.get(id);
    return row ? this.toWorkspace(row) : null;
  }

  find(platform: Platform, externalId: string): Workspace | null {
    const row = this.byExternal.get(platform, externalId);
    return row ? this.toWorkspace(row) : null;
  }

  list(): Workspace[] {
    return this.all.all().map(this.toWorkspace);
  }

  create(input: {
    platform: Platform;
    externalId: string;
    name: string;
    settings: WorkspaceSettings;
    createdAt: string;
  }): Workspace {
    const settings = writeJson(workspaceSettingsSchema, input.settings, TABLE, 'settings');
    // .all(): see SqliteMemberRepo.create (a .get() on RETURNING loses the commit's error).
    const [row] = this.insert.all(
      input.platform,
      input.externalId,
      input.name,
      settings,
      toInstant(input.createdAt, TABLE, 'created_at'),
    );
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return this.toWorkspace(row);
  }

  updateSettings(id: number, settings: WorkspaceSettings): Workspace {
    const [row] = this.setSettings.all(writeJson(workspaceSettingsSchema, settings, TABLE, 'settings'), id);
    if (!row) throw new RowNotFoundError(TABLE, id);
    return this.toWorkspace(row);
  }
}
