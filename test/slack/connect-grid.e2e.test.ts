import { afterEach, describe, expect, it } from 'vitest';
import {
  connectMessage,
  connectReaction,
  GRID,
  OURS,
  orgInstall,
  PARTNER,
  workspaceInstall,
} from '../fixtures/slack/connect-and-grid.js';
import { DEFAULT_USERS, Harness, PEOPLE, SNS, tsAt } from './harness.js';
import { BOT, TEAM } from './payloads.js';

const AT = '2026-11-24T01:30:00Z';

describe('Slack Connect and Enterprise Grid payloads, through the real Bolt receiver', () => {
  let h: Harness;
  afterEach(async () => {
    expect(h.fake.violations).toEqual([]);
    await h.close();
  });

  it("counts a colleague's message in a shared channel in the installation's workspace, even when the envelope names the partner's team", async () => {
    expect(OURS.team).toBe(TEAM.id);
    h = await Harness.start({ settings: { countedChannels: [SNS] } });
    const ts = tsAt(AT);
    const body = connectMessage({
      user: PEOPLE.alice,
      userTeam: OURS.team,
      channel: SNS,
      ts,
      envelopeTeam: PARTNER.team,
      authorization: workspaceInstall(BOT.userId),
      eventId: 'Ev0CONNECT01',
    });
    expect((await h.signed(JSON.stringify(body))).status).toBe(200);
    expect(await h.activity(`msg:${SNS}:${ts}`)).toMatchObject({ kind: 'post', member: PEOPLE.alice });
    expect(await h.store.repos.workspaces.find('slack', PARTNER.team)).toBeNull();
  });

  it("ignores a partner's message (user_team is theirs): no member, no activity, no lookup, no workspace", async () => {
    h = await Harness.start({ settings: { countedChannels: [SNS] } });
    const before = (await h.store.repos.members.list((await h.workspace()).id)).length;
    const ts = tsAt(AT);
    const body = connectMessage({
      user: PARTNER.user,
      userTeam: PARTNER.team,
      channel: SNS,
      ts,
      envelopeTeam: PARTNER.team,
      authorization: workspaceInstall(BOT.userId),
      eventId: 'Ev0CONNECT02',
    });
    expect((await h.signed(JSON.stringify(body))).status).toBe(200);
    expect(await h.activity(`msg:${SNS}:${ts}`)).toBeNull();
    expect(await h.store.repos.members.byPlatformId((await h.workspace()).id, PARTNER.user)).toBeNull();
    expect(await h.store.repos.members.list((await h.workspace()).id)).toHaveLength(before);
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
    expect(await h.store.repos.workspaces.find('slack', PARTNER.team)).toBeNull();
  });

  it("looks a partner's reaction up (the payload names no team) and ignores it: users.info says another team", async () => {
    h = await Harness.start({
      settings: { countedChannels: [SNS] },
      users: [...DEFAULT_USERS, { id: PARTNER.user, name: 'Partner Person', teamId: PARTNER.team, unlisted: true }],
    });
    const ts = tsAt(AT);
    const body = connectReaction({
      user: PARTNER.user,
      itemUser: PEOPLE.alice,
      channel: SNS,
      ts,
      eventTs: tsAt('2026-11-24T01:35:00Z'),
      envelopeTeam: OURS.team,
      authorization: workspaceInstall(BOT.userId),
      eventId: 'Ev0CONNECT03',
    });
    expect((await h.signed(JSON.stringify(body))).status).toBe(200);
    expect(h.fake.callsTo('users.info').map((c) => c.params.user)).toEqual([PARTNER.user]);
    expect(await h.store.repos.members.byPlatformId((await h.workspace()).id, PARTNER.user)).toBeNull();
    expect(await h.activityCount()).toBe(0);
    expect(await h.store.repos.pendingActivities.list((await h.workspace()).id)).toEqual([]);
  });

  it('Enterprise Grid, workspace install: enterprise_id in the envelope and org-level W… user ids count', async () => {
    h = await Harness.start({
      settings: { countedChannels: [SNS] },
      users: [
        ...DEFAULT_USERS,
        { id: GRID.user, name: 'Grid Person', email: 'grid@example.co.jp', enterpriseId: OURS.enterprise },
      ],
    });
    const ts = tsAt(AT);
    const body = connectMessage({
      user: GRID.user,
      userTeam: OURS.team,
      channel: SNS,
      ts,
      envelopeTeam: OURS.team,
      enterprise: OURS.enterprise,
      authorization: workspaceInstall(BOT.userId, OURS.enterprise),
      eventId: 'Ev0GRID00001',
      shared: false,
    });
    expect((await h.signed(JSON.stringify(body))).status).toBe(200);
    expect(await h.activity(`msg:${SNS}:${ts}`)).toMatchObject({ kind: 'post', member: GRID.user });
  });

  it('Enterprise Grid: a colleague from a sibling workspace is looked up, recognised by the org, and counted', async () => {
    h = await Harness.start({
      settings: { countedChannels: [SNS] },
      users: [
        ...DEFAULT_USERS,
        {
          id: 'W0SIBLING01',
          name: 'Sibling Person',
          email: 'sibling@example.co.jp',
          teamId: GRID.siblingTeam,
          enterpriseId: OURS.enterprise,
          unlisted: true,
        },
      ],
    });
    const ts = tsAt(AT);
    const body = connectMessage({
      user: 'W0SIBLING01',
      userTeam: GRID.siblingTeam,
      channel: SNS,
      ts,
      envelopeTeam: OURS.team,
      enterprise: OURS.enterprise,
      authorization: workspaceInstall(BOT.userId, OURS.enterprise),
      eventId: 'Ev0GRID00002',
    });
    expect((await h.signed(JSON.stringify(body))).status).toBe(200);
    expect(await h.activity(`msg:${SNS}:${ts}`)).toMatchObject({ kind: 'post', member: 'W0SIBLING01' });
    expect((await h.store.repos.members.byPlatformId((await h.workspace()).id, 'W0SIBLING01'))?.email).toBe(
      'sibling@example.co.jp',
    );
  });

  it("org-wide install: each of the org's workspaces is its own Hiroba workspace; another org's team never becomes one", async () => {
    h = await Harness.start({
      settings: { countedChannels: [SNS] },
      users: [...DEFAULT_USERS, { id: GRID.user, name: 'Grid Person', enterpriseId: OURS.enterprise, unlisted: true }],
    });
    const sibling = await h.core.workspace('slack', GRID.siblingTeam);
    await h.store.repos.workspaces.updateSettings(sibling.id, { ...sibling.settings, countedChannels: [SNS] });
    const ts = tsAt(AT);
    const ours = connectMessage({
      user: GRID.user,
      userTeam: GRID.siblingTeam,
      channel: SNS,
      ts,
      envelopeTeam: GRID.siblingTeam,
      enterprise: OURS.enterprise,
      authorization: orgInstall(BOT.userId),
      eventId: 'Ev0ORG000001',
      shared: false,
    });
    expect((await h.signed(JSON.stringify(ours))).status).toBe(200);
    const event = await h.store.repos.activities.byEventId(sibling.id, `msg:${SNS}:${ts}`);
    expect(event?.kind).toBe('post');
    expect(await h.store.repos.activities.byEventId((await h.workspace()).id, `msg:${SNS}:${ts}`)).toBeNull();

    const theirs = connectMessage({
      user: PARTNER.user,
      userTeam: PARTNER.team,
      channel: SNS,
      ts: tsAt('2026-11-24T01:40:00Z'),
      envelopeTeam: PARTNER.team,
      enterprise: PARTNER.enterprise,
      authorization: orgInstall(BOT.userId),
      eventId: 'Ev0ORG000002',
    });
    expect((await h.signed(JSON.stringify(theirs))).status).toBe(200);
    expect(await h.store.repos.workspaces.find('slack', PARTNER.team)).toBeNull();
    expect(h.fake.callsTo('users.info').map((c) => c.params.user)).toEqual([GRID.user]);
  });
});
