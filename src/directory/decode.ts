import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'shift_jis';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * The text of a CSV file as people save it: UTF-8 (with or without the BOM Excel adds), or Shift_JIS
 * as Japanese Excel writes "CSV (comma delimited)". Bytes that are valid UTF-8 are read as UTF-8;
 * anything else is read as Windows-31J (cp932), the Shift_JIS variant Excel really uses (① ㈱ 髙 …).
 * Called by `parseDirectoryCsv`.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  const hasBom = bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'cp932'), encoding: 'shift_jis' };
  }
}
