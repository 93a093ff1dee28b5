import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageEventId, reactionEventId, toCoreEvent, tsToIso } from '../../src/slack/to-core-event.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as unknown;
const TEAM = 'T0HIROBA01';
const SNS = 'C0SNS00001';
const ROOT = '1795483800.000100';

describe('toCoreEvent: Slack Events API payloads → core inputs', () => {
  it('a channel message is a post keyed msg:<channel>:<ts>', () => {
    expect(toCoreEvent(fixture('message'))).toEqual({
      type: 'activity',
      teamId: TEAM,
      activity: {
        eventId: `msg:${SNS}:${ROOT}`,
        kind: 'post',
        memberPlatformId: 'U0ALICE001',
        channelId: SNS,
        targetPlatformId: null,
        occurredAt: '2026-11-24T01:30:00.000Z',
      },
    });
  });

  it('a thread reply is a reply to the root author Slack names (parent_user_id)', () => {
    expect(toCoreEvent(fixture('message-thread-reply'))).toEqual({
      type: 'activity',
      teamId: TEAM,
      activity: {
        eventId: `msg:${SNS}:1795483860.000200`,
        kind: 'reply',
        memberPlatformId: 'U0BOB00001',
        channelId: SNS,
        targetPlatformId: 'U0ALICE001',
        // The post replied to, by the key the root's own message event was recorded under.
        parentEventId: `msg:${SNS}:${ROOT}`,
        occurredAt: '2026-11-24T01:31:00.000Z',
      },
    });
  });

  it('a reply without parent_user_id asks the app to look the root up', () => {
    expect(toCoreEvent(fixture('message-thread-reply-no-parent'))).toEqual({
      type: 'reply-needs-parent',
      teamId: TEAM,
      activity: {
        eventId: 'msg:G0PRIVATE01:1795483860.000300',
        kind: 'reply',
        memberPlatformId: 'U0BOB00001',
        channelId: 'G0PRIVATE01',
        targetPlatformId: null,
        parentEventId: `msg:G0PRIVATE01:${ROOT}`,
        occurredAt: '2026-11-24T01:31:00.000Z',
      },
      parent: { channel: 'G0PRIVATE01', ts: ROOT },
    });
  });

  it('a thread reply also sent to the channel is a reply (found through the root lookup)', () => {
    const out = toCoreEvent(fixture('message-thread-broadcast'));
    expect(out.type).toBe('reply-needs-parent');
    if (out.type !== 'reply-needs-parent') return;
    expect(out.activity).toMatchObject({
      kind: 'reply',
      parentEventId: `msg:${SNS}:${ROOT}`,
      memberPlatformId: 'U0CAROL001',
      eventId: `msg:${SNS}:1795483900.000400`,
    });
    expect(out.parent).toEqual({ channel: SNS, ts: ROOT });
  });

  it('a file shared with a comment is a post', () => {
    const out = toCoreEvent(fixture('message-file-share'));
    expect(out).toMatchObject({
      type: 'activity',
      activity: { kind: 'post', memberPlatformId: 'U0ALICE001', eventId: `msg:${SNS}:1795484000.000500` },
    });
  });

  it('an edit is not counted again', () => {
    expect(toCoreEvent(fixture('message-changed'))).toEqual({ type: 'ignored', reason: 'edit' });
  });

  it('a deleted message retracts the post or reply with the same key', () => {
    expect(toCoreEvent(fixture('message-deleted'))).toEqual({
      type: 'retract',
      teamId: TEAM,
      eventId: `msg:${SNS}:${ROOT}`,
    });
  });

  it('bot messages are dropped: bot_message and any message carrying a bot_id', () => {
    expect(toCoreEvent(fixture('message-bot'))).toEqual({ type: 'ignored', reason: 'bot' });
    expect(toCoreEvent(fixture('message-bot-user'))).toEqual({ type: 'ignored', reason: 'bot' });
  });

  it('channel bookkeeping subtypes are dropped with their name', () => {
    expect(toCoreEvent(fixture('message-channel-join'))).toEqual({
      type: 'ignored',
      reason: 'subtype',
      detail: 'channel_join',
    });
    expect(toCoreEvent(fixture('message-channel-topic'))).toEqual({
      type: 'ignored',
      reason: 'subtype',
      detail: 'channel_topic',
    });
  });

  it('a reaction is keyed react:<channel>:<ts>:<user>:<reaction>, target = the item author, at the reaction time', () => {
    expect(toCoreEvent(fixture('reaction-added'))).toEqual({
      type: 'activity',
      teamId: TEAM,
      activity: {
        eventId: `react:${SNS}:${ROOT}:U0CAROL001:clap`,
        kind: 'reaction',
        memberPlatformId: 'U0CAROL001',
        channelId: SNS,
        targetPlatformId: 'U0ALICE001',
        occurredAt: '2026-11-24T01:41:40.001Z',
      },
    });
  });

  it('a reaction on a message without a user author has no target; one on a file is dropped', () => {
    expect(toCoreEvent(fixture('reaction-added-no-item-user'))).toMatchObject({
      type: 'activity',
      activity: { targetPlatformId: null },
    });
    expect(toCoreEvent(fixture('reaction-added-file'))).toEqual({
      type: 'ignored',
      reason: 'not_a_message',
      detail: 'file',
    });
  });

  it('a removed reaction retracts the same key', () => {
    expect(toCoreEvent(fixture('reaction-removed'))).toEqual({
      type: 'retract',
      teamId: TEAM,
      eventId: `react:${SNS}:${ROOT}:U0CAROL001:clap`,
    });
  });

  it('a channel join names the member and the channel', () => {
    expect(toCoreEvent(fixture('member-joined-channel'))).toEqual({
      type: 'member-joined',
      teamId: TEAM,
      userId: 'U0CAROL001',
      channelId: SNS,
      entry: null,
    });
  });

  it('a new workspace member comes with their directory entry, profile fields mapped as configured', () => {
    const config = { department: 'Xf0DEPT0001', location: 'xf0loc00001', manager: 'Xf0MGR00001' };
    expect(toCoreEvent(fixture('team-join'), config)).toEqual({
      type: 'member-joined',
      teamId: TEAM,
      userId: 'U0NEW00001',
      channelId: null,
      entry: {
        platformId: 'U0NEW00001',
        name: '西 蓮',
        email: 'nishi@example.co.jp',
        isBot: false,
        deactivated: false,
        isPlatformAdmin: false,
        department: '営業部',
        location: '大阪',
        manager: 'U0OPS00001',
      },
    });
    // Without a mapping, the attributes are left alone (the CSV import owns them).
    const plain = toCoreEvent(fixture('team-join'));
    expect(plain.type === 'member-joined' && plain.entry && 'department' in plain.entry).toBe(false);
  });

  it('a profile change upserts the member: deleted → deactivated, locale read, a cleared field cleared', () => {
    expect(toCoreEvent(fixture('user-change'), { department: 'Xf0DEPT0001', location: 'Xf0LOC00001' })).toEqual({
      type: 'member-changed',
      teamId: TEAM,
      entry: {
        platformId: 'U0NEW00001',
        name: '西 蓮',
        email: 'nishi@example.co.jp',
        isBot: false,
        deactivated: true,
        isPlatformAdmin: false,
        locale: 'en',
        department: '企画部',
        location: null,
      },
    });
  });

  it('the App Home tab is rendered; the Messages tab is not', () => {
    expect(toCoreEvent(fixture('app-home-opened'))).toEqual({
      type: 'home-opened',
      teamId: TEAM,
      userId: 'U0ALICE001',
    });
    expect(toCoreEvent(fixture('app-home-opened-messages'))).toEqual({ type: 'ignored', reason: 'messages_tab' });
  });

  it('events Hiroba does not subscribe to and malformed payloads are dropped with a reason', () => {
    expect(toCoreEvent(fixture('channel-created'))).toEqual({
      type: 'ignored',
      reason: 'unsupported',
      detail: 'channel_created',
    });
    expect(toCoreEvent({ type: 'url_verification', challenge: 'x' })).toMatchObject({
      type: 'ignored',
      reason: 'malformed',
    });
    expect(
      toCoreEvent({ type: 'event_callback', team_id: TEAM, event: { type: 'reaction_added', user: 'U1' } }),
    ).toMatchObject({ type: 'ignored', reason: 'malformed' });
    expect(
      toCoreEvent({ type: 'event_callback', team_id: TEAM, event: { type: 'message', channel: SNS, ts: '1.2' } }),
    ).toMatchObject({ type: 'ignored', reason: 'malformed' });
  });

  it('keys and times', () => {
    expect(messageEventId('C1', '1.000001')).toBe('msg:C1:1.000001');
    expect(reactionEventId('C1', '1.000001', 'U1', '+1')).toBe('react:C1:1.000001:U1:+1');
    expect(tsToIso('1795483800.999999')).toBe('2026-11-24T01:30:00.999Z');
    expect(tsToIso('1795483800')).toBe('2026-11-24T01:30:00.000Z');
  });
});
