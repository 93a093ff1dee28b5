import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPromises, type PromiseInput, type SentRecord } from '../../src/core/index.js';
import { messageToPlainText } from '../../src/core/message.js';
import { nudge, storyPrompt, welcome } from '../../src/core/programs/index.js';
import { defaultSettings, type Workspace } from '../../src/core/types.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { openStore } from '../../src/store/open-store.js';
import { memberFixture } from '../support/member-fixture.js';

/**
 * A simulated quarter: the demo's company (pilot → expansion → company, new hires, leavers, people
 * going quiet, executives who post and who do not) played through the real core, scheduler rules,
 * ledger, outbox and the in-memory platform on a fake clock, then every promise checked over
 * everything that was sent. A smaller company than the demo's keeps it quick.
 */
describe('a simulated quarter keeps every promise', () => {
  for (const seed of [7, 2026]) {
    it(`seed ${seed}: 13 weeks`, { timeout: 180_000 }, async () => {
      const result = await runDemo({ seed, weeks: 13, scale: 0.25, out: () => undefined, report: false });
      const store = await openStore({ kind: 'sqlite', path: result.dbPath });
      const sent = await store.repos.outbox.list(result.workspace.id, { job: 'digest', status: 'sent' });
      const digests = sent
        .filter((row) => row.recipient.kind === 'channel')
        .map((row) => messageToPlainText(row.message));
      await store.close();
      rmSync(dirname(result.dbPath), { recursive: true, force: true });
      // The quarter really had what the promises are about: new hires, people leaving and going
      // quiet, weeks with and without executives' posts, posts answered across departments.
      expect(result.company.members.filter((m) => m.isNewHire).length).toBeGreaterThan(0);
      expect(result.activity.leavers.length + result.activity.fadedIndexes.length).toBeGreaterThan(0);
      expect(digests.length).toBeGreaterThanOrEqual(13);
      const withExecutives = digests.filter((text) => text.includes('役員からの投稿がありました')).length;
      expect(withExecutives).toBeGreaterThan(0);
      expect(withExecutives).toBeLessThan(digests.length);
      expect(digests.some((text) => text.includes('部署をこえて返信が集まった投稿'))).toBe(true);
      expect(result.sent.nudges ?? 0).toBeGreaterThan(0);
      expect(result.sent['first-post-thanks'] ?? 0).toBeGreaterThan(0);
      expect(result.sent['manager-reports'] ?? 0).toBeGreaterThan(0);
      expect(result.sent['rollout-announcement'] ?? 0).toBe(3);
      const breaches = result.promises.results.flatMap((r) => r.breaches);
      expect(breaches).toEqual([]);
      expect(result.promises.kept).toBe(result.promises.total);
    });
  }
});

const workspace: Workspace = {
  id: 1,
  platform: 'memory',
  externalId: 'T',
  name: 'T',
  settings: defaultSettings({ timezone: 'Asia/Tokyo' }),
  createdAt: '2026-01-01T00:00:00.000Z',
};

function dm(
  member: ReturnType<typeof memberFixture>,
  job: string,
  message: SentRecord['message'],
  at: string,
): SentRecord {
  return { job, period: 'p', member, channel: null, message, sentAt: at, createdAt: at };
}

function check(input: Partial<PromiseInput>) {
  return checkPromises({ workspace, members: [], activities: [], sent: [], ...input });
}

describe('the promises checker catches a broken promise and says who, what and when', () => {
  const sato = memberFixture(1, { name: '佐藤 花子' });
  const kickoff = welcome({ locale: 'ja', memberName: sato.name, purpose: 'P', rules: 'R' });
  // Tuesday 2026-03-10 11:00 JST and later working days.
  const day = (d: number, hh = '02') => `2026-03-${String(d).padStart(2, '0')}T${hh}:00:00.000Z`;

  it('a prompt before the kick-off', () => {
    const report = check({
      members: [sato],
      sent: [dm(sato, 'story-prompts', storyPrompt({ locale: 'ja', memberName: sato.name }), day(10))],
    });
    const breach = report.results.find((r) => r.id === 'kickoffFirst')?.breaches[0];
    expect(breach).toEqual({
      promise: 'kickoffFirst',
      member: '佐藤 花子',
      day: '2026-03-10',
      message: '最近の「うまくいったこと」を教えてください',
      detail: 'the first message was not the kick-off',
    });
  });

  it('a third prompt in a week, a DM at night, the react step twice, an executive nudged', () => {
    const boss = memberFixture(2, { name: '山田 社長', isExecutive: true });
    const step1 = nudge({ locale: 'ja', step: 1, memberName: sato.name });
    const report = check({
      members: [sato, boss],
      sent: [
        dm(sato, 'welcome', kickoff, day(9)),
        dm(sato, 'nudges', step1, day(10)),
        dm(sato, 'story-prompts', storyPrompt({ locale: 'ja', memberName: sato.name }), day(11)),
        dm(sato, 'nudges', step1, day(12, '13')),
        dm(boss, 'welcome', kickoff, day(9)),
        dm(boss, 'nudges', step1, day(10)),
      ],
    });
    const ids = report.results.filter((r) => !r.kept).map((r) => r.id);
    expect(ids).toEqual(['weeklyCapAndQuietHours', 'ladderMovesForward', 'leadersNeverNudged']);
    const details = report.results.flatMap((r) => r.breaches.map((b) => b.detail));
    expect(details).toContain('prompt or nudge number 3 in 2026-W11');
    expect(details).toContain('sent in quiet hours, on a weekend or a holiday');
    expect(details).toContain('step 1 after step 1 with no contribution between');
  });

  it('a public figure about four people, and a name of someone who did not take part', () => {
    // A digest as a careless builder would write it.
    const digest = {
      kind: 'digest',
      blocks: [{ type: 'text' as const, text: '参加率は50%でした（4名中2名）。はじめて投稿した方：佐藤 花子さん' }],
      fallback: '週報',
    };
    const report = check({
      members: [sato],
      sent: [
        {
          job: 'digest',
          period: 'p',
          member: null,
          channel: 'C1',
          message: digest,
          sentAt: day(13),
          createdAt: day(13),
        },
      ],
    });
    const breaches = report.results.find((r) => r.id === 'publicMessagesPrivate')?.breaches ?? [];
    expect(breaches.map((b) => b.detail)).toEqual([
      'a figure about 4 people: 4名中2名',
      'named someone who has not taken part',
    ]);
    expect(breaches[1]?.member).toBe('佐藤 花子');
  });

  it('a namesake is no breach: a digest names the 佐藤 花子 who posted, not the one who did not', () => {
    const other = memberFixture(2, { name: '佐藤 花子' });
    const digest = {
      kind: 'digest',
      blocks: [{ type: 'text' as const, text: 'はじめて投稿した方：佐藤 花子さん' }],
      fallback: '週報',
    };
    const report = check({
      members: [sato, other],
      activities: [
        {
          id: 1,
          workspaceId: 1,
          eventId: 'e1',
          kind: 'post',
          memberId: sato.id,
          channelId: 'C1',
          targetMemberId: null,
          occurredAt: day(10),
          day: '2026-03-10',
        },
      ],
      sent: [
        {
          job: 'digest',
          period: 'p',
          member: null,
          channel: 'C1',
          message: digest,
          sentAt: day(13),
          createdAt: day(13),
        },
      ],
    });
    expect(report.results.find((r) => r.id === 'publicMessagesPrivate')?.breaches).toEqual([]);
  });

  it('a first reply never thanked', () => {
    const report = check({
      members: [sato],
      activities: [
        {
          id: 1,
          workspaceId: 1,
          eventId: 'e1',
          kind: 'reply',
          memberId: sato.id,
          channelId: 'C1',
          targetMemberId: 2,
          occurredAt: day(10),
          day: '2026-03-10',
        },
      ],
      sent: [dm(sato, 'welcome', kickoff, day(9))],
    });
    expect(report.results.find((r) => r.id === 'firstContributionThanked')?.breaches[0]).toMatchObject({
      member: '佐藤 花子',
      day: '2026-03-10',
      detail: 'thanked 0 times',
    });
  });
});
