import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_KINDS, type FormKind } from '../../../src/core/message.js';
import type { FormSubmission } from '../../../src/core/ports.js';
import { createHarness, type Harness } from '../../support/core-harness.js';
import { hostileString, hostileValue } from '../../support/hostile.js';

let h: Harness;
const failures: string[] = [];
const totals = () =>
  h.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM submissions) AS submissions, (SELECT COUNT(*) FROM activities) AS activities,
              (SELECT COUNT(*) FROM outbox WHERE job = 'story-post') AS posts`,
    )
    .get() as { submissions: number; activities: number; posts: number };

const FIELDS = ['title', 'situation', 'action', 'result', 'idea', 'benefit', 'intro', 'interest'];

beforeAll(async () => {
  h = await createHarness({ core: { logError: (what, error) => failures.push(`${what}: ${String(error)}`) } });
  await h.settings({ countedChannels: ['C1'] });
  await h.member({ name: 'Author', platformId: 'U1' });
});
afterAll(() => h.close());

/** A field value: mostly plausible text of every length around the limits, sometimes anything at all. */
const value = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 0, maxLength: 1600 }) },
  { weight: 3, arbitrary: hostileString(2000) },
  { weight: 1, arbitrary: hostileValue() },
);
/** Text every field of every form takes (10 to 80 characters), with hostile content inside. */
const fitting = hostileString(300).map((v) => `${v}0123456789`.slice(-80).padStart(12, '。'));
/** A complete, valid-looking submission of one kind, hostile text in every field. */
const complete = fc.record({
  kind: fc.constantFrom<FormKind>(...FORM_KINDS),
  values: fc.record(Object.fromEntries(FIELDS.map((f) => [f, fitting]))),
  submissionKey: fc.oneof(fc.constantFrom('k1', 'k2'), fc.uuid()),
});
const anything = fc.record({
  kind: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<FormKind>(...FORM_KINDS) },
    { weight: 1, arbitrary: hostileValue() },
  ),
  values: fc.oneof(
    {
      weight: 8,
      arbitrary: fc.dictionary(fc.constantFrom(...FIELDS, '__proto__', 'constructor'), value, { maxKeys: 8 }),
    },
    { weight: 1, arbitrary: hostileValue() },
  ),
  submissionKey: fc.oneof(fc.constantFrom('k1', 'k2'), hostileString(600), hostileValue()),
});

describe('form submissions on hostile input', () => {
  it('never throw: accepted once with exactly one submission, or refused per field with nothing written', async () => {
    const seen = { accepted: 0, stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(complete, anything), async (raw) => {
        const before = totals();
        const result = await h.core.submitForm({
          workspaceId: h.workspace.id,
          platformId: 'U1',
          channelId: null,
          ...raw,
        } as FormSubmission);
        const after = totals();
        expect(failures).toEqual([]);
        if (result.ok) {
          seen.accepted += 1;
          seen.stored += after.submissions - before.submissions;
          expect(after.submissions - before.submissions).toBeLessThanOrEqual(1);
          expect(after.activities - before.activities).toBeLessThanOrEqual(1);
          expect(after.posts - before.posts).toBe(after.submissions - before.submissions);
        } else {
          seen.refused += 1;
          expect(Object.keys(result.errors).length).toBeGreaterThan(0);
          for (const message of Object.values(result.errors)) expect(typeof message).toBe('string');
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 1000 },
    );
    // Both sides were reached: the property says something about accepted and refused forms alike.
    expect(seen.stored).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(50);
  }, 60_000);
});
