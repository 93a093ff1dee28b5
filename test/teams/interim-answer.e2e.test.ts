import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERIM_AFTER_MS } from '../../src/answer-wait.js';
import { t } from '../../src/core/i18n/index.js';
import { createHirobaCore } from '../../src/core/service.js';
import { createJobThread, type JobThread } from '../../src/scheduler/job-thread.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { FakeClock } from '../support/fake-clock.js';
import { cardErrors } from './card-schema.js';
import { fixture, IDS } from './fixtures.js';
import { startHarness, type TeamsHarness } from './harness.js';

/** The answer thread made slower than a person should wait (the figures at 100,000 members). */
const SLOW_MS = INTERIM_AFTER_MS + 300;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let h: TeamsHarness | null = null;
let thread: JobThread | null = null;
afterEach(async () => {
  await thread?.stop();
  await h?.close();
  thread = null;
  h = null;
});

/** The real core over a temp file whose slow answers come from a real answer thread, late. */
function slowBackend(clock: FakeClock) {
  const dir = mkdtempSync(join(tmpdir(), 'hiroba-teams-'));
  const dbPath = join(dir, 'hiroba.db');
  const store = openSqliteStore(dbPath);
  const answers = createJobThread({ target: { kind: 'sqlite', path: dbPath }, names: [] });
  thread = answers;
  const core = createHirobaCore({
    repos: store.repos,
    clock,
    answerAway: async (request) => {
      await sleep(SLOW_MS);
      return answers.answer(request, clock.now());
    },
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

describe('a slow answer on Teams (real bot, real core, real answer thread, fake Bot Connector)', () => {
  it("ops' stats: 「集計しています…」 as the reply, then that very activity updated with the figures", async () => {
    h = await startHarness({ backend: slowBackend });
    await h.post(fixture('bot-added-to-team'));
    await h.settings({ countedChannels: [IDS.channel] });
    const ws = await h.workspace();
    const ops = await h.core.upsertMember(ws.id, { platformId: IDS.ops, name: '鈴木 一郎' });
    await h.repos.members.update(ops.id, { role: 'ops' });
    await h.core.upsertMember(ws.id, { platformId: IDS.bob, name: '佐藤 健' });

    const posted = Date.now();
    expect((await h.post(fixture('mention-command'))).status).toBe(200);
    const thread = `${IDS.channel};messageid=1795483800000`;
    const toThread = h.connector.requests.filter((r) => r.conversationId === thread && r.path.includes('/activities'));
    expect(toThread.map((r) => r.method)).toEqual(['POST', 'PUT']);
    const [interim, final] = toThread;
    expect(interim?.body).toMatchObject({ type: 'message', text: t('ja', 'adapters.answerPending') });
    expect((interim?.receivedAt ?? Number.POSITIVE_INFINITY) - posted).toBeLessThan(3000);
    expect((interim?.receivedAt ?? 0) - posted).toBeGreaterThanOrEqual(INTERIM_AFTER_MS - 50);
    // The PUT replaces the activity the POST created (the fake hands out ids 1700000…).
    expect(final?.activityId).toMatch(/^1700000\d{6}$/u);
    const body = final?.body as { id?: string; attachments?: Array<{ content: unknown }> };
    expect(body.id).toBe(final?.activityId);
    const card = body.attachments?.[0]?.content;
    expect(cardErrors(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(t('ja', 'replies.stats.score'));
    expect(h.connector.violations).toEqual([]);
  });
});
