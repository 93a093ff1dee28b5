import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, limitKeys, RateLimiter, resolveRateLimits } from '../../src/scheduler/rate-limit.js';

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
    const keys = [{ key: 'ws', rule: DEFAULT_RATE_LIMITS.slack.perWorkspace }];
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

  it('keys: conversation and workspace; Slack DMs also count against conversations.open', () => {
    const dm = limitKeys(DEFAULT_RATE_LIMITS, 'slack', 3, { kind: 'member', id: 'U1' }).map((k) => k.key);
    expect(dm).toEqual(['slack:3:member:U1', 'slack:3', 'slack:3:dm-open']);
    const post = limitKeys(DEFAULT_RATE_LIMITS, 'teams', 3, { kind: 'channel', id: '19:x' }).map((k) => k.key);
    expect(post).toEqual(['teams:3:channel:19:x', 'teams:3']);
  });

  it('the published defaults and overrides', () => {
    expect(DEFAULT_RATE_LIMITS.slack.perConversation).toEqual({ limit: 1, windowMs: 1000 });
    expect(DEFAULT_RATE_LIMITS.teams.perConversation).toEqual({ limit: 7, windowMs: 1000 });
    expect(DEFAULT_RATE_LIMITS.teams.perWorkspace).toEqual({ limit: 50, windowMs: 1000 });
    const limits = resolveRateLimits({ slack: { perWorkspace: { limit: 100, windowMs: 60_000 } } });
    expect(limits.slack.perWorkspace).toEqual({ limit: 100, windowMs: 60_000 });
    expect(limits.slack.perConversation).toEqual({ limit: 1, windowMs: 1000 });
    expect(limits.teams).toBe(DEFAULT_RATE_LIMITS.teams);
  });
});
