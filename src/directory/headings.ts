/** The columns Hiroba reads from a directory file, in the order the help lists them. */
export const DIRECTORY_COLUMNS = ['email', 'name', 'department', 'location', 'manager_email', 'executive'] as const;
export type Column = (typeof DIRECTORY_COLUMNS)[number];

/**
 * The headings each column is recognised by: Hiroba's own names, English variants, and what
 * Japanese HR systems and Excel templates write (氏名, 部門, 事業所, 上司メールアドレス …). Matched
 * after `headingKey`, so width, case, spaces, `_`, `-` and `・` do not matter. The first entry of
 * each list is the name the help shows first.
 */
export const HEADING_ALIASES: Record<Column, readonly string[]> = {
  email: [
    'email',
    'メールアドレス',
    'メール',
    'Eメール',
    'Eメールアドレス',
    '電子メール',
    'e-mail',
    'mail',
    'email address',
  ],
  name: ['name', '氏名', '名前', '社員名', '従業員名', 'full name', 'display name'],
  department: ['department', '部署', '部門', '所属', '所属部署', '所属部門', '部署名', '部門名', 'dept'],
  location: ['location', '勤務地', '事業所', '拠点', '事業所名', '拠点名', '勤務拠点', 'site', 'office'],
  manager_email: [
    'manager_email',
    '上長メールアドレス',
    '上司メールアドレス',
    '上長',
    '上司',
    '上長メール',
    '上司メール',
    '上長のメールアドレス',
    '上司のメールアドレス',
    'manager',
    'manager email address',
  ],
  executive: ['executive', '役員', '役員フラグ', 'is_executive', 'exec'],
};

/** How a heading is compared: NFKC (full-width → half-width), trimmed, lower-case, without separators. */
export function headingKey(heading: string): string {
  return heading
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-・]+/gu, '');
}

const BY_KEY: ReadonlyMap<string, Column> = new Map(
  DIRECTORY_COLUMNS.flatMap((column) => HEADING_ALIASES[column].map((alias) => [headingKey(alias), column] as const)),
);

/** The column a heading names, or null when Hiroba does not use it. */
export function columnOfHeading(heading: string): Column | null {
  return BY_KEY.get(headingKey(heading)) ?? null;
}

/**
 * `executive` values as HR exports write them (はい/いいえ, ○/×, 1/0, true/false, yes/no); blank is
 * no. Compared after NFKC and lower-casing, so `ＹＥＳ` and `１` are read too.
 */
const EXECUTIVE_VALUES: Record<string, boolean> = {
  はい: true,
  いいえ: false,
  '○': true,
  〇: true,
  '◯': true,
  '●': true,
  '×': false,
  '✕': false,
  '1': true,
  '0': false,
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '': false,
};

/** The values the messages list, one per idea (the circle and cross variants are read too). */
export const EXECUTIVE_SPELLINGS = 'はい/いいえ ○/× 1/0 true/false yes/no';

/** true/false for an `executive` cell, or undefined when it cannot be read. */
export function readExecutive(value: string): boolean | undefined {
  return EXECUTIVE_VALUES[value.normalize('NFKC').trim().toLowerCase()];
}
