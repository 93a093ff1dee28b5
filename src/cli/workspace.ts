import type { Repositories } from '../core/ports.js';
import type { Workspace } from '../core/types.js';

export type WorkspacePick = { ok: true; workspace: Workspace } | { ok: false; problem: string };

/**
 * The workspace a CLI command acts on: the one whose platform id (Slack team id, Teams tenant id) is
 * `externalId`, or the only one when none is given. Called by `import-directory` and `run-job`.
 */
export function pickWorkspace(repos: Repositories, externalId: string | undefined): WorkspacePick {
  const all = repos.workspaces.list();
  const known = all.map((workspace) => `${workspace.externalId} (${workspace.platform}, ${workspace.name})`).join(', ');
  if (externalId === undefined) {
    if (all.length === 1 && all[0] !== undefined) return { ok: true, workspace: all[0] };
    if (all.length === 0) {
      return {
        ok: false,
        problem:
          'the database has no workspace yet: start Hiroba and install it in Slack or Teams first (or run `hiroba demo`)',
      };
    }
    return { ok: false, problem: `the database has ${all.length} workspaces; choose one with --workspace: ${known}` };
  }
  const matches = all.filter((workspace) => workspace.externalId === externalId);
  if (matches.length === 1 && matches[0] !== undefined) return { ok: true, workspace: matches[0] };
  if (matches.length > 1) {
    return {
      ok: false,
      problem: `more than one platform has a workspace ${externalId}; this database holds: ${known}`,
    };
  }
  return {
    ok: false,
    problem: `no workspace ${externalId} in the database${all.length > 0 ? `; it holds: ${known}` : ' (it has none yet)'}`,
  };
}
