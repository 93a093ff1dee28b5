import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../src/slack/fast-events.js';
import { callsOf, recordResults } from './fake-core.js';
import { Harness, PEOPLE, SNS, tsAt } from './harness.js';
import { BOT, messageEvent, reactionEvent } from './payloads.js';

const AT = '2026-11-24T01:30:00Z';

describe('verifySlackSignature', () => {
  const body = Buffer.from('{"type":"event_callback"}');
  const now = Date.parse('2026-11-24T03:00:00Z');
  const ts = String(now / 1000);
  const sign = (secret: string, at = ts) =>
    `v0=${createHmac('sha256', secret).update(`v0:${at}:${body.toString()}`).digest('hex')}`;

  it('accepts Slack’s v0 signature within five minutes and nothing else', () => {
    expect(verifySlackSignature('s3cret', sign('s3cret'), ts, body, now)).toBe(true);
    expect(verifySlackSignature('s3cret', sign('other'), ts, body, now)).toBe(false);
    expect(verifySlackSignature('s3cret', `${sign('s3cret')}0`, ts, body, now)).toBe(false);
    expect(verifySlackSignature('s3cret', undefined, ts, body, now)).toBe(false);
    const old = String(now / 1000 - 301);
    expect(verifySlackSignature('s3cret', sign('s3cret', old), old, body, now)).toBe(false);
    expect(verifySlackSignature('s3cret', sign('s3cret', 'x'), 'x', body, now)).toBe(false);
  });
});

describe('Slack messages and reactions before Bolt (signed, recorded in bursts, answered once stored)', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('answers each of a burst of concurrent events only once it is stored, each counted once', async () => {
    h = await Harness.start({ settings: { countedChannels: [SNS] } });
    const posts = Array.from({ length: 12 }, (_, i) =>
      messageEvent({ user: i % 2 === 0 ? PEOPLE.alice : PEOPLE.bob, channel: SNS, ts: tsAt(AT, i + 1) }),
    );
    const answers = await Promise.all(
      posts.map(async (event) => {
        const res = await h.postEvent(event);
        // Stored before the answer: the event is in the database when the 200 arrives.
        return { status: res.status, stored: (await h.activity(`msg:${SNS}:${event.ts as string}`)) !== null };
      }),
    );
    expect(answers).toEqual(posts.map(() => ({ status: 200, stored: true })));
    await h.postEvent(
      reactionEvent({ user: PEOPLE.bob, itemUser: PEOPLE.alice, channel: SNS, ts: tsAt(AT, 1), eventTs: tsAt(AT, 50) }),
    );
    expect(await h.activityCount()).toBe(13);
    expect(recordResults(h.calls)).toHaveLength(13);
    // Through the burst path, not Bolt's listener one by one.
    expect(callsOf(h.calls, 'recordActivity')).toEqual([]);
  });

  it('records a burst one by one when the batch fails for a reason other than the database', async () => {
    h = await Harness.start({
      settings: { countedChannels: [SNS] },
      overrides: {
        recordActivities: () => {
          throw new Error('not this way');
        },
      },
    });
    const event = messageEvent({ user: PEOPLE.alice, channel: SNS, ts: tsAt(AT, 5) });
    expect((await h.postEvent(event)).status).toBe(200);
    expect(await h.activity(`msg:${SNS}:${tsAt(AT, 5)}`)).not.toBeNull();
    expect(callsOf(h.calls, 'recordActivity').map((c) => c.result)).toEqual([
      expect.objectContaining({ status: 'recorded' }),
    ]);
    expect(h.logger.lines.some((l) => l.startsWith('warn') && l.includes('one by one'))).toBe(true);
  });

  it('drops the bot’s own messages as Bolt does, and hands a badly signed event to Bolt (401)', async () => {
    h = await Harness.start({ settings: { countedChannels: [SNS] } });
    expect((await h.postEvent(messageEvent({ user: BOT.userId, channel: SNS, ts: tsAt(AT, 9) }))).status).toBe(200);
    const forged = messageEvent({ user: PEOPLE.alice, channel: SNS, ts: tsAt(AT, 10) });
    expect((await h.postEvent(forged, { secret: 'not-the-secret' })).status).toBe(401);
    expect(h.calls.filter((c) => c.method === 'recordActivities' || c.method === 'recordActivity')).toEqual([]);
    expect(await h.activityCount()).toBe(0);
  });
});
