import { afterEach, describe, expect, it } from 'vitest';
import { conversationIdOnly, executeAction, flatIdsOnly, taskFetch } from '../fixtures/teams/channel-data-variants.js';
import { fixture, IDS } from './fixtures.js';
import { startHarness, type TeamsHarness } from './harness.js';

let h: TeamsHarness;
afterEach(async () => {
  try {
    expect(h.connector.violations).toEqual([]);
  } finally {
    await h.close();
  }
});

const ROSTER = [
  { id: IDS.alice, name: '山田 花子', email: 'hanako.yamada@example.co.jp', tenantId: IDS.tenant, userRole: 'user' },
  { id: IDS.bob, name: '佐藤 健', email: 'ken.sato@example.co.jp', tenantId: IDS.tenant, userRole: 'user' },
  { id: IDS.ops, name: '鈴木 一郎', email: 'ichiro.suzuki@example.co.jp', tenantId: IDS.tenant, userRole: 'user' },
];

async function installed(counted = true): Promise<TeamsHarness> {
  h = await startHarness({ admins: ['ichiro.suzuki@example.co.jp'] });
  h.connector.rosters.set(IDS.team, ROSTER);
  // A channel's roster is its team's: Teams answers member lookups on the channel's id too.
  h.connector.rosters.set(IDS.channel, ROSTER);
  expect((await h.post(fixture('bot-added-to-team'))).status).toBe(200);
  if (counted) await h.settings({ countedChannels: [IDS.channel] });
  return h;
}

const stored = async (eventId: string) => h.repos.activities.byEventId((await h.workspace()).id, eventId);
const memberOf = async (platformId: string) => h.repos.members.byPlatformId((await h.workspace()).id, platformId);

describe.each([
  ['only teamsChannelId / teamsTeamId', flatIdsOnly],
  ['only the conversation id', conversationIdOnly],
])('Teams channel activity whose channelData has %s (real CloudAdapter over HTTP)', (_name, reshape) => {
  it('counts the post, the reply (with its target) and the reaction in the right channel; a delete takes the post back', async () => {
    await installed();
    expect((await h.post(reshape(fixture('channel-message')))).status).toBe(200);
    expect((await h.post(reshape(fixture('channel-reply')))).status).toBe(200);
    expect((await h.post(reshape(fixture('reaction-added')))).status).toBe(200);
    expect((await stored(`msg:${IDS.channel}:${IDS.post}`))?.kind).toBe('post');
    const reply = await stored(`msg:${IDS.channel}:${IDS.reply}`);
    expect(reply?.kind).toBe('reply');
    expect(reply?.targetMemberId).toBe((await memberOf(IDS.alice))?.id);
    const reactions = (
      await h.repos.activities.between((await h.workspace()).id, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')
    ).filter((a) => a.kind === 'reaction');
    expect(reactions).toHaveLength(1);
    expect(reactions[0]?.channelId).toBe(IDS.channel);
    expect((await h.post(reshape(fixture('message-delete')))).status).toBe(200);
    expect(await stored(`msg:${IDS.channel}:${IDS.post}`)).toBeNull();
  });

  it('`@Hiroba channels add` said in the channel adds that channel', async () => {
    await installed(false);
    const command = fixture('mention-command', { text: '<at>Hiroba</at> channels add' });
    command.entities = (command.entities as Array<Record<string, unknown>>).filter(
      (e) => e.type !== 'mention' || (e.mentioned as { id: string }).id === IDS.bot,
    );
    expect((await h.post(reshape(command))).status).toBe(200);
    expect((await h.workspace()).settings.countedChannels).toEqual([IDS.channel]);
  });
});

describe('Teams invoke activities (real CloudAdapter over HTTP)', () => {
  it('answers an invoke Hiroba offers nothing for with 200 and an empty body, never 501', async () => {
    await installed();
    const res = await h.post(taskFetch);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });

  it("answers a card's Action.Execute (adaptiveCard/action) with an invoke response, and runs the action", async () => {
    await installed();
    const res = await h.post(executeAction);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: '承りました。',
    });
    expect((await memberOf(IDS.alice))?.optedOut).toBe(true);
  });
});

describe('a Teams member Hiroba does not know yet', () => {
  it('is looked up (GET …/members/{id}), added with their email, and their post counted', async () => {
    h = await startHarness();
    await h.settings({ countedChannels: [IDS.channel] });
    h.connector.rosters.set(IDS.team, ROSTER);
    expect(await memberOf(IDS.alice)).toBeNull();
    expect((await h.post(fixture('channel-message'))).status).toBe(200);
    expect(h.connector.requests.some((r) => r.method === 'GET' && r.path.includes('/members/'))).toBe(true);
    expect(await memberOf(IDS.alice)).toMatchObject({ name: '山田 花子', email: 'hanako.yamada@example.co.jp' });
    expect((await stored(`msg:${IDS.channel}:${IDS.post}`))?.memberId).toBe((await memberOf(IDS.alice))?.id);
  });

  it('when the lookup fails (HTTP 500) the post is still counted, under the name the activity carries', async () => {
    h = await startHarness();
    await h.settings({ countedChannels: [IDS.channel] });
    h.connector.fail({ match: (r) => r.method === 'GET' && r.path.includes('/members/'), status: 500, times: 5 });
    expect((await h.post(fixture('channel-message'))).status).toBe(200);
    expect(await memberOf(IDS.alice)).toMatchObject({ email: null });
    expect((await stored(`msg:${IDS.channel}:${IDS.post}`))?.memberId).toBe((await memberOf(IDS.alice))?.id);
  });
});
