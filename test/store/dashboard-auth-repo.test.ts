import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/core-harness.js';

let h: Harness;
afterEach(() => h?.close());

describe('SqliteDashboardAuthRepo', () => {
  it('uses a login link once, before it expires, and remembers whose it was', () => {
    h = createHarness();
    const member = h.member({ name: '運用 花子' });
    const grant = {
      workspaceId: h.workspace.id,
      memberId: member.id,
      createdAt: '2026-11-24T03:00:00.000Z',
      expiresAt: '2026-11-24T03:15:00.000Z',
    };
    h.repos.dashboard.createLoginToken('a'.repeat(64), grant);
    h.repos.dashboard.createLoginToken('b'.repeat(64), grant);
    expect(h.repos.dashboard.useLoginToken('a'.repeat(64), '2026-11-24T03:10:00.000Z')).toEqual({
      status: 'ok',
      grant,
    });
    expect(h.repos.dashboard.useLoginToken('a'.repeat(64), '2026-11-24T03:11:00.000Z')).toEqual({
      status: 'used',
      grant,
    });
    expect(h.repos.dashboard.useLoginToken('b'.repeat(64), '2026-11-24T03:15:00.000Z')).toEqual({
      status: 'expired',
      grant,
    });
    expect(h.repos.dashboard.useLoginToken('c'.repeat(64), '2026-11-24T03:00:00.000Z')).toEqual({ status: 'unknown' });
  });

  it('keeps a session until it expires or is deleted, and prunes what expired', () => {
    h = createHarness();
    const member = h.member({ name: '運用 花子' });
    const grant = {
      workspaceId: h.workspace.id,
      memberId: member.id,
      createdAt: '2026-11-24T03:00:00.000Z',
      expiresAt: '2026-11-24T11:00:00.000Z',
    };
    h.repos.dashboard.createSession('s'.repeat(64), grant);
    h.repos.dashboard.createSession('t'.repeat(64), grant);
    expect(h.repos.dashboard.session('s'.repeat(64), '2026-11-24T10:59:59.000Z')).toEqual(grant);
    expect(h.repos.dashboard.session('s'.repeat(64), '2026-11-24T11:00:00.000Z')).toBeNull();
    h.repos.dashboard.deleteSession('t'.repeat(64));
    expect(h.repos.dashboard.session('t'.repeat(64), '2026-11-24T04:00:00.000Z')).toBeNull();
    h.repos.dashboard.createLoginToken('a'.repeat(64), { ...grant, expiresAt: '2026-11-24T03:15:00.000Z' });
    expect(h.repos.dashboard.deleteExpired('2026-11-25T00:00:00.000Z')).toBe(2);
    expect(h.repos.dashboard.deleteExpired('2026-11-25T00:00:00.000Z')).toBe(0);
  });
});
