import botbuilder, { type CloudAdapter as CloudAdapterType, type TurnContext } from 'botbuilder';
import express, { type IRouter, type Request, type Response } from 'express';
import { z } from 'zod';
import { MAX_BODY, refuseLargeBodies } from '../body-limit.js';
import { t } from '../core/i18n/index.js';
import type { Clock, HirobaCore, Repositories } from '../core/ports.js';
import { systemClock } from '../core/ports.js';
import { localeOf } from './inbound.js';
import { TeamsReferenceStore } from './reference-store.js';
import { TeamsPlatform } from './teams-platform.js';
import { handleTurn, type TeamsLogger } from './turn-handler.js';

// botbuilder is CommonJS: plain Node's ES-module loader does not always see its named exports.
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = botbuilder;

/** Bot Framework credentials, under botbuilder's own environment names in `main.ts`. */
export interface TeamsBotConfig {
  /** `MicrosoftAppId`. Absent or empty → no authentication (local emulators and tests only). */
  appId?: string;
  /** `MicrosoftAppPassword`. */
  appPassword?: string;
  /** `MicrosoftAppType`: `MultiTenant` (default), `SingleTenant` or `UserAssignedMSI`. */
  appType?: string;
  /** `MicrosoftAppTenantId`, required for `SingleTenant`. */
  tenantId?: string;
}

export interface TeamsBotDeps {
  core: HirobaCore;
  repos: Pick<Repositories, 'conversationRefs' | 'members'>;
  config: TeamsBotConfig;
  /** The shared HTTP server: `POST /api/messages` is mounted on it when given. */
  router?: IRouter;
  logger?: TeamsLogger;
  clock?: Clock;
}

export interface TeamsBot {
  adapter: CloudAdapterType;
  platform: TeamsPlatform;
  /** The `POST /api/messages` handler (the body must already be parsed JSON). */
  handle(req: Request, res: Response): Promise<void>;
}

const inboundActivitySchema = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }),
});

export const TEAMS_MESSAGES_PATH = '/api/messages';

/**
 * The Teams bot: a `CloudAdapter` that authenticates Bot Framework requests when an app id is set,
 * hands every turn to the core, and a `TeamsPlatform` for the outbox and the directory sync.
 * Called once by `main.ts` (and by the end-to-end tests).
 */
export function createTeamsBot(deps: TeamsBotDeps): TeamsBot {
  const logger = deps.logger ?? consoleLogger;
  const clock = deps.clock ?? systemClock;
  const appId = deps.config.appId ?? '';
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: deps.config.appPassword ?? '',
    MicrosoftAppType: deps.config.appType ?? '',
    MicrosoftAppTenantId: deps.config.tenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  const references = new TeamsReferenceStore(deps.repos.conversationRefs, () => clock.now().toISOString());
  const members = deps.repos.members;

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('Teams turn failed', {
      type: context.activity.type,
      id: context.activity.id,
      error: error.stack ?? String(error),
    });
    if (context.activity.type === 'invoke') {
      // Without an invoke response the adapter answers 501; say plainly that this one failed.
      await context.sendActivity({ type: 'invokeResponse', value: { status: 500 } });
      return;
    }
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity({
        type: 'message',
        text: t(localeOf(context.activity.locale) ?? 'ja', 'adapters.teams.error'),
      });
    } catch {
      // The connector itself is failing: the log line above is all that can be done.
    }
  };

  const platform = new TeamsPlatform({
    adapter,
    references,
    botAppId: appId,
    logger,
    onUnreachable: (workspace, platformId) => setReachable(workspace.id, platformId, false),
    onReachable: (workspace, platformId) => setReachable(workspace.id, platformId, true),
    localeFor: (workspace, to) =>
      (to.kind === 'member' ? members.byPlatformId(workspace.id, to.id)?.locale : null) ?? workspace.settings.locale,
  });

  function setReachable(workspaceId: number, platformId: string, reachable: boolean): void {
    const member = members.byPlatformId(workspaceId, platformId);
    if (member && member.reachable !== reachable) members.update(member.id, { reachable });
  }

  const handle = (req: Request, res: Response): Promise<void> =>
    adapter.process(req, res, (context) =>
      handleTurn(context, {
        core: deps.core,
        members,
        references,
        logger,
        now: () => clock.now(),
        sendToMember: async (workspace, platformId, message) =>
          (await platform.send(workspace, { kind: 'member', id: platformId }, message)).ok,
      }),
    );

  // Oversized bodies are refused before they are read; one that is not JSON gets 400 from the shared
  // server's error handler (body-parser's `entity.parse.failed`), never a 500.
  const guard = refuseLargeBodies((line) => logger.warn(line));
  deps.router?.post(TEAMS_MESSAGES_PATH, guard, express.json({ limit: MAX_BODY }), (req: Request, res: Response) => {
    // Every Bot Framework activity names its type, conversation, sender and connector; anything else
    // is answered 400 here instead of failing deep inside the adapter with a 500.
    if (!inboundActivitySchema.safeParse(req.body).success) {
      res
        .status(400)
        .json({ error: 'not a Bot Framework activity: type, serviceUrl, conversation.id and from.id are required' });
      return Promise.resolve();
    }
    return handle(req, res);
  });
  return { adapter, platform, handle };
}

const consoleLogger: TeamsLogger = {
  info: (message, detail) => console.info(message, detail ?? ''),
  warn: (message, detail) => console.warn(message, detail ?? ''),
  error: (message, detail) => console.error(message, detail ?? ''),
};
