import { createHmac } from 'node:crypto';

/**
 * Typed factories for what Slack sends Hiroba (Events API envelopes, slash commands, interactivity),
 * shaped like Slack's real payloads, and the request signing Slack does.
 */

export const TEAM = { id: 'T0HIROBA01', name: 'Hiroba Test Co.' } as const;
export const APP_ID = 'A0HIROBA01';
export const BOT = { userId: 'U0HIROBOT1', botId: 'B0HIROBOT1' } as const;

let eventCounter = 0;

/** The `event_callback` envelope around one event. */
export function envelope(event: Record<string, unknown>, eventId?: string): Record<string, unknown> {
  eventCounter += 1;
  return {
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    context_team_id: TEAM.id,
    context_enterprise_id: null,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId ?? `Ev0E2E${String(eventCounter).padStart(6, '0')}`,
    event_time: 1_764_000_000,
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: BOT.userId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export function messageEvent(input: {
  user: string;
  channel: string;
  ts: string;
  threadTs?: string;
  parentUserId?: string;
  text?: string;
}) {
  const event: Record<string, unknown> = {
    type: 'message',
    user: input.user,
    text: input.text ?? 'hello',
    ts: input.ts,
    team: TEAM.id,
    channel: input.channel,
    event_ts: input.ts,
    channel_type: 'channel',
    client_msg_id: `c0ffee00-0000-4000-8000-${input.ts.replace('.', '').slice(-12)}`,
  };
  if (input.threadTs) event.thread_ts = input.threadTs;
  if (input.parentUserId) event.parent_user_id = input.parentUserId;
  return event;
}

export function reactionEvent(input: {
  type?: 'reaction_added' | 'reaction_removed';
  user: string;
  itemUser: string;
  channel: string;
  ts: string;
  reaction?: string;
  eventTs: string;
}) {
  return {
    type: input.type ?? 'reaction_added',
    user: input.user,
    reaction: input.reaction ?? 'tada',
    item_user: input.itemUser,
    item: { type: 'message', channel: input.channel, ts: input.ts },
    event_ts: input.eventTs,
  };
}

export function messageDeletedEvent(input: { channel: string; deletedTs: string; eventTs: string }) {
  return {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    deleted_ts: input.deletedTs,
    channel: input.channel,
    ts: input.eventTs,
    event_ts: input.eventTs,
    channel_type: 'channel',
    previous_message: { type: 'message', user: 'U0MEMBER01', text: 'hello', ts: input.deletedTs },
  };
}

/** The form Slack posts for `/hiroba <text>` (`application/x-www-form-urlencoded`). */
export function commandForm(input: { user: string; text: string; channel: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    team_domain: 'hiroba-test',
    channel_id: input.channel,
    channel_name: 'sns',
    user_id: input.user,
    user_name: 'someone',
    command: '/hiroba',
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: '1764000000.1234567890.abcdef0123456789abcdef0123456789',
  }).toString();
}

/** `block_actions` for a button click in a message (with a response URL) or the App Home (without). */
export function blockActions(input: {
  user: string;
  actionId: string;
  value?: string;
  channel?: string;
  responseUrl?: string;
}) {
  const action: Record<string, unknown> = {
    type: 'button',
    action_id: input.actionId,
    block_id: 'b1',
    text: { type: 'plain_text', text: 'Go', emoji: true },
    action_ts: '1764000000.000900',
  };
  if (input.value !== undefined) action.value = input.value;
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: input.user, username: 'someone', name: 'someone', team_id: TEAM.id },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: input.channel
      ? { type: 'message', message_ts: '1764000000.000100', channel_id: input.channel, is_ephemeral: false }
      : { type: 'view', view_id: 'V0HOME0001' },
    trigger_id: '1764000000.1234567890.fedcba9876543210fedcba9876543210',
    team: { id: TEAM.id, domain: 'hiroba-test' },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (input.channel) payload.channel = { id: input.channel, name: 'directmessage' };
  if (input.responseUrl) payload.response_url = input.responseUrl;
  return payload;
}

/** `view_submission` of a Hiroba modal: values by block id (the input's action id is `value`). */
export function viewSubmission(input: {
  user: string;
  callbackId: string;
  values: Record<string, string | null>;
  privateMetadata?: string;
  viewId?: string;
  hash?: string;
}) {
  const values: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const [blockId, value] of Object.entries(input.values))
    values[blockId] = { value: { type: 'plain_text_input', value } };
  return {
    type: 'view_submission',
    team: { id: TEAM.id, domain: 'hiroba-test' },
    user: { id: input.user, username: 'someone', name: 'someone', team_id: TEAM.id },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: '1764000000.1234567890.0123456789abcdef0123456789abcdef',
    view: {
      id: input.viewId ?? 'V0FORM0001',
      team_id: TEAM.id,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? '{"channelId":null}',
      hash: input.hash ?? '1764000000.abcd1234',
      state: { values },
      title: { type: 'plain_text', text: 'Story' },
      blocks: Object.keys(input.values).map((id) => ({ type: 'input', block_id: id })),
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Slack's v0 request signature. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Interactivity travels as one form field, `payload`, holding the JSON. */
export function interactionForm(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
