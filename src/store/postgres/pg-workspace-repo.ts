import type { WorkspaceRepo } from '../../core/ports.js';
import { type Platform, type Workspace, type WorkspaceSettings, workspaceSettingsSchema } from '../../core/types.js';
import { RowNotFoundError } from '../errors.js';
import { toInstant, writeJson } from '../row-values.js';
import { TABLE, toWorkspace, type WorkspaceRow } from '../rows/workspace-row.js';
import type { PgDb } from './pg-db.js';

/** Workspaces (one per Slack team / Teams tenant) with their settings as validated JSON. */
export class PgWorkspaceRepo implements WorkspaceRepo {
  private readonly parsed = new Map<string, WorkspaceSettings>();
  private readonly toWorkspace = (row: WorkspaceRow): Workspace => toWorkspace(row, this.parsed);

  constructor(private readonly db: PgDb) {}

  async get(id: number): Promise<Workspace | null> {
    const row = await this.db.one<WorkspaceRow>('SELECT * FROM workspaces WHERE id = $1', [id]);
    return row ? this.toWorkspace(row) : null;
  }

  async find(platform: Platform, externalId: string): Promise<Workspace | null> {
    const row = await this.db.one<WorkspaceRow>('SELECT * FROM workspaces WHERE platform = $1 AND external_id = $2', [
      platform,
      externalId,
    ]);
    return row ? this.toWorkspace(row) : null;
  }

  async list(): Promise<Workspace[]> {
    return (await this.db.rows<WorkspaceRow>('SELECT * FROM workspaces ORDER BY id')).map(this.toWorkspace);
  }

  async create(input: {
    platform: Platform;
    externalId: string;
    name: string;
    settings: WorkspaceSettings;
    createdAt: string;
  }): Promise<Workspace> {
    const row = await this.db.one<WorkspaceRow>(
      'INSERT INTO workspaces (platform, external_id, name, settings, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [
        input.platform,
        input.externalId,
        input.name,
        writeJson(workspaceSettingsSchema, input.settings, TABLE, 'settings'),
        toInstant(input.createdAt, TABLE, 'created_at'),
      ],
    );
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return this.toWorkspace(row);
  }

  async updateSettings(id: number, settings: WorkspaceSettings): Promise<Workspace> {
    const row = await this.db.one<WorkspaceRow>('UPDATE workspaces SET settings = $1 WHERE id = $2 RETURNING *', [
      writeJson(workspaceSettingsSchema, settings, TABLE, 'settings'),
      id,
    ]);
    if (!row) throw new RowNotFoundError(TABLE, id);
    return this.toWorkspace(row);
  }
}
