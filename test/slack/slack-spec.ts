import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as AjvModule from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';

type AjvClass = typeof AjvModule.default.default;
type Ajv = InstanceType<AjvClass>;

// Both packages are CommonJS with a `default` export, which NodeNext's ESM import does not unwrap.
const require = createRequire(import.meta.url);
const AjvDraft04 = (require('ajv-draft-04') as { default: AjvClass }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: Ajv) => unknown }).default;

/**
 * The facts this suite needs from Slack's published specs, extracted into a fixture the project
 * commits (`test/fixtures/slack/web-api-spec.json`, written by `scripts/extract-slack-spec.ts`; its
 * `_source` names the spec versions): per Web API method the required parameters, scopes and response
 * schemas (Swagger 2.0, draft-04), the definitions they reference, and the scopes each subscribed
 * event needs (`x-scopes-required`). Loaded once per test file.
 */
interface SpecMethod {
  required: string[];
  scopes: string[];
  ok: unknown;
  error: unknown;
}
interface SpecFixture {
  methods: Record<string, SpecMethod>;
  definitions: Record<string, unknown>;
  events: Record<string, string[]>;
}

let fixture: SpecFixture | null = null;

function spec(): SpecFixture {
  fixture ??= JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/slack/web-api-spec.json', import.meta.url)), 'utf8'),
  ) as SpecFixture;
  return fixture;
}

/**
 * The spec writes alternatives as `items: [A, B]` on schemas that are not arrays, which draft-04
 * ignores (so `objs_user` would accept anything). Read as intended: `anyOf: [A, B]`.
 */
function tighten(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tighten);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = tighten(value);
  if (Array.isArray(out.items) && out.type !== 'array') {
    out.anyOf = out.items;
    delete out.items;
  }
  return out;
}

let ajv: Ajv | null = null;
function validator(): Ajv {
  if (ajv) return ajv;
  ajv = new AjvDraft04({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ definitions: tighten(spec().definitions) }, 'slack');
  return ajv;
}

function rebase(schema: unknown): object {
  return JSON.parse(JSON.stringify(tighten(schema)).replaceAll('"#/definitions/', '"slack#/definitions/')) as object;
}

export interface MethodSpec {
  /** Form parameters Slack marks required (the token travels in the Authorization header). */
  required: string[];
  /** Scopes any one of which lets a token call the method (`none` = no scope). */
  scopes: string[];
  ok: ValidateFunction;
  error: ValidateFunction;
}

const methods = new Map<string, MethodSpec | null>();

/**
 * Methods Slack added after the published spec was cut (the external file upload that replaced
 * `files.upload`), written down from Slack's method pages (api.slack.com/methods/<name>): required
 * arguments, scope, and the shape of the success answer. Error answers share the common shape.
 */
const NEWER_METHODS: Record<string, { required: string[]; scopes: string[]; ok: object }> = {
  'files.getUploadURLExternal': {
    required: ['filename', 'length'],
    scopes: ['files:write'],
    ok: {
      type: 'object',
      required: ['ok', 'upload_url', 'file_id'],
      properties: {
        ok: { enum: [true] },
        upload_url: { type: 'string', format: 'uri' },
        file_id: { type: 'string', pattern: '^F[A-Z0-9]+$' },
      },
    },
  },
  // In the published spec but not yet in the extracted fixture (scripts/extract-slack-spec.ts lists it
  // now; the fixture is written again when the spec files are at hand): Slack's method page.
  'conversations.history': {
    required: ['channel'],
    scopes: ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
    ok: {
      type: 'object',
      required: ['ok', 'messages'],
      properties: {
        ok: { enum: [true] },
        messages: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type', 'ts'],
            properties: { type: { type: 'string' }, ts: { type: 'string' }, text: { type: 'string' } },
          },
        },
        has_more: { type: 'boolean' },
        pin_count: { type: 'integer' },
      },
    },
  },
  'files.completeUploadExternal': {
    required: ['files'],
    scopes: ['files:write'],
    ok: {
      type: 'object',
      required: ['ok', 'files'],
      properties: {
        ok: { enum: [true] },
        files: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id'],
            properties: { id: { type: 'string' }, title: { type: 'string' } },
          },
        },
      },
    },
  },
};

/**
 * The spec of one Web API method (`chat.postMessage`), or null when the fixture has none (a method
 * Hiroba does not call yet: add it to `scripts/extract-slack-spec.ts` and run the script again).
 */
export function methodSpec(method: string): MethodSpec | null {
  if (methods.has(method)) return methods.get(method) ?? null;
  const op = spec().methods[method];
  const newer = NEWER_METHODS[method];
  if (!op && newer) {
    const found: MethodSpec = {
      required: newer.required,
      scopes: newer.scopes,
      ok: validator().compile(newer.ok),
      error: validator().compile({
        type: 'object',
        required: ['ok', 'error'],
        properties: { ok: { enum: [false] }, error: { type: 'string' } },
      }),
    };
    methods.set(method, found);
    return found;
  }
  if (!op) {
    methods.set(method, null);
    return null;
  }
  const compiled: MethodSpec = {
    required: op.required,
    scopes: op.scopes,
    ok: validator().compile(rebase(op.ok)),
    error: validator().compile(rebase(op.error)),
  };
  methods.set(method, compiled);
  return compiled;
}

/** The definitions' stricter reading of one schema (`objs_user`), for checks beyond a response. */
export function definitionValidator(name: string): ValidateFunction {
  return validator().compile({ $ref: `slack#/definitions/${name}` });
}

/** Scopes an Events API subscription needs (`message.channels`, `member_joined_channel`), null when unknown. */
export function eventScopes(event: string): string[] | null {
  return spec().events[event] ?? null;
}
