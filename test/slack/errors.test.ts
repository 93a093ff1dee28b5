import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { SlackConfigError, SlackDirectoryError, toSendFailure } from '../../src/slack/errors.js';

const platform = (error: string, retryAfter?: number) =>
  new WebAPIPlatformError({
    ok: false,
    error,
    ...(retryAfter === undefined ? {} : { response_metadata: { retryAfter } }),
  });

describe('toSendFailure: Slack Web API errors → outbox classes', () => {
  it('rate limits are transient and carry the wait Slack asked for', () => {
    expect(toSendFailure(new WebAPIRateLimitedError(7))).toEqual({
      kind: 'transient',
      code: 'ratelimited',
      retryAfterMs: 7000,
    });
    expect(toSendFailure(new WebAPIHTTPError(429, 'Too Many Requests', { 'retry-after': '3' }))).toEqual({
      kind: 'transient',
      code: 'ratelimited',
      retryAfterMs: 3000,
    });
    expect(toSendFailure(new WebAPIHTTPError(429, 'Too Many Requests', {}))).toEqual({
      kind: 'transient',
      code: 'ratelimited',
    });
    expect(toSendFailure(platform('ratelimited', 2))).toEqual({
      kind: 'transient',
      code: 'ratelimited',
      retryAfterMs: 2000,
    });
    // What the WebClient throws once its own retries are spent on a 429.
    expect(
      toSendFailure(
        new Error('A rate limit was exceeded (url: https://slack.com/api/chat.postMessage, retry-after: 30)'),
      ),
    ).toEqual({
      kind: 'transient',
      code: 'ratelimited',
      retryAfterMs: 30_000,
    });
  });

  it('Slack outages and network errors are transient', () => {
    for (const code of ['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']) {
      expect(toSendFailure(platform(code))).toEqual({ kind: 'transient', code });
    }
    expect(toSendFailure(new WebAPIHTTPError(503, 'Service Unavailable', {}))).toEqual({
      kind: 'transient',
      code: 'http_503',
    });
    expect(toSendFailure(new WebAPIRequestError(new Error('ECONNRESET')))).toEqual({
      kind: 'transient',
      code: 'network_error',
    });
    expect(toSendFailure(new Error('socket hang up'))).toEqual({ kind: 'transient', code: 'unexpected_error' });
  });

  it('gone users and channel problems are permanent, without blocking the member', () => {
    for (const code of [
      'user_not_found',
      'channel_not_found',
      'not_in_channel',
      'account_inactive',
      'is_archived',
      'user_disabled',
      'messages_tab_disabled',
    ]) {
      expect(toSendFailure(platform(code))).toEqual({ kind: 'permanent', code });
    }
    expect(toSendFailure(new WebAPIHTTPError(404, 'Not Found', {}))).toEqual({ kind: 'permanent', code: 'http_404' });
  });

  it('a DM Slack will never deliver blocks the member for good', () => {
    expect(toSendFailure(platform('cannot_dm_bot'))).toEqual({
      kind: 'permanent',
      code: 'cannot_dm_bot',
      blocked: true,
    });
    expect(toSendFailure(platform('user_not_visible'))).toEqual({
      kind: 'permanent',
      code: 'user_not_visible',
      blocked: true,
    });
  });

  it('an unknown Slack code is permanent and kept for ops', () => {
    expect(toSendFailure(platform('some_new_error'))).toEqual({ kind: 'permanent', code: 'some_new_error' });
  });
});

describe('adapter errors say how to fix the problem', () => {
  it('configuration and directory errors', () => {
    const config = new SlackConfigError(['botToken (SLACK_BOT_TOKEN) is required']);
    expect(config.code).toBe('slack_config_invalid');
    expect(config.message).toBe('Slack adapter configuration is invalid:\n  - botToken (SLACK_BOT_TOKEN) is required');
    expect(new SlackDirectoryError('missing_scope').message).toContain('users:read.email');
    expect(new SlackDirectoryError('invalid_auth').message).toContain('SLACK_BOT_TOKEN');
  });
});
