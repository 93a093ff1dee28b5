import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandTextOf, MAX_MENTIONS } from '../../src/teams/command-text.js';
import type { InboundActivity } from '../../src/teams/inbound.js';

/** Pieces hostile texts are made of: unclosed tags, tags, entities, NUL, RTL, emoji, SQL-looking words. */
const PIECES = [
  '<at>',
  '</at>',
  '<at ',
  '<at',
  '<p',
  '<div class="x"',
  '<span>',
  '<br/>',
  '>',
  '<',
  '&amp;',
  '&nbsp;',
  '&',
  '\u0000',
  '\u0000' + '1',
  '\u202e',
  '🎉',
  "'; DROP TABLE members; --",
  'role grant ops ',
  ' ',
  '\n',
];

/** `pieces` repeated until `size` characters. */
function build(pieces: string[], size: number): string {
  const unit = pieces.join('');
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const BUDGET_MS = 1500;

describe('Teams command text stays linear on hostile input (up to 1 MB)', () => {
  it('any mix of tag fragments: one call within the budget, no placeholder left', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (pieces, size) => {
          const text = build(pieces, size);
          const started = performance.now();
          const out = await commandTextOf({ type: 'message', text } as InboundActivity);
          const ms = performance.now() - started;
          expect(typeof out).toBe('string');
          // A placeholder is NUL, digits, NUL (built here so no control character sits in a regex literal).
          expect(out).not.toMatch(new RegExp(`${String.fromCharCode(0)}\\d+${String.fromCharCode(0)}`, 'u'));
          expect(ms).toBeLessThan(BUDGET_MS);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('thousands of mention entities over a large text: within the budget, only the first ones used', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 200_000 }), async (count, size) => {
        const text = build(['<at>A</at> ', 'x '], size);
        const entities = Array.from({ length: count }, (_, i) => ({
          type: 'mention',
          text: '<at>A</at>',
          mentioned: { id: `29:${i}`, name: 'A' },
        }));
        const started = performance.now();
        const out = await commandTextOf({ type: 'message', text, entities } as InboundActivity, (id) => `${id}@x.jp`);
        expect(performance.now() - started).toBeLessThan(BUDGET_MS);
        const emails = out.match(/@x\.jp/gu)?.length ?? 0;
        expect(emails).toBeLessThanOrEqual(MAX_MENTIONS);
      }),
      { numRuns: 20 },
    );
  });

  it('the 100 KB unclosed-tag text that took 31 s before answers like the short one', async () => {
    const text = '<p'.repeat(50_000);
    const started = performance.now();
    expect(await commandTextOf({ type: 'message', text } as InboundActivity)).toBe(text.replace(/\s+/gu, ' ').trim());
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });
});
