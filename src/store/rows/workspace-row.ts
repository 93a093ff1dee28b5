import { PLATFORMS, type Workspace, type WorkspaceSettings, workspaceSettingsSchema } from '../../core/types.js';
import { oneOf, readJson } from '../row-values.js';

/** Workspace rows: how a row becomes a record and back, shared by the SQLite and PostgreSQL stores. */

export interface WorkspaceRow {
  id: number;
  platform: string;
  external_id: string;
  name: string;
  settings: string;
  created_at: string;
}

export const TABLE = 'workspaces';

/** Settings parsed once per stored JSON text: every recorded event reads its workspace, and the text rarely changes. */
export const MAX_CACHED_SETTINGS = 64;

export function toWorkspace(row: WorkspaceRow, parsed: Map<string, WorkspaceSettings>): Workspace {
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
