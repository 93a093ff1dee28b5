import { type Form, type Message, messageSchema } from '../core/message.js';
import type { ChatPlatform, Clock, Recipient, SendFailure, SendResult } from '../core/ports.js';
import { systemClock } from '../core/ports.js';
import type { DirectoryEntry, Workspace } from '../core/types.js';

/** One message the platform accepted. */
export interface SentMessage {
  workspaceId: number;
  to: Recipient;
  message: Message;
  at: Date;
  messageId: string;
}

/** One form the platform opened in answer to a click. */
export interface OpenedForm {
  workspaceId: number;
  trigger: string;
  form: Form;
  context: string;
  at: Date;
}

export type SendListener = (sent: SentMessage) => void;

/**
 * The in-process chat platform of the demo and the tests: it keeps every message sent, answers
 * `listMembers` from a directory set by the caller, and fails on demand — the next n sends, every
 * send to one recipient (a member who blocked the bot, an archived channel), or a 429 with
 * Retry-After. Failures are returned as values, like the real adapters do.
 */
export class MemoryPlatform implements ChatPlatform {
  readonly platform = 'memory' as const;
  /** Everything accepted, in order. */
  readonly sent: SentMessage[] = [];
  readonly forms: OpenedForm[] = [];
  /** Every send attempt, accepted or not, in order (to check what was retried). */
  readonly attempts: { workspaceId: number; to: Recipient; at: Date; result: SendResult }[] = [];

  private readonly clock: Clock;
  private readonly directories = new Map<string, DirectoryEntry[]>();
  private defaultDirectory: DirectoryEntry[] = [];
  private readonly failures: SendFailure[] = [];
  private readonly failingRecipients = new Map<string, SendFailure>();
  private readonly listeners = new Set<SendListener>();
  private seq = 0;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  async send(workspace: Workspace, to: Recipient, message: Message): Promise<SendResult> {
    const result = this.answer(to, message);
    const at = this.clock.now();
    this.attempts.push({ workspaceId: workspace.id, to, at, result });
    if (result.ok) {
      const sent: SentMessage = { workspaceId: workspace.id, to, message, at, messageId: result.messageId };
      this.sent.push(sent);
      for (const listener of this.listeners) listener(sent);
    }
    return result;
  }

  async openForm(workspace: Workspace, trigger: string, form: Form, context: string): Promise<SendResult> {
    this.forms.push({ workspaceId: workspace.id, trigger, form, context, at: this.clock.now() });
    return { ok: true, messageId: `mem-form-${++this.seq}` };
  }

  /** The directory set for this workspace's external id, else the default one. */
  async listMembers(workspace: Workspace): Promise<DirectoryEntry[]> {
    const entries = this.directories.get(workspace.externalId) ?? this.defaultDirectory;
    return entries.map((entry) => ({ ...entry }));
  }

  /** Sets the directory `listMembers` answers: for one workspace (by external id) or for all. */
  setDirectory(entries: readonly DirectoryEntry[], workspaceExternalId?: string): void {
    const copy = entries.map((entry) => ({ ...entry }));
    if (workspaceExternalId === undefined) this.defaultDirectory = copy;
    else this.directories.set(workspaceExternalId, copy);
  }

  /** The next `n` sends fail with `failure` (after any failures already queued). */
  failNext(n: number, failure: SendFailure): void {
    for (let i = 0; i < n; i++) this.failures.push(failure);
  }

  /** The next `n` sends get HTTP 429 with Retry-After (`rate_limited`, transient). */
  respondRateLimited(n: number, retryAfterMs: number): void {
    this.failNext(n, { kind: 'transient', code: 'rate_limited', retryAfterMs });
  }

  /**
   * Every send to this recipient (a member's platform id or a channel id) fails with `failure` until
   * `clearFailures`: `{ kind: 'permanent', code: 'cannot_dm_bot', blocked: true }` is a member who
   * blocked the bot, `{ kind: 'permanent', code: 'is_archived' }` an archived channel.
   */
  failFor(recipientId: string, failure: SendFailure): void {
    this.failingRecipients.set(recipientId, failure);
  }

  /** Forgets queued and per-recipient failures. */
  clearFailures(recipientId?: string): void {
    if (recipientId === undefined) {
      this.failures.length = 0;
      this.failingRecipients.clear();
    } else {
      this.failingRecipients.delete(recipientId);
    }
  }

  /** Calls `listener` for each accepted message (the demo prints them); returns the unsubscribe. */
  onSend(listener: SendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Accepted messages to one recipient id, in order. */
  sentTo(recipientId: string): SentMessage[] {
    return this.sent.filter((s) => s.to.id === recipientId);
  }

  /** Forgets what was sent and attempted (failures stay armed). */
  reset(): void {
    this.sent.length = 0;
    this.forms.length = 0;
    this.attempts.length = 0;
  }

  private answer(to: Recipient, message: Message): SendResult {
    const recipientFailure = this.failingRecipients.get(to.id);
    if (recipientFailure) return { ok: false, failure: recipientFailure };
    const queued = this.failures.shift();
    if (queued) return { ok: false, failure: queued };
    // A real platform refuses a malformed payload; so does this one, so the demo catches bad messages.
    const parsed = messageSchema.safeParse(message);
    if (!parsed.success) return { ok: false, failure: { kind: 'permanent', code: 'invalid_message' } };
    return { ok: true, messageId: `mem-${++this.seq}` };
  }
}
