import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { ConversationRefRepo } from '../core/ports.js';
import { baseConversationId, type InboundActivity, isBotAccount, tenantIdOf } from './inbound.js';

/**
 * What Teams needs to reach people later, kept through the `conversationRefs` repository (opaque
 * JSON per workspace and key):
 *
 * | key | value | written when |
 * |---|---|---|
 * | `member:<29:… id>` | the 1:1 chat's reference | the member writes to the bot, installs it, or the bot opens the chat |
 * | `channel:<19:… id>` | the channel's reference (no thread) | the bot sees any activity in the channel |
 * | `team:<team id>` | reference whose conversation is the team (roster calls) | the bot sees any activity in the team |
 * | `teams` | `{ teamIds }`, every team the bot is in | same |
 * | `tenant` | `{ serviceUrl, botId, botName, tenantId }` | any activity: where new 1:1 chats are created |
 * | `author:<19:… channel id>:<message id>` | `{ platformId }` of a channel message's author | a post or reply in a counted channel (targets of replies and reactions; no text). Message ids are unique per channel only |
 */

export const refKey = {
  member: (platformId: string) => `member:${platformId}`,
  channel: (channelId: string) => `channel:${channelId}`,
  team: (teamId: string) => `team:${teamId}`,
  author: (channelId: string, messageId: string) => `author:${channelId}:${messageId}`,
  tenant: 'tenant',
  teams: 'teams',
} as const;

const referenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string().min(1) }),
  user: z.looseObject({ id: z.string().min(1) }).optional(),
  locale: z.string().optional(),
});

const tenantSchema = z.object({
  serviceUrl: z.string().min(1),
  botId: z.string().min(1),
  botName: z.string().optional(),
  tenantId: z.string().min(1),
});
export type TenantRecord = z.infer<typeof tenantSchema>;

const teamsSchema = z.object({ teamIds: z.array(z.string().min(1)) });
const authorSchema = z.object({ platformId: z.string().min(1) });

/** How long a reference this process read or wrote is taken as the stored one without reading it again. */
export const KNOWN_REFERENCE_MS = 60_000;
/** References remembered at most (a few per team and channel, one per member's 1:1 chat). */
const MAX_KNOWN = 20_000;

/** Typed access to the Teams entries of `conversationRefs`. Used by the bot (writes) and `TeamsPlatform` (reads). */
export class TeamsReferenceStore {
  /**
   * What this process last read or wrote under each workspace and key (JSON text) and when: nearly
   * every activity repeats the tenant, team and channel references, so they are compared here and the
   * database is read again only after `KNOWN_REFERENCE_MS` (another process may have written since).
   */
  private readonly known = new Map<string, { text: string; at: number }>();

  constructor(
    private readonly repo: ConversationRefRepo,
    private readonly now: () => string,
    private readonly clockMs: () => number = Date.now,
  ) {}

  /** A stored reference, or null when none (or not readable). */
  async reference(workspaceId: number, key: string): Promise<Partial<ConversationReference> | null> {
    const parsed = referenceSchema.safeParse(await this.repo.get(workspaceId, key));
    // Checked above for what sending needs; the rest is botbuilder's own shape, stored as it gave it.
    return parsed.success ? (parsed.data as unknown as Partial<ConversationReference>) : null;
  }

  async tenant(workspaceId: number): Promise<TenantRecord | null> {
    const parsed = tenantSchema.safeParse(await this.repo.get(workspaceId, refKey.tenant));
    return parsed.success ? parsed.data : null;
  }

  async teamIds(workspaceId: number): Promise<string[]> {
    const parsed = teamsSchema.safeParse(await this.repo.get(workspaceId, refKey.teams));
    return parsed.success ? parsed.data.teamIds : [];
  }

  async authorOf(workspaceId: number, channelId: string, messageId: string): Promise<string | null> {
    const parsed = authorSchema.safeParse(await this.repo.get(workspaceId, refKey.author(channelId, messageId)));
    return parsed.success ? parsed.data.platformId : null;
  }

  async saveAuthor(workspaceId: number, channelId: string, messageId: string, platformId: string): Promise<void> {
    await this.repo.save(workspaceId, refKey.author(channelId, messageId), { platformId }, this.now());
  }

  async saveMemberReference(
    workspaceId: number,
    platformId: string,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    await this.saveIfChanged(workspaceId, refKey.member(platformId), withoutActivityId(reference));
  }

  /** Everything an inbound activity tells about where to reach its tenant, channel, team and sender. */
  async saveFromActivity(workspaceId: number, activity: InboundActivity): Promise<void> {
    const { serviceUrl, recipient, conversation } = activity;
    const tenantId = tenantIdOf(activity);
    if (!serviceUrl || !recipient || !conversation || !tenantId) return;
    // Bot Framework's channel (always `msteams` here), not a Teams channel.
    const botChannel = activity.channelId ?? 'msteams';
    const bot = { id: recipient.id, name: recipient.name ?? '' };
    await this.saveIfChanged(workspaceId, refKey.tenant, { serviceUrl, botId: bot.id, botName: bot.name, tenantId });

    const type = conversation.conversationType;
    if (type === 'personal' && activity.from && !isBotAccount(activity.from)) {
      await this.saveIfChanged(workspaceId, refKey.member(activity.from.id), {
        channelId: botChannel,
        serviceUrl,
        bot,
        user: { id: activity.from.id, name: activity.from.name ?? '' },
        conversation: { id: conversation.id, conversationType: 'personal', isGroup: false, tenantId },
        ...(activity.locale ? { locale: activity.locale } : {}),
      });
    }
    const team = activity.channelData?.team;
    if (!team) return;
    // Events about the team itself (the bot installed, members added) name no channel: their
    // conversation is the General channel, whose id is the team id.
    const channelId =
      activity.channelData?.channel?.id ?? (baseConversationId(conversation.id) === team.id ? team.id : null);
    if (type === 'channel' && channelId) {
      // The reference without `;messageid=`: a proactive send starts a new post, not a reply.
      await this.saveIfChanged(workspaceId, refKey.channel(channelId), {
        channelId: botChannel,
        serviceUrl,
        bot,
        conversation: { id: baseConversationId(conversation.id), conversationType: 'channel', isGroup: true, tenantId },
      });
    }
    const known = await this.saveIfChanged(workspaceId, refKey.team(team.id), {
      channelId: botChannel,
      serviceUrl,
      bot,
      conversation: { id: team.id, conversationType: 'channel', isGroup: true, tenantId },
    });
    // The list is read when the team's reference is, not for every activity of a known team.
    if (known) return;
    const teamIds = await this.teamIds(workspaceId);
    if (!teamIds.includes(team.id))
      await this.repo.save(workspaceId, refKey.teams, { teamIds: [...teamIds, team.id] }, this.now());
  }

  /**
   * Most activities repeat what is stored: no write then, and no read either while this process
   * knows the stored value. True when the value was known already (nothing read or written).
   */
  private async saveIfChanged(workspaceId: number, key: string, value: object): Promise<boolean> {
    const text = JSON.stringify(value);
    const id = `${workspaceId}:${key}`;
    const nowMs = this.clockMs();
    const seen = this.known.get(id);
    if (seen !== undefined && seen.text === text && nowMs - seen.at < KNOWN_REFERENCE_MS) return true;
    if (JSON.stringify(await this.repo.get(workspaceId, key)) !== text)
      await this.repo.save(workspaceId, key, value, this.now());
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(id, { text, at: nowMs });
    return false;
  }
}

function withoutActivityId(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _ignored, ...rest } = reference;
  return rest;
}
