import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type * as AjvModule from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildAppPackage,
  filesNamedBy,
  main,
  resolveAppId,
  substituteAppId,
  TEAMS_DIR,
} from '../../src/teams/package-app.js';

type AjvClass = typeof AjvModule.default.default;
type Ajv = InstanceType<AjvClass>;
// Both packages are CommonJS with a `default` export, which NodeNext's ESM import does not unwrap.
const require = createRequire(import.meta.url);
const AjvDraft04 = (require('ajv-draft-04') as { default: AjvClass }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: Ajv) => unknown }).default;

const SCHEMAS = join(require.resolve('@microsoft/app-manifest/package.json'), '..', 'build', 'json-schemas', 'teams');
const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** The newest released manifest schema version the package ships (devPreview left out). */
function newestVersion(): string {
  const versions = readdirSync(SCHEMAS)
    .filter((d) => /^v\d+\.\d+$/u.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [am = 0, an = 0] = a.split('.').map(Number);
      const [bm = 0, bn = 0] = b.split('.').map(Number);
      return am - bm || an - bn;
    });
  return versions.at(-1) ?? '';
}

/** The official schema, compiled offline (its own validateManifest would download `$schema`). */
function schema(version: string, file: string): ValidateFunction {
  const json = JSON.parse(readFileSync(join(SCHEMAS, `v${version}`, file), 'utf8')) as { $schema?: string };
  expect(json.$schema).toBe('http://json-schema.org/draft-04/schema#');
  // unicodeRegExp off: the localization schema has patterns (`\b…]`) that are invalid with the `u` flag.
  const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(json);
}

function errorsOf(validate: ValidateFunction, value: unknown): ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

const manifestText = readFileSync(join(TEAMS_DIR, 'manifest.json'), 'utf8');
/** The parts of the manifest these tests read. */
interface ManifestShape {
  $schema: string;
  manifestVersion: string;
  id: string;
  bots: Array<{
    botId: string;
    scopes: string[];
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
  }>;
  authorization: { permissions: { resourceSpecific: unknown[] } };
  webApplicationInfo: { id: string };
}
const manifest = JSON.parse(substituteAppId(manifestText, APP_ID)) as ManifestShape;
const bot = (): ManifestShape['bots'][number] => {
  const first = manifest.bots[0];
  if (!first) throw new Error('teams/manifest.json declares no bot');
  return first;
};

describe('teams/manifest.json', () => {
  const version = newestVersion();

  it('uses the newest manifest schema the @microsoft/app-manifest package ships (1.17 or newer)', () => {
    expect(manifest.manifestVersion).toBe(version);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
    );
    const [major = 0, minor = 0] = version.split('.').map(Number);
    expect(major > 1 || minor >= 17).toBe(true);
  });

  it('validates against the official schema once the app id is filled in', () => {
    expect(errorsOf(schema(version, 'MicrosoftTeams.schema.json'), manifest)).toEqual([]);
  });

  it('does not validate with the placeholder left in (the check can fail)', () => {
    const errors = errorsOf(schema(version, 'MicrosoftTeams.schema.json'), JSON.parse(manifestText));
    expect(errors.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/id', '/bots/0/botId', '/webApplicationInfo/id']),
    );
  });

  it('declares the bot in every scope, with command lists, and the RSC permission to read channel messages', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(bot().botId).toBe(APP_ID);
    expect(manifest.id).toBe(APP_ID);
    expect([...bot().scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const titles = bot().commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(['help', 'stats', 'purpose show', 'channels add']));
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: 'ChannelMessage.Read.Group', type: 'Application' },
    ]);
    // Resource-specific consent needs the Entra app the permission is granted to.
    expect(manifest.webApplicationInfo.id).toBe(APP_ID);
  });

  it('ships an English translation that validates against the localization schema', () => {
    const english = JSON.parse(readFileSync(join(TEAMS_DIR, 'en-us.json'), 'utf8')) as Record<string, string>;
    expect(errorsOf(schema(version, 'MicrosoftTeams.Localization.schema.json'), english)).toEqual([]);
    const described = bot().commandLists.reduce((n, l) => n + l.commands.length, 0);
    expect(Object.keys(english).filter((k) => k.startsWith('bots[0].commandLists'))).toHaveLength(described);
    expect(filesNamedBy(manifest)).toEqual(['color.png', 'outline.png', 'en-us.json']);
  });
});

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG with filter 0 rows (what the icons are). */
function readPng(bytes: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const buf = Buffer.from(bytes);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, pixels };
}

describe('teams icons', () => {
  it('color.png is a 192×192 opaque icon', () => {
    const icon = readPng(readFileSync(join(TEAMS_DIR, 'color.png')));
    expect([icon.width, icon.height]).toEqual([192, 192]);
    expect(icon.pixels.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it('outline.png is a 32×32 white mark on transparency', () => {
    const icon = readPng(readFileSync(join(TEAMS_DIR, 'outline.png')));
    expect([icon.width, icon.height]).toEqual([32, 32]);
    const alphas: number[] = [];
    for (let i = 0; i < icon.pixels.length; i += 4) {
      const alpha = icon.pixels[i + 3] ?? 0;
      alphas.push(alpha);
      if (alpha > 0) expect([icon.pixels[i], icon.pixels[i + 1], icon.pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(500);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(100);
  });
});

describe('npm run teams:package', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('zips the manifest with the app id filled in and the files it names, all at the root', () => {
    dir = mkdtempSync(join(tmpdir(), 'hiroba-teams-pkg-'));
    const outFile = join(dir, 'hiroba-teams.zip');
    const built = buildAppPackage({ appId: APP_ID, outFile });
    expect(built.file).toBe(outFile);
    const entries = unzipSync(readFileSync(outFile));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<string, unknown>;
    expect(packaged).toEqual(manifest);
    expect(errorsOf(schema(newestVersion(), 'MicrosoftTeams.schema.json'), packaged)).toEqual([]);
    for (const file of ['color.png', 'outline.png', 'en-us.json']) {
      expect(Buffer.from(entries[file] ?? new Uint8Array())).toEqual(readFileSync(join(TEAMS_DIR, file)));
    }
    // Same sources, same bytes.
    const again = buildAppPackage({ appId: APP_ID, outFile: join(dir, 'again.zip') });
    expect(readFileSync(again.file)).toEqual(readFileSync(outFile));
  });

  it('takes the app id from --app-id, else MicrosoftAppId, and refuses anything but a GUID', () => {
    expect(resolveAppId(['--app-id', APP_ID.toUpperCase()], {})).toEqual({ ok: true, appId: APP_ID });
    expect(resolveAppId([`--app-id=${APP_ID}`], { MicrosoftAppId: 'ignored' })).toEqual({ ok: true, appId: APP_ID });
    expect(resolveAppId([], { MicrosoftAppId: ` ${APP_ID} ` })).toEqual({ ok: true, appId: APP_ID });
    const missing = resolveAppId([], {});
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error).toContain('set MicrosoftAppId');
    const bad = resolveAppId([], { MicrosoftAppId: 'hiroba-bot' });
    expect(!bad.ok && bad.error).toBe(
      'MicrosoftAppId "hiroba-bot" is not a GUID: expected the Microsoft App ID, like 00000000-0000-0000-0000-000000000000.',
    );
    const said: string[] = [];
    expect(main([], {}, { log: (m) => said.push(m), error: (m) => said.push(m) })).toBe(1);
    expect(said).toEqual([missing.ok ? '' : missing.error]);
  });
});
