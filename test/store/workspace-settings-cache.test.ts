import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/core/types.js';
import { useTempStores } from './activity-fixtures.js';

const tempStore = useTempStores();

/** The SQLite workspace repository itself (its cache is what is tested), with one workspace. */
function workspaceStore() {
  const { db, sync: repos } = tempStore();
  const ws = repos.workspaces.create({
    platform: 'memory',
    externalId: 'acme',
    name: 'Acme',
    settings: defaultSettings({ countedChannels: ['C1'] }),
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  return { db, repos, id: ws.id };
}

describe('workspace settings are parsed once per stored text, and never go stale', () => {
  it('a change, through the repository or straight in the table, is read at once', () => {
    const { db, repos, id } = workspaceStore();
    expect(repos.workspaces.get(id)?.settings.countedChannels).toEqual(['C1']);
    repos.workspaces.updateSettings(id, defaultSettings({ countedChannels: ['C1', 'C2'] }));
    expect(repos.workspaces.get(id)?.settings.countedChannels).toEqual(['C1', 'C2']);
    db.prepare('UPDATE workspaces SET settings = ? WHERE id = ?').run('{"locale":"en"}', id);
    expect(repos.workspaces.get(id)?.settings).toMatchObject({ locale: 'en', countedChannels: [] });
  });

  it('changing a workspace object read earlier changes nothing for the next reader', () => {
    const { repos, id } = workspaceStore();
    const first = repos.workspaces.get(id);
    first?.settings.countedChannels.push('C9');
    if (first) first.settings.locale = 'en';
    expect(repos.workspaces.get(id)?.settings).toMatchObject({ locale: 'ja', countedChannels: ['C1'] });
    expect(repos.workspaces.list()[0]?.settings.countedChannels).toEqual(['C1']);
  });
});
