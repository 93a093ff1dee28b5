import type { Statement } from 'better-sqlite3';
import type { WorkspaceRepo } from '../core/ports.js';
import { type Platform, type Workspace, type WorkspaceSettings, workspaceSettingsSchema } from '../core/types.js';
import type { Database } from './database.js';
import { RowNotFoundError } from './errors.js';
import { toInstant, writeJson } from './row-values.js';
import { TABLE, toWorkspace, type WorkspaceRow } from './rows/workspace-row.js';
import type { Synchronous } from './sqlite-gate.js';

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
