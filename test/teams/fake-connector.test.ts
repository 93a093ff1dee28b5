import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConnector, MAX_ACTIVITY_BYTES, startFakeConnector } from './fake-connector.js';

const CONVERSATION = 'a:1Hk2sNq0Zb8cW6pVt4XyRr3DmLf9GjYe5KuA7iOoS1TzQ';

let connector: FakeConnector;
afterEach(async () => {
  await connector.close();
});

async function send(method: 'POST' | 'PUT', activity: unknown, activityId = '1700000000001'): Promise<number> {
  const response = await fetch(
    `${connector.url}v3/conversations/${encodeURIComponent(CONVERSATION)}/activities/${activityId}`,
    {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    },
  );
  return response.status;
}

function cardActivity(card: Record<string, unknown>): Record<string, unknown> {
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}

const VALID_CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'こんにちは', wrap: true }],
};

describe('fake Bot Connector checks what the bot sends', () => {
  it('finds nothing wrong with a valid card activity or a plain text reply', async () => {
    connector = await startFakeConnector();
    expect(await send('POST', cardActivity(VALID_CARD))).toBe(200);
    expect(await send('PUT', cardActivity(VALID_CARD))).toBe(200);
    expect(await send('POST', { type: 'message', text: 'hello' })).toBe(200);
    expect(connector.violations).toEqual([]);
  });

  it('reports a card that fails the Adaptive Card 1.5 schema, on POST and on PUT', async () => {
    connector = await startFakeConnector();
    await send('POST', cardActivity({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] }));
    await send('PUT', cardActivity({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }] }));
    expect(connector.violations.length).toBeGreaterThanOrEqual(2);
    expect(connector.violations.some((v) => v.startsWith(`POST /v3/conversations/${CONVERSATION}/activities/`))).toBe(
      true,
    );
    expect(connector.violations.some((v) => v.startsWith(`PUT /v3/conversations/${CONVERSATION}/activities/`))).toBe(
      true,
    );
  });

  it('reports an activity without a type and one over the size Teams accepts', async () => {
    connector = await startFakeConnector();
    await send('POST', { text: 'no type' });
    const big = cardActivity({
      ...VALID_CARD,
      body: [{ type: 'TextBlock', text: 'あ'.repeat(MAX_ACTIVITY_BYTES / 3 + 10), wrap: true }],
    });
    await send('POST', big);
    expect(connector.violations).toEqual([
      expect.stringMatching(/: the activity has no type$/u),
      expect.stringMatching(new RegExp(`: the activity is \\d+ bytes, over Teams' ${MAX_ACTIVITY_BYTES}$`, 'u')),
    ]);
  });

  it('records when each request arrived', async () => {
    connector = await startFakeConnector();
    const before = Date.now();
    await send('POST', { type: 'message', text: 'hello' });
    const [request] = connector.requests;
    expect(request?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(request?.receivedAt).toBeLessThanOrEqual(Date.now());
  });
});
