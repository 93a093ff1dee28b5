import botbuilder, {
  type Activity,
  type CloudAdapter as CloudAdapterType,
  type ConversationParameters,
  type TurnContext,
} from 'botbuilder';
import express, { type IRouter, type Request, type Response } from 'express';
import { z } from 'zod';
import { MAX_BODY, refuseLargeBodies } from '../body-limit.js';
import type { TeamsSecurity } from '../config.js';
import { t } from '../core/i18n/index.js';
import type { Clock, HirobaCore, Repositories } from '../core/ports.js';
import { systemClock } from '../core/ports.js';
import { type AuthenticatedRequest, authenticateTeamsRequest, botFrameworkEndpoints } from './authenticate.js';
import { bindCardsSentIn } from './card-recipient.js';
import { type TeamsFastHandler, teamsFastMessages } from './fast-messages.js';
import { localeOf } from './inbound.js';
import { TeamsReferenceStore } from './reference-store.js';
import { serviceUrlTrust } from './service-url.js';
import { TeamsPlatform } from './teams-platform.js';
import { handleTurn, type TeamsLogger } from './turn-handler.js';

// botbuilder is CommonJS: plain Node's ES-module loader does not always see its named exports.
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = botbuilder;

/**
 * Bot Framework authentication whose connector clients never retry: the Azure pipeline under them
 * would otherwise retry a 429 or a 503 itself (three times, sleeping out Retry-After) while holding
 * the outbox worker. The outbox owns rate limits and retries, as with Slack.
 */
class NoRetryBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  /**
   * botbuilder builds a connector client (and its whole HTTP pipeline) for every turn; one per app
   * id, service URL and audience is kept instead (its credentials fetch and cache their own tokens).
   */
  private readonly connectors = new Map<string, Promise<KeptConnector>>();

  override createConnectorFactory(
    ...args: Parameters<InstanceType<typeof ConfigurationBotFrameworkAuthentication>['createConnectorFactory']>
  ): ReturnType<InstanceType<typeof ConfigurationBotFrameworkAuthentication>['createConnectorFactory']> {
    const factory = super.createConnectorFactory(...args);
    const create = factory.create.bind(factory);
    const appId = (factory as { appId?: unknown }).appId;
    factory.create = (serviceUrl, audience) => {
      const key = JSON.stringify([appId ?? null, serviceUrl, audience ?? null]);
      const kept = this.connectors.get(key);
      if (kept !== undefined) return kept;
      if (this.connectors.size >= MAX_CONNECTORS) this.connectors.clear();
      const made = create(serviceUrl, audience).then((connector) => {
        withoutRetries(connector);
        return connector;
      });
      this.connectors.set(key, made);
      made.catch(() => this.connectors.delete(key));
      return made;
    };
    return factory;
  }
}

type KeptConnector = Awaited<
  ReturnType<
    ReturnType<InstanceType<typeof ConfigurationBotFrameworkAuthentication>['createConnectorFactory']>['create']
  >
>;

/** Connector clients kept at most (service URLs are few: one per region and cloud). */
const MAX_CONNECTORS = 64;

/** Removes the retry policy from a connector client's pipeline (`ServiceClientContext.client.pipeline`). */
function withoutRetries(connector: object): void {
  const inner = (connector as { client?: { pipeline?: { removePolicy?: (o: { name: string }) => unknown } } }).client;
  const removed = inner?.pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
  // A botbuilder that no longer builds the client this way must not silently keep retrying.
  if (!Array.isArray(removed) || removed.length !== 1)
    throw new Error('Teams connector client: its retry policy was not found (botbuilder changed); sends would retry');
}

/** `CloudAdapter` with its turn pipeline callable on a request that was already authenticated. */
class AuthenticatedCloudAdapter extends CloudAdapter {
  runAuthenticated(
    request: AuthenticatedRequest,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): ReturnType<CloudAdapterType['processActivity']> {
    return this.processActivity(request, activity, logic);
  }
}

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
  /**
   * Why requests are trusted (see `TeamsSecurity`). Default: `credentials` with an app id, else
   * `loopback` (the caller listens on this machine only, as the tests do).
   */
  security?: TeamsSecurity;
  /**
   * Where the signing keys of Bot Framework tokens are published (OpenID metadata). Default the
   * public cloud's; a test points it at a local key server.
   */
  openIdMetadataUrl?: string;
}

export interface TeamsBotDeps {
  core: HirobaCore;
  repos: Pick<Repositories, 'conversationRefs' | 'members' | 'transaction'>;
  config: TeamsBotConfig;
  /** The shared HTTP server: `POST /api/messages` is mounted on it when given. */
  router?: IRouter;
  /**
   * The shared server's front door: with it (and `router`), channel posts are taken there before
   * express and botbuilder (`teamsFastMessages`); everything else goes on to the route on `router`.
   */
  front?: { post(path: string, handler: TeamsFastHandler): void };
  logger?: TeamsLogger;
  clock?: Clock;
}

export interface TeamsBot {
  adapter: CloudAdapterType;
  platform: TeamsPlatform;
  /** The `POST /api/messages` handler (the body must already be parsed JSON). */
  handle(req: Request, res: Response): Promise<void>;
  /** `insecure` when Teams runs without authentication on purpose (TEAMS_INSECURE); `/healthz` shows it. */
  state(): 'on' | 'insecure';
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
  const security: TeamsSecurity = appId !== '' ? 'credentials' : (deps.config.security ?? 'loopback');
  const auth = new NoRetryBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: deps.config.appPassword ?? '',
    MicrosoftAppType: deps.config.appType ?? '',
    MicrosoftAppTenantId: deps.config.tenantId ?? '',
    ...(deps.config.openIdMetadataUrl === undefined ? {} : botFrameworkEndpoints(deps.config.openIdMetadataUrl)),
  });
  const adapter = new AuthenticatedCloudAdapter(auth);
  if (security === 'insecure') {
    logger.warn(
      'TEAMS IS INSECURE: TEAMS_INSECURE=true and no MicrosoftAppId, so any request to POST /api/messages is accepted as any member of any tenant (approving stories, changing settings). Set MicrosoftAppId and MicrosoftAppPassword, or HOST=127.0.0.1, before real people use it.',
    );
  } else if (security === 'loopback') {
    logger.info('Teams runs without authentication, reachable from this machine only (HOST is loopback)');
  }
  const references = new TeamsReferenceStore(
    deps.repos.conversationRefs,
    () => clock.now().toISOString(),
    () => clock.now().getTime(),
  );
  const members = deps.repos.members;

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The message only: a stack is dozens of lines, and the activity's text is the member's own.
    logger.error('Teams turn failed', { type: context.activity.type, id: context.activity.id, error });
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
    adapter: bindingProactiveCards(adapter),
    references,
    botAppId: appId,
    logger,
    onUnreachable: (workspace, platformId) => setReachable(workspace.id, platformId, false),
    onReachable: (workspace, platformId) => setReachable(workspace.id, platformId, true),
    localeFor: async (workspace, to) =>
      (to.kind === 'member' ? (await members.byPlatformId(workspace.id, to.id))?.locale : null) ??
      workspace.settings.locale,
  });

  async function setReachable(workspaceId: number, platformId: string, reachable: boolean): Promise<void> {
    const member = await members.byPlatformId(workspaceId, platformId);
    if (member && member.reachable !== reachable) await members.update(member.id, { reachable });
  }

  const trustServiceUrl = serviceUrlTrust(security);
  const logic = (context: TurnContext): Promise<void> =>
    handleTurn(context, {
      core: deps.core,
      members,
      references,
      logger,
      now: () => clock.now(),
      trustServiceUrl,
      sendToMember: async (workspace, platformId, message) =>
        (await platform.send(workspace, { kind: 'member', id: platformId }, message)).ok,
    });

  /**
   * `CloudAdapter.process` without its error path: it answers a refused token with the SDK's own
   * error text and prints the whole error (a stack) to the console. Here a refused token gets 401 and
   * one log line; a token that cannot be checked now, 503; anything else, 500 with no detail.
   */
  const handle = async (req: Request, res: Response): Promise<void> => {
    // Every Bot Framework activity names its type, conversation, sender and connector; anything else
    // is answered 400 here instead of failing deep inside the adapter with a 500.
    if (!inboundActivitySchema.safeParse(req.body).success) {
      res
        .status(400)
        .json({ error: 'not a Bot Framework activity: type, serviceUrl, conversation.id and from.id are required' });
      return;
    }
    const activity = withDates(req.body as Activity);
    const header = req.headers.authorization ?? '';
    const authenticated = await authenticateTeamsRequest(auth, activity, header, { requireToken: appId !== '' });
    if (!authenticated.ok) {
      logger.warn('Teams request refused', {
        status: authenticated.status,
        reason: authenticated.reason,
        type: activity.type,
      });
      res.status(authenticated.status).json({ error: authenticated.publicText });
      return;
    }
    try {
      const invoke = await adapter.runAuthenticated(authenticated.result, activity, logic);
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined && invoke.body !== null) res.send(invoke.body);
      res.end();
    } catch (error) {
      logger.error('Teams request failed', { type: activity.type, error });
      if (!res.headersSent) res.status(500).json({ error: 'the request could not be handled' });
    }
  };

  // Oversized bodies are refused before they are read; one that is not JSON gets 400 from the shared
  // server's error handler (body-parser's `entity.parse.failed`), never a 500.
  const guard = refuseLargeBodies((line) => logger.warn(line));
  deps.router?.post(TEAMS_MESSAGES_PATH, guard, express.json({ limit: MAX_BODY }), handle);
  if (deps.router !== undefined && deps.front !== undefined)
    deps.front.post(
      TEAMS_MESSAGES_PATH,
      teamsFastMessages({
        core: deps.core,
        references,
        transaction: (fn) => deps.repos.transaction(fn),
        authenticate:
          appId === ''
            ? null
            : (activity, header) => authenticateTeamsRequest(auth, activity, header, { requireToken: true }),
        trustServiceUrl,
        withDates,
        now: () => clock.now(),
        logger,
      }),
    );
  return { adapter, platform, handle, state: () => (security === 'insecure' ? 'insecure' : 'on') };
}

/**
 * The adapter as `TeamsPlatform` uses it for proactive sends, binding every card sent into a
 * member's 1:1 chat to that member (see `card-recipient.ts`). Channel posts stay unbound.
 */
function bindingProactiveCards(
  adapter: CloudAdapterType,
): Pick<CloudAdapterType, 'continueConversationAsync' | 'createConversationAsync'> {
  return {
    continueConversationAsync: (botAppIdOrClaims, reference, logicOrAudience, maybeLogic) => {
      const personal = reference.conversation?.conversationType === 'personal';
      const bound =
        (logic: (context: TurnContext) => Promise<void>) =>
        (context: TurnContext): Promise<void> => {
          bindCardsSentIn(context, personal ? (reference.user?.id ?? null) : null);
          return logic(context);
        };
      if (typeof logicOrAudience !== 'string')
        return adapter.continueConversationAsync(botAppIdOrClaims, reference, bound(logicOrAudience));
      if (maybeLogic === undefined) throw new TypeError('continueConversationAsync: logic is required');
      return adapter.continueConversationAsync(botAppIdOrClaims, reference, logicOrAudience, bound(maybeLogic));
    },
    createConversationAsync: (
      botAppId: string,
      channelId: string,
      serviceUrl: string,
      audience: string,
      parameters: ConversationParameters,
      logic: (context: TurnContext) => Promise<void>,
    ) =>
      adapter.createConversationAsync(botAppId, channelId, serviceUrl, audience, parameters, (context) => {
        const member = parameters.isGroup ? undefined : parameters.members?.[0]?.id;
        bindCardsSentIn(context, member ?? null);
        return logic(context);
      }),
  };
}

/** What botbuilder's own `process` does to a parsed body: ISO timestamps become dates. */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = fixed[field];
    if (typeof value === 'string') {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed;
}

const consoleLogger: TeamsLogger = {
  info: (message, detail) => console.info(message, detail ?? ''),
  warn: (message, detail) => console.warn(message, detail ?? ''),
  error: (message, detail) => console.error(message, detail ?? ''),
};
