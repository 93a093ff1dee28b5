import type { Repositories } from '../ports.js';
import { type Workspace, type WorkspaceSettings, workspaceSettingsSchema } from '../types.js';
import type { CommandContext } from './context.js';

/**
 * Applies a change to a workspace's settings: validated by the settings schema, stored, and the
 * listener told (the scheduler reloads). Returns the updated workspace.
 */
export async function changeSettings(
  repos: Repositories,
  workspace: Workspace,
  change: (current: WorkspaceSettings) => Partial<WorkspaceSettings>,
  onChanged?: (workspace: Workspace) => void,
): Promise<Workspace> {
  const next = workspaceSettingsSchema.parse({ ...workspace.settings, ...change(workspace.settings) });
  const updated = await repos.workspaces.updateSettings(workspace.id, next);
  onChanged?.(updated);
  return updated;
}

/** A command's settings change: applied as `changeSettings` does, and the command's workspace kept current. */
export async function updateSettings(
  ctx: CommandContext,
  change: (current: WorkspaceSettings) => Partial<WorkspaceSettings>,
): Promise<void> {
  ctx.workspace = await changeSettings(ctx.deps.repos, ctx.workspace, change, ctx.deps.onSettingsChanged);
}
