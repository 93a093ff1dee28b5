import type { WebClient } from '@slack/web-api';
import type { HirobaCore } from '../core/ports.js';
import type { Workspace } from '../core/types.js';
import type { SlackLog, SlackPlatform } from './slack-platform.js';

/** What every listener of the Slack app shares: the core, the way out, the log, the workspace lookup. */
export interface SlackAppContext {
  core: HirobaCore;
  platform: SlackPlatform;
  log: SlackLog;
  /** The core's workspace for a Slack team id (created on first sight, named after the team). */
  workspaceFor(teamId: string): Promise<Workspace>;
}

export interface OwnTeam {
  teamId: string;
  name: string;
}

/**
 * Looks up the workspace for a team id through the core. The team's name is not in event payloads;
 * `auth.test` (no scope needed) names the token's own team once per process.
 */
export function workspaceResolver(core: HirobaCore, client: WebClient, log: SlackLog) {
  let own: Promise<OwnTeam | null> | null = null;
  const ownTeam = (): Promise<OwnTeam | null> => {
    own ??= client.auth
      .test()
      .then((res) => (res.team_id ? { teamId: res.team_id, name: res.team ?? res.team_id } : null))
      .catch((error: unknown) => {
        log.warn(`auth.test failed; the workspace keeps its id as its name for now (${String(error)})`);
        own = null;
        return null;
      });
    return own;
  };
  const workspaceFor = async (teamId: string): Promise<Workspace> => {
    const team = await ownTeam();
    return core.workspace('slack', teamId, team?.teamId === teamId ? team.name : undefined);
  };
  /** The team `auth.test` already named at start-up: no second call. */
  const remember = (team: OwnTeam): void => {
    own = Promise.resolve(team);
  };
  return { workspaceFor, ownTeam, remember };
}
