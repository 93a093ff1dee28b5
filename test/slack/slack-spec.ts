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
 * Slack's published specs (../shared/specs next to the repository): the Web API (Swagger 2.0,
 * draft-04 schemas) and the Events API (AsyncAPI, `x-scopes-required`). Loaded once per test file.
 */
const SPECS = new URL('../../../shared/specs/', import.meta.url);

interface SwaggerParam {
  name: string;
  in: string;
  required?: boolean;
}
interface SwaggerOp {
  parameters?: SwaggerParam[];
  security?: Array<{ slackAuth?: string[] }>;
  responses: Record<string, { schema?: unknown }>;
}
interface WebSpec {
  paths: Record<string, Record<string, SwaggerOp>>;
  definitions: Record<string, unknown>;
}
interface EventsSpec {
  topics: Record<string, { subscribe: { 'x-scopes-required'?: string[] } }>;
}

let web: WebSpec | null = null;
let events: EventsSpec | null = null;

function webSpec(): WebSpec {
  web ??= JSON.parse(readFileSync(fileURLToPath(new URL('slack_web_openapi_v2.json', SPECS)), 'utf8')) as WebSpec;
  return web;
}

function eventsSpec(): EventsSpec {
  events ??= JSON.parse(
    readFileSync(fileURLToPath(new URL('slack_events_api_async_v1.json', SPECS)), 'utf8'),
  ) as EventsSpec;
  return events;
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
  ajv.addSchema({ definitions: tighten(webSpec().definitions) }, 'slack');
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

/** The spec of one Web API method (`chat.postMessage`), or null when Slack publishes none. */
export function methodSpec(method: string): MethodSpec | null {
  if (methods.has(method)) return methods.get(method) ?? null;
  const path = webSpec().paths[`/${method}`];
  const op = path ? Object.values(path)[0] : undefined;
  const newer = NEWER_METHODS[method];
  if (!op && newer) {
    const spec: MethodSpec = {
      required: newer.required,
      scopes: newer.scopes,
      ok: validator().compile(newer.ok),
      error: validator().compile({
        type: 'object',
        required: ['ok', 'error'],
        properties: { ok: { enum: [false] }, error: { type: 'string' } },
      }),
    };
    methods.set(method, spec);
    return spec;
  }
  if (!op) {
    methods.set(method, null);
    return null;
  }
  const spec: MethodSpec = {
    required: (op.parameters ?? [])
      .filter((p) => p.required && p.in !== 'header' && p.name !== 'token')
      .map((p) => p.name),
    scopes: op.security?.flatMap((s) => s.slackAuth ?? []) ?? [],
    ok: validator().compile(rebase(op.responses['200']?.schema ?? {})),
    error: validator().compile(rebase(op.responses.default?.schema ?? {})),
  };
  methods.set(method, spec);
  return spec;
}

/** The definitions' stricter reading of one schema (`objs_user`), for checks beyond a response. */
export function definitionValidator(name: string): ValidateFunction {
  return validator().compile({ $ref: `slack#/definitions/${name}` });
}

/** Scopes an Events API subscription needs (`member_joined_channel` is the topic `member.joined.channel`). */
export function eventScopes(event: string): string[] | null {
  const topics = eventsSpec().topics;
  const topic = topics[event] ?? topics[event.replaceAll('_', '.')];
  return topic ? (topic.subscribe['x-scopes-required'] ?? []) : null;
}
