import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Message, messageSchema, messageToPlainText } from '../../../src/core/message.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
const text = (m: Message): string => messageToPlainText(messageSchema.parse(m));

beforeEach(async () => {
  h = await createHarness({ admins: ['boss@example.com'] });
  await h.settings({ countedChannels: ['C1'], locale: 'en' });
});
afterEach(() => h.close());

function act(
  platformId: string,
  eventId: string,
  kind: 'post' | 'reply' | 'reaction' = 'post',
  extra: { channelId?: string; target?: string; at?: string } = {},
) {
  return h.core.recordActivity({
    workspaceId: h.workspace.id,
    eventId,
    kind,
    memberPlatformId: platformId,
    channelId: extra.channelId ?? 'C1',
    targetPlatformId: extra.target ?? null,
    occurredAt: extra.at ?? h.clock.now().toISOString(),
  });
}

describe('recordActivity', () => {
  it('counts an event once and says why others are ignored', async () => {
    const alice = await h.member({ name: 'Alice' });
    await h.member({ name: 'Bot', platformId: 'B1', isBot: true });
    const gone = await h.member({ name: 'Gone' });
    await h.repos.members.update(gone.id, { deactivatedAt: '2026-02-01T00:00:00.000Z' });

    expect((await act(alice.platformId!, 'e1')).status).toBe('recorded');
    expect(await act(alice.platformId!, 'e1')).toEqual({ status: 'ignored', reason: 'duplicate' });
    expect(await act(alice.platformId!, 'e2', 'post', { channelId: 'C9' })).toEqual({
      status: 'ignored',
      reason: 'channel_not_counted',
    });
    expect(await act('B1', 'e3')).toEqual({ status: 'ignored', reason: 'bot' });
    expect(await act(gone.platformId!, 'e4')).toEqual({ status: 'ignored', reason: 'deactivated' });
    expect(await act('U404', 'e5')).toEqual({ status: 'ignored', reason: 'unknown_member' });
    expect(await act(alice.platformId!, 'e6', 'reaction', { target: alice.platformId! })).toEqual({
      status: 'ignored',
      reason: 'self_target',
    });
    expect(await h.repos.activities.dailyPoints(h.workspace.id, '2026-11-24', '2026-11-24')).toEqual([
      { memberId: alice.id, day: '2026-11-24', points: 3, contributions: 1, activities: 1 },
    ]);
  });

  it('thanks a member for their first post, once', async () => {
    const alice = await h.member({ name: 'Alice' });
    await act(alice.platformId!, 'e1');
    await act(alice.platformId!, 'e2');
    const thanks = await h.repos.outbox.list(h.workspace.id, { job: 'first-post-thanks' });
    expect(thanks).toHaveLength(1);
    expect(thanks[0]?.recipient).toEqual({ kind: 'member', id: alice.platformId });
  });

  it('retracts a removed reaction', async () => {
    const alice = await h.member({ name: 'Alice' });
    const bob = await h.member({ name: 'Bob' });
    await act(alice.platformId!, 'react:1', 'reaction', { target: bob.platformId! });
    expect(await h.core.retractActivity(h.workspace.id, 'react:1')).toBe(true);
    expect(await h.core.retractActivity(h.workspace.id, 'react:1')).toBe(false);
    expect(await h.repos.activities.dailyPoints(h.workspace.id, '2026-11-24', '2026-11-24')).toEqual([]);
  });
});

describe('commands', () => {
  const run = (platformId: string, words: string, channelId: string | null = null) =>
    h.core.runCommand({ workspaceId: h.workspace.id, platformId, text: words, channelId });

  it('lets ops set the purpose and refuses a plain member', async () => {
    const member = await h.member({ name: 'Member' });
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    const refused = await run(member.platformId!, 'purpose set Share wins weekly');
    expect(refused.kind).toBe('command-error');
    expect(text(refused)).toContain('Only members with the ops role');
    expect(h.workspace.settings.purpose).toBe('');

    await run(ops.platformId!, 'purpose set Share wins weekly');
    expect(h.workspace.settings.purpose).toBe('Share wins weekly');
    expect(text(await run(member.platformId!, 'purpose show'))).toContain('Share wins weekly');
  });

  it('answers a bad command with usage in the caller language, never a stack trace', async () => {
    const member = await h.member({ name: 'Member', locale: 'ja' });
    const reply = await run(member.platformId!, 'frobnicate');
    expect(reply.kind).toBe('command-error');
    expect(text(reply)).toMatch(/[\u3040-\u30ff]/u);
    expect(text(reply)).not.toContain('Error:');
  });

  it('reads a platform locale such as ja-JP, and ignores one it does not speak', async () => {
    const reply = await h.core.runCommand({
      workspaceId: h.workspace.id,
      platformId: 'U900',
      text: 'help',
      locale: 'ja-JP' as never,
    });
    expect(text(reply)).toMatch(/[\u3040-\u30ff]/u);
    expect((await h.repos.members.byPlatformId(h.workspace.id, 'U900'))?.locale).toBe('ja');
    await h.core.runCommand({ workspaceId: h.workspace.id, platformId: 'U901', text: 'help', locale: 'fr' as never });
    expect((await h.repos.members.byPlatformId(h.workspace.id, 'U901'))?.locale).toBeNull();
  });

  it('a language the member chose survives the directory sync', async () => {
    const a = await h.member({ name: 'A', locale: 'ja' });
    await run(a.platformId!, 'language en');
    await h.core.syncDirectory(h.workspace.id, [{ platformId: a.platformId, name: 'A', locale: 'ja' }]);
    expect(await h.repos.members.get(a.id)).toMatchObject({ locale: 'en', localeChosen: true });
    const b = await h.member({ name: 'B', locale: 'ja' });
    await h.core.upsertMember(h.workspace.id, { platformId: b.platformId, name: 'B', locale: 'en' });
    expect((await h.repos.members.get(b.id))?.locale).toBe('en');
  });

  it('shows help by role', async () => {
    const member = await h.member({ name: 'Member' });
    const admin = await h.member({ name: 'Boss', email: 'boss@example.com' });
    expect(admin.role).toBe('admin');
    const memberHelp = text(await run(member.platformId!, 'help'));
    const adminHelp = text(await run(admin.platformId!, 'help'));
    expect(memberHelp).not.toContain('role grant');
    expect(adminHelp).toContain('role grant');
  });

  it('stats: a member sees only themselves; ops see the workspace', async () => {
    const alice = await h.member({ name: 'Alice' });
    const bob = await h.member({ name: 'Bob' });
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    // Stats cover the seven whole days before today: yesterday's post counts.
    await act(alice.platformId!, 'e1', 'post', { at: new Date(h.clock.now().getTime() - 86_400_000).toISOString() });
    const own = text(await run(alice.platformId!, 'stats'));
    expect(own).toContain('Score: 100 / 100');
    expect(own).not.toContain('Participation:');
    const other = await run(alice.platformId!, `stats <@${bob.platformId}>`);
    expect(other.kind).toBe('command-error');
    const all = text(await run(ops.platformId!, 'stats'));
    expect(all).toContain('Posted: 33% (1 of 3)');
  });

  it('stats --fiscal-year covers the Japanese fiscal year so far', async () => {
    const alice = await h.member({ name: 'Alice' });
    await act(alice.platformId!, 'e1');
    const reply = text(await run(alice.platformId!, 'stats --fiscal-year'));
    expect(reply).toContain('# Participation, fiscal year 2026');
    expect(reply).toContain('fiscal year 2026: 1 posts');
  });

  it('stats: a manager sees their reports only when names are on, and no team metric under five', async () => {
    const boss = await h.member({ name: 'Boss' });
    const report = await h.member({ name: 'Report' }, { managerId: boss.id });
    const stranger = await h.member({ name: 'Stranger' });
    expect((await run(boss.platformId!, `stats <@${stranger.platformId}>`)).kind).toBe('command-error');
    expect(text(await run(boss.platformId!, `stats <@${report.platformId}>`))).toContain('privacy manager-names on');
    await h.settings({ managerNames: true });
    expect((await run(boss.platformId!, `stats <@${report.platformId}>`)).kind).toBe('stats');
    const team = text(await run(boss.platformId!, 'stats'));
    expect(team).toContain('too few to report');
  });

  it('schedule set validates the cron and changes nothing when bad', async () => {
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    const bad = await run(ops.platformId!, 'schedule set digest 0 16 * *');
    expect(bad.kind).toBe('command-error');
    expect(h.workspace.settings.schedules).toEqual({});
    await run(ops.platformId!, 'schedule set digest 0 15 * * 5');
    expect(h.workspace.settings.schedules).toEqual({ digest: '0 15 * * 5' });
  });

  it('an admin cannot revoke the last admin', async () => {
    const admin = await h.member({ name: 'Boss', email: 'boss@example.com' });
    const reply = await run(admin.platformId!, `role revoke admin <@${admin.platformId}>`);
    expect(text(reply)).toContain('last admin');
    expect((await h.repos.members.get(admin.id))?.role).toBe('admin');
    const other = await h.member({ name: 'Other' });
    await run(admin.platformId!, `role grant admin <@${other.platformId}>`);
    await run(admin.platformId!, `role revoke admin <@${admin.platformId}>`);
    expect((await h.repos.members.get(admin.id))?.role).toBe('member');
  });

  it('channels add without a channel means the channel it was said in', async () => {
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    await run(ops.platformId!, 'channels add', 'C7');
    expect(h.workspace.settings.countedChannels).toEqual(['C1', 'C7']);
  });

  it('prompt respects opt-outs and the weekly cap of two', async () => {
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    const a = await h.member({ name: 'A', department: 'Sales' });
    await h.member({ name: 'B', department: 'Sales' }, { optedOut: true });
    const preview = text(await run(ops.platformId!, 'prompt story Sales'));
    // Nothing goes before the confirmation; the preview says who gets it and who is skipped.
    expect(await h.repos.outbox.list(h.workspace.id)).toEqual([]);
    expect(preview).toContain('Send the Success story request to 1 person in Sales?');
    expect(preview).toContain('Opted out: 1 person');
    await run(ops.platformId!, 'confirm');
    await run(ops.platformId!, 'prompt idea Sales');
    await run(ops.platformId!, 'confirm');
    const third = text(await run(ops.platformId!, `prompt story <@${a.platformId}>`));
    expect(third).toContain('Already got this request this week');
    const rows = (await h.repos.outbox.list(h.workspace.id)).filter((r) => r.recipient.id === a.platformId);
    expect(rows.map((r) => r.job).sort()).toEqual(['prompt-idea', 'prompt-story']);
    h.clock.advance(8 * 86_400_000);
    await run(ops.platformId!, `prompt story <@${a.platformId}>`);
    const later = text(await run(ops.platformId!, 'confirm'));
    expect(later).toContain('going to 1 person');
  });

  it('reach counts who Hiroba can message and why not, for ops only', async () => {
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    await h.member({ name: 'NoApp' }, { reachable: false });
    await h.member({ name: 'Blocked' }, { blockedBot: true });
    await h.member({ name: 'Out' }, { optedOut: true });
    await h.core.upsertMember(h.workspace.id, { platformId: null, name: 'Imported', email: 'imp@example.com' });
    expect((await run((await h.member({ name: 'Plain' })).platformId!, 'reach')).kind).toBe('command-error');
    const text = messageToPlainText(await run(ops.platformId!, 'reach'));
    // eligible: Ops, NoApp, Blocked, Out, Plain, Imported (joined now: not yet eligible) → 5
    expect(text).toContain('Members Hiroba can message: 3 people / 5 people');
    expect(text).toContain('Cannot be reached: app not installed: 1 person');
    expect(text).toContain('Refuse messages from Hiroba: 1 person');
    expect(text).toContain('of whom opted out of invitations: 1 person');
    expect(text).toContain('Roll the app out');
  });

  it('profile-fields maps Slack profile fields for the directory sync, and clears them', async () => {
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    await run(ops.platformId!, 'profile-fields set department 所属部署');
    await run(ops.platformId!, 'profile-fields set manager Xf0MANAGER');
    expect(h.workspace.settings.profileFields).toEqual({ department: '所属部署', manager: 'Xf0MANAGER' });
    expect(messageToPlainText(await run(ops.platformId!, 'profile-fields'))).toContain('Department: 所属部署');
    await run(ops.platformId!, 'profile-fields clear manager');
    expect(h.workspace.settings.profileFields).toEqual({ department: '所属部署' });
    const bad = await run(ops.platformId!, 'profile-fields set team X');
    expect(bad.kind).toBe('command-error');
    expect(h.workspace.settings.profileFields).toEqual({ department: '所属部署' });
  });

  it('rollout: advance needs departments, pilot add marks the member', async () => {
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    const a = await h.member({ name: 'A', department: 'Sales' });
    expect((await run(ops.platformId!, 'rollout advance')).kind).toBe('command-error');
    await run(ops.platformId!, `rollout pilot add <@${a.platformId}>`);
    expect((await h.repos.members.get(a.id))?.isPilot).toBe(true);
    await run(ops.platformId!, 'rollout departments add sales');
    expect(h.workspace.settings.rolloutDepartments).toEqual([]);
    await run(ops.platformId!, 'confirm');
    expect(h.workspace.settings.rolloutDepartments).toEqual(['Sales']);
    const preview = messageToPlainText(await run(ops.platformId!, 'rollout advance'));
    expect(preview).toContain('Move the rollout to the expansion phase?');
    expect(h.workspace.settings.rolloutPhase).toBe('pilot');
    await run(ops.platformId!, 'confirm');
    expect(h.workspace.settings.rolloutPhase).toBe('expansion');
  });
});

describe('forms and moderation', () => {
  const story = {
    situation: 'A customer kept waiting',
    action: 'We set up a shared queue',
    result: 'Waits halved in a month',
  };

  it('a bad submission stores nothing and says why per field', async () => {
    const a = await h.member({ name: 'A' });
    const result = await h.core.submitForm({
      workspaceId: h.workspace.id,
      platformId: a.platformId!,
      kind: 'story',
      values: { situation: '' },
      submissionKey: 'v1',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['action', 'result', 'situation']);
    expect(await h.repos.submissions.list(h.workspace.id)).toEqual([]);
    expect(await h.repos.outbox.list(h.workspace.id)).toEqual([]);
  });

  it('a story is recorded once and posted to the SNS channel, attributed', async () => {
    await h.settings({ digestChannel: 'C1' });
    const a = await h.member({ name: 'Aiko' });
    const submit = () =>
      h.core.submitForm({
        workspaceId: h.workspace.id,
        platformId: a.platformId!,
        kind: 'story',
        values: story,
        submissionKey: 'v2',
      });
    expect((await submit()).ok).toBe(true);
    expect((await submit()).ok).toBe(true);
    const posts = await h.repos.outbox.list(h.workspace.id, { job: 'story-post' });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.recipient).toEqual({ kind: 'channel', id: 'C1' });
    expect(messageToPlainText(posts[0]!.message)).toContain('Aiko');
    expect((await h.repos.activities.byEventId(h.workspace.id, 'form:v2'))?.kind).toBe('story');
  });

  it('with moderation on, a story waits for an ops approval', async () => {
    await h.settings({ digestChannel: 'C1', moderation: true });
    const a = await h.member({ name: 'Aiko' });
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    await h.core.submitForm({
      workspaceId: h.workspace.id,
      platformId: a.platformId!,
      kind: 'story',
      values: story,
      submissionKey: 'v3',
    });
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'story-post' })).toHaveLength(0);
    const [request] = await h.repos.outbox.list(h.workspace.id, { job: 'moderation' });
    expect(request?.recipient).toEqual({ kind: 'member', id: ops.platformId });
    const submission = (await h.repos.submissions.list(h.workspace.id, 'pending'))[0]!;
    const refused = await h.core.handleAction({
      workspaceId: h.workspace.id,
      platformId: a.platformId!,
      actionId: 'hiroba.moderation.approve',
      value: String(submission.id),
    });
    expect(refused?.kind).toBe('command-error');
    await h.core.handleAction({
      workspaceId: h.workspace.id,
      platformId: ops.platformId!,
      actionId: 'hiroba.moderation.approve',
      value: String(submission.id),
    });
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'story-post' })).toHaveLength(1);
    expect((await h.repos.submissions.get(submission.id))?.status).toBe('approved');
  });
});

describe('review fixes', () => {
  const run = (platformId: string, words: string) =>
    h.core.runCommand({ workspaceId: h.workspace.id, platformId, text: words, channelId: null });
  it('a first post sent through the form counts once and is thanked', async () => {
    await h.settings({ digestChannel: 'C1' });
    const a = await h.member({ name: 'A' });
    const submit = () =>
      h.core.submitForm({
        workspaceId: h.workspace.id,
        platformId: a.platformId!,
        kind: 'first_post',
        values: { intro: 'Hello, I work on billing in Osaka.' },
        submissionKey: 'fp1',
      });
    expect((await submit()).ok).toBe(true);
    expect((await submit()).ok).toBe(true);
    expect((await h.repos.activities.byEventId(h.workspace.id, 'form:fp1'))?.kind).toBe('post');
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'story-post' })).toHaveLength(1);
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'first-post-thanks' })).toHaveLength(1);
  });

  it('a reviewer who opted out of invitations still gets moderation requests', async () => {
    await h.settings({ digestChannel: 'C1', moderation: true });
    const a = await h.member({ name: 'A' });
    const ops = await h.member({ name: 'Ops' }, { role: 'ops', optedOut: true });
    await h.core.submitForm({
      workspaceId: h.workspace.id,
      platformId: a.platformId!,
      kind: 'idea',
      values: { title: 'Shared queue', idea: 'One queue for every support desk so nobody waits twice.' },
      submissionKey: 'i1',
    });
    expect((await h.repos.outbox.list(h.workspace.id, { job: 'moderation' })).map((r) => r.recipient.id)).toEqual([
      ops.platformId,
    ]);
  });

  it('a deactivated middle manager does not cut the tree; a deactivated ops member has no rights', async () => {
    const top = await h.member({ name: 'Top' });
    const mid = await h.member({ name: 'Mid' }, { managerId: top.id });
    for (let i = 0; i < 5; i++) await h.member({ name: `R${i}` }, { managerId: mid.id });
    await h.repos.members.update(mid.id, { deactivatedAt: '2026-06-01T00:00:00.000Z' });
    expect(text(await run(top.platformId!, 'stats'))).toContain('Your team (5 people)');
    const gone = await h.member({ name: 'Gone' }, { role: 'ops', deactivatedAt: '2026-06-01T00:00:00.000Z' });
    expect((await run(gone.platformId!, 'purpose set x')).kind).toBe('command-error');
  });
});

describe('moderation: rejecting', () => {
  it('a rejected story is not posted and earns nothing', async () => {
    await h.settings({ digestChannel: 'C1', moderation: true });
    const a = await h.member({ name: 'Aiko' });
    const ops = await h.member({ name: 'Ops' }, { role: 'ops' });
    const values = {
      situation: 'A customer kept waiting',
      action: 'We set up a shared queue',
      result: 'Waits halved in a month',
    };
    await h.core.submitForm({
      workspaceId: h.workspace.id,
      platformId: a.platformId!,
      kind: 'story',
      values,
      submissionKey: 'v9',
    });
    expect((await h.repos.activities.byEventId(h.workspace.id, 'form:v9'))?.kind).toBe('story');
    const submission = (await h.repos.submissions.list(h.workspace.id, 'pending'))[0]!;
    expect(submission.eventId).toBe('form:v9');
    await h.core.handleAction({
      workspaceId: h.workspace.id,
      platformId: ops.platformId!,
      actionId: 'hiroba.moderation.reject',
      value: String(submission.id),
    });
    expect((await h.repos.submissions.get(submission.id))?.status).toBe('rejected');
    expect(await h.repos.activities.byEventId(h.workspace.id, 'form:v9')).toBeNull();
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'story-post' })).toHaveLength(0);
    const again = await h.core.handleAction({
      workspaceId: h.workspace.id,
      platformId: ops.platformId!,
      actionId: 'hiroba.moderation.approve',
      value: String(submission.id),
    });
    expect(again?.kind).toBe('command-error');
    // The same submission delivered again is not taken again.
    await h.core.submitForm({
      workspaceId: h.workspace.id,
      platformId: a.platformId!,
      kind: 'story',
      values,
      submissionKey: 'v9',
    });
    expect(await h.repos.submissions.list(h.workspace.id)).toHaveLength(1);
    expect(await h.repos.activities.byEventId(h.workspace.id, 'form:v9')).toBeNull();
  });
});

describe('directory and joins', () => {
  it('a sync deactivates members the platform no longer lists, and keeps imported departments', async () => {
    const a = await h.member({ name: 'A', department: 'Sales' });
    await h.member({ name: 'B' });
    const result = await h.core.syncDirectory(h.workspace.id, [{ platformId: a.platformId, name: 'A. Renamed' }]);
    expect(result).toEqual({ created: 0, updated: 1, deactivated: 1 });
    expect(await h.repos.members.get(a.id)).toMatchObject({
      name: 'A. Renamed',
      department: 'Sales',
      deactivatedAt: null,
    });
  });

  it('welcomes a member who joins a counted channel once, and not in another channel', async () => {
    const a = await h.member({ name: 'A' });
    await h.core.memberJoined(h.workspace.id, a.platformId!, 'C9');
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'welcome' })).toHaveLength(0);
    await h.core.memberJoined(h.workspace.id, a.platformId!, 'C1');
    await h.core.memberJoined(h.workspace.id, a.platformId!, null);
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'welcome' })).toHaveLength(1);
  });

  it('the home page shows the own score', async () => {
    const a = await h.member({ name: 'A' });
    await act(a.platformId!, 'e1');
    const home = await h.core.home({ workspaceId: h.workspace.id, platformId: a.platformId! });
    expect(messageSchema.parse(home).kind).toBe('member-home');
    expect(messageToPlainText(home)).toContain('100');
  });
});
