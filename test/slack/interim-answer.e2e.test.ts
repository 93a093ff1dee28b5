import { afterEach, describe, expect, it } from 'vitest';
import { INTERIM_AFTER_MS } from '../../src/answer-wait.js';
import { t } from '../../src/core/i18n/index.js';
import type { Message } from '../../src/core/message.js';
import { createHirobaCore } from '../../src/core/service.js';
import { createJobThread, type JobThread } from '../../src/scheduler/job-thread.js';
import { renderMessage } from '../../src/slack/render.js';
import { callsOf } from './fake-core.js';
import { Harness, PEOPLE, SNS } from './harness.js';

/** Slack drops a slash command that shows nothing for 3 s: the interim must be there before. */
const SLACK_PATIENCE_MS = 3000;
/** The answer thread made slower than a person should wait (the figures at 100,000 members). */
const SLOW_MS = INTERIM_AFTER_MS + 300;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

describe('a slow answer on Slack (real Bolt acking at once, real core, real answer thread, fake Slack)', () => {
  let h: Harness | null = null;
  let thread: JobThread | null = null;
  afterEach(async () => {
    await thread?.stop();
    await h?.close();
    thread = null;
    h = null;
  });

  async function start(): Promise<Harness> {
    h = await Harness.start({
      settings: { countedChannels: [SNS] },
      processBeforeResponse: false,
      makeCore: ({ repos, clock, dbPath }) => {
        const answers = createJobThread({ target: { kind: 'sqlite', path: dbPath }, names: [] });
        thread = answers;
        return createHirobaCore({
          repos,
          clock,
          answerAway: async (request) => {
            await sleep(SLOW_MS);
            return answers.answer(request, clock.now());
          },
        });
      },
    });
    return h;
  }

  it("ops' stats: 「集計しています…」 on the response URL at once, then the figures replacing it", async () => {
    const h = await start();
    await h.grantRole(PEOPLE.ops, 'ops');
    const posted = Date.now();
    const { res, respondId } = await h.postCommand(PEOPLE.ops, 'stats');
    expect(res.status).toBe(200);
    expect(Date.now() - posted).toBeLessThan(INTERIM_AFTER_MS);
    await until(() => h.fake.responds.filter((r) => r.id === respondId).length === 2, 15_000);

    const [interim, final] = h.fake.responds.filter((r) => r.id === respondId);
    expect(interim?.body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: t('ja', 'adapters.answerPending'),
    });
    expect(t('ja', 'adapters.answerPending')).toBe('集計しています…');
    expect((interim?.at ?? Number.POSITIVE_INFINITY) - posted).toBeLessThan(SLACK_PATIENCE_MS);
    expect((interim?.at ?? 0) - posted).toBeGreaterThanOrEqual(INTERIM_AFTER_MS - 50);
    const reply = callsOf(h.calls, 'runCommand')[0]?.result as Message;
    expect(final?.body).toEqual({ response_type: 'ephemeral', replace_original: true, ...renderMessage(reply, 'ja') });
    // The workspace's section: only ops get it, so the answer came from the ops path of the thread.
    expect(JSON.stringify(final?.body.blocks)).toContain(
      t('ja', 'replies.stats.workspace', { phase: t('ja', 'replies.phase.pilot') }),
    );
    expect(h.fake.violations).toEqual([]);
  });

  it("a member's own stats comes alone, at once, leaving nothing to replace", async () => {
    const h = await start();
    const posted = Date.now();
    const { respondId } = await h.postCommand(PEOPLE.alice, 'stats');
    await until(() => h.fake.responds.some((r) => r.id === respondId), 5000);
    await sleep(INTERIM_AFTER_MS + 200);
    const answers = h.fake.responds.filter((r) => r.id === respondId);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answers[0]?.body.blocks)).toContain(t('ja', 'replies.stats.score'));
    expect((answers[0]?.at ?? Number.POSITIVE_INFINITY) - posted).toBeLessThan(INTERIM_AFTER_MS);
    expect(h.fake.violations).toEqual([]);
  });
});
