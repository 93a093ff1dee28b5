import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/directory/csv-records.js';
import { decodeCsv } from '../../src/directory/decode.js';
import { type DirectoryRow, parseDirectoryCsv } from '../../src/directory/parse-csv.js';
import { fixture } from './fixtures.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

const JAPANESE_ROWS: DirectoryRow[] = [
  {
    line: 2,
    email: 'taro.yamada@example.co.jp',
    name: '山田 太郎',
    department: '経営企画部',
    location: '東京本社',
    managerEmail: null,
    executive: true,
    absent: [],
  },
  {
    line: 3,
    email: 'hanako.sato@example.co.jp',
    name: '佐藤 花子',
    department: '営業部, 東日本',
    location: '東京本社',
    managerEmail: 'taro.yamada@example.co.jp',
    executive: false,
    absent: [],
  },
  {
    line: 4,
    email: 'ichiro.takahashi@example.co.jp',
    name: '髙橋 一郎',
    department: '開発部',
    location: '大阪支社',
    managerEmail: 'hanako.sato@example.co.jp',
    executive: false,
    absent: [],
  },
];

describe('decoding', () => {
  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = fixture('org-utf8-bom.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { text, encoding } = decodeCsv(bytes);
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('name,email,')).toBe(true);
  });

  it('reads Shift_JIS as Japanese Excel saves it, Windows-31J characters included', () => {
    const { text, encoding } = decodeCsv(fixture('org-shift-jis.csv'));
    expect(encoding).toBe('shift_jis');
    expect(text).toContain('髙橋 一郎');
    expect(text).toContain('①0001');
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsv(utf8('email,name\n'))).toEqual({ text: 'email,name\n', encoding: 'utf-8' });
  });
});

describe('RFC 4180 records', () => {
  it('handles quoted commas, doubled quotes and line breaks inside quotes, keeping start lines', () => {
    const { records, unterminatedAt } = readCsvRecords('a,"b,c"\r\n"x ""y""","multi\r\nline\nfield",z\n\nlast');
    expect(unterminatedAt).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b,c'] },
      { line: 2, fields: ['x "y"', 'multi\nline\nfield', 'z'] },
      { line: 5, fields: [''] },
      { line: 6, fields: ['last'] },
    ]);
  });

  it('treats a lone CR as a line break and keeps empty trailing fields', () => {
    expect(readCsvRecords('a,b,\rc,,\r').records).toEqual([
      { line: 1, fields: ['a', 'b', ''] },
      { line: 2, fields: ['c', '', ''] },
    ]);
  });

  it('reports a quote that is never closed at the line its record starts', () => {
    expect(readCsvRecords('a,b\nc,"open\nmore\n')).toEqual({
      records: [{ line: 1, fields: ['a', 'b'] }],
      unterminatedAt: 2,
    });
  });
});

describe('parseDirectoryCsv', () => {
  it('reads the UTF-8 (BOM, CRLF) fixture with the columns in another order', () => {
    expect(parseDirectoryCsv(fixture('org-utf8-bom.csv'))).toEqual({ rows: JAPANESE_ROWS, errors: [] });
  });

  it('reads the Shift_JIS fixture with Japanese headers and an extra column', () => {
    const { rows, errors } = parseDirectoryCsv(fixture('org-shift-jis.csv'));
    expect(errors).toEqual([]);
    expect(rows).toEqual(JAPANESE_ROWS.map((row, i) => (i === 2 ? { ...row, department: '品質保証部' } : row)));
  });

  it('reads Shift_JIS made on the fly the same as UTF-8', () => {
    const text = 'email,name,department\r\nkenji@example.jp,伊藤 健二,総務部\r\n';
    expect(parseDirectoryCsv(iconv.encode(text, 'Shift_JIS'))).toEqual(parseDirectoryCsv(utf8(text)));
  });

  it('reports each bad row with its line and reason and keeps the valid rows', () => {
    const { rows, errors } = parseDirectoryCsv(fixture('org-bad-rows.csv'));
    expect(errors).toEqual([
      { line: 4, reason: 'email "no-at-sign" is not an email address.' },
      { line: 5, reason: 'email is empty.' },
      { line: 6, reason: 'name is empty.' },
      { line: 7, reason: 'executive "maybe" must be true/false, 1/0 or yes/no.' },
      { line: 10, reason: 'email jiro@example.com already appears on line 8; keep one line per member.' },
      { line: 11, reason: "manager_email is the member's own email." },
      { line: 13, reason: 'manager_email "not an email" is not an email address.' },
    ]);
    expect(rows).toEqual([
      {
        line: 2,
        email: 'ceo@example.com',
        name: 'Sato, Ichiro',
        department: 'Executive Office',
        location: 'Tokyo',
        managerEmail: null,
        executive: true,
        absent: [],
      },
      {
        line: 8,
        email: 'jiro@example.com',
        name: 'Jiro\nSuzuki',
        department: 'Engineering',
        location: 'Fukuoka',
        managerEmail: 'ceo@example.com',
        executive: false,
        absent: [],
      },
      {
        line: 12,
        email: 'ghost@example.com',
        name: 'Reports To Ghost',
        department: 'Engineering',
        location: 'Tokyo',
        managerEmail: 'nobody@example.com',
        executive: false,
        absent: [],
      },
      {
        line: 14,
        email: 'ok@example.com',
        name: 'Okay, Member',
        department: null,
        location: null,
        managerEmail: 'jiro@example.com',
        executive: true,
        absent: [],
      },
    ]);
  });

  it('gives the reasons in Japanese when asked', () => {
    const { errors } = parseDirectoryCsv(fixture('org-bad-rows.csv'), 'ja');
    expect(errors[0]).toEqual({ line: 4, reason: 'email「no-at-sign」はメールアドレスの形式ではありません。' });
    expect(errors[3]).toEqual({
      line: 7,
      reason: 'executive「maybe」は指定できません。true/false、1/0、yes/no、はい/いいえ のいずれかを入力してください。',
    });
  });

  it('accepts every spelling of executive', () => {
    const values = ['true', 'FALSE', '1', '0', 'Yes', 'no', 'はい', 'いいえ', ''];
    const csv = ['email,name,executive', ...values.map((v, i) => `p${i}@example.com,P${i},${v}`)].join('\n');
    const { rows, errors } = parseDirectoryCsv(utf8(csv));
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.executive)).toEqual([true, false, true, false, true, false, true, false, false]);
  });

  it('needs only email and name; missing columns are marked absent so a re-import keeps them', () => {
    const { rows } = parseDirectoryCsv(utf8('NAME,EMAIL\nA,a@example.com'));
    expect(rows).toEqual([
      {
        line: 2,
        email: 'a@example.com',
        name: 'A',
        department: null,
        location: null,
        managerEmail: null,
        executive: false,
        absent: ['department', 'location', 'manager_email', 'executive'],
      },
    ]);
  });

  it('refuses a file without an email or name column with one error on line 1', () => {
    expect(parseDirectoryCsv(utf8('mail_address,name,department\nx@example.com,X,Sales\n'))).toEqual({
      rows: [],
      errors: [
        {
          line: 1,
          reason:
            'The header row is missing email. The first line must name the columns: email,name,department,location,manager_email,executive.',
        },
      ],
    });
    expect(parseDirectoryCsv(utf8('department,location\n')).errors).toEqual([
      {
        line: 1,
        reason:
          'The header row is missing email, name. The first line must name the columns: email,name,department,location,manager_email,executive.',
      },
    ]);
    expect(parseDirectoryCsv(Buffer.alloc(0)).errors).toHaveLength(1);
    expect(parseDirectoryCsv(Buffer.alloc(0)).errors[0]?.line).toBe(1);
  });

  it('reports an unclosed quote and keeps the rows before it', () => {
    const { rows, errors } = parseDirectoryCsv(
      utf8('email,name\na@example.com,A\nb@example.com,"B\nc@example.com,C\n'),
    );
    expect(rows.map((r) => r.email)).toEqual(['a@example.com']);
    expect(errors).toEqual([
      { line: 3, reason: 'A double quote (") opened on this line is never closed: check the quotes.' },
    ]);
  });

  it('refuses names and departments over 200 characters', () => {
    const { rows, errors } = parseDirectoryCsv(utf8(`email,name,department\na@example.com,A,${'部'.repeat(201)}\n`));
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 2, reason: 'department is longer than 200 characters.' }]);
  });
});
