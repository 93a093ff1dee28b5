import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Message, messageSchema, messageToPlainText } from '../../../src/core/message.js';
import type { Member } from '../../../src/core/types.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
const text = (m: Message): string => messageToPlainText(messageSchema.parse(m));
const run = (platformId: string, words: string) =>
  h.core.runCommand({ workspaceId: h.workspace.id, platformId, text: words, channelId: null });
const count = (sql: string, ...params: unknown[]): number =>
  (h.db.prepare(`SELECT COUNT(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;

let admin: Member;
let alice: Member;
let bob: Member;

function act(platformId: string, eventId: string, kind: 'post' | 'reply' | 'reaction', at: string, target?: string) {
  return h.core.recordActivity({
    workspaceId: h.workspace.id,
    eventId,
    kind,
    memberPlatformId: platformId,
    channelId: 'C1',
    targetPlatformId: target ?? null,
    occurredAt: at,
  });
}

/** Alice's footprint in every table that can hold something of hers. */
async function aliceEverywhere(): Promise<void> {
  const ws = h.workspace.id;
  await act('U2', 'msg:C1:1.0', 'post', '2026-11-20T01:00:00.000Z');
  await act('U2', 'react:C1:9.0:U2:tada', 'reaction', '2026-11-20T02:00:00.000Z', 'U3');
  await act('U3', 'msg:C1:2.0', 'reply', '2026-11-20T03:00:00.000Z', 'U2');
  await h.repos.activities.retract(ws, 'react:C1:8.0:U2:eyes', '2026-11-20T04:00:00.000Z');
  await h.repos.submissions.create({
    workspaceId: ws,
    memberId: alice.id,
    kind: 'story',
    fields: { situation: 'secret story text' },
    status: 'posted',
    createdAt: '2026-11-20T05:00:00.000Z',
  });
  const submission = (await h.repos.submissions.list(ws))[0]!;
  const row = (job: string, period: string, kind: 'member' | 'channel', id: string, body: string) => ({
    workspaceId: ws,
    job,
    period,
    recipient: { kind, id },
    message: { kind: 'test', blocks: [{ type: 'text' as const, text: body }], fallback: body },
    notBefore: '2026-11-20T00:00:00.000Z',
    createdAt: '2026-11-20T00:00:00.000Z',
  });
  await h.repos.outbox.enqueue([
    row('nudges', '2026-W47', 'member', 'U2', 'Hello Alice'),
    row('story-post', String(submission.id), 'channel', 'C1', 'secret story text'),
    row('digest', '2026-W46', 'channel', 'C1', 'Thanks to Alice Liddell for posting'),
    row('digest', '2026-W47', 'channel', 'C1', 'A digest naming nobody'),
    row('nudges', '2026-W47', 'member', 'U3', 'Hello Bob'),
  ]);
  const digest = (await h.repos.outbox.list(ws, { job: 'digest' })).find((r) => r.period === '2026-W46')!;
  await h.repos.outbox.markSent(digest.id, 'm1', '2026-11-20T00:00:01.000Z');
  await h.repos.nudges.save({ memberId: alice.id, step: 1, lastNudgedAt: '2026-11-01T00:00:00.000Z', restUntil: null });
  await h.repos.conversationRefs.save(ws, 'member:U2', { conversation: { id: 'a' } }, '2026-11-20T00:00:00.000Z');
  await h.repos.conversationRefs.save(ws, 'author:C1:1.0', { platformId: 'U2' }, '2026-11-20T00:00:00.000Z');
  await h.repos.conversationRefs.save(ws, 'author:C1:2.0', { platformId: 'U3' }, '2026-11-20T00:00:00.000Z');
  const grant = {
    workspaceId: ws,
    memberId: alice.id,
    createdAt: '2026-11-24T00:00:00.000Z',
    expiresAt: '2026-12-24T00:00:00.000Z',
  };
  await h.repos.dashboard.createLoginToken('t1', grant);
  await h.repos.dashboard.createSession('s1', grant);
  await h.repos.pendingActivities.add({
    workspaceId: ws,
    eventId: 'msg:C1:3.0',
    memberPlatformId: 'U2',
    activity: {
      eventId: 'msg:C1:3.0',
      kind: 'post',
      memberPlatformId: 'U2',
      channelId: 'C1',
      occurredAt: '2026-11-24T00:00:00.000Z',
    },
    nextAttemptAt: '2026-11-24T00:00:00.000Z',
    lastError: null,
    createdAt: '2026-11-24T00:00:00.000Z',
  });
  await h.repos.members.update(bob.id, { managerId: alice.id });
}

beforeEach(async () => {
  h = await createHarness();
  await h.settings({ countedChannels: ['C1'], locale: 'en' });
  admin = await h.member({ name: 'Admin', platformId: 'U1' }, { role: 'admin' });
  alice = await h.member(
    { name: 'Alice Liddell', platformId: 'U2', email: 'alice@example.com', department: 'Sales', location: 'Tokyo' },
    { role: 'ops', locale: 'ja', managerId: admin.id },
  );
  bob = await h.member({ name: 'Bob', platformId: 'U3', department: 'Dev' });
});
afterEach(() => h.close());

describe('forget', () => {
  it('shows what will go and changes nothing before the admin confirms', async () => {
    await aliceEverywhere();
    const preview = await run('U1', 'forget <@U2>');
    expect(preview.kind).toBe('command-preview');
    const shown = text(preview);
    expect(shown).toContain("Erase Alice Liddell's personal data");
    expect(shown).toContain('Stories and ideas they handed over (text): 1');
    expect(shown).toContain('Activity records kept anonymised: 2');
    expect(await h.repos.members.get(alice.id)).toMatchObject({ name: 'Alice Liddell', platformId: 'U2' });
    expect(count('submissions')).toBe(1);
    expect(await h.repos.members.personalData(alice.id)).toEqual({
      activities: 2,
      submissions: 1,
      // Her nudge, first-post thanks and welcome DMs, her story's post, a sent digest naming her.
      messages: 5,
      // A tombstone, nudge state, two references, a login link, a session, and this very confirmation.
      other: 7,
      pendingActivities: 1,
      reports: 1,
    });
  });

  it('erases the person, keeps every aggregate exact, and records who did it', async () => {
    await aliceEverywhere();
    const ws = h.workspace.id;
    const rollupsBefore = await h.repos.activities.dailyPoints(ws, '2026-01-01', '2026-12-31');
    const boundsBefore = await h.repos.activities.contributionBounds(ws);
    const activitiesBefore = await h.repos.activities.between(
      ws,
      '2026-01-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    );
    await run('U1', 'forget alice@example.com');
    const done = await run('U1', 'confirm');
    expect(text(done)).toContain("Alice Liddell's personal data is erased. 2 activity record(s) stay");

    // The row stays, anonymised: nothing identifies the person, groups are kept.
    expect(await h.repos.members.get(alice.id)).toMatchObject({
      name: '',
      email: null,
      platformId: null,
      managerId: null,
      locale: null,
      role: 'member',
      optedOut: true,
      department: 'Sales',
      location: 'Tokyo',
      deactivatedAt: '2026-11-24T03:00:00.000Z',
      forgottenAt: '2026-11-24T03:00:00.000Z',
    });
    expect((await h.repos.members.get(bob.id))?.managerId).toBeNull();

    // Aggregates: rollups, bounds, and every activity (kind, time, member, target) unchanged.
    expect(await h.repos.activities.dailyPoints(ws, '2026-01-01', '2026-12-31')).toEqual(rollupsBefore);
    expect(await h.repos.activities.contributionBounds(ws)).toEqual(boundsBefore);
    const after = await h.repos.activities.between(ws, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
    const strip = (a: (typeof after)[number]) => ({ ...a, eventId: '' });
    expect(after.map(strip)).toEqual(activitiesBefore.map(strip));
    // Bob's reply to Alice still reaches Sales from Dev (the cross-department ratio).
    expect(after.find((a) => a.memberId === bob.id)?.targetMemberId).toBe(alice.id);
    // Her event keys no longer lead back to her; Bob's are untouched.
    expect(after.filter((a) => a.memberId === alice.id).map((a) => a.eventId)).toEqual(
      after.filter((a) => a.memberId === alice.id).map((a) => `forgotten:${a.id}`),
    );
    expect(after.find((a) => a.memberId === bob.id)?.eventId).toBe('msg:C1:2.0');

    // Everything personal that hung off her is gone.
    expect(count('submissions')).toBe(0);
    expect(count('nudge_states')).toBe(0);
    expect(count('dashboard_login_tokens') + count('dashboard_sessions')).toBe(0);
    expect(count('pending_activities')).toBe(0);
    expect(count('activity_tombstones')).toBe(0);
    expect(count('command_confirmations')).toBe(0);
    expect(await h.repos.conversationRefs.get(ws, 'member:U2')).toBeNull();
    expect(await h.repos.conversationRefs.get(ws, 'author:C1:1.0')).toBeNull();
    expect(await h.repos.conversationRefs.get(ws, 'author:C1:2.0')).toEqual({ platformId: 'U3' });
    const left = (await h.repos.outbox.list(ws)).map((r) => `${r.job}/${r.period}/${r.recipient.id}`);
    expect(left.sort()).toEqual([
      'digest/2026-W47/C1',
      'first-post-thanks/once/U3',
      'nudges/2026-W47/U3',
      'welcome/once/U3',
    ]);
    expect(count("outbox WHERE message LIKE '%secret%'")).toBe(0);
    expect(count("outbox WHERE recipient_kind = 'channel' AND message LIKE '%Alice%'")).toBe(0);
    // A DM already queued to someone else goes out as written (Bob's welcome lists the ops team).
    expect(count("outbox WHERE recipient_id = 'U3' AND status = 'pending' AND message LIKE '%Alice%'")).toBe(1);

    // The audit keeps who erased whom (by id) and how much, never the name.
    const [entry] = await h.repos.audit.latest(ws, 5);
    expect(entry).toMatchObject({
      actorMemberId: admin.id,
      command: 'forget',
      targetMemberId: alice.id,
      summary: { outcome: 'done', submissions: 1, activities: 2, role: 'ops' },
    });
    expect(JSON.stringify(await h.repos.audit.latest(ws, 50))).not.toMatch(/Alice|alice@|U2/u);
  });

  it('a later directory sync with the same email and id creates a fresh member, never the old one', async () => {
    await act('U2', 'msg:C1:1.0', 'post', '2026-11-20T01:00:00.000Z');
    await run('U1', 'forget <@U2>');
    await run('U1', 'confirm');
    await h.core.syncDirectory(h.workspace.id, [
      { platformId: 'U1', name: 'Admin' },
      { platformId: 'U2', name: 'Alice Liddell', email: 'alice@example.com', department: 'Sales' },
      { platformId: 'U3', name: 'Bob' },
    ]);
    const fresh = (await h.repos.members.byPlatformId(h.workspace.id, 'U2'))!;
    expect(fresh.id).not.toBe(alice.id);
    expect(fresh).toMatchObject({ email: 'alice@example.com', role: 'member', deactivatedAt: null });
    expect(await h.repos.activities.firstContributionAt(fresh.id)).toBeNull();
    expect(await h.repos.members.get(alice.id)).toMatchObject({ name: '', platformId: null, email: null });
    // The erased row is not resolvable by anything the person was known by.
    expect(text(await run('U1', 'forget @Alice Liddell'))).toContain('Erase Alice Liddell');
    await run('U1', 'cancel');
    expect((await h.repos.members.personalData(alice.id)).activities).toBe(1);
  });

  it('is never messaged again: queued DMs are gone and the anonymised row cannot be reached', async () => {
    await aliceEverywhere();
    await run('U1', 'forget <@U2>');
    await run('U1', 'confirm');
    expect(await h.repos.outbox.list(h.workspace.id, { recipientId: 'U2' })).toEqual([]);
    expect(
      await h.core.recordActivity({
        workspaceId: h.workspace.id,
        eventId: 'msg:C1:5.0',
        kind: 'post',
        memberPlatformId: 'U2',
        channelId: 'C1',
        occurredAt: '2026-11-24T03:00:00.000Z',
      }),
    ).toEqual({ status: 'ignored', reason: 'unknown_member' });
    await h.core.memberJoined(h.workspace.id, 'U9', 'C1');
    expect((await h.repos.outbox.list(h.workspace.id)).some((r) => r.recipient.id === 'U2')).toBe(false);
  });

  it('erases someone known only from the directory file without touching anyone else', async () => {
    await aliceEverywhere();
    const carol = await h.repos.members.create({
      workspaceId: h.workspace.id,
      name: 'Carol',
      email: 'carol@example.com',
      joinedAt: '2026-01-01T00:00:00.000Z',
    });
    const everyone = () => h.repos.members.personalData(alice.id);
    const before = await everyone();
    expect(await h.repos.members.personalData(carol.id)).toEqual({
      activities: 0,
      submissions: 0,
      messages: 0,
      other: 0,
      pendingActivities: 0,
      reports: 0,
    });
    await run('U1', 'forget carol@example.com');
    await run('U1', 'confirm');
    expect(await h.repos.members.get(carol.id)).toMatchObject({ name: '', email: null });
    expect(await everyone()).toEqual(before);
  });

  it('finds someone who already left, by name', async () => {
    await h.repos.members.update(alice.id, { deactivatedAt: '2026-10-01T00:00:00.000Z' });
    await run('U1', 'forget @Alice Liddell');
    await run('U1', 'confirm');
    expect(await h.repos.members.get(alice.id)).toMatchObject({ name: '', deactivatedAt: '2026-10-01T00:00:00.000Z' });
  });

  it('refuses the caller themselves, someone unknown, and anyone below admin; nothing is erased', async () => {
    expect(text(await run('U1', 'forget <@U1>'))).toContain('cannot erase your own data');
    expect(text(await run('U1', 'forget <@U404>'))).toContain('U404');
    expect((await run('U2', 'forget <@U3>')).kind).toBe('command-error');
    expect(count('command_confirmations')).toBe(0);
    expect((await h.repos.members.list(h.workspace.id)).every((m) => m.forgottenAt === undefined)).toBe(true);
    const outcomes = (await h.repos.audit.latest(h.workspace.id, 10)).map((e) => `${e.command}:${e.summary.outcome}`);
    expect(outcomes).toEqual(['forget:forbidden', 'forget:refused', 'forget:refused']);
  });

  it('erases nothing when the audit entry cannot be written (one transaction)', async () => {
    await run('U1', 'forget <@U2>');
    h.db.exec('DROP TABLE audit_log');
    expect((await run('U1', 'confirm')).kind).toBe('command-error');
    expect(await h.repos.members.get(alice.id)).toMatchObject({ name: 'Alice Liddell', platformId: 'U2' });
  });
});
