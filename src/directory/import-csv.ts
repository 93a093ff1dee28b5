import type { Repositories } from '../core/ports.js';
import type { Locale } from '../core/types.js';
import { type DirectoryImportResult, importDirectory } from './import.js';
import { parseDirectoryCsv } from './parse-csv.js';

/**
 * A directory file from bytes to members: parse, then import the valid rows. Errors from both
 * steps come back together, by line. Called by the `import-directory` CLI.
 */
export async function importDirectoryCsv(
  repos: Repositories,
  workspaceId: number,
  bytes: Buffer,
  now: Date,
  locale: Locale = 'ja',
): Promise<DirectoryImportResult & { rows: number }> {
  const parsed = parseDirectoryCsv(bytes, locale);
  const result = await importDirectory(repos, workspaceId, parsed.rows, now, locale);
  const errors = [...parsed.errors, ...result.errors].sort((a, b) => a.line - b.line);
  return { ...result, errors, rows: parsed.rows.length };
}
