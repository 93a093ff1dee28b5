import type { Repositories } from '../core/ports.js';
import type { Platform, Workspace } from '../core/types.js';
import type { CliText } from './lang.js';

export type WorkspacePick = { ok: true; workspace: Workspace } | { ok: false; problem: CliText };

/** How the CLI names a platform (brand names, the same in both languages). */
export function platformName(platform: Platform): string {
  return platform === 'slack' ? 'Slack' : platform === 'teams' ? 'Teams' : platform;
}

/** The workspaces of a database as one line (`T0123（Slack、Example Co）、…`), for the messages. */
export function knownWorkspaces(all: readonly Workspace[], say: (text: CliText) => string): string {
  return all
    .map((w) =>
      say({
        key: 'cli.workspace.item',
        params: { id: w.externalId, platform: platformName(w.platform), name: w.name },
      }),
    )
    .join(say({ key: 'cli.import.listSeparator' }));
}

/** Teams tenant ids are GUIDs, which Teams sends in lower case: compare them so. */
function sameId(workspace: Workspace, externalId: string): boolean {
  return workspace.platform === 'teams'
    ? workspace.externalId.toLowerCase() === externalId.toLowerCase()
    : workspace.externalId === externalId;
}

/**
 * The workspace a CLI command acts on: the one whose platform id (Slack team id, Teams tenant id) is
 * `externalId` (on `platform` when given), or the only one when no id is given. Called by
 * `import-directory` and `run-job`; `noneKey` is what to say when the database has no workspace.
 */
export async function pickWorkspace(
  repos: Repositories,
  externalId: string | undefined,
  say: (text: CliText) => string,
  options: { platform?: Platform; noneKey?: 'cli.workspace.noneImport' | 'cli.workspace.noneRun' } = {},
): Promise<WorkspacePick> {
  const all = await repos.workspaces.list();
  const known = knownWorkspaces(all, say);
  if (externalId === undefined) {
    if (all.length === 1 && all[0] !== undefined) return { ok: true, workspace: all[0] };
    if (all.length === 0) return { ok: false, problem: { key: options.noneKey ?? 'cli.workspace.noneRun' } };
    return { ok: false, problem: { key: 'cli.workspace.several', params: { count: all.length, known } } };
  }
  const matches = all.filter(
    (w) => sameId(w, externalId) && (options.platform === undefined || w.platform === options.platform),
  );
  if (matches.length === 1 && matches[0] !== undefined) return { ok: true, workspace: matches[0] };
  if (matches.length > 1) {
    return { ok: false, problem: { key: 'cli.workspace.ambiguous', params: { id: externalId, known } } };
  }
  if (all.length === 0)
    return { ok: false, problem: { key: 'cli.workspace.unknownEmpty', params: { id: externalId } } };
  return { ok: false, problem: { key: 'cli.workspace.unknown', params: { id: externalId, known } } };
}
