import { describe, expect, it } from 'vitest';
import { isNotInstalledRefusal, retryAfterMsOf, statusOf, toSendFailure } from '../../src/teams/errors.js';

/** Shaped like the `RestError` botbuilder's connector client throws (checked against the fake connector). */
function restError(status: number, headers: Record<string, string> = {}): Error {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.assign(new Error('fake failure'), {
    name: 'RestError',
    statusCode: status,
    code: `Http${status}`,
    response: { status, headers: { get: (name: string) => lower[name.toLowerCase()] } },
  });
}

describe('toSendFailure', () => {
  const channel = { personal: false };
  const dm = { personal: true };

  it.each([
    [429, { kind: 'transient', code: 'throttled', retryAfterMs: 7000 }, { 'Retry-After': '7' }],
    [429, { kind: 'transient', code: 'throttled' }, {}],
    [412, { kind: 'transient', code: 'precondition_failed' }, {}],
    [500, { kind: 'transient', code: 'server_error' }, {}],
    [502, { kind: 'transient', code: 'bad_gateway' }, {}],
    [503, { kind: 'transient', code: 'service_unavailable', retryAfterMs: 2000 }, { 'retry-after': '2' }],
    [504, { kind: 'transient', code: 'gateway_timeout' }, {}],
    [401, { kind: 'transient', code: 'unauthorized' }, {}],
    [403, { kind: 'permanent', code: 'forbidden' }, {}],
    [404, { kind: 'permanent', code: 'conversation_not_found' }, {}],
    [400, { kind: 'permanent', code: 'bad_request' }, {}],
    [413, { kind: 'permanent', code: 'too_large' }, {}],
    [409, { kind: 'permanent', code: 'http_409' }, {}],
    [507, { kind: 'transient', code: 'http_507' }, {}],
  ] as const)('maps HTTP %i on a channel', (status, expected, headers) => {
    expect(toSendFailure(restError(status, headers), channel)).toEqual(expected);
  });

  it('treats 403 on a 1:1 chat as the app not installed (undone by installing it again), never as blocked', () => {
    expect(toSendFailure(restError(403), dm)).toEqual({ kind: 'permanent', code: 'app_not_installed' });
    expect(toSendFailure(restError(404), dm)).toEqual({ kind: 'permanent', code: 'conversation_not_found' });
  });

  it('retries network failures and anything it does not recognise', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      name: 'RestError',
      code: 'ECONNREFUSED',
    });
    expect(toSendFailure(refused, channel)).toEqual({ kind: 'transient', code: 'network' });
    const wrapped = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect(toSendFailure(wrapped, dm)).toEqual({ kind: 'transient', code: 'network' });
    expect(toSendFailure(new Error('boom'), channel)).toEqual({ kind: 'transient', code: 'unexpected' });
    expect(toSendFailure('a string', channel)).toEqual({ kind: 'transient', code: 'unexpected' });
  });
});

describe('helpers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-24T03:00:00.000Z');
    expect(retryAfterMsOf(restError(429, { 'Retry-After': '1.5' }), now)).toBe(1500);
    expect(retryAfterMsOf(restError(429, { 'Retry-After': 'Tue, 24 Nov 2026 03:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMsOf(restError(429, { 'Retry-After': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMsOf({ response: { headers: { 'Retry-After': '3' } } }, now)).toBe(3000);
  });

  it('reads the status from statusCode, status or the response', () => {
    expect(statusOf(restError(418))).toBe(418);
    expect(statusOf({ status: 502 })).toBe(502);
    expect(statusOf({ response: { status: 404 } })).toBe(404);
    expect(statusOf(new Error('x'))).toBeUndefined();
  });

  it('recognises Teams refusing a new 1:1 chat', () => {
    expect(isNotInstalledRefusal(restError(403))).toBe(true);
    expect(isNotInstalledRefusal(restError(404))).toBe(true);
    expect(isNotInstalledRefusal(restError(429))).toBe(false);
  });
});
