import type { Repositories } from '../core/ports.js';
import {
  defaultSettings,
  type Locale,
  localeSchema,
  type Platform,
  type Workspace,
  type WorkspaceSettings,
} from '../core/types.js';
import type { CliText } from './lang.js';
import { knownWorkspaces, pickWorkspace } from './workspace.js';

/** Slack team ids (`T…`) and Enterprise Grid org ids (`E…`): capital letters and digits. */
const SLACK_ID = /^[TE][A-Z0-9]{2,}$/u;
/** Teams tenant ids are Microsoft Entra tenant GUIDs. */
const TEAMS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The platform an id's shape names, or null when it could be either (or neither). */
export function platformOfId(externalId: string): Platform | null {
  if (SLACK_ID.test(externalId)) return 'slack';
  if (TEAMS_ID.test(externalId)) return 'teams';
  return null;
}

export type ImportTarget =
  | { ok: true; kind: 'existing'; workspace: Workspace }
  | { ok: true; kind: 'create'; platform: Platform; externalId: string; name: string }
  | { ok: false; problem: CliText };

/**
 * The workspace `import-directory` writes into: an existing one (by id, or the only one), or one to
 * create so ops can load the org chart before the bot is installed. The id is kept exactly as the
 * adapters will look it up (`core.workspace(platform, id)`: the Slack team id as Slack sends it,
 * the Teams tenant id in lower case), so the bot later finds this workspace instead of adding a
 * second one. Creating is refused when the platform cannot be told from the id, when the id does
 * not have the platform's shape, or, without `--platform`, when the database already holds other
 * workspaces (a typo would otherwise start an empty workspace).
 */
export async function resolveImportTarget(
  repos: Repositories | null,
  options: { externalId: string | undefined; platform: Platform | undefined; name: string | undefined },
  say: (text: CliText) => string,
): Promise<ImportTarget> {
  const { externalId, platform } = options;
  if (externalId === undefined) {
    if (repos === null) return { ok: false, problem: { key: 'cli.workspace.noneImport' } };
    const picked = await pickWorkspace(repos, undefined, say, { noneKey: 'cli.workspace.noneImport' });
    return picked.ok ? { ok: true, kind: 'existing', workspace: picked.workspace } : picked;
  }
  const all = (await repos?.workspaces.list()) ?? [];
  if (repos !== null && all.length > 0) {
    const picked = await pickWorkspace(repos, externalId, say, platform === undefined ? {} : { platform });
    if (picked.ok) return { ok: true, kind: 'existing', workspace: picked.workspace };
    if (picked.problem.key === 'cli.workspace.ambiguous') return picked;
  }

  if (platform === undefined && all.length > 0) {
    return {
      ok: false,
      problem: { key: 'cli.workspace.confirmNew', params: { id: externalId, known: knownWorkspaces(all, say) } },
    };
  }
  const shape = platformOfId(externalId);
  const chosen = platform ?? shape;
  if (chosen === null)
    return { ok: false, problem: { key: 'cli.workspace.platformNeeded', params: { id: externalId } } };
  if (chosen === 'slack' && shape !== 'slack') {
    return { ok: false, problem: { key: 'cli.workspace.slackId', params: { id: externalId } } };
  }
  if (chosen === 'teams' && shape !== 'teams') {
    return { ok: false, problem: { key: 'cli.workspace.teamsId', params: { id: externalId } } };
  }
  const id = chosen === 'teams' ? externalId.toLowerCase() : externalId;
  return { ok: true, kind: 'create', platform: chosen, externalId: id, name: options.name?.trim() || id };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The settings of a workspace the CLI creates: the same defaults `hiroba start` gives a workspace
 * it meets first (HIROBA_TIMEZONE, HIROBA_LOCALE), so the bot finds it as it would have made it.
 */
export function newWorkspaceSettings(
  env: NodeJS.ProcessEnv,
): { ok: true; settings: WorkspaceSettings } | { ok: false; problem: CliText } {
  const timezone = env.HIROBA_TIMEZONE?.trim();
  const locale = env.HIROBA_LOCALE?.trim();
  if (timezone && !isTimeZone(timezone)) {
    return { ok: false, problem: { key: 'cli.env.timezone', params: { value: timezone } } };
  }
  let parsedLocale: Locale | undefined;
  if (locale) {
    const parsed = localeSchema.safeParse(locale);
    if (!parsed.success) return { ok: false, problem: { key: 'cli.env.locale', params: { value: locale } } };
    parsedLocale = parsed.data;
  }
  return {
    ok: true,
    settings: defaultSettings({
      ...(timezone ? { timezone } : {}),
      ...(parsedLocale ? { locale: parsedLocale } : {}),
    }),
  };
}
