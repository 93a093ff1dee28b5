import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsvRecords } from '../../src/directory/csv-records.js';
import { decodeCsv } from '../../src/directory/decode.js';
import { columnOfHeading } from '../../src/directory/headings.js';
import { type DirectoryRow, parseDirectoryCsv } from '../../src/directory/parse-csv.js';
import { fixture } from './fixtures.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
/** What Excel writes for "Unicode テキスト": a UTF-16LE BOM, then UTF-16LE. */
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

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
    const decoded = decodeCsv(bytes);
    expect(decoded.ok && decoded.encoding).toBe('utf-8-bom');
    expect(decoded.ok && decoded.text.startsWith('name,email,')).toBe(true);
  });

  it('reads Shift_JIS as Japanese Excel saves it, Windows-31J characters included', () => {
    const decoded = decodeCsv(fixture('org-shift-jis.csv'));
    if (!decoded.ok) throw new Error('not decoded');
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.text).toContain('髙橋 一郎');
    expect(decoded.text).toContain('①0001');
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsv(utf8('email,name\n'))).toEqual({ ok: true, text: 'email,name\n', encoding: 'utf-8' });
  });

  it('reads UTF-16 with a BOM, little- and big-endian (Excel\'s "Unicode テキスト" is little-endian)', () => {
    const text = '氏名\tメールアドレス\r\n髙橋 一郎\tichiro@example.jp\r\n';
    expect(decodeCsv(utf16le(text))).toEqual({ ok: true, text, encoding: 'utf-16le' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeCsv(be)).toEqual({ ok: true, text, encoding: 'utf-16be' });
  });

  it('refuses UTF-16 without a BOM and Excel workbooks instead of reading garbage', () => {
    expect(decodeCsv(Buffer.from('email,name\n', 'utf16le'))).toEqual({ ok: false, problem: 'utf16-no-bom' });
    expect(decodeCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({ ok: false, problem: 'xlsx' });
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
    expect(decodeCsv(ole2)).toEqual({ ok: false, problem: 'xlsx' });
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
    const parsed = parseDirectoryCsv(fixture('org-utf8-bom.csv'), 'en');
    expect(parsed.rows).toEqual(JAPANESE_ROWS);
    expect(parsed.errors).toEqual([]);
    expect(parsed.unused).toEqual([]);
    expect(parsed.absent).toEqual([]);
    expect(parsed.columns.map((c) => c.column)).toEqual([
      'name',
      'email',
      'executive',
      'department',
      'manager_email',
      'location',
    ]);
  });

  it('reads the Shift_JIS fixture with Japanese headers and reports the extra column', () => {
    const { rows, errors, unused, encoding } = parseDirectoryCsv(fixture('org-shift-jis.csv'));
    expect(encoding).toBe('shift_jis');
    expect(errors).toEqual([]);
    expect(unused).toEqual(['列「社員番号」は使いません。']);
    expect(rows).toEqual(JAPANESE_ROWS.map((row, i) => (i === 2 ? { ...row, department: '品質保証部' } : row)));
  });

  it('reads the headings of a Japanese HR export: 氏名,メールアドレス,部門,事業所,上司メールアドレス,役員', () => {
    const text = [
      '氏名,メールアドレス,部門,事業所,上司メールアドレス,役員,部門コード',
      '山田 花子,hanako@example.co.jp,営業部,大阪支社,,○,S01',
      '鈴木 太郎,taro@example.co.jp,営業部,大阪支社,hanako@example.co.jp,×,S01',
    ].join('\r\n');
    const parsed = parseDirectoryCsv(utf8(text));
    expect(parsed.errors).toEqual([]);
    expect(parsed.absent).toEqual([]);
    expect(parsed.unused).toEqual(['列「部門コード」は使いません。']);
    expect(parsed.columns).toEqual([
      { heading: '氏名', column: 'name' },
      { heading: 'メールアドレス', column: 'email' },
      { heading: '部門', column: 'department' },
      { heading: '事業所', column: 'location' },
      { heading: '上司メールアドレス', column: 'manager_email' },
      { heading: '役員', column: 'executive' },
    ]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        email: 'hanako@example.co.jp',
        name: '山田 花子',
        department: '営業部',
        location: '大阪支社',
        managerEmail: null,
        executive: true,
        absent: [],
      },
      {
        line: 3,
        email: 'taro@example.co.jp',
        name: '鈴木 太郎',
        department: '営業部',
        location: '大阪支社',
        managerEmail: 'hanako@example.co.jp',
        executive: false,
        absent: [],
      },
    ]);
  });

  it.each([
    ['氏名', 'name'],
    ['名前', 'name'],
    ['メールアドレス', 'email'],
    ['メール', 'email'],
    ['Eメール', 'email'],
    ['Ｅメール', 'email'],
    ['ＥＭＡＩＬ', 'email'],
    ['E-Mail', 'email'],
    ['部署', 'department'],
    ['部門', 'department'],
    ['所属', 'department'],
    ['所属部署', 'department'],
    ['勤務地', 'location'],
    ['事業所', 'location'],
    ['拠点', 'location'],
    ['上長メールアドレス', 'manager_email'],
    ['上司メールアドレス', 'manager_email'],
    ['上長', 'manager_email'],
    ['上司', 'manager_email'],
    ['Manager Email', 'manager_email'],
    ['役員', 'executive'],
    ['  Executive ', 'executive'],
  ])('reads the heading %j as %s', (heading, column) => {
    expect(columnOfHeading(heading)).toBe(column);
  });

  it('reports every heading it does not use, and a second heading for the same column', () => {
    const text = ['社員番号,氏名,メールアドレス,部署,所属,,備考', '1,A,a@example.com,営業部,東日本,x,'].join('\n');
    const parsed = parseDirectoryCsv(utf8(text));
    expect(parsed.unused).toEqual([
      '列「社員番号」は使いません。',
      '列「所属」は列「部署」と同じ部署の列のため使いません。',
      '6列目には見出しがないため使いません。',
      '列「備考」は使いません。',
    ]);
    expect(parsed.rows.map((r) => r.department)).toEqual(['営業部']);
    expect(parseDirectoryCsv(utf8('email,name,Employee No\n'), 'en').unused).toEqual([
      'Column "Employee No" is not used.',
    ]);
  });

  it('reports cells beyond the last heading instead of dropping them', () => {
    const parsed = parseDirectoryCsv(utf8('email,name\na@example.com,A,営業部\n'));
    expect(parsed.unused).toEqual(['3列目には見出しがないため使いません。']);
    expect(parsed.rows).toHaveLength(1);
  });

  it('reads Excel\'s "Unicode テキスト": UTF-16LE with a BOM, tab-separated', () => {
    const text = [
      '氏名\tメールアドレス\t部門\t事業所\t上司メールアドレス\t役員',
      '山田 花子\thanako@example.co.jp\t営業部, 東日本\t大阪支社\t\tはい',
      '髙橋 一郎\tichiro@example.co.jp\t開発部\t東京本社\thanako@example.co.jp\tいいえ',
      '',
    ].join('\r\n');
    const parsed = parseDirectoryCsv(utf16le(text));
    expect(parsed.encoding).toBe('utf-16le');
    expect(parsed.delimiter).toBe('\t');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.name, r.department, r.location, r.managerEmail, r.executive])).toEqual([
      ['山田 花子', '営業部, 東日本', '大阪支社', null, true],
      ['髙橋 一郎', '開発部', '東京本社', 'hanako@example.co.jp', false],
    ]);
    // The same file as UTF-8 TSV reads the same.
    expect(parseDirectoryCsv(utf8(text)).rows).toEqual(parsed.rows);
  });

  it('refuses UTF-16 without a BOM and Excel workbooks with a reason on line 1', () => {
    const noBom = parseDirectoryCsv(Buffer.from('email,name\na@example.com,A\n', 'utf16le'));
    expect(noBom.rows).toEqual([]);
    expect(noBom.encoding).toBeNull();
    expect(noBom.errors).toEqual([
      {
        line: 1,
        reason:
          'このファイルは BOM のない UTF-16 か、テキスト以外のファイルのため読み取れません。Excel で「CSV UTF-8（コンマ区切り）」または「Unicode テキスト」を選んで保存し直してください。',
      },
    ]);
    const xlsx = parseDirectoryCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'en');
    expect(xlsx.errors).toEqual([
      {
        line: 1,
        reason:
          'An Excel workbook (.xlsx / .xls) cannot be read: in Excel, "Save As" "CSV UTF-8 (Comma delimited)" or "Unicode Text" and import that file.',
      },
    ]);
  });

  it('reads Shift_JIS made on the fly the same as UTF-8', () => {
    const text = 'email,name,department\r\nkenji@example.jp,伊藤 健二,総務部\r\n';
    const sjis = parseDirectoryCsv(iconv.encode(text, 'Shift_JIS'));
    expect(sjis.rows).toEqual(parseDirectoryCsv(utf8(text)).rows);
    expect(sjis.rows).toHaveLength(1);
  });

  it('reports each bad row with its line and reason and keeps the valid rows', () => {
    const { rows, errors, unused } = parseDirectoryCsv(fixture('org-bad-rows.csv'), 'en');
    expect(unused).toEqual(['Column "Employee No" is not used.']);
    expect(errors).toEqual([
      { line: 4, reason: 'Email "no-at-sign" is not an email address.' },
      { line: 5, reason: 'Email is empty.' },
      { line: 6, reason: 'Name is empty.' },
      { line: 7, reason: 'Executive "maybe" must be one of はい/いいえ ○/× 1/0 true/false yes/no.' },
      { line: 10, reason: 'email jiro@example.com already appears on line 8; keep one line per member.' },
      { line: 11, reason: "Manager_Email is the member's own email." },
      {
        line: 13,
        reason: 'Manager_Email "not an email" is not an email address: the manager column holds the manager\'s email.',
      },
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

  it('gives the reasons in Japanese by default, naming the heading as the file writes it', () => {
    const { errors } = parseDirectoryCsv(fixture('org-bad-rows.csv'));
    expect(errors[0]).toEqual({ line: 4, reason: 'Email「no-at-sign」はメールアドレスの形式ではありません。' });
    expect(errors[3]).toEqual({
      line: 7,
      reason:
        'Executive「maybe」は指定できません。はい/いいえ ○/× 1/0 true/false yes/no のいずれかを入力してください。',
    });
    const japanese = parseDirectoryCsv(utf8('氏名,メールアドレス,役員\nA,a@example.com,たぶん\n'));
    expect(japanese.errors).toEqual([
      {
        line: 2,
        reason: '役員「たぶん」は指定できません。はい/いいえ ○/× 1/0 true/false yes/no のいずれかを入力してください。',
      },
    ]);
  });

  it('accepts every spelling of executive, and refuses anything else on its row only', () => {
    const values = ['true', 'FALSE', '1', '0', 'Yes', 'no', 'はい', 'いいえ', '○', '×', '〇', '１', 'ＹＥＳ', ''];
    const csv = ['email,name,executive', ...values.map((v, i) => `p${i}@example.com,P${i},${v}`)].join('\n');
    const { rows, errors } = parseDirectoryCsv(utf8(csv));
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.executive)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      true,
      true,
      false,
    ]);
    const bad = parseDirectoryCsv(utf8('email,name,executive\na@example.com,A,2\nb@example.com,B,はい\n'), 'en');
    expect(bad.rows.map((r) => r.email)).toEqual(['b@example.com']);
    expect(bad.errors).toEqual([
      { line: 2, reason: 'executive "2" must be one of はい/いいえ ○/× 1/0 true/false yes/no.' },
    ]);
  });

  it('needs only email and name; missing columns are marked absent so a re-import keeps them', () => {
    const parsed = parseDirectoryCsv(utf8('NAME,EMAIL\nA,a@example.com'));
    expect(parsed.absent).toEqual(['department', 'location', 'manager_email', 'executive']);
    expect(parsed.rows).toEqual([
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

  it('refuses a file without an email or name column with one error on line 1 that says why', () => {
    const noEmail = parseDirectoryCsv(utf8('社員番号,氏名,部署\n1,X,営業部\n'));
    expect(noEmail.rows).toEqual([]);
    expect(noEmail.errors).toEqual([
      {
        line: 1,
        reason:
          '「メールアドレス」の列が見つからないため取り込めません。1行目の見出しに「email」、「メールアドレス」、「メール」、「Eメール」、「Eメールアドレス」、「電子メール」、「e-mail」、「mail」、「email address」のいずれかを記載してください（読み取った見出し: 社員番号、氏名、部署）。',
      },
    ]);
    expect(noEmail.unused).toEqual(['列「社員番号」は使いません。']);
    expect(parseDirectoryCsv(utf8('department,location\n'), 'en').errors).toEqual([
      {
        line: 1,
        reason:
          'There is no email column, so nothing can be imported: name it on the first line as one of "email", "メールアドレス", "メール", "Eメール", "Eメールアドレス", "電子メール", "e-mail", "mail", "email address" (headings read: department, location).',
      },
    ]);
    expect(parseDirectoryCsv(utf8('email,部署\n'), 'en').errors[0]?.reason).toMatch(/^There is no name column/u);
    expect(parseDirectoryCsv(Buffer.alloc(0)).errors).toEqual([
      {
        line: 1,
        reason: 'ファイルが空です。1行目に見出し（メールアドレス、氏名など）、2行目以降にメンバーを記載してください。',
      },
    ]);
  });

  it('reports an unclosed quote and keeps the rows before it', () => {
    const { rows, errors } = parseDirectoryCsv(
      utf8('email,name\na@example.com,A\nb@example.com,"B\nc@example.com,C\n'),
      'en',
    );
    expect(rows.map((r) => r.email)).toEqual(['a@example.com']);
    expect(errors).toEqual([
      { line: 3, reason: 'A double quote (") opened on this line is never closed: check the quotes.' },
    ]);
  });

  it('refuses names and departments over 200 characters', () => {
    const { rows, errors } = parseDirectoryCsv(utf8(`email,name,部門\na@example.com,A,${'部'.repeat(201)}\n`));
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 2, reason: '部門が200文字を超えています。' }]);
  });
});

describe('detectDelimiter', () => {
  it('takes tab when the first line has more tabs than commas', () => {
    expect(detectDelimiter('\n\n氏名\tメール\n')).toBe('\t');
    expect(detectDelimiter('"営業部, 東日本",氏名\n')).toBe(',');
    expect(detectDelimiter('email')).toBe(',');
  });
});
