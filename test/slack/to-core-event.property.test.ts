import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCoreEvent } from '../../src/slack/to-core-event.js';
import { hostileString, mutated } from '../support/hostile.js';
import { envelope, messageDeletedEvent, messageEvent, reactionEvent, TEAM } from './payloads.js';

const TYPES = [
  'activity',
  'reply-needs-parent',
  'retract',
  'member-joined',
  'member-changed',
  'home-opened',
  'ignored',
];
const REASONS = [
  'bot',
  'edit',
  'subtype',
  'not_a_message',
  'messages_tab',
  'unsupported',
  'malformed',
  'foreign_member',
  'foreign_team',
];

const BASES = [
  envelope(messageEvent({ user: 'U0MEMBER01', channel: 'C0SNS00001', ts: '1764000000.000100' })),
  envelope(
    messageEvent({
      user: 'U0MEMBER01',
      channel: 'C0SNS00001',
      ts: '1764000000.000200',
      threadTs: '1764000000.000100',
      parentUserId: 'U0MEMBER02',
    }),
  ),
  envelope(
    reactionEvent({
      user: 'U0MEMBER01',
      itemUser: 'U0MEMBER02',
      channel: 'C0SNS00001',
      ts: '1764000000.000100',
      eventTs: '1764000001.000100',
    }),
  ),
  envelope(messageDeletedEvent({ channel: 'C0SNS00001', deletedTs: '1764000000.000100', eventTs: '1764000002.0001' })),
  envelope({ type: 'member_joined_channel', user: 'U0MEMBER01', channel: 'C0SNS00001', team: TEAM.id }),
  envelope({ type: 'app_home_opened', user: 'U0MEMBER01', channel: 'D0HOME0001', tab: 'home' }),
  envelope({
    type: 'team_join',
    user: {
      id: 'U0MEMBER03',
      team_id: TEAM.id,
      name: 'taro',
      deleted: false,
      is_bot: false,
      locale: 'ja-JP',
      profile: { real_name: '山田 太郎', display_name: '太郎', email: 'taro@example.com', fields: {} },
    },
  }),
];

describe('the Slack event mapper on hostile payloads', () => {
  it('never throws: every payload maps to a known event or is ignored with a reason, and activities are well formed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 6, arbitrary: fc.oneof(...BASES.map(mutated)) },
          { weight: 1, arbitrary: fc.anything() },
          { weight: 1, arbitrary: hostileString(3000) },
        ),
        (body) => {
          const event = toCoreEvent(body);
          expect(TYPES).toContain(event.type);
          if (event.type === 'ignored') expect(REASONS).toContain(event.reason);
          if (event.type === 'activity' || event.type === 'reply-needs-parent') {
            const a = event.activity;
            for (const key of [a.eventId, a.memberPlatformId, a.channelId]) {
              expect(typeof key).toBe('string');
              expect(key.length).toBeGreaterThan(0);
            }
            expect(Number.isNaN(Date.parse(a.occurredAt))).toBe(false);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
