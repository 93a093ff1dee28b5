import { z } from 'zod';
import { type TextKey, type TextParams, t } from '../core/i18n/index.js';
import type { Locale } from '../core/types.js';
import { readCsvRecords } from './csv-records.js';
import { decodeCsv } from './decode.js';

/** One member as a directory file lists them. Emails are lower-cased; blank cells are null. */
export interface DirectoryRow {
  /** Physical line of the file where the row starts (1 is the header). */
  line: number;
  email: string;
  name: string;
  department: string | null;
  location: string | null;
  managerEmail: string | null;
  executive: boolean;
  /** Optional columns the file has no header for: the import keeps their stored values. */
  absent: readonly OptionalColumn[];
}

/** Columns a file may leave out; a re-import without them changes nothing they hold. */
export type OptionalColumn = 'department' | 'location' | 'manager_email' | 'executive';
const OPTIONAL_COLUMNS: readonly OptionalColumn[] = ['department', 'location', 'manager_email', 'executive'];

/** Why a line was not taken (or taken only in part). `line` 1 is the header: a file-level problem. */
export interface RowError {
  line: number;
  reason: string;
}

export interface DirectoryCsv {
  rows: DirectoryRow[];
  errors: RowError[];
}

export const DIRECTORY_COLUMNS = ['email', 'name', 'department', 'location', 'manager_email', 'executive'] as const;
type Column = (typeof DIRECTORY_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['email', 'name'];

/** Header names people write instead (Japanese Excel templates, spaces for underscores). */
const HEADER_ALIASES: Record<string, Column> = {
  mail: 'email',
  e_mail: 'email',
  メール: 'email',
  メールアドレス: 'email',
  氏名: 'name',
  名前: 'name',
  部署: 'department',
  所属: 'department',
  勤務地: 'location',
  拠点: 'location',
  manager: 'manager_email',
  上長: 'manager_email',
  上長メール: 'manager_email',
  上長メールアドレス: 'manager_email',
  役員: 'executive',
  is_executive: 'executive',
};

/** The same bounds as a platform directory entry (`directoryEntrySchema`). */
const MAX_TEXT = 200;
const emailSchema = z.email().max(320);

const EXECUTIVE: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  y: true,
  n: false,
  はい: true,
  いいえ: false,
  '': false,
};

function headerColumn(cell: string): Column | null {
  const key = cell
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/gu, '_');
  const direct = DIRECTORY_COLUMNS.find((c) => c === key);
  return direct ?? HEADER_ALIASES[key] ?? null;
}

function normalizeEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/**
 * Reads a directory CSV (header `email,name,department,location,manager_email,executive`, any order,
 * any case, extra columns ignored). Every problem is reported with the line it is on and the row is
 * left out; all other rows are kept. Called by the `import-directory` CLI before `importDirectory`.
 * `locale` is the language of the reasons.
 */
export function parseDirectoryCsv(bytes: Buffer, locale: Locale = 'en'): DirectoryCsv {
  const say = (key: TextKey, params?: TextParams): string => t(locale, key, params);
  const { text } = decodeCsv(bytes);
  const { records, unterminatedAt } = readCsvRecords(text);
  const isBlank = (fields: string[]): boolean => fields.every((f) => f.trim() === '');
  const content = records.filter((r) => !isBlank(r.fields));

  const header = content[0];
  const columns = new Map<Column, number>();
  header?.fields.forEach((cell, index) => {
    const column = headerColumn(cell);
    if (column !== null && !columns.has(column)) columns.set(column, index);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (header === undefined || missing.length > 0) {
    const list = (header === undefined ? REQUIRED : missing).join(', ');
    return {
      rows: [],
      errors: [{ line: header?.line ?? 1, reason: say('commands.directory.noHeader', { columns: list }) }],
    };
  }

  const rows: DirectoryRow[] = [];
  const errors: RowError[] = [];
  const absent = OPTIONAL_COLUMNS.filter((c) => !columns.has(c));
  const firstLineOf = new Map<string, number>();
  const cell = (fields: string[], column: Column): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };
  const optional = (value: string): string | null => (value === '' ? null : value);

  for (const { line, fields } of content.slice(1)) {
    const fail = (key: TextKey, params?: TextParams): void => {
      errors.push({ line, reason: say(key, params) });
    };
    const rawEmail = cell(fields, 'email');
    const email = normalizeEmail(rawEmail);
    if (email === '') {
      fail('commands.directory.emailMissing');
      continue;
    }
    if (!emailSchema.safeParse(email).success) {
      fail('commands.directory.emailInvalid', { value: rawEmail });
      continue;
    }
    const first = firstLineOf.get(email);
    if (first !== undefined) {
      fail('commands.directory.duplicate', { email, first: String(first) });
      continue;
    }
    firstLineOf.set(email, line);

    const name = cell(fields, 'name');
    if (name === '') {
      fail('commands.directory.nameMissing');
      continue;
    }
    const texts = { name, department: cell(fields, 'department'), location: cell(fields, 'location') };
    const tooLong = (Object.keys(texts) as (keyof typeof texts)[]).find((k) => texts[k].length > MAX_TEXT);
    if (tooLong !== undefined) {
      fail('commands.directory.tooLong', { column: tooLong, max: MAX_TEXT });
      continue;
    }
    const rawExecutive = cell(fields, 'executive');
    const executive = EXECUTIVE[rawExecutive.normalize('NFKC').toLowerCase()];
    if (executive === undefined) {
      fail('commands.directory.executiveInvalid', { value: rawExecutive });
      continue;
    }
    const rawManager = cell(fields, 'manager_email');
    const managerEmail = optional(normalizeEmail(rawManager));
    if (managerEmail !== null && !emailSchema.safeParse(managerEmail).success) {
      fail('commands.directory.managerInvalid', { value: rawManager });
      continue;
    }
    if (managerEmail === email) {
      fail('commands.directory.managerSelf');
      continue;
    }
    rows.push({
      line,
      email,
      name,
      department: optional(texts.department),
      location: optional(texts.location),
      managerEmail,
      executive,
      absent,
    });
  }
  if (unterminatedAt !== null) errors.push({ line: unterminatedAt, reason: say('commands.directory.unclosedQuote') });
  return { rows, errors };
}
