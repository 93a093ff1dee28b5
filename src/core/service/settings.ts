import type { Repositories } from '../ports.js';
import { type Workspace, type WorkspaceSettings, workspaceSettingsSchema } from '../types.js';

/**
 * Applies a change to a workspace's settings: validated by the settings schema, stored, and the
 * listener told (the scheduler reloads). Returns the updated workspace.
 */
export function changeSettings(
  repos: Repositories,
  workspace: Workspace,
  change: (current: WorkspaceSettings) => Partial<WorkspaceSettings>,
  onChanged?: (workspace: Workspace) => void,
): Workspace {
  const next = workspaceSettingsSchema.parse({ ...workspace.settings, ...change(workspace.settings) });
  const updated = repos.workspaces.updateSettings(workspace.id, next);
  onChanged?.(updated);
  return updated;
}
