import { describe, expect, it } from 'vitest';
import type { ActivityKind } from '../../src/core/types.js';
import { defaultSettings } from '../../src/core/types.js';
import { MOST_REPLIED_ACROSS } from '../../src/store/activity-repo.js';
import { useTempStores } from './activity-fixtures.js';

const tempStore = useTempStores();

/** The SQLite activity repository itself, with a workspace and ways to add people and activity. */
function seeded() {
  const { db, sync: repos } = tempStore();
  const ws = repos.workspaces.create({
    platform: 'memory',
    externalId: 'acme',
    name: 'Acme',
    settings: defaultSettings(),
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  const person = (name: string, department: string | null) =>
    repos.members.create({
      workspaceId: ws.id,
      name,
      joinedAt: '2026-11-01T00:00:00.000Z',
      platformId: `U-${name}`,
      department,
    }).id;
  let n = 0;
  const add = (kind: ActivityKind, memberId: number, at: string, parentEventId: string | null = null) => {
    n += 1;
    const eventId = `msg:C1:${n}`;
    repos.activities.insert({
      workspaceId: ws.id,
      eventId,
      kind,
      memberId,
      channelId: 'C1',
      targetMemberId: null,
      occurredAt: at,
      day: at.slice(0, 10),
      points: 1,
      parentEventId,
    });
    return eventId;
  };
  return { db, repos, wsId: ws.id, person, add };
}

describe('the week’s posts most replied to from other departments', () => {
  it('counts replies and distinct departments from other departments only, most first', () => {
    const { repos, wsId, person, add } = seeded();
    const sales = person('営業', '営業部');
    const sales2 = person('営業2', '営業部 ');
    const dev = person('開発', '開発部');
    const hr = person('人事', '人事部');
    const nobody = person('未設定', null);
    const week = (d: number, hh = '02') => `2026-11-${String(d).padStart(2, '0')}T${hh}:00:00.000Z`;

    const a = add('post', sales, week(16));
    add('reply', dev, week(16, '03'), a);
    add('reply', dev, week(17), a);
    add('reply', sales2, week(17), a); // same department (trimmed): not counted
    add('reply', nobody, week(17), a); // department unknown: not counted
    const b = add('post', dev, week(17));
    add('reply', sales, week(17, '04'), b);
    add('reply', hr, week(18), b);
    const quiet = add('post', hr, week(18));
    add('reply', hr, week(18, '05'), quiet); // own department only: not listed
    const old = add('post', dev, week(2)); // posted before the week
    add('reply', sales, week(17), old);
    const late = add('post', hr, week(19));
    add('reply', sales, week(23, '05'), late); // reply after the week's end: not counted
    add('reaction', sales, week(19, '03'), late); // not a reply

    const found = repos.activities.mostRepliedAcross(wsId, week(16, '00'), week(23, '00'), 3);
    expect(found.map((f) => [f.post.eventId, f.replies, f.departments])).toEqual([
      [b, 2, 2],
      [a, 2, 1],
    ]);
    expect(found[0]?.post).toMatchObject({ kind: 'post', memberId: dev, channelId: 'C1' });
    expect(repos.activities.mostRepliedAcross(wsId, week(16, '00'), week(23, '00'), 1)).toHaveLength(1);
  });

  it('keeps a reply’s parent and gives it back; no parent for other kinds', () => {
    const { repos, wsId, person, add } = seeded();
    const a = person('A', '営業部');
    const b = person('B', '開発部');
    const post = add('post', a, '2026-11-16T02:00:00.000Z');
    const reply = add('reply', b, '2026-11-16T03:00:00.000Z', post);
    expect(repos.activities.byEventId(wsId, reply)?.parentEventId).toBe(post);
    expect(repos.activities.byEventId(wsId, post)?.parentEventId).toBeUndefined();
    // A retracted reply no longer counts for its post.
    expect(
      repos.activities.mostRepliedAcross(wsId, '2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z', 3),
    ).toHaveLength(1);
    repos.activities.retract(wsId, reply, '2026-11-16T04:00:00.000Z');
    expect(repos.activities.mostRepliedAcross(wsId, '2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z', 3)).toEqual(
      [],
    );
  });
});

describe('the most-replied read stays within the week', () => {
  it('reads the range’s replies from the time index and each parent by its event id, never the whole history', () => {
    const { db, wsId } = seeded();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${MOST_REPLIED_ACROSS}`)
      .all(
        '2026-11-16T00:00:00.000Z',
        '2026-11-23T00:00:00.000Z',
        wsId,
        '2026-11-16T00:00:00.000Z',
        '2026-11-23T00:00:00.000Z',
        3,
      )
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toContain('SEARCH r USING INDEX activities_time (workspace_id=? AND occurred_at>? AND occurred_at<?)');
    expect(plan).toContain('SEARCH p USING INDEX sqlite_autoindex_activities_1 (workspace_id=? AND event_id=?)');
    expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([]);
  });
});
