import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/core-harness.js';

let h: Harness;
afterEach(() => h?.close());

describe('SqliteDashboardAuthRepo', () => {
  it('uses a login link once, before it expires, and remembers whose it was', async () => {
    h = await createHarness();
    const member = await h.member({ name: '運用 花子' });
    const grant = {
      workspaceId: h.workspace.id,
      memberId: member.id,
      createdAt: '2026-11-24T03:00:00.000Z',
      expiresAt: '2026-11-24T03:15:00.000Z',
    };
    await h.repos.dashboard.createLoginToken('a'.repeat(64), grant);
    await h.repos.dashboard.createLoginToken('b'.repeat(64), grant);
    expect(await h.repos.dashboard.useLoginToken('a'.repeat(64), '2026-11-24T03:10:00.000Z')).toEqual({
      status: 'ok',
      grant,
    });
    expect(await h.repos.dashboard.useLoginToken('a'.repeat(64), '2026-11-24T03:11:00.000Z')).toEqual({
      status: 'used',
      grant,
    });
    expect(await h.repos.dashboard.useLoginToken('b'.repeat(64), '2026-11-24T03:15:00.000Z')).toEqual({
      status: 'expired',
      grant,
    });
    expect(await h.repos.dashboard.useLoginToken('c'.repeat(64), '2026-11-24T03:00:00.000Z')).toEqual({
      status: 'unknown',
    });
  });

  it('keeps a session until it expires or is deleted, and prunes what expired', async () => {
    h = await createHarness();
    const member = await h.member({ name: '運用 花子' });
    const grant = {
      workspaceId: h.workspace.id,
      memberId: member.id,
      createdAt: '2026-11-24T03:00:00.000Z',
      expiresAt: '2026-11-24T11:00:00.000Z',
    };
    await h.repos.dashboard.createSession('s'.repeat(64), grant);
    await h.repos.dashboard.createSession('t'.repeat(64), grant);
    expect(await h.repos.dashboard.session('s'.repeat(64), '2026-11-24T10:59:59.000Z')).toEqual(grant);
    expect(await h.repos.dashboard.session('s'.repeat(64), '2026-11-24T11:00:00.000Z')).toBeNull();
    await h.repos.dashboard.deleteSession('t'.repeat(64));
    expect(await h.repos.dashboard.session('t'.repeat(64), '2026-11-24T04:00:00.000Z')).toBeNull();
    await h.repos.dashboard.createLoginToken('a'.repeat(64), { ...grant, expiresAt: '2026-11-24T03:15:00.000Z' });
    expect(await h.repos.dashboard.deleteExpired('2026-11-25T00:00:00.000Z')).toBe(2);
    expect(await h.repos.dashboard.deleteExpired('2026-11-25T00:00:00.000Z')).toBe(0);
  });
});
