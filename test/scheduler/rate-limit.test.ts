import { describe, expect, it } from 'vitest';
import {
  type BucketRule,
  DEFAULT_RATE_LIMITS,
  limitKeys,
  RateLimiter,
  resolveRateLimits,
  workspaceKeys,
} from '../../src/scheduler/rate-limit.js';

describe('RateLimiter', () => {
  function limiter() {
    let now = 0;
    return { limiter: new RateLimiter(() => now), advance: (ms: number) => (now += ms) };
  }

  it('one per second per channel: the second send waits a second, a refill frees it', () => {
    const { limiter: l, advance } = limiter();
    const keys = [{ key: 'c', rule: { limit: 1, windowMs: 1000 } }];
    expect(l.waitMs(keys)).toBe(0);
    l.take(keys);
    expect(l.waitMs(keys)).toBe(1000);
    advance(400);
    expect(l.waitMs(keys)).toBe(600);
    advance(600);
    expect(l.waitMs(keys)).toBe(0);
  });

  it('a burst goes at once, then the steady rate applies (Slack workspace: 300/min, burst 20)', () => {
    const { limiter: l } = limiter();
    const keys = [{ key: 'ws', rule: DEFAULT_RATE_LIMITS.slack.perWorkspace as BucketRule }];
    for (let i = 0; i < 20; i++) {
      expect(l.waitMs(keys)).toBe(0);
      l.take(keys);
    }
    expect(l.waitMs(keys)).toBe(200); // 300 a minute = one every 200 ms
  });

  it('waits for the slowest of several keys', () => {
    const { limiter: l } = limiter();
    const keys = [
      { key: 'fast', rule: { limit: 7, windowMs: 1000 } },
      { key: 'slow', rule: { limit: 1, windowMs: 1000 } },
    ];
    l.take(keys);
    expect(l.waitMs(keys)).toBe(1000);
  });

  it('a pause (Retry-After) holds the key until it ends', () => {
    const { limiter: l, advance } = limiter();
    const keys = [{ key: 'ws', rule: { limit: 100, windowMs: 1000 } }];
    l.pause('ws', 30_000);
    expect(l.waitMs(keys)).toBe(30_000);
    advance(30_000);
    expect(l.waitMs(keys)).toBe(0);
  });

  it('keys: conversation and workspace; a Slack DM spends no conversations.open budget', () => {
    const dm = limitKeys(DEFAULT_RATE_LIMITS, 'slack', 3, { kind: 'member', id: 'U1' }).map((k) => k.key);
    expect(dm).toEqual(['slack:3:member:U1', 'slack:3']);
    const post = limitKeys(DEFAULT_RATE_LIMITS, 'teams', 3, { kind: 'channel', id: '19:x' }).map((k) => k.key);
    expect(post).toEqual([
      'teams:3:channel:19:x',
      'teams:3:channel:19:x/2000ms',
      'teams:3:channel:19:x/30000ms',
      'teams:3:channel:19:x/3600000ms',
      'teams:3',
    ]);
    expect(workspaceKeys(DEFAULT_RATE_LIMITS, 'teams', 3)).toEqual(['teams:3']);
    const capped = resolveRateLimits({ slack: { dmOpen: { limit: 50, windowMs: 60_000 } } });
    expect(limitKeys(capped, 'slack', 3, { kind: 'member', id: 'U1' }).map((k) => k.key)).toContain('slack:3:dm-open');
  });

  it('never more than the limit in any window: a full burst is paid back before the steady rate', () => {
    // Slack's workspace budget, 300 a minute with bursts of 20: a bucket alone would let 320 through in
    // the first minute and draw a 429; the sliding window holds the last 20 until the minute has passed.
    const { limiter: l, advance } = limiter();
    const keys = [{ key: 'ws', rule: DEFAULT_RATE_LIMITS.slack.perWorkspace as BucketRule }];
    const sentAt: number[] = [];
    let t = 0;
    while (sentAt.length < 600) {
      const wait = l.waitMs(keys);
      advance(wait);
      t += wait;
      l.take(keys);
      sentAt.push(t);
    }
    for (let i = 300; i < sentAt.length; i++) {
      expect((sentAt[i] ?? 0) - (sentAt[i - 300] ?? 0)).toBeGreaterThanOrEqual(60_000);
    }
    // 600 sends: the first 300 by the end of minute one, the next 300 by the end of minute two.
    expect(sentAt[299]).toBeLessThan(60_000);
    expect(sentAt[599]).toBeLessThanOrEqual(120_000);
  });

  it("Teams' windows per conversation all apply: 7 a second, but only 8 in 2 s and 60 in 30 s", () => {
    const { limiter: l, advance } = limiter();
    const keys = limitKeys(DEFAULT_RATE_LIMITS, 'teams', 1, { kind: 'member', id: 'a' });
    let t = 0;
    const sentAt: number[] = [];
    while (sentAt.length < 61) {
      const wait = l.waitMs(keys);
      advance(wait);
      t += wait;
      l.take(keys);
      sentAt.push(t);
    }
    expect(sentAt.filter((at) => at < 2000)).toHaveLength(8);
    expect(sentAt.filter((at) => at < 30_000).length).toBeLessThanOrEqual(60);
    expect(sentAt[60]).toBeGreaterThanOrEqual(30_000);
  });

  it('the published defaults and overrides', () => {
    expect(DEFAULT_RATE_LIMITS.slack.perConversation).toEqual({ limit: 1, windowMs: 1000 });
    expect(DEFAULT_RATE_LIMITS.teams.perConversation).toEqual([
      { limit: 7, windowMs: 1000 },
      { limit: 8, windowMs: 2000 },
      { limit: 60, windowMs: 30_000 },
      { limit: 1800, windowMs: 3_600_000 },
    ]);
    expect(DEFAULT_RATE_LIMITS.teams.perWorkspace).toEqual({ limit: 50, windowMs: 1000 });
    const limits = resolveRateLimits({ slack: { perWorkspace: { limit: 100, windowMs: 60_000 } } });
    expect(limits.slack.perWorkspace).toEqual({ limit: 100, windowMs: 60_000 });
    expect(limits.slack.perConversation).toEqual({ limit: 1, windowMs: 1000 });
    expect(limits.teams).toBe(DEFAULT_RATE_LIMITS.teams);
  });
});
