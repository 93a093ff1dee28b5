import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

describe('createLogger', () => {
  it('writes entries at or above its level, one line each, with fields as JSON', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    logger.debug('hidden');
    logger.info('job ran', { job: 'digest', enqueued: 1 });
    logger.error('send failed', { error: new Error('channel_not_found') });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info job ran \{"job":"digest","enqueued":1\}$/u,
    );
    expect(lines[1]?.endsWith(' error send failed {"error":"channel_not_found"}')).toBe(true);
  });

  it('never throws on fields it cannot serialise', () => {
    const lines: string[] = [];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    createLogger('debug', (line) => lines.push(line)).warn('odd', cyclic);
    expect(lines[0]?.endsWith(' warn odd {"fields":"unserialisable"}')).toBe(true);
  });
});
