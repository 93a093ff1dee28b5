import { describe, expect, it } from 'vitest';
import type { NewActivity } from '../../../src/core/ports.js';
import type { Member } from '../../../src/core/types.js';
import { postgresUrlForTests } from '../../support/postgres.js';
import { acmeWorkspace, T0 } from '../activity-fixtures.js';
import { useTwoInstances } from './two-instances.js';

const WEEK = ['2026-11-02', '2026-11-09'];

describe.skipIf(postgresUrlForTests() === null)('PostgreSQL kept figures', () => {
  const pg = useTwoInstances('hiroba_pgkept', 4, 'TRUNCATE workspaces RESTART IDENTITY CASCADE');

  async function world(departments: Array<string | null>): Promise<{ wsId: number; members: Member[] }> {
    const ws = await pg.repoA.workspaces.create(acmeWorkspace());
    const members: Member[] = [];
    for (const [i, department] of departments.entries())
      members.push(await pg.repoA.members.create({ workspaceId: ws.id, name: `M${i}`, joinedAt: T0, department }));
    return { wsId: ws.id, members };
  }

  function activity(wsId: number, eventId: string, by: Member, extra: Partial<NewActivity> = {}): NewActivity {
    return {
      workspaceId: wsId,
      eventId,
      kind: 'post',
      memberId: by.id,
      channelId: 'C1',
      targetMemberId: null,
      occurredAt: '2026-11-03T09:00:00.000Z',
      day: '2026-11-03',
      points: 3,
      ...extra,
    };
  }

  it('find the first post again when the first one is retracted, and drop an emptied week', async () => {
    const { wsId, members } = await world(['営業部']);
    const m = members[0] as Member;
    const post = (eventId: string, occurredAt: string) =>
      pg.repoA.activities.insert(activity(wsId, eventId, m, { occurredAt, day: occurredAt.slice(0, 10) }));
    await post('a', '2026-11-03T09:00:00.000Z');
    await post('b', '2026-11-03T08:00:00.000Z');
    await post('c', '2026-11-05T10:00:00.000Z');
    const week = () => pg.repoA.activities.keptFigures(wsId, WEEK);
    expect((await week())[0]?.firstPost).toBe('2026-11-03T08:00:00.000Z');
    await pg.repoA.activities.retract(wsId, 'b', T0);
    expect((await week())[0]).toMatchObject({ firstPost: '2026-11-03T09:00:00.000Z', posts: 2, activities: 2 });
    await pg.repoA.activities.retract(wsId, 'a', T0);
    expect((await week())[0]?.firstPost).toBe('2026-11-05T10:00:00.000Z');
    expect(await pg.repoA.activities.dailyPoints(wsId, '2026-11-01', '2026-11-30')).toEqual([
      { memberId: m.id, day: '2026-11-05', points: 3, contributions: 1, activities: 1 },
    ]);
    await pg.repoA.activities.retract(wsId, 'c', T0);
    expect(await week()).toEqual([]);
    expect(await pg.repoA.activities.boundsOf(m.id)).toBeNull();
  });

  it('refuses days that are no days or out of order', async () => {
    const { wsId } = await world([null]);
    await expect(pg.repoA.activities.keptFigures(wsId, ['2026-11-09', '2026-11-02'])).rejects.toThrow(/ascending/u);
    await expect(pg.repoA.activities.keptParticipants(wsId, ['2026-11-02T00:00:00Z'])).rejects.toThrow(/not a day/u);
    expect(await pg.repoA.activities.keptFigures(wsId, ['2026-11-02'])).toEqual([]);
  });

  it('count both moves when two people who answer each other change departments at once on two instances', async () => {
    const { wsId, members } = await world(['営業部', '開発部']);
    const [x, y] = members as [Member, Member];
    // Each answers the other on every day of the week.
    for (let d = 0; d < 7; d++) {
      const day = `2026-11-0${2 + d}`;
      const occurredAt = `${day}T10:00:00.000Z`;
      await pg.repoA.activities.insert(
        activity(wsId, `x${d}`, x, { kind: 'reply', targetMemberId: y.id, occurredAt, day }),
      );
      await pg.repoA.activities.insert(
        activity(wsId, `y${d}`, y, { kind: 'reaction', targetMemberId: x.id, occurredAt, day }),
      );
    }
    const crossing = async () =>
      (await pg.repoA.activities.keptFigures(wsId, WEEK)).reduce((n, f) => n + f.crossing, 0);
    expect(await crossing()).toBe(14);
    // Round after round, both move at the same moment: into one department, then apart again.
    for (let round = 0; round < 10; round++) {
      const together = round % 2 === 0;
      await Promise.all([
        pg.repoA.members.update(x.id, { department: together ? '企画部' : '営業部' }),
        pg.repoB.members.update(y.id, { department: together ? ' 企画部' : '開発部' }),
      ]);
      expect(await crossing()).toBe(together ? 0 : 14);
      const raw = await pg.repoB.activities.memberFigures(
        wsId,
        WEEK.map((d) => `${d}T00:00:00.000Z`),
      );
      expect(await pg.repoA.activities.keptFigures(wsId, WEEK)).toEqual(raw);
    }
  });
});
