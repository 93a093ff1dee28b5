import botbuilder, {
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext as TurnContextType,
} from 'botbuilder';
import { CARD_CHART_SIZE } from '../charts/message-chart.js';
import { chartThread } from '../charts/png-thread.js';
import type { Message, MessageChart } from '../core/message.js';
import type { ChatPlatform, Recipient, SendResult } from '../core/ports.js';
import type { DirectoryEntry, Locale, Workspace } from '../core/types.js';
import { type ChartLog, renderWithChart } from './chart-image.js';
import { APP_NOT_INSTALLED, isNotInstalledRefusal, toSendFailure } from './errors.js';
import { refKey, type TeamsReferenceStore } from './reference-store.js';
import type { CardActivity } from './render.js';
import { toDirectoryEntry } from './roster.js';

// botbuilder is CommonJS: plain Node's ES-module loader does not always see its named exports.
const { TeamsInfo, TurnContext } = botbuilder;

/** Thrown by `listMembers` when the directory cannot be read whole (a partial list would deactivate people). */
export class TeamsDirectoryError extends Error {
  constructor(
    readonly code: 'no_team' | 'roster_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TeamsDirectoryError';
  }
}

export interface TeamsPlatformOptions {
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'createConversationAsync'>;
  references: TeamsReferenceStore;
  /** The bot's Microsoft App Id; '' when running without credentials. */
  botAppId: string;
  /** Teams refused a 1:1 chat with this member, new or stored (the app is not installed for them). */
  onUnreachable?: (workspace: Workspace, memberPlatformId: string) => Promise<void>;
  /** A 1:1 chat with this member was opened or used. */
  onReachable?: (workspace: Workspace, memberPlatformId: string) => Promise<void>;
  /** Locale for the renderer's own words ("and N more"); default the workspace's. */
  localeFor?: (workspace: Workspace, to: Recipient) => Promise<Locale>;
  /** Roster page size (Teams allows 50–500). */
  rosterPageSize?: number;
  /** Where a digest chart that could not be attached is reported. */
  logger?: ChartLog;
  /** Draws a digest chart for a card (default: on a thread of its own, so the server keeps answering). */
  drawChart?: (chart: MessageChart) => Promise<Buffer>;
}

/**
 * Hiroba's `ChatPlatform` on Microsoft Teams. The outbox worker calls `send`, the directory sync
 * `listMembers`. Sends go through `continueConversationAsync` with the stored reference; a member
 * without one gets a new 1:1 chat from `createConversationAsync` in the tenant. Failures come back
 * as values (see `errors.ts`).
 */
export class TeamsPlatform implements ChatPlatform {
  readonly platform = 'teams' as const;

  private readonly drawChart: (chart: MessageChart) => Promise<Buffer>;

  constructor(private readonly options: TeamsPlatformOptions) {
    if (options.drawChart !== undefined) this.drawChart = options.drawChart;
    else {
      const thread = chartThread();
      this.drawChart = (chart) => thread(chart, 1, CARD_CHART_SIZE);
    }
  }

  async send(workspace: Workspace, to: Recipient, message: Message): Promise<SendResult> {
    const locale = (await this.options.localeFor?.(workspace, to)) ?? workspace.settings.locale;
    // Drawn first, off the main thread; a chart that fails is reported by `renderWithChart`.
    let drawn: { png: Buffer } | { error: unknown } | null = null;
    if (message.chart !== undefined) {
      try {
        drawn = { png: await this.drawChart(message.chart) };
      } catch (error) {
        drawn = { error };
      }
    }
    const activity = renderWithChart(message, locale, this.options.logger, () => {
      if (drawn === null || 'error' in drawn) throw drawn?.error ?? new Error('no chart drawn');
      return drawn.png;
    });
    const { references } = this.options;
    if (to.kind === 'channel') {
      const reference = await references.reference(workspace.id, refKey.channel(to.id));
      if (!reference) return { ok: false, failure: { kind: 'permanent', code: 'channel_not_installed' } };
      return this.continueWith(reference, activity, false);
    }
    const reference = await references.reference(workspace.id, refKey.member(to.id));
    if (reference) {
      const result = await this.continueWith(reference, activity, true);
      if (result.ok) await this.options.onReachable?.(workspace, to.id);
      // 403 on a chat that worked before: the app was removed. Unreachable until it is installed again.
      else if (result.failure.code === APP_NOT_INSTALLED) await this.options.onUnreachable?.(workspace, to.id);
      return result;
    }
    return this.openChatAndSend(workspace, to.id, activity);
  }

  async listMembers(workspace: Workspace): Promise<DirectoryEntry[]> {
    const teamIds = await this.options.references.teamIds(workspace.id);
    if (teamIds.length === 0) {
      throw new TeamsDirectoryError(
        'no_team',
        `Hiroba is not in any team of tenant ${workspace.externalId} yet: add the app to a team, then sync again.`,
      );
    }
    const byId = new Map<string, DirectoryEntry>();
    const pageSize = this.options.rosterPageSize ?? 500;
    for (const teamId of teamIds) {
      const reference = await this.options.references.reference(workspace.id, refKey.team(teamId));
      if (!reference)
        throw new TeamsDirectoryError(
          'no_team',
          `No stored reference for team ${teamId}: remove and re-add the app to that team.`,
        );
      try {
        await this.inTurn(reference, async (context) => {
          let token: string | undefined;
          do {
            const page = await TeamsInfo.getPagedTeamMembers(context, teamId, pageSize, token);
            for (const account of page.members ?? []) {
              const entry = toDirectoryEntry(account);
              if (entry?.platformId) byId.set(entry.platformId, entry);
            }
            token = page.continuationToken || undefined;
          } while (token);
        });
      } catch (error) {
        throw new TeamsDirectoryError(
          'roster_failed',
          `Reading the roster of team ${teamId} failed (${describe(error)}); the sync changed nothing and can be run again.`,
          { cause: error },
        );
      }
    }
    return [...byId.values()];
  }

  /**
   * Runs `logic` in a proactive turn and rethrows what it threw: the adapter would otherwise hand
   * the error to its `onTurnError` and report success.
   */
  private async inTurn(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContextType) => Promise<void>,
  ): Promise<void> {
    const inside: { failed: boolean; error?: unknown } = { failed: false };
    await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        inside.failed = true;
        inside.error = error;
      }
    });
    if (inside.failed) throw inside.error;
  }

  private async continueWith(
    reference: Partial<ConversationReference>,
    activity: CardActivity,
    personal: boolean,
  ): Promise<SendResult> {
    try {
      let messageId = '';
      await this.inTurn(reference, async (context) => {
        messageId = (await context.sendActivity(activity))?.id ?? '';
      });
      return { ok: true, messageId };
    } catch (error) {
      return { ok: false, failure: toSendFailure(error, { personal }) };
    }
  }

  private async openChatAndSend(workspace: Workspace, memberId: string, activity: CardActivity): Promise<SendResult> {
    const tenant = await this.options.references.tenant(workspace.id);
    if (!tenant) return { ok: false, failure: { kind: 'permanent', code: 'tenant_not_installed' } };
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: tenant.botId, name: tenant.botName ?? '' },
      members: [{ id: memberId, name: '' }],
      tenantId: tenant.tenantId,
      channelData: { tenant: { id: tenant.tenantId } },
    } as ConversationParameters;
    let created = false;
    let messageId = '';
    // Errors inside the turn would go to the adapter's onTurnError; carry them out instead.
    const inside: { failed: boolean; error?: unknown } = { failed: false };
    try {
      await this.options.adapter.createConversationAsync(
        this.options.botAppId,
        'msteams',
        tenant.serviceUrl,
        // undefined: the SDK then uses the audience of the configured cloud.
        undefined as unknown as string,
        parameters,
        async (context) => {
          created = true;
          const reference = TurnContext.getConversationReference(context.activity);
          await this.options.references.saveMemberReference(workspace.id, memberId, {
            ...reference,
            user: { id: memberId, name: '' },
          });
          try {
            messageId = (await context.sendActivity(activity))?.id ?? '';
          } catch (error) {
            inside.failed = true;
            inside.error = error;
          }
        },
      );
      if (inside.failed) throw inside.error;
    } catch (error) {
      const failure =
        !created && isNotInstalledRefusal(error)
          ? { kind: 'permanent' as const, code: APP_NOT_INSTALLED }
          : toSendFailure(error, { personal: true });
      if (failure.code === APP_NOT_INSTALLED) await this.options.onUnreachable?.(workspace, memberId);
      return { ok: false, failure };
    }
    await this.options.onReachable?.(workspace, memberId);
    return { ok: true, messageId };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
