/** One CSV record and the physical line (1-based) it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type Delimiter = ',' | '\t';

export type CsvRead = { records: CsvRecord[]; unterminatedAt: number | null };

/**
 * Splits CSV text into records as RFC 4180 reads them: commas (or tabs, for Excel's "Unicode テキスト"
 * and other tab-separated exports) separate fields; a field in double
 * quotes may hold commas, line breaks and doubled quotes (`""` → `"`); records end at CRLF, LF or a
 * lone CR. Lenient where Excel and hand edits are: a quote inside an unquoted field is kept as is.
 * A quote left open runs to the end of the file; `unterminatedAt` is the line its record started on,
 * and that record is not returned. Called by `parseDirectoryCsv`.
 */
export function readCsvRecords(text: string, delimiter: Delimiter = ','): CsvRead {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;

  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        // A line break inside quotes belongs to the field; count it so later records keep their line.
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        field += '\n';
        line += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line += 1;
      recordLine = line;
      continue;
    }
    field += ch;
    i += 1;
  }
  if (quoted) return { records, unterminatedAt: recordLine };
  // The last record has no line break after it, unless the file ended with one.
  if (field !== '' || fields.length > 0) endRecord();
  return { records, unterminatedAt: null };
}

/**
 * The separator of a file: tab when its first non-blank line has more tabs than commas (Excel's
 * "Unicode テキスト" and TSV exports), else comma. Quotes are not considered: a heading line with a
 * quoted comma and no tab is still comma-separated.
 */
export function detectDelimiter(text: string): Delimiter {
  const first = text.split(/\r\n|\r|\n/u).find((line) => line.trim() !== '') ?? '';
  const count = (ch: string): number => first.split(ch).length - 1;
  return count('\t') > count(',') ? '\t' : ',';
}
