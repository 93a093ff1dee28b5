import type { Recipient } from '../core/ports.js';
import type { Platform } from '../core/types.js';

/** `limit` sends per `windowMs`, refilled evenly; up to `burst` (default `limit`) may go at once. */
export interface BucketRule {
  limit: number;
  windowMs: number;
  burst?: number;
}

export interface PlatformLimits {
  /** Per conversation: one channel or one member's DM. */
  perConversation: BucketRule;
  /** Per workspace (Slack team, Teams tenant), every send counted. */
  perWorkspace: BucketRule;
  /** Per workspace, DMs only: the extra call a DM needs to open the conversation. */
  dmOpen?: BucketRule;
}

export type RateLimits = Record<Platform, PlatformLimits>;

/**
 * Defaults from the platforms' published limits.
 * - Slack `chat.postMessage`: "1 message per second per channel, short bursts allowed", plus a
 *   workspace-wide limit of several hundred messages a minute (https://api.slack.com/methods/chat.postMessage,
 *   "Rate limits" and https://api.slack.com/apis/rate-limits); we budget 300/min with small bursts.
 *   A DM first needs `conversations.open`, a Tier 3 method: 50+ calls a minute
 *   (https://api.slack.com/methods/conversations.open).
 * - Teams bots: 7 messages per second per conversation (the 1-second row of the per-bot-per-thread
 *   table) and 50 requests per second per app per tenant across all conversations
 *   (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit).
 * - The in-memory platform has no limit worth modelling; a high ceiling keeps the code path alive.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  slack: {
    perConversation: { limit: 1, windowMs: 1000 },
    perWorkspace: { limit: 300, windowMs: 60_000, burst: 20 },
    dmOpen: { limit: 50, windowMs: 60_000, burst: 10 },
  },
  teams: {
    perConversation: { limit: 7, windowMs: 1000 },
    perWorkspace: { limit: 50, windowMs: 1000 },
  },
  memory: {
    perConversation: { limit: 1000, windowMs: 1000 },
    perWorkspace: { limit: 1000, windowMs: 1000 },
  },
};

/** Overrides merged over the defaults, per platform and per bucket. */
export type RateLimitOverrides = { [P in Platform]?: Partial<PlatformLimits> };

export function resolveRateLimits(overrides: RateLimitOverrides = {}): RateLimits {
  const out = { ...DEFAULT_RATE_LIMITS };
  for (const platform of Object.keys(overrides) as Platform[]) {
    out[platform] = { ...DEFAULT_RATE_LIMITS[platform], ...overrides[platform] };
  }
  return out;
}

interface BucketState {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
}

export interface LimitKey {
  key: string;
  rule: BucketRule;
}

/** Keys a send is counted under: its conversation, its workspace and, for a DM, the DM budget. */
export function limitKeys(limits: RateLimits, platform: Platform, workspaceId: number, to: Recipient): LimitKey[] {
  const rules = limits[platform];
  const keys: LimitKey[] = [
    { key: `${platform}:${workspaceId}:${to.kind}:${to.id}`, rule: rules.perConversation },
    { key: `${platform}:${workspaceId}`, rule: rules.perWorkspace },
  ];
  if (to.kind === 'member' && rules.dmOpen)
    keys.push({ key: `${platform}:${workspaceId}:dm-open`, rule: rules.dmOpen });
  return keys;
}

/** Idle buckets are forgotten past this many, so a long-running worker does not grow without end. */
const MAX_IDLE_BUCKETS = 10_000;

/**
 * Token buckets keyed per (platform, workspace) and (platform, workspace, conversation). The outbox
 * worker asks `waitMs` before each send, sleeps that long, then `take`s; a 429 `pause`s the
 * workspace until Retry-After has passed. Time comes from the injected `now` so tests need no waiting.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(private readonly now: () => number) {}

  /** Milliseconds until every key has a token (0: send now). */
  waitMs(keys: readonly LimitKey[]): number {
    const now = this.now();
    let wait = 0;
    for (const { key, rule } of keys) {
      const state = this.refill(key, rule, now);
      const paused = Math.max(0, state.pausedUntil - now);
      const perMs = rule.limit / rule.windowMs;
      const empty = state.tokens >= 1 ? 0 : Math.ceil((1 - state.tokens) / perMs);
      wait = Math.max(wait, paused, empty);
    }
    return wait;
  }

  /** Spends one token from every key (call after `waitMs` said 0). */
  take(keys: readonly LimitKey[]): void {
    const now = this.now();
    for (const { key, rule } of keys) {
      const state = this.refill(key, rule, now);
      state.tokens = Math.max(0, state.tokens - 1);
    }
    this.prune(now);
  }

  /** Nothing goes out under `key` before `until` (ms since the epoch). */
  pause(key: string, until: number): void {
    const state = this.buckets.get(key) ?? { tokens: 1, updatedAt: this.now(), pausedUntil: 0 };
    state.pausedUntil = Math.max(state.pausedUntil, until);
    this.buckets.set(key, state);
  }

  private refill(key: string, rule: BucketRule, now: number): BucketState {
    const capacity = rule.burst ?? rule.limit;
    let state = this.buckets.get(key);
    if (!state) {
      state = { tokens: capacity, updatedAt: now, pausedUntil: 0 };
      this.buckets.set(key, state);
      return state;
    }
    const elapsed = Math.max(0, now - state.updatedAt);
    state.tokens = Math.min(capacity, state.tokens + (elapsed * rule.limit) / rule.windowMs);
    state.updatedAt = now;
    return state;
  }

  private prune(now: number): void {
    if (this.buckets.size <= MAX_IDLE_BUCKETS) return;
    for (const [key, state] of this.buckets) {
      // A minute idle refills every default bucket; forgetting it changes nothing.
      if (state.pausedUntil <= now && now - state.updatedAt > 60_000) this.buckets.delete(key);
    }
  }
}
