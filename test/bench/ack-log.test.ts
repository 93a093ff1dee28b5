import { describe, expect, it } from 'vitest';
import { logEntry } from '../../bench/scale/ack-during-job.js';
import { createLogger } from '../../src/logger.js';

describe('ack bench: reading the server log', () => {
  it('finds the port, the catch-up and the job in the lines the real logger writes', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    logger.info('Hiroba is running', { port: 41469, slack: 'http', teams: 'off', db: '/tmp/x.db' });
    logger.info('job ran', { job: 'digest', workspaceId: 1, period: '2026-W49', enqueued: 1 });
    logger.info('caught up on scheduled jobs', { runs: 1 });
    const entries = lines.map(logEntry);
    expect(entries[0]).toEqual({
      msg: 'Hiroba is running',
      fields: { port: 41469, slack: 'http', teams: 'off', db: '/tmp/x.db' },
    });
    expect(entries[1]?.fields).toEqual({ job: 'digest', workspaceId: 1, period: '2026-W49', enqueued: 1 });
    expect(entries[2]?.msg).toBe('caught up on scheduled jobs');
  });

  it('passes over what is not a log entry', () => {
    expect(logEntry('    at Object.<anonymous> (file.js:1:1)')).toBeNull();
    expect(logEntry('{"level":"info"')).toBeNull();
    expect(logEntry('[1, 2]')).toBeNull();
    expect(logEntry('{"level":"info","time":"2026-12-02T00:00:00.000Z"}')).toBeNull();
  });
});
