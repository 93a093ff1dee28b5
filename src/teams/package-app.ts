import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { z } from 'zod';

/**
 * Builds the Teams app package (`npm run teams:package`): `teams/manifest.json` with the bot's app
 * id filled in, plus the files it names (icons, translations), zipped at the root as Teams
 * expects for "Upload a custom app" and the admin center.
 */

const APP_ID_PLACEHOLDER = /\{\{MICROSOFT_APP_ID\}\}/gu;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
// A fixed timestamp: the same sources give a byte-identical zip.
const ZIP_TIME = new Date('2024-01-01T00:00:00.000Z');

/**
 * The repository's `teams/` folder: the nearest one above this file holding `manifest.json` (this
 * file runs from `src/teams` under tsx and from `dist/src/teams` once built), else `./teams`.
 */
function findTeamsDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'teams', 'manifest.json'))) return join(dir, 'teams');
    if (dirname(dir) === dir) return resolve('teams');
  }
}

export const TEAMS_DIR = findTeamsDir();
export const DEFAULT_OUT_FILE = join(TEAMS_DIR, 'build', 'hiroba-teams.zip');

export type AppIdResult = { ok: true; appId: string } | { ok: false; error: string };

/**
 * The app id: `--app-id <guid>` (or `--app-id=<guid>`) first, else `MicrosoftAppId` from the
 * environment. Called by the script's entry point.
 */
export function resolveAppId(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): AppIdResult {
  let fromArgs: string | undefined;
  for (const [i, arg] of argv.entries()) {
    if (arg === '--app-id') fromArgs = argv[i + 1] ?? '';
    else if (arg.startsWith('--app-id=')) fromArgs = arg.slice('--app-id='.length);
  }
  const source = fromArgs !== undefined ? '--app-id' : 'MicrosoftAppId';
  const value = (fromArgs ?? env.MicrosoftAppId ?? '').trim();
  if (value === '') {
    return {
      ok: false,
      error:
        "No app id: set MicrosoftAppId to the bot's Microsoft App ID (Azure Bot → Configuration), or run `npm run teams:package -- --app-id <guid>`.",
    };
  }
  if (!GUID.test(value)) {
    return {
      ok: false,
      error: `${source} "${value}" is not a GUID: expected the Microsoft App ID, like 00000000-0000-0000-0000-000000000000.`,
    };
  }
  return { ok: true, appId: value.toLowerCase() };
}

/** The manifest text with every `{{MICROSOFT_APP_ID}}` replaced. */
export function substituteAppId(manifestText: string, appId: string): string {
  return manifestText.replace(APP_ID_PLACEHOLDER, appId);
}

const manifestFilesSchema = z.object({
  icons: z.object({ color: z.string().min(1), outline: z.string().min(1), color32x32: z.string().min(1).optional() }),
  localizationInfo: z
    .object({ additionalLanguages: z.array(z.object({ file: z.string().min(1) })).optional() })
    .optional(),
});

/** Files the manifest refers to, relative to its folder: icons and translation files. */
export function filesNamedBy(manifest: unknown): string[] {
  const parsed = manifestFilesSchema.parse(manifest);
  const files = [parsed.icons.color, parsed.icons.outline];
  if (parsed.icons.color32x32) files.push(parsed.icons.color32x32);
  for (const lang of parsed.localizationInfo?.additionalLanguages ?? []) files.push(lang.file);
  return [...new Set(files)];
}

/** Zips the manifest (app id filled in) and its files; returns the zip's path and size. */
export function buildAppPackage(options: { appId: string; sourceDir?: string; outFile?: string }): {
  file: string;
  bytes: number;
  entries: string[];
} {
  const sourceDir = options.sourceDir ?? TEAMS_DIR;
  const outFile = options.outFile ?? DEFAULT_OUT_FILE;
  const manifestText = substituteAppId(readFileSync(join(sourceDir, 'manifest.json'), 'utf8'), options.appId);
  if (/\{\{[A-Z_]+\}\}/u.test(manifestText))
    throw new Error(
      'teams/manifest.json still has a {{PLACEHOLDER}} after substitution; only {{MICROSOFT_APP_ID}} is filled in.',
    );
  const manifest: unknown = JSON.parse(manifestText);
  const entries: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(manifestText) };
  for (const file of filesNamedBy(manifest)) {
    if (file.includes('/') || file.includes('\\'))
      throw new Error(`teams/manifest.json names "${file}": Teams wants every file at the package root.`);
    entries[file] = readFileSync(join(sourceDir, file));
  }
  const zip = zipSync(entries, { level: 9, mtime: ZIP_TIME });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return { file: outFile, bytes: zip.byteLength, entries: Object.keys(entries) };
}

/** Entry point of `npm run teams:package`; returns the exit code. */
export function main(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
  io: { log(message: string): void; error(message: string): void } = console,
): number {
  const appId = resolveAppId(argv, env);
  if (!appId.ok) {
    io.error(appId.error);
    return 1;
  }
  const built = buildAppPackage({ appId: appId.appId });
  io.log(
    `Wrote ${built.file} (${built.bytes} bytes: ${built.entries.join(', ')}). Upload it in Teams → Apps → Manage your apps → Upload an app.`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}
