import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type InteractionMatrix, interactionMatrix } from '../../../src/core/dashboard/figures.js';
import type { DashboardScope } from '../../../src/core/dashboard/scope.js';
import { eligibleMembers } from '../../../src/core/groups.js';
import {
  connectionLabels,
  type DashboardView,
  dashboardWeeks,
  departmentConnections,
  OTHER_GROUP,
  scopeGroup,
} from '../../../src/core/service/dashboard-data.js';
import { loadSnapshot } from '../../../src/core/service/snapshot.js';
import { isoWeekRange } from '../../../src/core/time.js';
import { type ActivityKind, defaultSettings, type Member } from '../../../src/core/types.js';
import { createRandom } from '../../../src/demo/random.js';
import { departmentConnectionsSql } from '../../../src/store/connection-reads.js';
import { openSqliteStore, type Store } from '../../../src/store/sqlite-store.js';
import { tempDir } from '../../store/temp-dir.js';

const NOW = '2026-11-24T03:00:00.000Z';
const DAY = 86_400_000;
const KINDS: ActivityKind[] = ['post', 'reply', 'reaction', 'reply', 'reaction', 'story', 'idea', 'prompt_answer'];
/**
 * Departments as directories hold them: padded with ASCII, full-width and other Unicode spaces,
 * blank, missing, full-width letters (a different name from the half-width one), and small ones.
 */
const DEPARTMENTS = [
  '営業部',
  ' 営業部',
  '営業部\u3000',
  '\u00a0営業部\u2003',
  '開発部',
  '開発部\t',
  '\ufeff開発部\n',
  'ＩＴ部',
  'IT部',
  'IT部 ',
  '\u3000',
  ' ',
  '',
  null,
  '総務部',
  '法務部',
  '広報部',
];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function tempStore(): Store {
  const dir = tempDir();
  const store = openSqliteStore(join(dir.path, 'hiroba.db'));
  cleanups.push(async () => {
    await store.close();
    dir.remove();
  });
  return store;
}

/**
 * The page's computation before it became a store read (kept here as the reference): every raw
 * activity of the window loaded and counted in JS by `interactionMatrix`.
 */
async function connectionsInJs(view: DashboardView): Promise<InteractionMatrix> {
  const now = view.snapshot.now;
  const everyone = eligibleMembers(view.snapshot.members, now);
  const departmentOf = (m: Member): string => (m.department ?? '').trim();
  const actors = eligibleMembers(scopeGroup(view), now);
  const rows = connectionLabels(actors);
  const columns = connectionLabels(everyone);
  const labelIn = (labels: readonly string[], people: readonly Member[]) => {
    const set = new Set(labels);
    const ids = new Map(people.map((m) => [m.id, m]));
    return (id: number): string | null => {
      const m = ids.get(id);
      if (!m) return null;
      const d = departmentOf(m);
      if (set.has(d) && d !== OTHER_GROUP) return d;
      return set.has(OTHER_GROUP) ? OTHER_GROUP : null;
    };
  };
  const tz = view.snapshot.workspace.settings.timezone;
  const weeks = dashboardWeeks(view.snapshot).map((w) => isoWeekRange(w, tz));
  const from = weeks[0]?.from.toISOString() ?? NOW;
  const to = weeks[weeks.length - 1]?.to.toISOString() ?? NOW;
  const acts = await view.repos.activities.between(view.snapshot.workspace.id, from, to);
  return interactionMatrix(acts, rows, columns, labelIn(rows, actors), labelIn(columns, everyone));
}

interface Company {
  store: Store;
  workspaceId: number;
  members: Member[];
  managers: Member[];
}

/**
 * A random directory (departments of every shape and size, bots, people who left or join later,
 * a reporting tree) and random activity from before the 13-week window to after now.
 */
async function randomCompany(seed: number, people: number, events: number): Promise<Company> {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random.next() * list.length)] as T;
  const store = tempStore();
  const { repos } = store;
  const ws = await repos.workspaces.create({
    platform: 'memory',
    externalId: `acme-${seed}`,
    name: 'Acme',
    settings: defaultSettings(),
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  // Skewed towards the first departments, so some are big enough and some are not.
  const departmentAt = (): string | null => {
    const r = random.next();
    return DEPARTMENTS[Math.floor(r * r * DEPARTMENTS.length)] ?? null;
  };
  const members: Member[] = [];
  for (let i = 0; i < people; i++) {
    const roll = random.next();
    const joinedAt = roll < 0.05 ? '2026-12-01T00:00:00.000Z' : '2026-01-01T00:00:00.000Z';
    const manager = i > 0 && random.next() < 0.9 ? pick(members.slice(0, Math.max(1, Math.floor(i / 3)))) : null;
    members.push(
      await repos.members.create({
        workspaceId: ws.id,
        name: `M${i}`,
        joinedAt,
        platformId: `U${i}`,
        department: departmentAt(),
        managerId: manager?.id ?? null,
        isBot: roll > 0.97,
        deactivatedAt: roll > 0.05 && roll < 0.1 ? '2026-10-01T00:00:00.000Z' : null,
      }),
    );
  }
  const start = Date.parse(NOW) - 100 * DAY;
  for (let i = 0; i < events; i++) {
    const actor = pick(members);
    const kind = pick(KINDS);
    const roll = random.next();
    const target =
      kind === 'reply' || kind === 'reaction' ? (roll < 0.08 ? actor.id : roll < 0.15 ? null : pick(members).id) : null;
    const at = new Date(start + Math.floor(random.next() * 103 * DAY)).toISOString();
    await repos.activities.insert({
      workspaceId: ws.id,
      eventId: `E${i}`,
      kind,
      memberId: actor.id,
      channelId: 'C1',
      targetMemberId: target,
      occurredAt: at,
      day: at.slice(0, 10),
      points: 1,
    });
  }
  const managers = members.filter((m) => members.some((r) => r.managerId === m.id));
  return { store, workspaceId: ws.id, members, managers };
}

async function viewOf(c: Company, scope: DashboardScope): Promise<DashboardView> {
  const workspace = await c.store.repos.workspaces.get(c.workspaceId);
  if (!workspace) throw new Error('no workspace');
  return { repos: c.store.repos, snapshot: await loadSnapshot(c.store.repos, workspace, new Date(NOW)), scope };
}

const sum = (m: number[][]): number => m.flat().reduce((a, b) => a + b, 0);

describe('department connections as a store read', () => {
  it.each([1, 2, 3, 4, 5])('equals the JS count over raw activities on random data (seed %i)', async (seed) => {
    const c = await randomCompany(seed, 160, 4000);
    const ops = await viewOf(c, { kind: 'workspace', role: 'ops' });
    const expected = await connectionsInJs(ops);
    expect(await departmentConnections(ops)).toEqual(expected);
    // The data exercises what the page hides and gathers: the check is not vacuous.
    expect(sum(expected.replies)).toBeGreaterThan(100);
    expect(sum(expected.reactions)).toBeGreaterThan(100);
    expect(expected.columns).toContain(OTHER_GROUP);
    expect(expected.columns).toContain('営業部');
    for (const manager of c.managers.slice(0, 6)) {
      const team = await viewOf(c, { kind: 'team', role: 'manager', managerId: manager.id, names: false });
      expect(await departmentConnections(team)).toEqual(await connectionsInJs(team));
    }
  });

  it('leaves out departments under five people, and a leftover group under five too', async () => {
    const store = tempStore();
    const { repos } = store;
    const ws = await repos.workspaces.create({
      platform: 'memory',
      externalId: 'small',
      name: 'Small',
      settings: defaultSettings(),
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const add = async (department: string | null, n: number): Promise<Member[]> => {
      const added: Member[] = [];
      for (let i = 0; i < n; i++)
        added.push(
          await repos.members.create({
            workspaceId: ws.id,
            name: `${department}${i}`,
            joinedAt: '2026-01-01T00:00:00.000Z',
            department,
          }),
        );
      return added;
    };
    const sales = (await add(' 営業部\u3000', 3)).concat(await add('営業部', 2));
    const legal = await add('法務部', 4);
    let n = 0;
    const reply = async (from: Member, to: Member): Promise<void> => {
      n += 1;
      await repos.activities.insert({
        workspaceId: ws.id,
        eventId: `R${n}`,
        kind: 'reply',
        memberId: from.id,
        channelId: 'C1',
        targetMemberId: to.id,
        occurredAt: '2026-11-20T00:00:00.000Z',
        day: '2026-11-20',
        points: 1,
      });
    };
    await reply(sales[0] as Member, sales[4] as Member);
    await reply(sales[1] as Member, legal[0] as Member);
    await reply(legal[1] as Member, sales[2] as Member);
    const view = await viewOf(
      { store, workspaceId: ws.id, members: [], managers: [] },
      { kind: 'workspace', role: 'ops' },
    );
    // 営業部 is five once trimmed; 法務部 (four) is neither a column nor, alone, an "other" group.
    expect(await departmentConnections(view)).toEqual({
      rows: ['営業部'],
      columns: ['営業部'],
      replies: [[1]],
      reactions: [[0]],
    });
    expect(await departmentConnections(view)).toEqual(await connectionsInJs(view));
  });

  it("walks the window on the covering time index, never each member's whole history", () => {
    const db = tempStore().sqlite;
    if (db === null) throw new Error('expected a SQLite store');
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${departmentConnectionsSql()}`)
      .all({ w: 1, from: '2026-08-01T00:00:00.000Z', to: NOW, notActors: '[1, 2]', notTargets: '[1, 2]' }) as Array<{
      detail: string;
    }>;
    const steps = plan.map((p) => p.detail);
    expect(steps.find((d) => /\b(SEARCH|SCAN) a\b/u.test(d))).toMatch(
      /^SEARCH a USING COVERING INDEX activities_time/u,
    );
    expect(steps.filter((d) => /^SCAN (a|am|tm|members)\b/u.test(d))).toEqual([]);
  });
});
