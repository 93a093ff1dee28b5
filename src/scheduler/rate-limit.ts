import type { Recipient } from '../core/ports.js';
import type { Platform } from '../core/types.js';

/**
 * At most `limit` sends in any `windowMs` (a sliding window, as the platforms count), spread evenly:
 * no more than `burst` (default `limit`) go back to back before the steady rate applies.
 */
export interface BucketRule {
  limit: number;
  windowMs: number;
  burst?: number;
}

/** One rule, or several windows that all apply (Teams: per second, per 2 s, per 30 s, per hour). */
export type BucketRules = BucketRule | readonly BucketRule[];

export interface PlatformLimits {
  /** Per conversation: one channel or one member's DM. */
  perConversation: BucketRules;
  /** Per workspace (Slack team, Teams tenant), every send counted. */
  perWorkspace: BucketRules;
  /**
   * Per workspace, DMs only: a budget for an extra call each DM needs. Slack needs none (a DM is
   * posted to the member's id); kept so an operator can still cap DMs apart from channel posts.
   */
  dmOpen?: BucketRules;
}

export type RateLimits = Record<Platform, PlatformLimits>;

/**
 * Defaults from the platforms' published limits.
 * - Slack `chat.postMessage` has its own tier: "1 message per second per channel, short bursts
 *   allowed", and "several hundred messages per minute" across the workspace
 *   (https://docs.slack.dev/reference/methods/chat.postMessage, "Rate limits", and
 *   https://docs.slack.dev/apis/web-api/rate-limits); we budget 300/min with small bursts. A DM is
 *   posted with the member's user id as `channel` (the app's DM with them), so no Tier 3
 *   `conversations.open` (~50/min) is spent per DM.
 * - Teams bots, per bot per conversation ("thread"): 7 sends per second, 8 per 2 s, 60 per 30 s,
 *   1,800 per hour; and 50 requests per second per app per tenant across all conversations
 *   (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit).
 * - The in-memory platform has no limit worth modelling; a high ceiling keeps the code path alive.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  slack: {
    perConversation: { limit: 1, windowMs: 1000 },
    perWorkspace: { limit: 300, windowMs: 60_000, burst: 20 },
  },
  teams: {
    perConversation: [
      { limit: 7, windowMs: 1000 },
      { limit: 8, windowMs: 2000 },
      { limit: 60, windowMs: 30_000 },
      { limit: 1800, windowMs: 3_600_000 },
    ],
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

export interface LimitKey {
  key: string;
  rule: BucketRule;
}

function rulesOf(rules: BucketRules): readonly BucketRule[] {
  return Array.isArray(rules) ? rules : [rules as BucketRule];
}

/** One key per rule: the first rule keeps the plain name, later windows get theirs as a suffix. */
function keyed(base: string, rules: BucketRules): LimitKey[] {
  return rulesOf(rules).map((rule, i) => ({ key: i === 0 ? base : `${base}/${rule.windowMs}ms`, rule }));
}

/** The workspace-wide keys of a platform: a 429 (Retry-After) pauses these. */
export function workspaceKeys(limits: RateLimits, platform: Platform, workspaceId: number): string[] {
  return keyed(`${platform}:${workspaceId}`, limits[platform].perWorkspace).map((k) => k.key);
}

/** Keys a send is counted under: its conversation, its workspace and, where set, the DM budget. */
export function limitKeys(limits: RateLimits, platform: Platform, workspaceId: number, to: Recipient): LimitKey[] {
  const rules = limits[platform];
  const keys: LimitKey[] = [
    ...keyed(`${platform}:${workspaceId}:${to.kind}:${to.id}`, rules.perConversation),
    ...keyed(`${platform}:${workspaceId}`, rules.perWorkspace),
  ];
  if (to.kind === 'member' && rules.dmOpen) keys.push(...keyed(`${platform}:${workspaceId}:dm-open`, rules.dmOpen));
  return keys;
}

interface BucketState {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
  /** When the last `limit` sends went (oldest first): the sliding window. */
  recent: number[];
  /** The longest window this key was asked about: idle longer than that, it is forgotten. */
  windowMs: number;
}

/**
 * The platform counts a send when it arrives, the limiter when it leaves: a send held up on its way
 * (a busy event loop, a connection being opened) can land in the platform's next window. A budget
 * that many sends share (a workspace's) fills its window to the last send, so its window is kept 2%
 * longer than published, lest such a send draw a 429 (which costs a whole Retry-After). A
 * conversation's few sends a second keep the window as published.
 */
export const WINDOW_GUARD = 0.02;
const GUARDED_FROM_LIMIT = 10;

function windowWithGuard(rule: BucketRule): number {
  if (rule.limit < GUARDED_FROM_LIMIT) return rule.windowMs;
  return rule.windowMs + Math.ceil(rule.windowMs * WINDOW_GUARD);
}

/** Idle buckets are forgotten past this many, so a long-running worker does not grow without end. */
const MAX_IDLE_BUCKETS = 10_000;

/**
 * Rate limits keyed per (platform, workspace) and (platform, workspace, conversation). Each rule is a
 * sliding window (never more than `limit` in any `windowMs`, the way the platforms count, so the
 * limiter cannot drift ahead of them over a long fan-out) plus a token bucket that spreads sends
 * evenly after a `burst`. The outbox worker asks `waitMs` before each send, sleeps that long, then
 * `take`s; a 429 `pause`s the workspace until Retry-After has passed. Time comes from the injected
 * `now` so tests need no waiting.
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
      const oldest = state.recent.length >= rule.limit ? state.recent[state.recent.length - rule.limit] : undefined;
      const window = oldest === undefined ? 0 : Math.max(0, oldest + windowWithGuard(rule) - now);
      wait = Math.max(wait, paused, empty, window);
    }
    return wait;
  }

  /** Spends one token from every key (call after `waitMs` said 0). */
  take(keys: readonly LimitKey[]): void {
    const now = this.now();
    for (const { key, rule } of keys) {
      const state = this.refill(key, rule, now);
      state.tokens = Math.max(0, state.tokens - 1);
      state.recent.push(now);
      if (state.recent.length > rule.limit) state.recent.splice(0, state.recent.length - rule.limit);
    }
    this.prune(now);
  }

  /** Nothing goes out under `key` before `until` (ms since the epoch). */
  pause(key: string, until: number): void {
    const state = this.buckets.get(key) ?? {
      tokens: 1,
      updatedAt: this.now(),
      pausedUntil: 0,
      recent: [],
      windowMs: 0,
    };
    state.pausedUntil = Math.max(state.pausedUntil, until);
    this.buckets.set(key, state);
  }

  private refill(key: string, rule: BucketRule, now: number): BucketState {
    const capacity = Math.min(rule.burst ?? rule.limit, rule.limit);
    let state = this.buckets.get(key);
    if (!state) {
      state = { tokens: capacity, updatedAt: now, pausedUntil: 0, recent: [], windowMs: rule.windowMs };
      this.buckets.set(key, state);
      return state;
    }
    const elapsed = Math.max(0, now - state.updatedAt);
    state.tokens = Math.min(capacity, state.tokens + (elapsed * rule.limit) / rule.windowMs);
    state.updatedAt = now;
    state.windowMs = Math.max(state.windowMs, rule.windowMs);
    return state;
  }

  private prune(now: number): void {
    if (this.buckets.size <= MAX_IDLE_BUCKETS) return;
    for (const [key, state] of this.buckets) {
      // Idle for a whole window, the bucket is full and its window empty: forgetting it changes nothing.
      if (state.pausedUntil <= now && now - state.updatedAt > Math.max(state.windowMs, 1000)) this.buckets.delete(key);
    }
  }
}
