import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { createHirobaCore } from '../../src/core/service.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { FakeClock } from '../support/fake-clock.js';
import { fixture, IDS } from './fixtures.js';
import { startHarness, type TeamsHarness } from './harness.js';

let h: TeamsHarness;
afterEach(async () => {
  try {
    expect(h.connector.violations).toEqual([]);
  } finally {
    await h.close();
  }
});

/** The real core with a public URL, so `dashboard` hands out links. */
function backendWithDashboard(clock: FakeClock) {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-teams-dash-'));
  const store = openSqliteStore(join(dir, 'hiroba.db'));
  const core = createHirobaCore({
    repos: store.repos,
    clock,
    admins: ['ichiro.suzuki@example.co.jp'],
    dashboardUrl: 'https://hiroba.example.co.jp',
  });
  return {
    core,
    repos: store.repos,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function texts(activity: Record<string, unknown>): string {
  return JSON.stringify(activity);
}

describe('Teams: dashboard said in a channel', () => {
  it('sends the sign-in link to the 1:1 chat and only a note to the channel', async () => {
    h = await startHarness({ backend: backendWithDashboard });
    h.connector.rosters.set(IDS.team, []);
    expect((await h.post(fixture('bot-added-to-team'))).status).toBe(200);
    const ws = await h.workspace();
    await h.core.upsertMember(ws.id, { platformId: IDS.ops, name: '鈴木 一郎', email: 'ichiro.suzuki@example.co.jp' });
    const words = fixture('mention-command', { text: '<at>Hiroba</at> dashboard' });
    expect((await h.post(words)).status).toBe(200);
    const sent = h.connector.sentActivities();
    const inChannel = sent.filter((s) => s.conversationId.startsWith(IDS.channel));
    const elsewhere = sent.filter((s) => !s.conversationId.startsWith(IDS.channel));
    expect(inChannel).toHaveLength(1);
    expect(texts(inChannel[0]?.activity ?? {})).not.toContain('/dashboard/login');
    expect(inChannel[0]?.activity.text).toBe(t('ja', 'dashboard.link.sentPrivately'));
    expect(elsewhere).toHaveLength(1);
    expect(texts(elsewhere[0]?.activity ?? {})).toContain('https://hiroba.example.co.jp/dashboard/login?token=');
  });
});
