import { describe, expect, it } from 'vitest';
import { installationOf, isForeignMember, isForeignTeam } from '../../src/slack/installation.js';
import { toCoreEvent } from '../../src/slack/to-core-event.js';
import {
  connectMessage,
  GRID,
  OURS,
  orgInstall,
  PARTNER,
  workspaceInstall,
} from '../fixtures/slack/connect-and-grid.js';

const BOT = 'U0HIROBOT1';

describe('installationOf', () => {
  it("prefers Bolt's context, then authorizations[0], then the envelope", () => {
    const body = connectMessage({
      user: 'U0ALICE001',
      userTeam: OURS.team,
      channel: 'C0SNS00001',
      ts: '1764000000.000100',
      envelopeTeam: PARTNER.team,
      authorization: workspaceInstall(BOT),
      eventId: 'Ev1',
    });
    expect(installationOf(body)).toEqual({ teamId: OURS.team, enterpriseId: null, isEnterpriseInstall: false });
    expect(installationOf(body, { teamId: 'T0FROMBOLT', enterpriseId: 'E0X', isEnterpriseInstall: true })).toEqual({
      teamId: 'T0FROMBOLT',
      enterpriseId: 'E0X',
      isEnterpriseInstall: true,
    });
    expect(installationOf({ team_id: 'T0ONLY0001' })).toMatchObject({ teamId: 'T0ONLY0001' });
    expect(installationOf({})).toBeNull();
  });

  it('an org-wide install has no team in authorizations: the envelope names the workspace, the org comes along', () => {
    const body = connectMessage({
      user: GRID.user,
      userTeam: GRID.siblingTeam,
      channel: 'C0SNS00001',
      ts: '1764000000.000100',
      envelopeTeam: GRID.siblingTeam,
      enterprise: OURS.enterprise,
      authorization: orgInstall(BOT),
      eventId: 'Ev2',
    });
    const installation = installationOf(body);
    expect(installation).toEqual({
      teamId: GRID.siblingTeam,
      enterpriseId: OURS.enterprise,
      isEnterpriseInstall: true,
    });
    expect(isForeignTeam(body, installation!)).toBe(false);
    expect(isForeignTeam({ ...body, enterprise_id: PARTNER.enterprise }, installation!)).toBe(true);
  });
});

describe('isForeignMember', () => {
  const plain = { teamId: OURS.team, enterpriseId: null, isEnterpriseInstall: false };
  const grid = { teamId: OURS.team, enterpriseId: OURS.enterprise, isEnterpriseInstall: false };
  it('outside Grid: another team is foreign; no team said decides nothing', () => {
    expect(isForeignMember(plain, { team: PARTNER.team })).toBe(true);
    expect(isForeignMember(plain, { team: OURS.team })).toBe(false);
    expect(isForeignMember(plain, {})).toBe(false);
  });
  it('inside Grid: only the org decides; a complete user object without our org is foreign', () => {
    expect(isForeignMember(grid, { team: GRID.siblingTeam })).toBe(false);
    expect(isForeignMember(grid, { team: GRID.siblingTeam, enterpriseId: OURS.enterprise }, true)).toBe(false);
    expect(isForeignMember(grid, { team: PARTNER.team, enterpriseId: PARTNER.enterprise })).toBe(true);
    expect(isForeignMember(grid, { team: PARTNER.team }, true)).toBe(true);
  });
});

describe('toCoreEvent with the installation', () => {
  it("maps a colleague's shared-channel message to the installation's team, and a partner's to foreign_member", () => {
    const ours = connectMessage({
      user: 'U0ALICE001',
      userTeam: OURS.team,
      channel: 'C0SNS00001',
      ts: '1764000000.000100',
      envelopeTeam: PARTNER.team,
      authorization: workspaceInstall(BOT),
      eventId: 'Ev3',
    });
    const installation = installationOf(ours);
    expect(toCoreEvent(ours, {}, installation)).toMatchObject({ type: 'activity', teamId: OURS.team });
    const theirs = { ...ours, event: { ...ours.event, user: PARTNER.user, user_team: PARTNER.team } };
    expect(toCoreEvent(theirs, {}, installation)).toMatchObject({ type: 'ignored', reason: 'foreign_member' });
    const change = {
      ...ours,
      event: { type: 'user_change', user: { id: PARTNER.user, team_id: PARTNER.team, name: 'p' } },
    };
    expect(toCoreEvent(change, {}, installation)).toMatchObject({ type: 'ignored', reason: 'foreign_member' });
  });
});
