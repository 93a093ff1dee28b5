import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Message, messageSchema, messageToPlainText } from '../../../src/core/message.js';
import type { Member } from '../../../src/core/types.js';
import { renderBlocks } from '../../../src/slack/render.js';
import { renderCard } from '../../../src/teams/render.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
const text = (m: Message): string => messageToPlainText(messageSchema.parse(m));
const run = (platformId: string, words: string, channelId: string | null = null) =>
  h.core.runCommand({ workspaceId: h.workspace.id, platformId, text: words, channelId });
const entries = async () => (await h.repos.audit.latest(h.workspace.id, 200)).reverse();

let admin: Member;
let ops: Member;
let member: Member;

beforeEach(async () => {
  h = await createHarness({ admins: ['boss@example.com'] });
  await h.settings({ locale: 'en', timezone: 'Asia/Tokyo' });
  admin = await h.member({ name: 'Admin', platformId: 'U1' }, { role: 'admin' });
  ops = await h.member({ name: 'Olive Ops', platformId: 'U2', email: 'olive@example.com' }, { role: 'ops' });
  member = await h.member({ name: 'Mia Member', platformId: 'U3', email: 'mia@example.com', department: 'Sales' });
});
afterEach(() => h.close());

describe('the audit trail', () => {
  it('records every ops and admin command with who, what and when, and no member command', async () => {
    await run('U3', 'stats');
    await run('U3', 'optout');
    await run('U2', 'channels add <#C7|social>');
    await run('U2', 'purpose set Share what worked, in a few lines, every week');
    await run('U2', 'inactive');
    expect((await entries()).map((e) => ({ actor: e.actorMemberId, command: e.command, summary: e.summary }))).toEqual([
      { actor: ops.id, command: 'channels.add', summary: { channel: 'C7', outcome: 'done' } },
      // The text ops typed is not kept, only how long it was.
      { actor: ops.id, command: 'purpose.set', summary: { textLength: 45, outcome: 'done' } },
      {
        actor: ops.id,
        command: 'inactive',
        summary: { group: null, state: null, page: 1, csv: false, outcome: 'done' },
      },
    ]);
    expect((await entries())[0]?.at).toBe('2026-11-24T03:00:00.000Z');
  });

  it('keeps a person named as a group by id only, and a department by name', async () => {
    await run('U2', 'inactive Mia Member');
    await run('U2', 'inactive Sales');
    expect((await entries()).map((e) => [e.targetMemberId, e.summary.group])).toEqual([
      [member.id, undefined],
      [null, 'Sales'],
    ]);
    expect(JSON.stringify(await entries())).not.toContain('Mia');
  });

  it('records role changes with the target and the roles before and after, in one transaction with the change', async () => {
    await run('U1', 'role grant ops mia@example.com');
    await run('U1', 'role revoke ops <@U3>');
    expect((await entries()).map((e) => [e.command, e.targetMemberId, e.summary])).toEqual([
      ['role.grant', member.id, { from: 'member', to: 'ops', outcome: 'done' }],
      ['role.revoke', member.id, { from: 'ops', to: 'member', outcome: 'done' }],
    ]);
    h.db.exec('DROP TABLE audit_log');
    expect((await run('U1', 'role grant admin <@U3>')).kind).toBe('command-error');
    expect((await h.repos.members.get(member.id))?.role).toBe('member');
  });

  it('records a role the directory grants (a platform admin, HIROBA_ADMINS) with no actor', async () => {
    const boss = await h.core.upsertMember(h.workspace.id, {
      platformId: 'U9',
      name: 'Boss',
      email: 'boss@example.com',
    });
    await h.core.syncDirectory(h.workspace.id, [
      { platformId: 'U1', name: 'Admin' },
      { platformId: 'U2', name: 'Olive Ops' },
      { platformId: 'U3', name: 'Mia Member', isPlatformAdmin: true },
      { platformId: 'U9', name: 'Boss', email: 'boss@example.com' },
    ]);
    expect((await entries()).map((e) => [e.actorMemberId, e.command, e.targetMemberId, e.summary])).toEqual([
      [null, 'role.directory', boss.id, { from: null, to: 'admin', via: 'configured-admin', outcome: 'done' }],
      [null, 'role.directory', member.id, { from: 'member', to: 'admin', via: 'platform-admin', outcome: 'done' }],
    ]);
  });

  it('records a story review decision with the author as the one it was about', async () => {
    await h.settings({ digestChannel: 'C1', moderation: true });
    const fields = {
      situation: 'A long enough situation',
      action: 'A long enough action',
      result: 'A long enough result',
    };
    for (const key of ['s1', 's2'])
      await h.core.submitForm({
        workspaceId: h.workspace.id,
        platformId: 'U3',
        kind: 'story',
        values: fields,
        submissionKey: key,
      });
    const [first, second] = await h.repos.submissions.list(h.workspace.id, 'pending');
    for (const [actionId, s] of [
      ['hiroba.moderation.approve', first],
      ['hiroba.moderation.reject', second],
    ] as const)
      await h.core.handleAction({ workspaceId: h.workspace.id, platformId: 'U2', actionId, value: String(s?.id) });
    expect((await entries()).map((e) => [e.actorMemberId, e.command, e.targetMemberId, e.summary])).toEqual([
      [ops.id, 'moderation.approve', member.id, { submission: first?.id, kind: 'story', outcome: 'done' }],
      [ops.id, 'moderation.reject', member.id, { submission: second?.id, kind: 'story', outcome: 'done' }],
    ]);
    expect(text(await run('U1', 'audit'))).toContain('Olive Ops: story rejected → Mia Member');
  });

  it('records refusals, previews, confirmations and cancellations', async () => {
    await run('U3', 'channels add <#C7|social>');
    await run('U2', 'role grant ops <@U3>');
    await run('U1', 'forget <@U404>');
    await run('U1', 'forget <@U3>');
    await run('U1', 'cancel');
    await run('U2', 'rollout departments add Sales');
    await run('U2', 'confirm');
    expect((await entries()).map((e) => `${e.actorMemberId}:${e.command}:${e.summary.outcome}`)).toEqual([
      `${member.id}:channels.add:forbidden`,
      `${ops.id}:role.grant:forbidden`,
      `${admin.id}:forget:refused`,
      `${admin.id}:forget:previewed`,
      `${admin.id}:forget:cancelled`,
      `${ops.id}:rollout.departments.add:previewed`,
      `${ops.id}:rollout.departments.add:done`,
    ]);
    expect((await entries())[6]?.summary.department).toBe('Sales');
    expect((await entries())[2]?.summary.member).toBe('unresolved');
  });

  it('audit shows the newest n with who, what and when in the workspace zone; admins only', async () => {
    await run('U1', 'role grant ops <@U3>');
    h.clock.set('2026-11-24T05:30:00.000Z');
    await run('U2', 'schedule set digest 0 15 * * 5');
    h.clock.set('2026-11-25T00:00:00.000Z');
    const all = text(await run('U1', 'audit'));
    expect(all).toContain('Audit log (newest 2)');
    expect(all).toContain('2026-11-24 14:30 Olive Ops: schedule set (job=digest cron=0 15 * * 5) (done)');
    expect(all).toContain('2026-11-24 12:00 Admin: role grant → Mia Member (from=member to=ops) (done)');
    expect(all.indexOf('schedule set')).toBeLessThan(all.indexOf('role grant'));
    const one = text(await run('U1', '監査ログ 1'));
    expect(one).toContain('(newest 1)');
    expect(one).toContain('audit'); // the previous `audit` is itself recorded
    expect((await run('U2', 'audit')).kind).toBe('command-error');
    expect(text(await run('U1', 'audit 500'))).toContain('Give a number from 1 to 200');
  });

  it('shows 200 entries on both platforms, within their message limits', async () => {
    for (let i = 0; i < 210; i++) await run('U2', 'reach');
    const answer = await run('U1', 'audit 200');
    const lists = answer.blocks.filter((b) => b.type === 'list');
    expect(lists.flatMap((b) => (b.type === 'list' ? b.items : []))).toHaveLength(200);
    expect(lists.every((b) => b.type === 'list' && b.items.length <= 25)).toBe(true);
    // Slack: within 50 blocks and nothing cut to "and N more".
    const slack = renderBlocks(answer, 'en');
    expect(slack.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack)).not.toMatch(/and \d+ more/u);
    expect(JSON.stringify(slack).match(/reach/gu)).toHaveLength(200);
    // Teams: one card under its size limit; how many lines it keeps is measured, not assumed.
    const card = JSON.stringify(renderCard(answer, 'en'));
    expect(Buffer.byteLength(card)).toBeLessThan(28_000);
    expect(card.match(/reach/gu)?.length ?? 0).toBeGreaterThanOrEqual(100);
    expect(text(await run('U1', 'audit'))).toContain('(newest 20)');
  });

  it('names an erased member as erased, never by their old name', async () => {
    await run('U1', 'role grant ops <@U3>');
    await run('U1', 'forget <@U3>');
    await run('U1', 'confirm');
    const shown = text(await run('U1', 'audit'));
    expect(shown).toContain(`role grant → erased member (#${member.id})`);
    expect(shown).toContain(`forget → erased member (#${member.id})`);
    expect(shown).not.toContain('Mia');
  });
});
