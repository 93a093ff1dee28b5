import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'utf-16le' | 'utf-16be';

/** Why the bytes are not read as text: the reason says what to save instead. */
export type UnreadableFile = 'xlsx' | 'utf16-no-bom';

export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; problem: UnreadableFile };

const startsWith = (bytes: Buffer, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const UTF16LE_BOM = [0xff, 0xfe] as const;
const UTF16BE_BOM = [0xfe, 0xff] as const;
/** .xlsx is a ZIP archive; .xls an OLE2 compound file. */
const ZIP = [0x50, 0x4b, 0x03, 0x04] as const;
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/**
 * The text of a directory file as people save it: UTF-8 (with or without the BOM Excel adds),
 * UTF-16 with a BOM (Excel's "Unicode テキスト", little-endian), or Shift_JIS as Japanese Excel
 * writes "CSV (comma delimited)". Bytes that are valid UTF-8 are read as UTF-8; anything else is
 * read as Windows-31J (cp932), the Shift_JIS variant Excel really uses (① ㈱ 髙 …). An Excel
 * workbook, or text with NUL bytes (UTF-16 without a BOM, a binary file), is refused: read as
 * Shift_JIS it would give garbage headings. Called by `parseDirectoryCsv`.
 */
export function decodeCsv(bytes: Buffer): DecodedCsv {
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE2)) return { ok: false, problem: 'xlsx' };
  if (startsWith(bytes, UTF16LE_BOM)) {
    return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, UTF16BE_BOM)) {
    return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  if (bytes.includes(0)) return { ok: false, problem: 'utf16-no-bom' };
  const hasBom = startsWith(bytes, UTF8_BOM);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { ok: true, text: iconv.decode(bytes, 'cp932'), encoding: 'shift_jis' };
  }
}

/** How the output names an encoding (the same in both languages). */
export const ENCODING_LABEL: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 BOM',
  shift_jis: 'Shift_JIS',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};
