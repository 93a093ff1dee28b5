import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS } from '../../src/core/service/deferred-activities.js';
import { DEFAULT_USERS, Harness, PEOPLE, SNS, tsAt } from './harness.js';
import { messageDeletedEvent, messageEvent } from './payloads.js';

const NEWCOMER = { id: 'U0NEWHIRE1', name: 'Nitta Ren', email: 'nitta@example.co.jp', locale: 'ja-JP', unlisted: true };
const AT = '2026-11-24T01:30:00Z';

describe('an event from a member Hiroba does not know yet (real Bolt, fake Slack users.info)', () => {
  let h: Harness;
  afterEach(async () => {
    expect(h.fake.violations).toEqual([]);
    await h.close();
  });

  const start = () => Harness.start({ settings: { countedChannels: [SNS] }, users: [...DEFAULT_USERS, NEWCOMER] });
  const pending = async () => h.store.repos.pendingActivities.list((await h.workspace()).id);
  /** Any later event runs the retry pass: here a post by a known member. */
  const nudge = async (iso: string) => {
    const ts = tsAt(iso, 900);
    await h.postEvent(messageEvent({ user: PEOPLE.alice, channel: SNS, ts }));
  };

  it('looks the member up with users.info, adds them to the directory and counts the post', async () => {
    h = await start();
    expect(await h.store.repos.members.byPlatformId((await h.workspace()).id, NEWCOMER.id)).toBeNull();
    const ts = tsAt(AT);
    expect((await h.postEvent(messageEvent({ user: NEWCOMER.id, channel: SNS, ts }))).status).toBe(200);
    expect(h.fake.callsTo('users.info').map((c) => c.params)).toEqual([{ user: NEWCOMER.id, include_locale: 'true' }]);
    expect(await h.activity(`msg:${SNS}:${ts}`)).toMatchObject({ kind: 'post', member: NEWCOMER.id });
    expect(await h.store.repos.members.byPlatformId((await h.workspace()).id, NEWCOMER.id)).toMatchObject({
      name: 'Nitta Ren',
      email: 'nitta@example.co.jp',
      locale: 'ja',
    });
    expect(await pending()).toEqual([]);
  });

  it('keeps the activity when users.info fails (HTTP 500, then 429) and records it on a later event once due', async () => {
    h = await start();
    h.fake.failNext('users.info', { kind: 'http', status: 500 });
    const ts = tsAt(AT);
    await h.postEvent(messageEvent({ user: NEWCOMER.id, channel: SNS, ts }));
    expect(await h.activity(`msg:${SNS}:${ts}`)).toBeNull();
    expect(await pending()).toMatchObject([
      {
        eventId: `msg:${SNS}:${ts}`,
        memberPlatformId: NEWCOMER.id,
        attempts: 0,
        status: 'waiting',
        lastError: 'users.info http_500',
      },
    ]);
    expect(h.logger.lines.some((l) => l.startsWith('warn') && l.includes('kept for a later lookup'))).toBe(true);

    // Not due yet: nothing is asked.
    await nudge('2026-11-24T02:00:10Z');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);

    h.clock.advance(RETRY_DELAYS_MS[0] ?? 0);
    h.fake.failNext('users.info', { kind: 'ratelimited', retryAfter: 1 });
    await nudge('2026-11-24T02:01:10Z');
    expect(await pending()).toMatchObject([{ attempts: 1, status: 'waiting', lastError: 'users.info ratelimited' }]);

    h.clock.advance(RETRY_DELAYS_MS[1] ?? 0);
    await nudge('2026-11-24T02:07:10Z');
    expect(await h.activity(`msg:${SNS}:${ts}`)).toMatchObject({ kind: 'post', member: NEWCOMER.id });
    expect(await pending()).toEqual([]);
  });

  it('retries a kept activity on its own timer once due, with no later event needed', async () => {
    h = await Harness.start({
      settings: { countedChannels: [SNS] },
      users: [...DEFAULT_USERS, NEWCOMER],
      keptRetryMs: 20,
    });
    h.fake.failNext('users.info', { kind: 'http', status: 503 });
    const ts = tsAt(AT);
    await h.postEvent(messageEvent({ user: NEWCOMER.id, channel: SNS, ts }));
    expect(await pending()).toMatchObject([{ status: 'waiting' }]);
    // Passes before the first retry delay is up ask nothing; once the clock is past it, the next pass records it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    h.clock.advance(RETRY_DELAYS_MS[0] ?? 0);
    for (let i = 0; i < 100 && (await h.activity(`msg:${SNS}:${ts}`)) === null; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await h.activity(`msg:${SNS}:${ts}`)).toMatchObject({ kind: 'post', member: NEWCOMER.id });
    expect(await pending()).toEqual([]);
  });

  it('after the last attempt the activity stays as a failed row with the reason, and an error is logged', async () => {
    h = await start();
    const ts = tsAt(AT);
    h.fake.failNext('users.info', { kind: 'error', error: 'internal_error' });
    await h.postEvent(messageEvent({ user: NEWCOMER.id, channel: SNS, ts }));
    for (let i = 0; i < RETRY_DELAYS_MS.length; i += 1) {
      h.clock.advance(RETRY_DELAYS_MS[i] ?? 0);
      h.fake.failNext('users.info', { kind: 'error', error: 'internal_error' });
      await nudge(new Date(Date.parse('2026-11-24T03:00:00Z') + i * 60_000).toISOString());
    }
    expect(h.fake.callsTo('users.info')).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(await pending()).toMatchObject([
      { status: 'failed', attempts: RETRY_DELAYS_MS.length, lastError: 'users.info internal_error' },
    ]);
    expect(await h.activity(`msg:${SNS}:${ts}`)).toBeNull();
    expect(h.logger.lines.filter((l) => l.startsWith('error') && l.includes('failed for good'))).toHaveLength(1);
    // A failed row is not tried again.
    h.clock.advance(48 * 3_600_000);
    await nudge('2026-11-24T04:00:00Z');
    expect(h.fake.callsTo('users.info')).toHaveLength(RETRY_DELAYS_MS.length + 1);
  });

  it('a message deleted while its author was being looked up is never counted', async () => {
    h = await start();
    h.fake.failNext('users.info', { kind: 'http', status: 503 });
    const ts = tsAt(AT);
    await h.postEvent(messageEvent({ user: NEWCOMER.id, channel: SNS, ts }));
    expect(await pending()).toHaveLength(1);
    await h.postEvent(messageDeletedEvent({ channel: SNS, deletedTs: ts, eventTs: tsAt('2026-11-24T01:31:00Z') }));
    expect(await pending()).toEqual([]);
    h.clock.advance(RETRY_DELAYS_MS[0] ?? 0);
    await nudge('2026-11-24T02:10:00Z');
    expect(await h.activity(`msg:${SNS}:${ts}`)).toBeNull();
  });

  it('a user Slack no longer knows (user_not_found) is not counted and not kept', async () => {
    h = await start();
    const ts = tsAt(AT);
    await h.postEvent(messageEvent({ user: 'U0NOBODY01', channel: SNS, ts }));
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    expect(await h.activity(`msg:${SNS}:${ts}`)).toBeNull();
    expect(await pending()).toEqual([]);
  });
});
