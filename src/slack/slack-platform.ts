import type { WebClient } from '@slack/web-api';
import { MESSAGE_CHART_SIZE } from '../charts/message-chart.js';
import { chartThread } from '../charts/png-thread.js';
import type { Form, Message, MessageChart } from '../core/message.js';
import type { ChatPlatform, OutgoingFile, Recipient, SendResult } from '../core/ports.js';
import type { DirectoryEntry, Workspace } from '../core/types.js';
import { uploadChart } from './chart-upload.js';
import { slackErrorCode, toSendFailure } from './errors.js';
import { listSlackMembers } from './list-members.js';
import { renderHome, renderMessage, renderModal } from './render.js';
import { type SlackUser, slackUserSchema } from './slack-payloads.js';

/** The little logging the platform does (Bolt's logger fits). */
export interface SlackLog {
  debug(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
}

export const silentLog: SlackLog = { debug: () => {}, warn: () => {}, error: () => {} };

export interface SlackPlatformOptions {
  logger?: SlackLog;
  /** Waits between retried `users.list` pages; a parameter so tests need no real time. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The client messages and files go out through: one with its own retries off, so a 429 comes back
   * at once with its Retry-After and the outbox, which owns the rate limits, waits it out. Default:
   * the main client.
   */
  sendClient?: WebClient;
  /** Draws a digest chart (default: on a thread of its own, so the server keeps answering meanwhile). */
  drawChart?: (chart: MessageChart) => Promise<Buffer>;
}

/** How far before a send's start its message is looked for (the two hosts' clocks may differ). */
const CLOCK_GRACE_MS = 10_000;

/** Codes after which a remembered DM channel id is forgotten (the next file opens it again). */
const STALE_DM_CODES = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);

/**
 * Hiroba's way out to Slack, over one bot token's WebClient (Bolt's `app.client`): posts to channels,
 * DMs by posting to the member's user id (Slack delivers it to the app's DM with them, so a fan-out
 * spends no Tier 3 `conversations.open` per message; the DM channel id Slack answers with is
 * remembered for files, which need it), opens modals, publishes the Home tab, and reads the directory. Failures come back as
 * `SendFailure` values (see `errors.ts`), never thrown. Called by the outbox worker, the directory
 * sync and the app's interaction handlers.
 */
export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  private readonly dmChannels = new Map<string, string>();
  private readonly log: SlackLog;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly sendClient: WebClient;
  private readonly drawChart: (chart: MessageChart) => Promise<Buffer>;

  constructor(
    private readonly client: WebClient,
    options: SlackPlatformOptions = {},
  ) {
    this.log = options.logger ?? silentLog;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.sendClient = options.sendClient ?? client;
    if (options.drawChart !== undefined) this.drawChart = options.drawChart;
    else {
      const thread = chartThread();
      this.drawChart = (chart) => thread(chart, 2, MESSAGE_CHART_SIZE);
    }
  }

  async send(workspace: Workspace, to: Recipient, message: Message): Promise<SendResult> {
    const { blocks, text } = renderMessage(message, workspace.settings.locale);
    // A member's user id as `channel` posts into the app's DM with them (chat.postMessage, "channel").
    const channel = to.id;
    const client = this.sendClient;
    try {
      const res = await client.chat.postMessage({ channel, blocks, text });
      const posted = res.channel ?? channel;
      if (to.kind === 'member' && res.channel) this.dmChannels.set(to.id, res.channel);
      if (message.chart !== undefined) await uploadChart(client, posted, message.chart, this.log, this.drawChart);
      return { ok: true, messageId: `${posted}:${res.ts ?? ''}` };
    } catch (error) {
      if (to.kind === 'member' && STALE_DM_CODES.has(slackErrorCode(error) ?? '')) this.dmChannels.delete(to.id);
      return this.failed('chat.postMessage', error);
    }
  }

  /**
   * Whether a message with this text was posted by a bot (Hiroba) into the conversation since
   * `since` (with a few seconds of grace for clocks): read from `conversations.history` (`im:history` for a DM),
   * the DM channel opened once when not known. Undefined when Slack will not say (a missing scope).
   */
  async findSent(
    workspace: Workspace,
    to: Recipient,
    message: Message,
    since: string,
  ): Promise<string | null | undefined> {
    const { text } = renderMessage(message, workspace.settings.locale);
    const client = this.sendClient;
    try {
      const channel = to.kind === 'channel' ? to.id : await this.openDm(to.id);
      const oldest = (Date.parse(since) - CLOCK_GRACE_MS) / 1000;
      const res = await client.conversations.history({
        channel,
        oldest: oldest.toFixed(6),
        inclusive: true,
        limit: 200,
      });
      const mine = res.messages?.find((m) => m.bot_id !== undefined && m.text === text);
      return mine?.ts ? `${channel}:${mine.ts}` : null;
    } catch (error) {
      this.log.warn(
        `Slack conversations.history failed (${toSendFailure(error).code}); cannot tell whether a message arrived`,
      );
      return undefined;
    }
  }

  async openForm(workspace: Workspace, trigger: string, form: Form, context: string): Promise<SendResult> {
    try {
      const res = await this.client.views.open({
        trigger_id: trigger,
        view: renderModal(form, workspace.settings.locale, context),
      });
      return { ok: true, messageId: res.view?.id ?? '' };
    } catch (error) {
      return this.failed('views.open', error);
    }
  }

  /** Publishes a member's App Home tab (`views.publish`) from the core's `home()` message. */
  async publishHome(workspace: Workspace, userId: string, message: Message): Promise<SendResult> {
    try {
      const res = await this.client.views.publish({
        user_id: userId,
        view: renderHome(message, workspace.settings.locale),
      });
      return { ok: true, messageId: res.view?.id ?? '' };
    } catch (error) {
      return this.failed('views.publish', error);
    }
  }

  /**
   * Who started a thread (`conversations.replies` with `limit: 1` returns the root first): the target
   * of a reply when the event does not name it. Null when the root is a bot's or cannot be read.
   */
  async threadRootAuthor(channel: string, threadTs: string): Promise<string | null> {
    try {
      const res = await this.client.conversations.replies({ channel, ts: threadTs, limit: 1, inclusive: true });
      const root = res.messages?.[0];
      if (!root || root.bot_id || root.ts !== threadTs) return null;
      return root.user ?? null;
    } catch (error) {
      this.log.warn(
        `conversations.replies failed (${toSendFailure(error).code}); the reply is recorded without a target`,
      );
      return null;
    }
  }

  /**
   * A file into a member's DM, the way Slack asks for it now (`files.upload` is retired): an upload URL
   * from `files.getUploadURLExternal`, the bytes POSTed to it, then `files.completeUploadExternal` to
   * share it in the DM.
   */
  async sendFile(_workspace: Workspace, memberPlatformId: string, file: OutgoingFile): Promise<SendResult> {
    let channel: string;
    try {
      channel = await this.openDm(memberPlatformId);
    } catch (error) {
      return this.failed('conversations.open', error);
    }
    const bytes = Buffer.from(file.content, 'utf8');
    const client = this.sendClient;
    let upload: { url: string; id: string };
    try {
      const res = await client.files.getUploadURLExternal({ filename: file.name, length: bytes.length });
      if (!res.upload_url || !res.file_id) return { ok: false, failure: { kind: 'transient', code: 'no_upload_url' } };
      upload = { url: res.upload_url, id: res.file_id };
    } catch (error) {
      return this.failed('files.getUploadURLExternal', error);
    }
    try {
      const posted = await fetch(upload.url, { method: 'POST', body: bytes });
      if (!posted.ok) {
        this.log.warn(`Slack file upload answered ${posted.status}`);
        return {
          ok: false,
          failure: { kind: posted.status >= 500 ? 'transient' : 'permanent', code: `upload_${posted.status}` },
        };
      }
    } catch (error) {
      this.log.warn(`Slack file upload failed: ${String(error)}`);
      return { ok: false, failure: { kind: 'transient', code: 'upload_failed' } };
    }
    try {
      await client.files.completeUploadExternal({
        files: [{ id: upload.id, title: file.title }],
        channel_id: channel,
      });
      return { ok: true, messageId: upload.id };
    } catch (error) {
      return this.failed('files.completeUploadExternal', error);
    }
  }

  /** A channel's name by `conversations.info`; null (logged) when Slack will not say. */
  async channelName(_workspace: Workspace, channelId: string): Promise<string | null> {
    try {
      const res = await this.client.conversations.info({ channel: channelId });
      return res.channel?.name ?? null;
    } catch (error) {
      this.log.warn(`conversations.info failed (${toSendFailure(error).code}); the channel is shown without a name`);
      return null;
    }
  }

  /**
   * One member as `users.info` (with their locale) tells: for someone the directory does not know
   * yet. A failure comes back classified: `transient` (network, 429, 5xx) is worth retrying,
   * `permanent` (`user_not_found`, …) is not. Never throws.
   */
  async lookupUser(
    userId: string,
  ): Promise<{ ok: true; user: SlackUser } | { ok: false; kind: 'transient' | 'permanent'; code: string }> {
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true });
      const user = slackUserSchema.safeParse(res.user);
      if (!user.success) return { ok: false, kind: 'permanent', code: 'unreadable_user' };
      return { ok: true, user: user.data };
    } catch (error) {
      const failure = toSendFailure(error);
      this.log.warn(`Slack users.info failed for ${userId}: ${failure.kind} ${failure.code}`);
      return { ok: false, kind: failure.kind, code: failure.code };
    }
  }

  listMembers(workspace: Workspace): Promise<DirectoryEntry[]> {
    return listSlackMembers(this.client, workspace.settings.profileFields, { logger: this.log, sleep: this.sleep });
  }

  private async openDm(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const client = this.sendClient;
    const res = await client.conversations.open({ users: userId });
    const id = res.channel?.id;
    if (!id) throw new Error(`conversations.open returned no channel for ${userId}`);
    this.dmChannels.set(userId, id);
    return id;
  }

  private failed(method: string, error: unknown): SendResult {
    const failure = toSendFailure(error);
    this.log.warn(`Slack ${method} failed: ${failure.kind} ${failure.code}`);
    return { ok: false, failure };
  }
}
