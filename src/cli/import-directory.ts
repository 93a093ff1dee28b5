import { readFileSync } from 'node:fs';
import { dbPathFromEnv } from '../config.js';
import { importDirectory } from '../directory/import.js';
import { parseDirectoryCsv } from '../directory/parse-csv.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, EXIT } from './io.js';
import { openStoreForCli } from './open-store.js';
import { UsageError } from './usage.js';
import { pickWorkspace } from './workspace.js';

/**
 * `hiroba import-directory <file.csv> [--workspace W] [--db path]`: reads the directory file and
 * matches members by email (a re-import updates in place). Prints what it created and updated, then
 * every row problem as `line N: reason`. Exit 0 when at least one row was kept (even with row
 * problems: the good rows are in); 2 when the file is unreadable, has no valid row, or the workspace
 * is unknown.
 */
export async function importDirectoryCommand(
  argv: string[],
  io: CliIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'import-directory',
    argv,
    { workspace: { type: 'string' }, db: { type: 'string' } },
    1,
  );
  const file = positionals[0];
  if (file === undefined)
    throw new UsageError('import-directory: give the CSV file to import, e.g. hiroba import-directory org.csv');

  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      `import-directory: cannot read ${file}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : ''}`,
    );
    return EXIT.usage;
  }

  const path = values.db ?? dbPathFromEnv(io.env);
  const store = openStoreForCli('import-directory', path, io);
  if (store === null) return EXIT.failed;
  try {
    const picked = pickWorkspace(store.repos, values.workspace);
    if (!picked.ok) {
      io.err(`import-directory: ${picked.problem}`);
      return EXIT.usage;
    }
    const parsed = parseDirectoryCsv(bytes, 'en');
    const result =
      parsed.rows.length > 0
        ? importDirectory(store.repos, picked.workspace.id, parsed.rows, now(), 'en')
        : { created: 0, updated: 0, errors: [] };
    const problems = [...parsed.errors, ...result.errors].sort((a, b) => a.line - b.line);
    io.out(
      `${file} → ${picked.workspace.name} (${picked.workspace.externalId}): ${result.created} created, ${result.updated} updated, ${problems.length} problem(s)`,
    );
    for (const problem of problems) io.out(`line ${problem.line}: ${problem.reason}`);
    if (parsed.rows.length === 0) {
      io.err(
        'import-directory: no row could be imported; fix the lines above (header: email,name,department,location,manager_email,executive)',
      );
      return EXIT.usage;
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}
