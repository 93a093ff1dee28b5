import { ENCODING_LABEL } from '../directory/decode.js';
import type { DirectoryCsv, RowError } from '../directory/parse-csv.js';
import type { CliIo } from './io.js';
import type { cliSay } from './lang.js';

type Say = ReturnType<typeof cliSay>;

/**
 * How `import-directory` read the file, before anything is written: the encoding and separator,
 * which heading became which column, every heading not used, and every optional column the file
 * leaves out (its stored values are kept). Nothing a file holds is dropped without a line here.
 */
export function printFileReading(parsed: DirectoryCsv, file: string, say: Say, io: CliIo): void {
  if (parsed.encoding !== null) {
    const delimiter = say(parsed.delimiter === '\t' ? 'cli.import.delimiter.tab' : 'cli.import.delimiter.comma');
    io.out(say('cli.import.read', { file, encoding: ENCODING_LABEL[parsed.encoding], delimiter }));
  }
  if (parsed.columns.length > 0) {
    const pairs = parsed.columns.map(({ heading, column }) =>
      say('cli.import.pair', { heading, column: say(`directory.column.${column}`) }),
    );
    io.out(say('cli.import.columns', { pairs: pairs.join(say('cli.import.listSeparator')) }));
  }
  for (const line of parsed.unused) io.out(line);
  if (parsed.rows.length > 0) {
    for (const column of parsed.absent) io.out(say('cli.import.absent', { column: say(`directory.column.${column}`) }));
  }
}

/** The summary line (`org.csv → Example Co（T0123）: 新規 2名、更新 0名、問題 0件`), then each problem by line. */
export function printImportResult(
  result: { file: string; workspace: { name: string; externalId: string }; created: number; updated: number },
  problems: readonly RowError[],
  say: Say,
  io: CliIo,
): void {
  const { name, externalId } = result.workspace;
  const workspace = name === externalId ? externalId : say('cli.import.workspaceNamed', { name, id: externalId });
  io.out(
    say('cli.import.summary', {
      file: result.file,
      workspace,
      created: result.created,
      updated: result.updated,
      problems: problems.length,
    }),
  );
  for (const problem of problems) {
    io.out(say('cli.import.problem', { line: String(problem.line), reason: problem.reason }));
  }
}
