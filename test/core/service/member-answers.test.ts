import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Message, messageSchema, messageToPlainText } from '../../../src/core/message.js';
import type { Repositories } from '../../../src/core/ports.js';
import { createHirobaCore } from '../../../src/core/service.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

/**
 * A member's own answers (`stats`, App Home) read that member's rows and the kept aggregates, never
 * the whole directory: at 100,000 members one read of it took a second. Counted on a repository
 * wrapper around the real store.
 */
let h: Harness;
let lists: number;
let core: ReturnType<typeof createHirobaCore>;
const text = (m: Message): string => messageToPlainText(messageSchema.parse(m));

function counting(repos: Repositories): Repositories {
  const members = new Proxy(repos.members, {
    get(target, prop, receiver) {
      if (prop === 'list')
        return (workspaceId: number) => {
          lists += 1;
          return target.list(workspaceId);
        };
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...repos, members, transaction: (fn) => repos.transaction(fn) };
}

beforeEach(async () => {
  h = await createHarness();
  await h.settings({ countedChannels: ['C1'], locale: 'en' });
  lists = 0;
  core = createHirobaCore({ repos: counting(h.repos), clock: h.clock, admins: [] });
});
afterEach(() => h.close());

const run = (platformId: string, words: string): Promise<Message> =>
  core.runCommand({ workspaceId: h.workspace.id, platformId, text: words });

async function post(platformId: string, eventId: string): Promise<void> {
  await core.recordActivity({
    workspaceId: h.workspace.id,
    eventId,
    kind: 'post',
    memberPlatformId: platformId,
    channelId: 'C1',
    // Yesterday: stats cover the seven whole days before today.
    occurredAt: new Date(h.clock.now().getTime() - 86_400_000).toISOString(),
  });
}

describe("a member's own answers", () => {
  it('stats and the App Home read no directory once the day’s score scale is kept', async () => {
    const alice = await h.member({ name: 'Alice' });
    await h.member({ name: 'Bob' });
    await post(alice.platformId!, 'e1');
    // The day's first score reads the directory once to keep the scale; every later answer does not.
    await run(alice.platformId!, 'stats');
    lists = 0;
    const own = text(await run(alice.platformId!, 'stats'));
    expect(own).toContain('Score: 100 / 100');
    expect(own).toContain('1 posts');
    expect(text(await core.home({ workspaceId: h.workspace.id, platformId: alice.platformId! }))).toContain('100');
    expect(lists).toBe(0);
  });

  it('a manager is still told from a member by who reports to them, and only the manager reads the team', async () => {
    const boss = await h.member({ name: 'Boss' });
    const report = await h.member({ name: 'Report' }, { managerId: boss.id });
    await post(report.platformId!, 'e1');
    await run(report.platformId!, 'stats');
    lists = 0;
    expect(text(await run(report.platformId!, 'stats'))).not.toContain('Your team');
    expect(lists).toBe(0);
    expect(text(await run(boss.platformId!, 'stats'))).toContain('Your team');
    expect(lists).toBeGreaterThan(0);
  });

  it('a deactivated report still makes their manager a manager, as the directory read did', async () => {
    const boss = await h.member({ name: 'Boss' });
    const gone = await h.member({ name: 'Gone' }, { managerId: boss.id });
    await h.repos.members.update(gone.id, { deactivatedAt: '2026-02-01T00:00:00.000Z' });
    expect(text(await run(boss.platformId!, 'help'))).toContain('Managers');
  });
});
