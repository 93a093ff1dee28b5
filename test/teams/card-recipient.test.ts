import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { bindActivity, bindCard, CARD_RECIPIENT_KEY } from '../../src/teams/card-recipient.js';
import { renderActivity } from '../../src/teams/render.js';
import { cardErrors } from './card-schema.js';
import { IDS } from './fixtures.js';

const REVIEW: Message = {
  kind: 'moderation-request',
  title: '成功事例の確認（#12）',
  blocks: [
    { type: 'text', text: '山田 花子さんから成功事例が届きました。' },
    {
      type: 'actions',
      buttons: [
        { actionId: 'hiroba.moderation.approve', label: '承認する', style: 'primary', value: '12' },
        { actionId: 'hiroba.moderation.reject', label: '見送る', style: 'danger', value: '12' },
        { actionId: 'hiroba.dashboard.open', label: '開く', url: 'https://hiroba.example.co.jp/' },
      ],
    },
  ],
  fallback: '成功事例の確認（#12）',
};

describe('bindCard / bindActivity', () => {
  it('names the recipient in every submit action, leaves links and the rest alone, and stays schema-valid', () => {
    const activity = renderActivity(REVIEW, 'ja');
    const bound = bindActivity(activity, IDS.ops);
    const card = bound.attachments?.[0]?.content as { body: Array<{ type: string; actions?: unknown[] }> };
    expect(cardErrors(card)).toEqual([]);
    expect(card.body.find((e) => e.type === 'ActionSet')?.actions).toEqual([
      {
        type: 'Action.Submit',
        title: '承認する',
        style: 'positive',
        data: { hiroba: 'hiroba.moderation.approve', value: '12', [CARD_RECIPIENT_KEY]: IDS.ops },
      },
      {
        type: 'Action.Submit',
        title: '見送る',
        style: 'destructive',
        data: { hiroba: 'hiroba.moderation.reject', value: '12', [CARD_RECIPIENT_KEY]: IDS.ops },
      },
      { type: 'Action.OpenUrl', title: '開く', url: 'https://hiroba.example.co.jp/' },
    ]);
    // The rendered activity itself is not changed (the outbox may send it again to someone else).
    expect(JSON.stringify(activity)).not.toContain(IDS.ops);
  });

  it('binds actions wherever they sit (top-level actions, nested containers, Action.Execute)', () => {
    const card = {
      type: 'AdaptiveCard',
      actions: [{ type: 'Action.Execute', title: 'x', data: { hiroba: 'hiroba.optout' } }],
      body: [{ type: 'Container', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'y' }] }] }],
    };
    expect(bindCard(card, IDS.alice)).toEqual({
      type: 'AdaptiveCard',
      actions: [{ type: 'Action.Execute', title: 'x', data: { hiroba: 'hiroba.optout', to: IDS.alice } }],
      body: [
        {
          type: 'Container',
          items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'y', data: { to: IDS.alice } }] }],
        },
      ],
    });
  });

  it('leaves an activity without an Adaptive Card as it is', () => {
    const text = { type: 'message', text: 'こんにちは' };
    expect(bindActivity(text, IDS.alice)).toBe(text);
  });
});
