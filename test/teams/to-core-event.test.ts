import { describe, expect, it } from 'vitest';
import { type MapContext, toCoreEvent } from '../../src/teams/to-core-event.js';
import { fixture, IDS } from './fixtures.js';

const NOW = '2026-11-24T03:00:00.000Z';

function context(authors: Record<string, string> = {}, emails: Record<string, string> = {}): MapContext {
  return {
    authorOf: (channelId, id) => authors[`${channelId}:${id}`] ?? null,
    emailOf: (id) => emails[id] ?? null,
    now: NOW,
  };
}

describe('toCoreEvent', () => {
  it('maps a root channel message to a post, keyed by the activity id, and remembers its author', async () => {
    const turn = await toCoreEvent(fixture('channel-message'), context());
    expect(turn.tenantId).toBe(IDS.tenant);
    expect(turn.actor?.id).toBe(IDS.alice);
    expect(turn.locale).toBe('ja');
    expect(turn.authored).toEqual([{ channelId: IDS.channel, messageId: IDS.post, platformId: IDS.alice }]);
    expect(turn.events).toEqual([
      {
        type: 'record',
        input: {
          eventId: `msg:${IDS.channel}:${IDS.post}`,
          kind: 'post',
          memberPlatformId: IDS.alice,
          channelId: IDS.channel,
          occurredAt: '2026-11-24T01:15:42.123Z',
        },
      },
    ]);
  });

  it('maps a thread reply to a reply targeting the root author when known', async () => {
    const known = await toCoreEvent(fixture('channel-reply'), context({ [`${IDS.channel}:${IDS.post}`]: IDS.alice }));
    expect(known.events).toEqual([
      {
        type: 'record',
        input: {
          eventId: `msg:${IDS.channel}:${IDS.reply}`,
          kind: 'reply',
          memberPlatformId: IDS.bob,
          channelId: IDS.channel,
          targetPlatformId: IDS.alice,
          // The thread's root (`;messageid=`) under the key its own message event got.
          parentEventId: `msg:${IDS.channel}:${IDS.post}`,
          occurredAt: '2026-11-24T01:20:05.456Z',
        },
      },
    ]);
    expect(known.authored).toEqual([{ channelId: IDS.channel, messageId: IDS.reply, platformId: IDS.bob }]);
    const unknown = await toCoreEvent(fixture('channel-reply'), context());
    expect(unknown.events[0]).toMatchObject({ type: 'record', input: { kind: 'reply', targetPlatformId: null } });
  });

  it('maps added and removed reactions to one event id, so a removal retracts the addition', async () => {
    const added = await toCoreEvent(fixture('reaction-added'), context({ [`${IDS.channel}:${IDS.post}`]: IDS.alice }));
    const eventId = `react:${IDS.channel}:${IDS.post}:${IDS.bob}:like`;
    expect(added.events).toEqual([
      {
        type: 'record',
        input: {
          eventId,
          kind: 'reaction',
          memberPlatformId: IDS.bob,
          channelId: IDS.channel,
          targetPlatformId: IDS.alice,
          occurredAt: '2026-11-24T01:22:10.789Z',
        },
      },
    ]);
    expect((await toCoreEvent(fixture('reaction-removed'), context())).events).toEqual([{ type: 'retract', eventId }]);
  });

  it('retracts a deleted channel message', async () => {
    expect((await toCoreEvent(fixture('message-delete'), context())).events).toEqual([
      { type: 'retract', eventId: `msg:${IDS.channel}:${IDS.post}` },
    ]);
  });

  it('keeps the same message id in two channels apart (Teams ids are unique per conversation only)', async () => {
    const other = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';
    const inOther = fixture('channel-message', {
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: IDS.tenant,
        id: `${other};messageid=${IDS.post}`,
      },
      channelData: { channel: { id: other }, team: { id: IDS.team }, tenant: { id: IDS.tenant } },
    });
    const here = await toCoreEvent(fixture('channel-message'), context());
    const there = await toCoreEvent(inOther, context());
    const ids = [here, there].map((turn) => (turn.events[0]?.type === 'record' ? turn.events[0].input.eventId : null));
    expect(ids).toEqual([`msg:${IDS.channel}:${IDS.post}`, `msg:${other}:${IDS.post}`]);
    expect(there.authored).toEqual([{ channelId: other, messageId: IDS.post, platformId: IDS.alice }]);

    // A reaction in the other channel targets the author there, not the one of the same id here.
    const reaction = fixture('reaction-added', {
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: IDS.tenant,
        id: `${other};messageid=${IDS.post}`,
      },
      channelData: { channel: { id: other }, team: { id: IDS.team }, tenant: { id: IDS.tenant } },
    });
    const authors = { [`${IDS.channel}:${IDS.post}`]: IDS.alice, [`${other}:${IDS.post}`]: IDS.newcomer };
    expect((await toCoreEvent(reaction, context(authors))).events).toEqual([
      {
        type: 'record',
        input: {
          eventId: `react:${other}:${IDS.post}:${IDS.bob}:like`,
          kind: 'reaction',
          memberPlatformId: IDS.bob,
          channelId: other,
          targetPlatformId: IDS.newcomer,
          occurredAt: '2026-11-24T01:22:10.789Z',
        },
      },
    ]);
    const deleted = fixture('message-delete', {
      channelData: { channel: { id: other }, team: { id: IDS.team }, tenant: { id: IDS.tenant } },
    });
    expect((await toCoreEvent(deleted, context())).events).toEqual([
      { type: 'retract', eventId: `msg:${other}:${IDS.post}` },
    ]);
  });

  it('gives the same event id to a redelivered activity', async () => {
    const a = await toCoreEvent(fixture('channel-message'), context());
    const b = await toCoreEvent(fixture('channel-message'), context());
    expect(a.events).toEqual(b.events);
  });

  it('turns @Hiroba words in a channel into a command (not a post), with mentions the grammar reads', async () => {
    const byName = await toCoreEvent(fixture('mention-command'), context());
    expect(byName.events).toEqual([
      {
        type: 'command',
        text: 'stats <at>佐藤 健</at>',
        caller: { platformId: IDS.ops, locale: 'ja', channelId: IDS.channel },
      },
    ]);
    expect(byName.authored).toEqual([]);
    const byEmail = await toCoreEvent(fixture('mention-command'), context({}, { [IDS.bob]: 'ken.sato@example.co.jp' }));
    expect(byEmail.events[0]).toMatchObject({ type: 'command', text: 'stats ken.sato@example.co.jp' });
  });

  it('counts a post that mentions @Hiroba in the middle as a post, not a command', async () => {
    const activity = fixture('channel-message', {
      text: '<p>今週の勉強会の資料です。<at>Hiroba</at> にも共有しておきます。</p>',
      entities: [{ mentioned: { id: IDS.bot, name: 'Hiroba' }, text: '<at>Hiroba</at>', type: 'mention' }],
    });
    const turn = await toCoreEvent(activity, context());
    expect(turn.events).toEqual([
      {
        type: 'record',
        input: {
          eventId: `msg:${IDS.channel}:${IDS.post}`,
          kind: 'post',
          memberPlatformId: IDS.alice,
          channelId: IDS.channel,
          occurredAt: '2026-11-24T01:15:42.123Z',
        },
      },
    ]);
    expect(turn.authored).toEqual([{ channelId: IDS.channel, messageId: IDS.post, platformId: IDS.alice }]);
  });

  it('reads @Hiroba as a command when it comes first, after whitespace or an opening paragraph', async () => {
    for (const text of [
      '  <at>Hiroba</at> stats',
      '<p>&nbsp;<at>Hiroba</at>&nbsp;stats</p>',
      '\n<div><at>Hiroba</at> stats</div>',
    ]) {
      const activity = fixture('mention-command', {
        text,
        entities: [{ mentioned: { id: IDS.bot, name: 'Hiroba' }, text: '<at>Hiroba</at>', type: 'mention' }],
      });
      expect((await toCoreEvent(activity, context())).events).toEqual([
        { type: 'command', text: 'stats', caller: { platformId: IDS.ops, locale: 'ja', channelId: IDS.channel } },
      ]);
    }
  });

  it('turns a mentioned channel into a channel reference with its name, and decodes entities', async () => {
    const activity = fixture('mention-command', {
      text: '<at>Hiroba</at>&nbsp;channels add <at>ひろば</at>',
      entities: [
        { mentioned: { id: IDS.bot, name: 'Hiroba' }, text: '<at>Hiroba</at>', type: 'mention' },
        { mentioned: { id: IDS.channel, name: 'ひろば' }, text: '<at>ひろば</at>', type: 'mention' },
      ],
    });
    expect((await toCoreEvent(activity, context())).events[0]).toMatchObject({
      type: 'command',
      text: `channels add <#${IDS.channel}|ひろば>`,
    });
  });

  it('reads any text in the 1:1 chat as a command, in the sender locale, outside any channel', async () => {
    expect((await toCoreEvent(fixture('personal-message'), context())).events).toEqual([
      { type: 'command', text: 'help', caller: { platformId: IDS.alice, locale: 'en', channelId: null } },
    ]);
  });

  it('ignores group chat talk that does not mention the bot', async () => {
    const turn = await toCoreEvent(fixture('group-chat-message'), context());
    expect(turn.tenantId).toBe(IDS.tenant);
    expect(turn.events).toEqual([]);
  });

  it('maps a story card submission to a form submission with the field values', async () => {
    expect((await toCoreEvent(fixture('card-submit-story'), context())).events).toEqual([
      {
        type: 'submit',
        kind: 'story',
        submissionKey: 'teams:1795484700000',
        caller: { platformId: IDS.alice, locale: 'ja', channelId: null },
        values: {
          title: '提案書づくりが半日で終わりました',
          situation: '毎回ゼロから提案書を作っていて、丸一日かかっていました。',
          action: 'ひろばで共有されていたテンプレートを使い、構成を先に決めました。',
          result: '作成時間が半日に減り、お客様への提出も二日早まりました。',
        },
      },
    ]);
  });

  it('says a tampered submission is unreadable, and leaves other apps’ cards alone', async () => {
    const badKind = fixture('card-submit-story', {
      value: { hiroba: 'hiroba.form.submit', kind: 'essay', f_title: 'x' },
    });
    expect((await toCoreEvent(badKind, context())).events).toEqual([
      { type: 'unreadable-submit', caller: { platformId: IDS.alice, locale: 'ja', channelId: null } },
    ]);
    const badValue = fixture('card-submit-story', {
      value: { hiroba: 'hiroba.form.submit', kind: 'story', f_title: 42 },
    });
    expect((await toCoreEvent(badValue, context())).events[0]?.type).toBe('unreadable-submit');
    const foreign = fixture('card-submit-story', { value: { action: 'vote', choice: 2 } });
    expect((await toCoreEvent(foreign, context())).events).toEqual([]);
  });

  it('maps a button to a core action, and a "share a story" button to the form', async () => {
    expect((await toCoreEvent(fixture('card-action'), context())).events).toEqual([
      { type: 'action', actionId: 'hiroba.optout', caller: { platformId: IDS.alice, locale: 'ja', channelId: null } },
    ]);
    const approve = fixture('card-action', { value: { hiroba: 'hiroba.moderation.approve', value: '12' } });
    expect((await toCoreEvent(approve, context())).events[0]).toMatchObject({
      type: 'action',
      actionId: 'hiroba.moderation.approve',
      value: '12',
    });
    const open = fixture('card-action', { value: { hiroba: 'hiroba.form.idea' } });
    expect((await toCoreEvent(open, context())).events).toEqual([
      { type: 'open-form', kind: 'idea', caller: { platformId: IDS.alice, locale: 'ja', channelId: null } },
    ]);
  });

  it('refuses a click on a card sent to another member, whatever the card asks, and acts for its recipient', async () => {
    const caller = { platformId: IDS.alice, locale: 'ja', channelId: null };
    const approve = { hiroba: 'hiroba.moderation.approve', value: '12', to: IDS.ops };
    expect((await toCoreEvent(fixture('card-action', { value: approve }), context())).events).toEqual([
      { type: 'not-recipient', actionId: 'hiroba.moderation.approve', caller },
    ]);
    const form = { hiroba: 'hiroba.form.submit', kind: 'story', to: IDS.bob, f_title: '題名' };
    expect((await toCoreEvent(fixture('card-submit-story', { value: form }), context())).events).toEqual([
      { type: 'not-recipient', actionId: 'hiroba.form.submit', caller },
    ]);
    // Action.Execute carries the same data inside the invoke.
    const execute = fixture('card-action', {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', data: { hiroba: 'hiroba.optout', to: IDS.bob } } },
    });
    expect((await toCoreEvent(execute, context())).events).toEqual([
      { type: 'not-recipient', actionId: 'hiroba.optout', caller },
    ]);
    // Sent to Alice, clicked by Alice: the core gets it.
    expect(
      (await toCoreEvent(fixture('card-action', { value: { ...approve, to: IDS.alice } }), context())).events,
    ).toEqual([{ type: 'action', actionId: 'hiroba.moderation.approve', value: '12', caller }]);
    // A recipient that is not an id is a tampered card.
    expect(
      (await toCoreEvent(fixture('card-action', { value: { hiroba: 'hiroba.optout', to: 42 } }), context())).events,
    ).toEqual([{ type: 'unreadable-submit', caller }]);
  });

  it('maps team members added, leaving the bot itself out; removal from one team says nothing', async () => {
    const added = await toCoreEvent(fixture('members-added'), context());
    expect(added.actor).toBeNull();
    expect(added.events).toEqual([
      {
        type: 'joined',
        member: { id: IDS.newcomer, aadObjectId: 'd4a3f1b5-6e7a-4b82-8d9e-0f1a2b3c4d5e' },
        channelId: null,
      },
    ]);
    // Leaving one team is not leaving the company: the directory sync deactivates people.
    expect((await toCoreEvent(fixture('members-removed'), context())).events).toEqual([]);
    expect((await toCoreEvent(fixture('bot-added-to-team'), context())).events).toEqual([]);
  });

  it('notes a member who removed the personal app', async () => {
    expect((await toCoreEvent(fixture('installation-remove-personal'), context())).events).toEqual([
      {
        type: 'uninstalled',
        member: { id: IDS.alice, name: '山田 花子', aadObjectId: 'a1f0c8e2-3b4d-4e5f-9a6b-7c8d9e0f1a2b' },
      },
    ]);
  });

  it('uses conversation.tenantId when channelData has no tenant, and drops activities without one', async () => {
    const raw = fixture('personal-message', { channelData: {} });
    expect((await toCoreEvent(raw, context())).tenantId).toBe(IDS.tenant);
    const none = fixture('personal-message', {
      channelData: {},
      conversation: { id: IDS.aliceChat, conversationType: 'personal' },
    });
    expect(await toCoreEvent(none, context())).toEqual({
      tenantId: null,
      actor: null,
      locale: null,
      authored: [],
      events: [],
    });
    expect((await toCoreEvent({ nonsense: true }, context())).events).toEqual([]);
  });

  it('reads the timestamp as botbuilder hands it over (a Date)', async () => {
    const parsed = fixture('channel-message', { timestamp: new Date('2026-11-24T01:15:42.123Z') });
    expect((await toCoreEvent(parsed, context())).events[0]).toMatchObject({
      input: { occurredAt: '2026-11-24T01:15:42.123Z' },
    });
  });

  it('ignores messages written by bots and takes now when there is no timestamp', async () => {
    const fromBot = fixture('channel-message', { from: { id: '28:other-bot', name: 'Other' } });
    expect((await toCoreEvent(fromBot, context())).events).toEqual([]);
    const untimed = fixture('channel-message', { timestamp: undefined });
    expect((await toCoreEvent(untimed, context())).events[0]).toMatchObject({ input: { occurredAt: NOW } });
  });
});
