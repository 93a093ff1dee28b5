import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportsOf } from '../../../src/core/groups.js';
import { teamMetrics } from '../../../src/core/metrics.js';
import { recentWeek } from '../../../src/core/service/reports.js';
import {
  activitiesIn,
  figuresMetrics,
  figuresOf,
  lastCompleteWeek,
  loadSnapshot,
  memberScore,
  participantsIn,
  participationIn,
  scoreScaleOf,
  scoresFor,
  teamAt,
  teamOf,
} from '../../../src/core/service/snapshot.js';
import { isoWeekOf, isoWeekRange, localDay, shiftWeek } from '../../../src/core/time.js';
import type { ActivityKind, Member } from '../../../src/core/types.js';
import { createRandom } from '../../../src/demo/random.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
const DAY = 86_400_000;
const NOW = '2026-11-24T03:00:00.000Z';

beforeEach(async () => {
  h = await createHarness({ now: NOW });
  await h.settings({ countedChannels: ['C1'], locale: 'en', rolloutPhase: 'company' });
});
afterEach(() => h.close());

/** A small company: a head, two leads, reports in three departments (one padded), a bot, a leaver. */
async function company(): Promise<Member[]> {
  const head = await h.member({ name: 'Head', email: 'head@x.jp', department: '本社' }, { isExecutive: true });
  const leads: Member[] = [];
  for (const [i, d] of ['営業部', ' 開発部\u3000'].entries())
    leads.push(await h.member({ name: `Lead${i}`, email: `lead${i}@x.jp`, department: d, manager: 'head@x.jp' }));
  const people: Member[] = [head, ...leads];
  for (let i = 0; i < 14; i++) {
    const lead = i % 2 === 0 ? 'lead0@x.jp' : 'lead1@x.jp';
    people.push(
      await h.member(
        {
          name: `P${i}`,
          email: `p${i}@x.jp`,
          department: i % 5 === 0 ? null : i % 3 === 0 ? '開発部' : '営業部',
          manager: lead,
        },
        i === 13
          ? { deactivatedAt: '2026-11-20T00:00:00.000Z' }
          : i === 12
            ? { joinedAt: '2026-11-19T00:00:00.000Z' }
            : {},
      ),
    );
  }
  return people;
}

async function activity(people: Member[], count: number): Promise<void> {
  const random = createRandom(5);
  const kinds: ActivityKind[] = ['post', 'reply', 'reaction', 'story', 'idea'];
  for (let i = 0; i < count; i++) {
    const actor = people[Math.floor(random.next() * people.length)] as Member;
    const kind = kinds[Math.floor(random.next() * kinds.length)] as ActivityKind;
    const target = people[Math.floor(random.next() * people.length)] as Member;
    await h.core.recordActivity({
      workspaceId: h.workspace.id,
      eventId: `E${i}`,
      kind,
      memberPlatformId: actor.platformId ?? '',
      channelId: 'C1',
      targetPlatformId: kind === 'reply' || kind === 'reaction' ? target.platformId : null,
      occurredAt: new Date(Date.parse(NOW) - Math.floor(random.next() * 40 * DAY)).toISOString(),
    });
  }
}

describe('figures kept per run', () => {
  it('give every group the metrics the raw-row definition gives', async () => {
    const people = await company();
    await activity(people, 900);
    const snapshot = await loadSnapshot(h.repos, h.workspace, new Date(NOW));
    const range = { from: new Date(Date.parse(NOW) - 7 * DAY), to: new Date(Date.parse(NOW) + 1) };
    const raw = await activitiesIn(h.repos, snapshot, range);
    const departments = new Map(snapshot.members.map((m) => [m.id, m.department]));
    const firstContribution = new Map([...snapshot.bounds].map(([id, b]) => [id, b.first]));
    const figures = await figuresOf(h.repos, snapshot, range);
    const groups = [snapshot.members, teamOf(snapshot, people[0]?.id ?? 0), teamOf(snapshot, people[1]?.id ?? 0)];
    for (const group of groups) {
      const expected = teamMetrics({
        members: group.filter((m) => snapshot.eligible.includes(m)),
        activities: raw,
        firstContribution,
        memberDepartments: departments,
        from: range.from,
        to: range.to,
      });
      expect(figuresMetrics(snapshot, group, figures, range)).toEqual(expected);
      const participants = (await participantsIn(h.repos, snapshot, [range.from, range.to]))[0];
      if (!participants) throw new Error('no participants read');
      expect(participationIn(snapshot, group, participants, range)).toEqual({
        members: expected.members,
        contributors: expected.contributors,
        participationRate: expected.participationRate,
        reached: expected.reached,
        reach: expected.reach,
      });
    }
    expect(figuresMetrics(snapshot, snapshot.members, figures, range).crossDepartment.crossing).toBeGreaterThan(0);
  });

  it('read ranges between local midnights from the kept figures, equal to the raw rows, after a department move', async () => {
    const people = await company();
    await activity(people, 900);
    // A move after the activity: reports count interactions by today's departments, kept or raw.
    const mover = people[4] as Member;
    await h.repos.members.update(mover.id, { department: '本社' });
    const snapshot = await loadSnapshot(h.repos, h.workspace, new Date(NOW));
    const tz = h.workspace.settings.timezone;
    const week = recentWeek(snapshot.now, tz);
    const isoWeek = isoWeekRange(shiftWeek(isoWeekOf(snapshot.now, tz), -1), tz);
    for (const range of [week, isoWeek]) {
      const raw = await activitiesIn(h.repos, snapshot, range);
      const departments = new Map(snapshot.members.map((m) => [m.id, m.department]));
      const firstContribution = new Map([...snapshot.bounds].map(([id, b]) => [id, b.first]));
      for (const group of [snapshot.members, teamOf(snapshot, people[0]?.id ?? 0)]) {
        const expected = teamMetrics({
          members: group.filter((m) => snapshot.eligible.includes(m)),
          activities: raw,
          firstContribution,
          memberDepartments: departments,
          from: range.from,
          to: range.to,
        });
        expect(figuresMetrics(snapshot, group, await figuresOf(h.repos, snapshot, range), range)).toEqual(expected);
        const [participants] = await participantsIn(h.repos, snapshot, [range.from, range.to]);
        if (!participants) throw new Error('no participants read');
        expect(participationIn(snapshot, group, participants, range)).toMatchObject({
          contributors: expected.contributors,
          reached: expected.reached,
        });
      }
    }
  });

  it("walk each manager's subtree as reportsOf does, in directory order", async () => {
    const people = await company();
    const snapshot = await loadSnapshot(h.repos, h.workspace, new Date(NOW));
    for (const manager of people.slice(0, 3)) {
      const all = reportsOf(manager.id, snapshot.members);
      expect(teamAt(snapshot, manager.id, new Date('2026-11-19T12:00:00.000Z')).map((m) => m.id)).toEqual(
        all.filter((m) => m.joinedAt < '2026-11-19T12:00:00.000Z').map((m) => m.id),
      );
      expect(teamOf(snapshot, manager.id).map((m) => m.id)).toEqual(
        all.filter((m) => snapshot.eligible.includes(m)).map((m) => m.id),
      );
    }
    expect(lastCompleteWeek(snapshot)).toBe('2026-W47');
  });
});

describe("the day's score scale", () => {
  it('scores a member exactly as scoring everyone does, and keeps the scale for the day', async () => {
    const people = await company();
    await activity(people, 600);
    const now = new Date(NOW);
    const snapshot = await loadSnapshot(h.repos, h.workspace, now);
    const everyone = await scoresFor(h.repos, snapshot);
    const ids = (): number[] => snapshot.eligible.map((m) => m.id);
    for (const m of snapshot.eligible)
      expect(await memberScore(h.repos, h.workspace, m, now, ids)).toEqual(everyone.get(m.id));
    const today = localDay(now, h.workspace.settings.timezone);
    expect((await h.repos.activities.scoreScale(h.workspace.id, today))?.p90).toBe(
      everyone.get(people[0]?.id ?? 0)?.p90,
    );
    // Later activity that day does not move the kept scale; the next day computes its own.
    await activity(people.slice(0, 2), 50);
    let asked = 0;
    const counting = (): number[] => {
      asked++;
      return ids();
    };
    expect(await scoreScaleOf(h.repos, h.workspace, today, now, counting)).toBe(everyone.get(people[0]?.id ?? 0)?.p90);
    expect(asked).toBe(0);
    await scoreScaleOf(h.repos, h.workspace, '2026-11-25', now, counting);
    expect(asked).toBe(1);
  });

  it("computes a scale of 0 again, so a new workspace's first post scores at once", async () => {
    const alice = await h.member({ name: 'Alice' });
    const now = new Date(NOW);
    const today = localDay(now, h.workspace.settings.timezone);
    expect(await scoreScaleOf(h.repos, h.workspace, today, now, () => [alice.id])).toBe(0);
    await h.core.recordActivity({
      workspaceId: h.workspace.id,
      eventId: 'first',
      kind: 'post',
      memberPlatformId: alice.platformId ?? '',
      channelId: 'C1',
      occurredAt: NOW,
    });
    const reply = await h.core.runCommand({
      workspaceId: h.workspace.id,
      platformId: alice.platformId ?? '',
      text: 'stats',
    });
    expect(JSON.stringify(reply)).toContain('100 / 100');
  });
});
