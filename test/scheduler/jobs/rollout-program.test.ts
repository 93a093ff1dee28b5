import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import type { Member } from '../../../src/core/types.js';
import { runJob } from '../../../src/scheduler/job-runner.js';
import { ideaCallJob, nudgesJob, storyPromptsJob } from '../../../src/scheduler/jobs/program-jobs.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
const DAY = 86_400_000;
beforeEach(async () => {
  // Monday 2026-11-23 09:00 JST
  h = await createHarness({ now: '2026-11-23T00:00:00.000Z', admins: ['ops@example.com'] });
  await h.settings({
    countedChannels: ['C1'],
    digestChannel: 'C1',
    locale: 'ja',
    purpose: '学び合う場です',
    rules: '敬意を',
  });
});
afterEach(() => h.close());

const run = (job: Parameters<typeof runJob>[1]) => runJob({ repos: h.repos }, job, h.workspace, { now: h.clock.now() });
const ops = () => ({ workspaceId: h.workspace.id, platformId: 'UOPS' });
const dms = async (job: string, platformId: string) =>
  (await h.repos.outbox.list(h.workspace.id, { job })).filter((r) => r.recipient.id === platformId);

let people = 0;
function person(name: string, department: string, extra: { isExecutive?: boolean } = {}) {
  people += 1;
  return h.core.upsertMember(h.workspace.id, {
    platformId: `U-${name}`,
    name,
    email: `person${people}@example.com`,
    department,
    ...extra,
  });
}

describe('the rollout is a program', () => {
  it('a department added gets the kick-off, the channel an announcement, and "never posted" counts from then', async () => {
    await h.core.upsertMember(h.workspace.id, { platformId: 'UOPS', name: '運用 太郎', email: 'ops@example.com' });
    const sales: Member[] = [];
    for (let i = 0; i < 6; i++) sales.push(await person(`営業${i}`, '営業部'));
    await h.core.runCommand({ ...ops(), text: 'rollout pilot add ops@example.com' });
    // Imported months ago, but not in the rollout: no kick-off, no nudge.
    h.store.sqlite!.prepare("UPDATE members SET joined_at = '2026-01-01T00:00:00.000Z'").run();
    expect(await dms('welcome', 'U-営業0')).toHaveLength(0);
    // Bulk steps are previewed; each runs when ops confirm it.
    await h.core.runCommand({ ...ops(), text: 'rollout departments add 営業部' });
    await h.core.runCommand({ ...ops(), text: 'confirm' });
    await h.core.runCommand({ ...ops(), text: 'rollout advance' });
    await h.core.runCommand({ ...ops(), text: 'confirm' });
    for (const m of sales) {
      const [kickoff] = await dms('welcome', m.platformId ?? '');
      const text = messageToPlainText(kickoff?.message ?? { kind: 'x', blocks: [], fallback: 'x' });
      expect(text).toContain('学び合う場です');
      expect(text).toContain('敬意を');
      expect(text).toContain('運用担当者の運用 太郎さん');
    }
    const announcements = await h.repos.outbox.list(h.workspace.id, { job: 'rollout-announcement' });
    expect(announcements.map((r) => r.message.title)).toEqual([
      '社内SNSのパイロット運用を始めます',
      '営業部の皆さんが社内SNSに加わりました',
    ]);
    // Two days later: nobody in sales is "never posted" yet, so no nudge.
    h.clock.set(new Date(h.clock.now().getTime() + 2 * DAY + 3_600_000).toISOString());
    expect((await run(nudgesJob)).enqueued).toBe(0);
    // Eight days after inclusion they are, and the ladder starts.
    h.clock.set(new Date(h.clock.now().getTime() + 7 * DAY).toISOString());
    expect((await run(nudgesJob)).enqueued).toBe(6);
  });

  it('executives and ops are never nudged, and get no nudge state', async () => {
    await h.settings({ rolloutPhase: 'company' });
    const boss = await h.member({ name: '社長', isExecutive: true });
    const op = await h.member({ name: '運用' }, { role: 'ops' });
    const staff = await h.member({ name: '社員' });
    const result = await run(nudgesJob);
    expect(result.enqueued).toBe(1);
    expect(await dms('nudges', staff.platformId ?? '')).toHaveLength(1);
    expect(await dms('nudges', boss.platformId ?? '')).toHaveLength(0);
    expect(await dms('nudges', op.platformId ?? '')).toHaveLength(0);
  });

  it('the 90-day rest after the third step stops story prompts and idea calls too', async () => {
    await h.settings({ rolloutPhase: 'company' });
    const quiet = await h.member({ name: '静か' });
    await h.repos.nudges.save({
      memberId: quiet.id,
      step: 3,
      lastNudgedAt: '2026-11-10T01:00:00.000Z',
      restUntil: '2027-02-08T01:00:00.000Z',
    });
    // Second Wednesday of December, inside the rest: no idea call.
    h.clock.set('2026-12-09T02:00:00.000Z');
    await run(ideaCallJob);
    // Every slice while resting (a story prompt goes to each slice once in 13 weeks; the rest covers 11).
    for (let week = 0; week < 11; week += 1) {
      h.clock.set(new Date(Date.parse('2026-11-24T02:00:00.000Z') + week * 7 * DAY).toISOString());
      await run(storyPromptsJob);
    }
    expect(await dms('story-prompts', quiet.platformId ?? '')).toHaveLength(0);
    expect(await dms('idea-call', quiet.platformId ?? '')).toHaveLength(0);
  });

  it('a first reply is thanked, once, after the kick-off', async () => {
    await h.settings({ rolloutPhase: 'company' });
    const a = await person('青木', '営業部');
    const b = await person('馬場', '開発部');
    const post = (id: string, who: string, kind: 'post' | 'reply', target?: string) =>
      h.core.recordActivity({
        workspaceId: h.workspace.id,
        eventId: id,
        kind,
        memberPlatformId: who,
        channelId: 'C1',
        targetPlatformId: target ?? null,
        occurredAt: h.clock.now().toISOString(),
      });
    await post('e1', a.platformId ?? '', 'post');
    h.clock.set('2026-11-23T01:00:00.000Z');
    await post('e2', b.platformId ?? '', 'reply', a.platformId ?? '');
    h.clock.set('2026-11-23T02:00:00.000Z');
    await post('e3', b.platformId ?? '', 'reply', a.platformId ?? '');
    const rows = (await h.repos.outbox.list(h.workspace.id)).filter((r) => r.recipient.id === b.platformId);
    expect(rows.map((r) => r.job)).toEqual(['welcome', 'first-post-thanks']);
    expect(rows[1]?.message.title).toBe('はじめての返信、ありがとうございます');
  });

  it('rollout status compares the pilot with the rest and says what the pilot still lacks', async () => {
    await h.core.upsertMember(h.workspace.id, { platformId: 'UOPS', name: '運用 太郎', email: 'ops@example.com' });
    const pilots: Member[] = [];
    for (let i = 0; i < 5; i++) pilots.push(await person(`パイロット${i}`, '人事部'));
    for (const p of pilots) await h.core.runCommand({ ...ops(), text: `rollout pilot add ${p.email}` });
    for (let i = 0; i < 6; i++) await person(`その他${i}`, '営業部');
    for (const [i, p] of pilots.slice(0, 2).entries())
      await h.core.recordActivity({
        workspaceId: h.workspace.id,
        eventId: `p${i}`,
        kind: 'post',
        memberPlatformId: p.platformId ?? '',
        channelId: 'C1',
        occurredAt: h.clock.now().toISOString(),
      });
    h.clock.set('2026-11-24T00:00:00.000Z');
    const text = messageToPlainText(await h.core.runCommand({ ...ops(), text: 'rollout status' }));
    // Five pilot members, two of them posted: 40%.
    expect(text).toContain('パイロット：参加率40%');
    expect(text).toContain('その他の方：参加率0%');
    expect(text).toContain('次のフェーズ（段階展開）に進む前に、次の基準を満たしていません');
    expect(text).toContain('成功事例：現在0件（基準1件）');
    await h.settings({ pilotReadiness: { participation: 0.3, reach: 0.3, crossDepartment: 0, stories: 0 } });
    const ready = messageToPlainText(await h.core.runCommand({ ...ops(), text: 'rollout status' }));
    expect(ready).toContain('次のフェーズ（段階展開）に進める状態です');
  });
});

describe('rollout readiness: ops set when the pilot is ready', () => {
  const say = async (text: string) => messageToPlainText(await h.core.runCommand({ ...ops(), text }));
  const readiness = () => h.workspace.settings.pilotReadiness;
  beforeEach(async () => {
    await h.core.upsertMember(h.workspace.id, { platformId: 'UOPS', name: '運用 太郎', email: 'ops@example.com' });
  });

  it('sets the thresholds named, in English or Japanese words, and keeps the others', async () => {
    const reply = await say('rollout readiness participation 40% reach 60% cross 25% stories 3');
    expect(readiness()).toEqual({ participation: 0.4, reach: 0.6, crossDepartment: 0.25, stories: 3 });
    expect(reply).toContain('パイロットの移行基準を変更しました');
    expect(reply).toContain('参加率：40%以上（今回変更）');
    expect(reply).toContain('成功事例：3件以上（今回変更）');
    await say('展開 基準 参加率 50％ 事例 2件');
    expect(readiness()).toEqual({ participation: 0.5, reach: 0.6, crossDepartment: 0.25, stories: 2 });
    const joined = await say('rollout readiness 部署横断=10% reach:70');
    expect(readiness()).toEqual({ participation: 0.5, reach: 0.7, crossDepartment: 0.1, stories: 2 });
    expect(joined).toContain('参加率：50%以上');
    expect(joined).not.toContain('参加率：50%以上（今回変更）');
    expect(joined).toContain('部署をこえた交流：10%以上（今回変更）');
  });

  it('without values shows them; default puts them back', async () => {
    await say('rollout readiness stories 4');
    const shown = await say('rollout readiness');
    expect(shown).toContain('パイロットの移行基準（直近7日間）');
    expect(shown).toContain('成功事例：4件以上');
    expect(shown).toContain('参加率：30%以上');
    await say('展開 基準 既定値');
    expect(readiness()).toEqual({ participation: 0.3, reach: 0.5, crossDepartment: 0.2, stories: 1 });
  });

  it('refuses what it cannot read with a clear error, and changes nothing', async () => {
    const before = readiness();
    const cases: [string, string][] = [
      ['rollout readiness participation 140%', '「participation 140%」は基準として指定できません'],
      ['rollout readiness participation 0.4', '「participation 0.4」は基準として指定できません'],
      ['rollout readiness speed 3', '「speed」は基準として指定できません'],
      ['rollout readiness stories 3 stories 4', '「stories 4」は基準として指定できません'],
      ['rollout readiness stories -1', '「stories -1」は基準として指定できません'],
      ['rollout readiness reach', '「reach」に続けて値を指定してください'],
      ['rollout readiness default participation 40%', '「participation」は不要です'],
    ];
    for (const [text, error] of cases) {
      const reply = await say(text);
      expect(reply, text).toContain(error);
      expect(reply, text).toContain('rollout readiness [participation 40%]');
      expect(readiness(), text).toEqual(before);
    }
  });

  it('members may not change them; rollout status shows them and judges by them; help lists the command', async () => {
    const member = await h.member({ name: '一般 太郎' });
    const refused = messageToPlainText(
      await h.core.runCommand({
        workspaceId: h.workspace.id,
        platformId: member.platformId ?? '',
        text: 'rollout readiness stories 0',
      }),
    );
    expect(refused).toContain('運用担当者');
    expect(readiness().stories).toBe(1);
    const pilots: Member[] = [];
    for (let i = 0; i < 5; i++) pilots.push(await person(`先行${i}`, '人事部'));
    for (const p of pilots) await say(`rollout pilot add ${p.email}`);
    for (const [i, p] of pilots.slice(0, 2).entries())
      await h.core.recordActivity({
        workspaceId: h.workspace.id,
        eventId: `r${i}`,
        kind: 'post',
        memberPlatformId: p.platformId ?? '',
        channelId: 'C1',
        occurredAt: h.clock.now().toISOString(),
      });
    h.clock.set('2026-11-24T00:00:00.000Z');
    await say('rollout readiness participation 40% reach 40% cross 0% stories 0');
    const ready = await say('rollout status');
    expect(ready).toContain('次のフェーズに進む基準');
    expect(ready).toContain('参加率：40%以上');
    expect(ready).toContain('次のフェーズ（段階展開）に進める状態です');
    await say('rollout readiness participation 41%');
    const notYet = await say('rollout status');
    expect(notYet).toContain('参加率：現在40%（基準41%）');
    expect(await say('help')).toContain('rollout readiness [participation 40%]');
  });
});

describe('the rollout program runs after rollout commands only', () => {
  it('help and stats include nobody; a rollout step includes the newly covered once ops confirm it', async () => {
    await h.core.upsertMember(h.workspace.id, { platformId: 'UOPS', name: '運用 太郎', email: 'ops@example.com' });
    await h.settings({ rolloutPhase: 'expansion' });
    const sales = await h.member(
      { name: '営業 花子', department: '営業部', email: 'sales@example.com' },
      { includedAt: null },
    );
    const includedAt = async () => (await h.repos.members.get(sales.id))?.includedAt ?? null;
    for (const text of ['help', 'stats', 'rollout status', 'rollout departments add 営業部']) {
      await h.core.runCommand({ ...ops(), text });
      expect(await includedAt(), text).toBeNull();
    }
    expect(await dms('welcome', sales.platformId ?? '')).toHaveLength(0);
    await h.core.runCommand({ ...ops(), text: 'confirm' });
    expect(await includedAt()).toBe(h.clock.now().toISOString());
    expect(await dms('welcome', sales.platformId ?? '')).toHaveLength(1);
    expect(await h.repos.outbox.list(h.workspace.id, { job: 'rollout-announcement' })).toHaveLength(1);
  });

  it('help and stats read nobody into the rollout, even someone the phase covers who was not included yet', async () => {
    await h.core.upsertMember(h.workspace.id, { platformId: 'UOPS', name: '運用 太郎', email: 'ops@example.com' });
    await h.settings({ rolloutPhase: 'company' });
    const late = await h.member({ name: '遅参 次郎', department: '営業部' }, { includedAt: null });
    for (const text of ['help', 'stats', 'purpose show', 'reach']) {
      await h.core.runCommand({ ...ops(), text });
      expect((await h.repos.members.get(late.id))?.includedAt, text).toBeNull();
    }
    await h.core.runCommand({ ...ops(), text: 'rollout pilot add ops@example.com' });
    expect((await h.repos.members.get(late.id))?.includedAt).toBe(h.clock.now().toISOString());
  });

  it('a pilot member added is included at once, without a confirmation', async () => {
    await h.core.upsertMember(h.workspace.id, { platformId: 'UOPS', name: '運用 太郎', email: 'ops@example.com' });
    const pilot = await h.member(
      { name: '先行 一郎', department: '人事部', email: 'pilot@example.com' },
      { includedAt: null },
    );
    await h.core.runCommand({ ...ops(), text: 'help' });
    expect((await h.repos.members.get(pilot.id))?.includedAt).toBeNull();
    await h.core.runCommand({ ...ops(), text: 'rollout pilot add pilot@example.com' });
    expect((await h.repos.members.get(pilot.id))?.includedAt).toBe(h.clock.now().toISOString());
    expect(await dms('welcome', pilot.platformId ?? '')).toHaveLength(1);
  });

  it('only the rollout commands are marked to run the rollout program', async () => {
    const { createCommandRegistry } = await import('../../../src/core/commands/registry.js');
    const marked = createCommandRegistry()
      .definitions.filter((d) => d.changesRollout)
      .map((d) => d.id);
    expect(marked.sort()).toEqual([
      'rollout.advance',
      'rollout.departments.add',
      'rollout.departments.remove',
      'rollout.pilot.add',
      'rollout.pilot.remove',
    ]);
  });
});

describe('privacy says what it does', () => {
  it('privacy manager-names on|off says exactly what it opens, and members read the same in their App Home', async () => {
    await h.core.upsertMember(h.workspace.id, { platformId: 'UOPS', name: '運用 太郎', email: 'ops@example.com' });
    const boss = await person('上司', '営業部');
    const report = await h.core.upsertMember(h.workspace.id, {
      platformId: 'U-R',
      name: '部下',
      email: 'report@example.com',
      manager: boss.email,
    });
    const home = async () =>
      messageToPlainText(await h.core.home({ workspaceId: h.workspace.id, platformId: report.platformId ?? '' }));
    expect(await home()).toContain('マネージャーが見られる内容');
    expect(await home()).toContain('個人のお名前や個人ごとの数値は表示されません');
    const on = messageToPlainText(await h.core.runCommand({ ...ops(), text: 'privacy manager-names on' }));
    expect(on).toContain('しばらく投稿のない方のお名前（マネージャーレポート）');
    expect(on).toContain('配下の方一人ひとりの参加スコアと活動件数（/hiroba stats @メンバー）');
    expect(await home()).toContain('配下の方一人ひとりの参加スコアと活動件数');
    const off = messageToPlainText(await h.core.runCommand({ ...ops(), text: 'privacy manager-names off' }));
    expect(off).toContain('個人のお名前や個人ごとの数値は表示されません');
    expect(off).not.toContain('/hiroba stats @メンバー');
  });
});
