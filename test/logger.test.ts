import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redactText, scrub } from '../src/logger.js';

function capture(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { lines, logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger (pino, JSON lines)', () => {
  it('writes entries at or above its level as one JSON object per line: level, ISO time, fields, msg', () => {
    const { lines, logger, entries } = capture('info');
    logger.debug('hidden');
    logger.info('job ran', { job: 'digest', enqueued: 1 });
    logger.error('send failed', { error: new Error('channel_not_found') });
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    const [ran, failed] = entries();
    expect(ran).toEqual({ level: 'info', time: expect.any(String), job: 'digest', enqueued: 1, msg: 'job ran' });
    expect(new Date(String(ran?.time)).toISOString()).toBe(ran?.time);
    expect(failed).toMatchObject({ level: 'error', error: 'channel_not_found', msg: 'send failed' });
  });

  it('keeps a "Hiroba is running" line whose port can be read back', () => {
    const { lines, logger } = capture('info');
    logger.info('Hiroba is running', { port: 43125, teams: 'on' });
    expect(lines[0]).toContain('"msg":"Hiroba is running"');
    expect((JSON.parse(lines[0] ?? '{}') as { port: number }).port).toBe(43125);
  });

  it('never writes a token, a secret, an authorization header or what a member typed', () => {
    const { lines, logger } = capture('debug');
    const slackToken = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
    const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJl';
    const typed = '来週の発表資料、まだ誰にも見せていない下書きです';
    logger.info('Teams request', {
      headers: { Authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      activity: { type: 'message', text: typed, from: { id: '29:1' }, value: { f_situation: typed } },
      config: { botToken: slackToken, signingSecret: 'shh-signing', MicrosoftAppPassword: 'azure-pw' },
      deep: { a: { b: { c: { text: typed, token: slackToken } } } },
    });
    logger.warn(`command failed for token ${slackToken}`, { error: new Error(`invalid_auth: Bearer ${jwt}`) });
    logger.error('request body refused', { body: `{"text":"${typed}"}`, rawBody: typed });
    const all = lines.join('\n');
    for (const secret of [slackToken, jwt, typed, 'shh-signing', 'azure-pw']) expect(all).not.toContain(secret);
    // The rest of each entry is still there to act on.
    expect(all).toContain('"type":"message"');
    expect(all).toContain('"content-type":"application/json"');
    expect(all).toContain(REDACTED);
    expect(lines).toHaveLength(3);
  });

  it('never throws on fields it cannot serialise, and writes no stack', () => {
    const { lines, logger, entries } = capture('debug');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const error = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    logger.warn('odd', { cyclic, big: 10n, error, when: new Date('2026-03-13T07:00:00.000Z') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\bat \S+ \(/u);
    expect(entries()[0]).toMatchObject({
      cyclic: { name: 'loop', self: '[circular]' },
      big: '10',
      error: { message: 'disk I/O error', code: 'SQLITE_IOERR' },
      when: '2026-03-13T07:00:00.000Z',
    });
  });
});

describe('scrub and redactText', () => {
  it('redacts sensitive keys whatever their case and depth, and leaves the rest', () => {
    expect(scrub({ Text: 'x', list: [{ PASSWORD: 'p', id: 1 }], ok: true })).toEqual({
      Text: REDACTED,
      list: [{ PASSWORD: REDACTED, id: 1 }],
      ok: true,
    });
  });

  it('cuts credential-shaped parts out of sentences', () => {
    expect(redactText('auth.test said invalid_auth for xoxb-1-2-abc')).toBe(
      `auth.test said invalid_auth for ${REDACTED}`,
    );
    expect(redactText('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: ${REDACTED}`);
    expect(redactText('socket xapp-1-A0-123 lost')).toBe(`socket ${REDACTED} lost`);
    expect(redactText('nothing secret here')).toBe('nothing secret here');
  });
});
