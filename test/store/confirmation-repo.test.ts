import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/core/types.js';
import { openSqliteStore, type Store } from '../../src/store/sqlite-store.js';
import { tempDir } from './temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  dir = tempDir();
  store = openSqliteStore(join(dir.path, 'hiroba.db'));
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

describe('command confirmations', () => {
  it('keeps a preview for its caller until it is taken once or expires', async () => {
    const { repos } = store;
    const ws = await repos.workspaces.create({
      platform: 'slack',
      externalId: 'T1',
      name: 'T',
      settings: defaultSettings(),
      createdAt: '2026-11-24T00:00:00.000Z',
    });
    const a = await repos.members.create({ workspaceId: ws.id, name: 'A', joinedAt: '2026-11-01T00:00:00.000Z' });
    const b = await repos.members.create({ workspaceId: ws.id, name: 'B', joinedAt: '2026-11-01T00:00:00.000Z' });
    const first = await repos.confirmations.create({
      workspaceId: ws.id,
      memberId: a.id,
      command: 'prompt',
      args: { kind: 'story', target: { kind: 'group', name: '営業' } },
      createdAt: '2026-11-24T01:00:00Z',
      expiresAt: '2026-11-24T01:10:00Z',
    });
    const second = await repos.confirmations.create({
      workspaceId: ws.id,
      memberId: a.id,
      command: 'rollout.advance',
      args: {},
      createdAt: '2026-11-24T01:05:00Z',
      expiresAt: '2026-11-24T01:15:00Z',
    });
    expect((await repos.confirmations.get(first.id))?.args).toEqual({
      kind: 'story',
      target: { kind: 'group', name: '営業' },
    });
    expect((await repos.confirmations.latestFor(a.id, '2026-11-24T01:06:00.000Z'))?.id).toBe(second.id);
    expect(await repos.confirmations.latestFor(b.id, '2026-11-24T01:06:00.000Z')).toBeNull();
    expect(await repos.confirmations.latestFor(a.id, '2026-11-24T01:16:00.000Z')).toBeNull();
    expect(await repos.confirmations.take(second.id)).toBe(true);
    expect(await repos.confirmations.take(second.id)).toBe(false);
    expect(await repos.confirmations.deleteExpired('2026-11-24T01:11:00.000Z')).toBe(1);
    expect(await repos.confirmations.get(first.id)).toBeNull();
  });
});
