import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Platform, Workspace, WorkspaceSettings } from '../core/types.js';
import { importDirectory } from '../directory/import.js';
import { parseDirectoryCsv } from '../directory/parse-csv.js';
import { parseCommandArgs } from './args.js';
import { printFileReading, printImportResult } from './import-report.js';
import { newWorkspaceSettings, resolveImportTarget } from './import-target.js';
import { type CliIo, EXIT } from './io.js';
import { type CliText, cliLocale, cliSay } from './lang.js';
import { cliStoreTarget, openStoreForCli, targetLocation } from './open-store.js';
import { UsageError } from './usage.js';
import { platformName } from './workspace.js';

const COMMAND = 'import-directory';
type NewWorkspace = { platform: Platform; externalId: string; name: string };
/** The platforms a workspace can be created for from the CLI (the demo's `memory` is not one). */
const cliPlatformSchema = z.enum(['slack', 'teams']);

/**
 * `hiroba import-directory <file> [--workspace W] [--platform slack|teams] [--name N] [--db path]`:
 * reads the directory file (headings in English or Japanese, CSV or Excel's Unicode text) and
 * matches members by email (a re-import updates in place). With `--workspace`, a workspace (and a
 * database) that does not exist yet is created first, so ops can load the org chart before the bot
 * is installed; nothing is created when the file has no row to import. Prints how the file was read
 * (encoding, which heading is which column, every heading not used), what it created and updated,
 * then every row problem as `N行目: 理由`. Exit 0 when at least one row was kept (even with row
 * problems: the good rows are in); 2 when the file is unreadable, has no valid row, or the
 * workspace cannot be chosen or created; 1 when the database cannot be opened.
 */
export async function importDirectoryCommand(
  argv: string[],
  io: CliIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    COMMAND,
    argv,
    { workspace: { type: 'string' }, platform: { type: 'string' }, name: { type: 'string' }, db: { type: 'string' } },
    1,
  );
  const file = positionals[0];
  if (file === undefined) throw new UsageError('cli.import.fileMissing');
  const externalId = values.workspace?.trim();
  if (externalId === '') throw new UsageError('cli.args.missingValue', { command: COMMAND, option: '--workspace' });
  const platform = values.platform === undefined ? undefined : cliPlatformSchema.safeParse(values.platform.trim());
  if (platform !== undefined && !platform.success) {
    throw new UsageError('cli.workspace.platformInvalid', { value: values.platform ?? '' });
  }

  const early = cliSay(cliLocale(io));
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') io.err(early('cli.import.noSuchFile', { file }));
    else if (code === 'EISDIR') io.err(early('cli.import.isDirectory', { file }));
    else io.err(early('cli.import.cannotRead', { file, reason: code ?? String(error) }));
    return EXIT.usage;
  }

  const storeTarget = cliStoreTarget(values.db, io);
  if (storeTarget === null) return EXIT.failed;
  const path = targetLocation(storeTarget);
  // A PostgreSQL database is made by its administrator, never by Hiroba: it is there or cannot be opened.
  const dbExists = storeTarget.kind === 'postgres' || path === ':memory:' || existsSync(path);
  // Without --workspace there is nothing to create: a missing database is a mistyped path.
  if (!dbExists && externalId === undefined) {
    io.err(early('cli.db.missingImport', { command: COMMAND, path }));
    return EXIT.failed;
  }
  let store = dbExists ? await openStoreForCli(COMMAND, storeTarget, io) : null;
  if (dbExists && store === null) return EXIT.failed;
  try {
    const text = (t: CliText): string => early(t.key, t.params);
    const target = await resolveImportTarget(
      store?.repos ?? null,
      { externalId, platform: platform?.success ? platform.data : undefined, name: values.name },
      text,
    );
    if (!target.ok) {
      io.err(`${COMMAND}: ${text(target.problem)}`);
      return EXIT.usage;
    }
    /** The workspace to write into: the existing one, or how to create it. */
    let into: Workspace | (NewWorkspace & { settings: WorkspaceSettings });
    if (target.kind === 'create') {
      const made = newWorkspaceSettings(io.env);
      if (!made.ok) {
        io.err(`${COMMAND}: ${text(made.problem)}`);
        return EXIT.usage;
      }
      into = { platform: target.platform, externalId: target.externalId, name: target.name, settings: made.settings };
    } else {
      into = target.workspace;
    }
    const locale = cliLocale(io, 'id' in into ? into : null);
    const say = cliSay(locale);

    const parsed = parseDirectoryCsv(bytes, locale);
    printFileReading(parsed, file, say, io);
    if (parsed.rows.length === 0) {
      // Bad input stores nothing: no database, no workspace.
      printImportResult({ file, workspace: into, created: 0, updated: 0 }, parsed.errors, say, io);
      io.err(say('cli.import.noRow'));
      return EXIT.usage;
    }

    if (store === null) {
      store = await openStoreForCli(COMMAND, storeTarget, io, { create: true });
      if (store === null) return EXIT.failed;
      io.out(say('cli.db.created', { path }));
    }
    const repos = store.repos;
    const at = now();
    const { workspace, result } = await repos.transaction(async () => {
      const workspace = 'id' in into ? into : await repos.workspaces.create({ ...into, createdAt: at.toISOString() });
      return { workspace, result: await importDirectory(repos, workspace.id, parsed.rows, at, locale) };
    });
    if (target.kind === 'create') {
      io.out(say('cli.workspace.created', { id: workspace.externalId, platform: platformName(workspace.platform) }));
    }
    const problems = [...parsed.errors, ...result.errors].sort((x, y) => x.line - y.line);
    printImportResult({ file, workspace, created: result.created, updated: result.updated }, problems, say, io);
    return EXIT.ok;
  } finally {
    await store?.close();
  }
}
