import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORM_KINDS } from '../../src/core/message.js';
import { type MapContext, toCoreEvent } from '../../src/teams/to-core-event.js';
import { hostileString, mutated } from '../support/hostile.js';
import { type FixtureName, fixture } from './fixtures.js';

const NAMES: FixtureName[] = [
  'bot-added-to-team',
  'card-action',
  'card-submit-story',
  'channel-message',
  'channel-reply',
  'group-chat-message',
  'installation-remove-personal',
  'members-added',
  'members-removed',
  'mention-command',
  'message-delete',
  'personal-message',
  'reaction-added',
  'reaction-removed',
];
const TYPES = [
  'record',
  'retract',
  'command',
  'submit',
  'unreadable-submit',
  'action',
  'open-form',
  'joined',
  'uninstalled',
];

const context: MapContext = {
  authorOf: () => '29:author',
  emailOf: () => 'someone@example.com',
  now: '2026-11-24T03:00:00.000Z',
};

describe('the Teams activity mapper on hostile activities', () => {
  it('never throws: each turn holds known events only, with string ids, instants and form values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 8, arbitrary: fc.oneof(...NAMES.map((name) => mutated(fixture(name)))) },
          { weight: 1, arbitrary: fc.anything() },
          { weight: 1, arbitrary: hostileString(3000) },
        ),
        async (raw) => {
          const turn = await toCoreEvent(raw, context);
          if (turn.tenantId === null) expect(turn.events).toEqual([]);
          for (const event of turn.events) {
            expect(TYPES).toContain(event.type);
            if (event.type === 'record') {
              const a = event.input;
              for (const key of [a.eventId, a.memberPlatformId, a.channelId]) {
                expect(typeof key).toBe('string');
                expect(key.length).toBeGreaterThan(0);
              }
              expect(Number.isNaN(Date.parse(a.occurredAt))).toBe(false);
            }
            if (event.type === 'submit') {
              expect(FORM_KINDS).toContain(event.kind);
              expect(typeof event.submissionKey).toBe('string');
              for (const value of Object.values(event.values)) expect(typeof value).toBe('string');
            }
            if (event.type === 'command') expect(typeof event.text).toBe('string');
            if ('caller' in event) expect(typeof event.caller.platformId).toBe('string');
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
