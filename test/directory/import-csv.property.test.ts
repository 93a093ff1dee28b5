import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/core/types.js';
import { importDirectoryCsv } from '../../src/directory/import-csv.js';
import { addWorkspace, type TempStore, tempStore } from '../scheduler/fixture.js';
import { HOSTILE_PIECES, hostileString } from '../support/hostile.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const HEADERS = [
  'email,name,department,location,manager_email,executive',
  'メールアドレス,氏名,部署,拠点,上長メールアドレス,役員',
  'name,email',
  'email;name;department',
  'email\tname\tlocation',
  '"email","name","executive"',
  'email,name,email',
  'name,department',
  '',
];

/** A cell: an email, a name, a boolean-ish word, or anything hostile, sometimes quoted. */
const cell = fc
  .oneof(
    fc.emailAddress(),
    fc.constantFrom('taro@example.com', 'TARO@EXAMPLE.COM', 'hanako@example.com', 'true', 'はい', '0', ''),
    hostileString(400),
    fc.constantFrom(...HOSTILE_PIECES),
  )
  .chain((v) => fc.constantFrom(v, `"${v.replace(/"/gu, '""')}"`, `"${v}`));
const text = fc
  .tuple(
    fc.constantFrom(...HEADERS),
    fc.array(fc.array(cell, { minLength: 0, maxLength: 8 }), { maxLength: 30 }),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([header, rows, sep, eol]) => [header, ...rows.map((r) => r.join(sep))].join(eol));
/** Addresses as companies issue them (fast-check's RFC 5322 ones are mostly refused as not plain addresses). */
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/u),
    fc.constantFrom('example.com', 'example.co.jp', 'ＥＸＡＭＰＬＥ.com'),
  )
  .map(([local, domain]) => `${local}@${domain}`);
/** A file in the documented layout whose rows fit it, with hostile names, departments and sites. */
const quote = (v: string) => `"${v.replace(/"/gu, '""')}"`;
const plausible = fc
  .array(
    fc.tuple(
      email,
      hostileString(250),
      hostileString(250),
      hostileString(30),
      fc.option(email, { nil: '' }),
      fc.constantFrom('true', 'false', 'はい', 'x'),
    ),
    { maxLength: 25 },
  )
  .map((rows) =>
    [
      HEADERS[0],
      ...rows.map(([email, name, dept, site, manager, exec]) =>
        [email, quote(name), quote(dept), quote(site), manager, exec].join(','),
      ),
    ].join('\r\n'),
  );
const bytes = fc.oneof(
  { weight: 3, arbitrary: plausible.map((t) => Buffer.from(t, 'utf8')) },
  { weight: 4, arbitrary: text.map((t) => Buffer.from(t, 'utf8')) },
  { weight: 1, arbitrary: text.map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])) },
  { weight: 1, arbitrary: text.map((t) => iconv.encode(t, 'Shift_JIS')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)) },
);

describe('the directory CSV import on hostile files', () => {
  let db: TempStore;
  let n = 0;
  const members = (ws: Workspace) => db.repos.members.list(ws.id);

  beforeAll(() => {
    db = tempStore();
  });
  afterAll(() => db.close());

  it('never throws; every line is imported whole or reported with its line number; nothing else is written', async () => {
    let created = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom('ja', 'en'), async (file, locale) => {
        n += 1;
        const ws = await addWorkspace(db.repos, { externalId: `w${n}` });
        const result = await importDirectoryCsv(db.repos, ws.id, file, NOW, locale);
        const stored = await members(ws);
        created += result.created;
        refused += result.errors.length;
        expect(stored).toHaveLength(result.created);
        expect(result.created + result.updated).toBeLessThanOrEqual(result.rows);
        for (const error of result.errors) {
          expect(Number.isInteger(error.line) && error.line >= 1).toBe(true);
          expect(error.reason.trim().length).toBeGreaterThan(0);
        }
        // Whole rows only: a name, a valid lower-case email, and bounded fields, or no row at all.
        for (const m of stored) {
          expect(m.name.trim().length).toBeGreaterThan(0);
          expect(m.email).toMatch(/^[^@\s]+@[^@\s]+$/u);
          expect(m.email).toBe(m.email?.toLowerCase());
          expect((m.department ?? '').length).toBeLessThanOrEqual(200);
          expect(m.platformId).toBeNull();
        }
      }),
      { numRuns: 1500 },
    );
    // Both sides were reached: rows taken and rows refused.
    expect(created).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  }, 60_000);
});
