import type { WebClient } from '@slack/web-api';
import type { Form, Message } from '../core/message.js';
import type { ChatPlatform, Recipient, SendResult } from '../core/ports.js';
import type { DirectoryEntry, Workspace } from '../core/types.js';
import { uploadChart } from './chart-upload.js';
import { slackErrorCode, toSendFailure } from './errors.js';
import { listSlackMembers } from './list-members.js';
import { renderHome, renderMessage, renderModal } from './render.js';

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
}

/** Codes after which a remembered DM channel id is forgotten (the next send opens it again). */
const STALE_DM_CODES = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);

/**
 * Hiroba's way out to Slack, over one bot token's WebClient (Bolt's `app.client`): posts to channels,
 * DMs through `conversations.open` (the DM channel id remembered per user while the process lives),
 * opens modals, publishes the Home tab, and reads the directory. Failures come back as
 * `SendFailure` values (see `errors.ts`), never thrown. Called by the outbox worker, the directory
 * sync and the app's interaction handlers.
 */
export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  private readonly dmChannels = new Map<string, string>();
  private readonly log: SlackLog;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: WebClient,
    options: SlackPlatformOptions = {},
  ) {
    this.log = options.logger ?? silentLog;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async send(workspace: Workspace, to: Recipient, message: Message): Promise<SendResult> {
    const { blocks, text } = renderMessage(message, workspace.settings.locale);
    let channel: string;
    try {
      channel = to.kind === 'channel' ? to.id : await this.openDm(to.id);
    } catch (error) {
      return this.failed('conversations.open', error);
    }
    try {
      const res = await this.client.chat.postMessage({ channel, blocks, text });
      if (message.chart !== undefined) await uploadChart(this.client, res.channel ?? channel, message.chart, this.log);
      return { ok: true, messageId: `${res.channel ?? channel}:${res.ts ?? ''}` };
    } catch (error) {
      if (to.kind === 'member' && STALE_DM_CODES.has(slackErrorCode(error) ?? '')) this.dmChannels.delete(to.id);
      return this.failed('chat.postMessage', error);
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

  listMembers(workspace: Workspace): Promise<DirectoryEntry[]> {
    return listSlackMembers(this.client, workspace.settings.profileFields, { logger: this.log, sleep: this.sleep });
  }

  private async openDm(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const res = await this.client.conversations.open({ users: userId });
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
