import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import type { Message } from '../../src/core/message.js';
import { callsOf } from './fake-core.js';
import { Harness, PEOPLE, SNS } from './harness.js';
import { blockActions, viewSubmission } from './payloads.js';

const reply: Message = {
  kind: 'command-reply',
  blocks: [{ type: 'text', text: '承りました' }],
  fallback: '承りました',
};

describe('Slack interactions: buttons, modals and failures', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('a button goes to core.handleAction with its base action id; the reply comes back ephemerally', async () => {
    h = await Harness.start({ overrides: { handleAction: async () => reply } });
    const { url, id } = h.nextResponseUrl();
    await h.postInteraction(
      blockActions({
        user: PEOPLE.alice,
        actionId: 'hiroba.moderation.approve#2',
        value: '42',
        channel: 'D0DM000001',
        responseUrl: url,
      }),
    );
    expect(callsOf(h.calls, 'handleAction')[0]?.args[0]).toEqual({
      workspaceId: (await h.workspace()).id,
      platformId: PEOPLE.alice,
      channelId: 'D0DM000001',
      actionId: 'hiroba.moderation.approve',
      value: '42',
    });
    expect(h.fake.responds.find((r) => r.id === id)?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: '承りました',
    });
  });

  it('a review or confirm button clicked outside the DM or ephemeral message it was sent in acts for nobody', async () => {
    h = await Harness.start({ overrides: { handleAction: async () => reply } });
    for (const actionId of ['hiroba.moderation.approve', 'hiroba.moderation.reject', 'hiroba.command.confirm']) {
      const { url, id } = h.nextResponseUrl();
      // A copy of the card in a channel (shared with another organisation or not).
      await h.postInteraction(
        blockActions({ user: PEOPLE.bob, actionId, value: '42', channel: SNS, responseUrl: url }),
      );
      expect(h.fake.responds.find((r) => r.id === id)?.body.text).toBe(t('ja', 'adapters.card.notYours'));
    }
    expect(callsOf(h.calls, 'handleAction')).toEqual([]);
    expect(h.logger.lines.filter((l) => l.includes('refused'))).toHaveLength(3);
    h.logger.lines.length = 0;

    // The same click in the ephemeral reply it came with, or in the DM, reaches the core.
    const ephemeral = blockActions({ user: PEOPLE.bob, actionId: 'hiroba.command.confirm', value: '7', channel: SNS });
    (ephemeral.container as Record<string, unknown>).is_ephemeral = true;
    await h.postInteraction(ephemeral);
    await h.postInteraction(
      blockActions({ user: PEOPLE.bob, actionId: 'hiroba.moderation.approve', value: '42', channel: 'D0DM000002' }),
    );
    expect(callsOf(h.calls, 'handleAction').map((c) => (c.args[0] as { actionId: string }).actionId)).toEqual([
      'hiroba.command.confirm',
      'hiroba.moderation.approve',
    ]);
    // Buttons meant for whoever sees them (opt-out, forms) still work in a channel.
    await h.postInteraction(blockActions({ user: PEOPLE.bob, actionId: 'hiroba.optout', channel: SNS }));
    expect(callsOf(h.calls, 'handleAction')).toHaveLength(3);
  });

  it('a button in the App Home (no response URL) gets its reply as a DM', async () => {
    h = await Harness.start({ overrides: { handleAction: async () => reply } });
    await h.postInteraction(blockActions({ user: PEOPLE.bob, actionId: 'hiroba.optout' }));
    expect(h.fake.callsTo('chat.postMessage').map((c) => [c.params.channel, c.params.text])).toEqual([
      [PEOPLE.bob, '承りました'],
    ]);
  });

  it('the real opt-out button marks the member opted out', async () => {
    h = await Harness.start();
    const { url } = h.nextResponseUrl();
    await h.postInteraction(
      blockActions({ user: PEOPLE.carol, actionId: 'hiroba.optout', channel: 'D0DM000003', responseUrl: url }),
    );
    expect((await h.store.repos.members.byPlatformId((await h.workspace()).id, PEOPLE.carol))?.optedOut).toBe(true);
  });

  it('a link button needs only the acknowledgement', async () => {
    h = await Harness.start();
    const payload = blockActions({ user: PEOPLE.alice, actionId: 'hiroba.link', channel: SNS });
    (payload.actions as Array<Record<string, unknown>>)[0]!.url = 'https://example.com/rules';
    expect((await h.postInteraction(payload)).status).toBe(200);
    expect(callsOf(h.calls, 'handleAction')).toEqual([]);
  });

  it('hiroba.form.<kind> buttons open that form; an expired trigger is told ephemerally', async () => {
    h = await Harness.start();
    await h.postInteraction(blockActions({ user: PEOPLE.alice, actionId: 'hiroba.form.idea' }));
    expect((h.fake.callsTo('views.open')[0]!.view as { callback_id: string }).callback_id).toBe('hiroba.form.idea');
    h.fake.failNext('views.open', { kind: 'error', error: 'expired_trigger_id' });
    const { url, id } = h.nextResponseUrl();
    await h.postInteraction(
      blockActions({
        user: PEOPLE.alice,
        actionId: 'hiroba.form.open',
        value: 'first_post',
        channel: 'D0DM000001',
        responseUrl: url,
      }),
    );
    expect(h.fake.responds.find((r) => r.id === id)?.body.text).toBe(t('ja', 'adapters.slack.formOpenFailed'));
  });

  it('a command whose core call throws gets an apology, never a stack trace', async () => {
    h = await Harness.start({
      overrides: {
        runCommand: () => {
          throw new Error('database is locked');
        },
      },
    });
    const { respondId } = await h.postCommand(PEOPLE.alice, 'stats');
    expect(h.fake.responds.find((r) => r.id === respondId)?.body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: t('ja', 'adapters.slack.commandFailed'),
    });
    expect(h.logger.lines.some((l) => l.startsWith('error /hiroba failed'))).toBe(true);
    h.logger.lines.length = 0;
  });

  it('form errors for a field the modal lacks are shown on the first field', async () => {
    h = await Harness.start({
      overrides: {
        submitForm: async () => ({ ok: false, errors: { other: 'おかしな値です', situation: '短すぎます' } }),
      },
    });
    const res = await h.postInteraction(
      viewSubmission({ user: PEOPLE.alice, callbackId: 'hiroba.form.story', values: { title: 'x', situation: 'y' } }),
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { title: 'おかしな値です', situation: '短すぎます' },
    });
  });

  it('a submission the core fails on keeps the modal open with an apology', async () => {
    h = await Harness.start({
      overrides: {
        submitForm: () => {
          throw new Error('disk full');
        },
      },
    });
    const res = await h.postInteraction(
      viewSubmission({ user: PEOPLE.alice, callbackId: 'hiroba.form.story', values: { title: 'x' } }),
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { title: t('ja', 'adapters.slack.formFailed') },
    });
    h.logger.lines.length = 0;
  });

  it('a modal of an unknown kind is refused inline and never reaches the core', async () => {
    h = await Harness.start();
    const res = await h.postInteraction(
      viewSubmission({ user: PEOPLE.alice, callbackId: 'hiroba.form.poem', values: { verse: 'x' } }),
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { verse: t('ja', 'adapters.slack.formUnreadable') },
    });
    expect(callsOf(h.calls, 'submitForm')).toEqual([]);
  });

  it('an empty optional field arrives as an empty string; the channel comes back from the metadata', async () => {
    h = await Harness.start({ overrides: { submitForm: async () => ({ ok: true, reply }) } });
    await h.postInteraction(
      viewSubmission({
        user: PEOPLE.alice,
        callbackId: 'hiroba.form.idea',
        values: { title: '共有フォルダ', idea: null },
        privateMetadata: '{"channelId":"D0DM000001"}',
        viewId: 'V0IDEA0001',
        hash: 'h1',
      }),
    );
    expect(callsOf(h.calls, 'submitForm')[0]?.args[0]).toEqual({
      workspaceId: (await h.workspace()).id,
      platformId: PEOPLE.alice,
      channelId: 'D0DM000001',
      kind: 'idea',
      values: { title: '共有フォルダ', idea: '' },
      submissionKey: 'V0IDEA0001:h1',
    });
  });
});
