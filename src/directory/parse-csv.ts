import { z } from 'zod';
import { type TextKey, type TextParams, t } from '../core/i18n/index.js';
import type { Locale } from '../core/types.js';
import { type Delimiter, detectDelimiter, readCsvRecords } from './csv-records.js';
import { type CsvEncoding, decodeCsv } from './decode.js';
import { type Column, columnOfHeading, EXECUTIVE_SPELLINGS, HEADING_ALIASES, readExecutive } from './headings.js';

export { type Column, DIRECTORY_COLUMNS } from './headings.js';

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

/** A heading of the file and the column it was read as. */
export interface ColumnMatch {
  heading: string;
  column: Column;
}

export interface DirectoryCsv {
  rows: DirectoryRow[];
  /** Rows left out, and file-level refusals on line 1 (no email column, a workbook, …). */
  errors: RowError[];
  /** The headings read, in file order. */
  columns: ColumnMatch[];
  /** A line per column the file has but Hiroba does not use (`列「部門コード」は使いません。`). */
  unused: string[];
  /** Optional columns the file does not have: their stored values are kept. */
  absent: OptionalColumn[];
  /** How the bytes were read; null when the file was refused before that. */
  encoding: CsvEncoding | null;
  delimiter: Delimiter;
}

const REQUIRED: readonly Column[] = ['email', 'name'];

/** The same bounds as a platform directory entry (`directoryEntrySchema`). */
const MAX_TEXT = 200;
const emailSchema = z.email().max(320);

function normalizeEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/**
 * Reads a directory file: headings in English or Japanese (see `HEADING_ALIASES`; any order, width
 * and case), comma- or tab-separated, UTF-8, Shift_JIS or UTF-16 with BOM. A heading Hiroba does not
 * use is reported in `unused`, never dropped silently; a file without an email or a name column is
 * refused with one error on line 1. Every row problem is reported with its line and the row left
 * out; all other rows are kept. Called by the `import-directory` CLI before `importDirectory`.
 * `locale` is the language of the reasons.
 */
export function parseDirectoryCsv(bytes: Buffer, locale: Locale = 'ja'): DirectoryCsv {
  const say = (key: TextKey, params?: TextParams): string => t(locale, key, params);
  const label = (column: Column): string => say(`directory.column.${column}`);
  const refused = (reason: string, encoding: CsvEncoding | null, delimiter: Delimiter = ','): DirectoryCsv => ({
    rows: [],
    errors: [{ line: 1, reason }],
    columns: [],
    unused: [],
    absent: [],
    encoding,
    delimiter,
  });

  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return refused(say(decoded.problem === 'xlsx' ? 'directory.xlsx' : 'directory.utf16NoBom'), null);
  const { text, encoding } = decoded;
  const delimiter = detectDelimiter(text);
  const { records, unterminatedAt } = readCsvRecords(text, delimiter);
  const isBlank = (fields: string[]): boolean => fields.every((f) => f.trim() === '');
  const content = records.filter((r) => !isBlank(r.fields));

  const header = content[0];
  if (header === undefined) {
    return refused(say(unterminatedAt === null ? 'directory.empty' : 'directory.unclosedQuote'), encoding, delimiter);
  }
  const body = content.slice(1);

  // Headings → columns. The first heading of a column wins; every other one is reported.
  const index = new Map<Column, number>();
  const columns: ColumnMatch[] = [];
  const unused: string[] = [];
  const headings = header.fields.map((cell) => cell.trim());
  const hasData = (at: number): boolean => body.some((r) => (r.fields[at] ?? '').trim() !== '');
  headings.forEach((heading, at) => {
    if (heading === '') {
      if (hasData(at)) unused.push(say('directory.columnBlank', { index: String(at + 1) }));
      return;
    }
    const column = columnOfHeading(heading);
    if (column === null) {
      unused.push(say('directory.columnUnused', { heading }));
      return;
    }
    const first = index.get(column);
    if (first !== undefined) {
      unused.push(say('directory.columnDuplicate', { heading, first: headings[first] ?? '', column: label(column) }));
      return;
    }
    index.set(column, at);
    columns.push({ heading, column });
  });
  // Cells beyond the last heading (a row longer than the header) would be lost without a word.
  const widest = Math.max(0, ...body.map((r) => r.fields.length));
  for (let at = headings.length; at < widest; at += 1) {
    if (hasData(at)) unused.push(say('directory.columnBlank', { index: String(at + 1) }));
  }

  const missing = REQUIRED.find((c) => !index.has(c));
  if (missing !== undefined) {
    const found = headings.filter((h) => h !== '').join(say('cli.import.listSeparator')) || say('common.none');
    const quote = (a: string): string => (locale === 'ja' ? `「${a}」` : `"${a}"`);
    const aliases = HEADING_ALIASES[missing].map(quote).join(say('cli.import.listSeparator'));
    return {
      ...refused(say('directory.noColumn', { column: label(missing), aliases, found }), encoding, delimiter),
      columns,
      unused,
    };
  }

  const rows: DirectoryRow[] = [];
  const errors: RowError[] = [];
  const absent = OPTIONAL_COLUMNS.filter((c) => !index.has(c));
  const headingOf = (column: Column): string => {
    const at = index.get(column);
    return at === undefined ? label(column) : (headings[at] ?? label(column));
  };
  const firstLineOf = new Map<string, number>();
  const cell = (fields: string[], column: Column): string => {
    const at = index.get(column);
    return at === undefined ? '' : (fields[at] ?? '').trim();
  };
  const optional = (value: string): string | null => (value === '' ? null : value);

  for (const { line, fields } of body) {
    const fail = (key: TextKey, params: TextParams = {}): void => {
      errors.push({ line, reason: say(key, params) });
    };
    const rawEmail = cell(fields, 'email');
    const email = normalizeEmail(rawEmail);
    if (email === '') {
      fail('directory.emailMissing', { column: headingOf('email') });
      continue;
    }
    if (!emailSchema.safeParse(email).success) {
      fail('directory.emailInvalid', { column: headingOf('email'), value: rawEmail });
      continue;
    }
    const first = firstLineOf.get(email);
    if (first !== undefined) {
      fail('directory.duplicate', { email, first: String(first) });
      continue;
    }
    firstLineOf.set(email, line);

    const name = cell(fields, 'name');
    if (name === '') {
      fail('directory.nameMissing', { column: headingOf('name') });
      continue;
    }
    const texts = { name, department: cell(fields, 'department'), location: cell(fields, 'location') };
    const tooLong = (Object.keys(texts) as (keyof typeof texts)[]).find((k) => texts[k].length > MAX_TEXT);
    if (tooLong !== undefined) {
      fail('directory.tooLong', { column: headingOf(tooLong), max: MAX_TEXT });
      continue;
    }
    const rawExecutive = cell(fields, 'executive');
    const executive = readExecutive(rawExecutive);
    if (executive === undefined) {
      fail('directory.executiveInvalid', {
        column: headingOf('executive'),
        value: rawExecutive,
        values: EXECUTIVE_SPELLINGS,
      });
      continue;
    }
    const rawManager = cell(fields, 'manager_email');
    const managerEmail = optional(normalizeEmail(rawManager));
    if (managerEmail !== null && !emailSchema.safeParse(managerEmail).success) {
      fail('directory.managerInvalid', { column: headingOf('manager_email'), value: rawManager });
      continue;
    }
    if (managerEmail === email) {
      fail('directory.managerSelf', { column: headingOf('manager_email') });
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
  if (unterminatedAt !== null) errors.push({ line: unterminatedAt, reason: say('directory.unclosedQuote') });
  return { rows, errors, columns, unused, absent, encoding, delimiter };
}
