/**
 * Writes `test/fixtures/slack/web-api-spec.json`: the facts the Slack tests check calls and answers
 * against, taken from Slack's published specs (https://github.com/slackapi/slack-api-specs):
 * the Web API (`web-api/slack_web_openapi_v2.json`, Swagger 2.0) and the Events API
 * (`events-api/slack_events_api_async_v1.json`, AsyncAPI). For each Web API method Hiroba calls: the
 * form parameters marked required, the scopes, and the response schemas (200 and error) with every
 * definition they reference; for each event Hiroba subscribes to: `x-scopes-required`.
 * Not run by the tests (they read only the fixture). Run it again when Hiroba calls a new method:
 *   npx tsx scripts/extract-slack-spec.ts <slack_web_openapi_v2.json> <slack_events_api_async_v1.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Web API methods Hiroba calls (test/slack/manifest.test.ts checks this list against the source). */
const METHODS = [
  'auth.test',
  'chat.postMessage',
  'conversations.history',
  'conversations.info',
  'conversations.open',
  'conversations.replies',
  'users.info',
  'users.list',
  'users.profile.get',
  'views.open',
  'views.publish',
];
/** Definitions the fake Slack checks its own objects against, beyond the responses' references. */
const EXTRA_DEFINITIONS = ['objs_user'];
/** Event topics `slack/manifest.yml` subscribes to (the spec writes `member_joined_channel` as `member.joined.channel`). */
const EVENTS = [
  'message.channels',
  'message.groups',
  'reaction_added',
  'reaction_removed',
  'member_joined_channel',
  'team_join',
  'user_change',
];

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
  info: { version: string };
  paths: Record<string, Record<string, SwaggerOp>>;
  definitions: Record<string, unknown>;
}
interface EventsSpec {
  info: { version: string };
  topics: Record<string, { subscribe: { 'x-scopes-required'?: string[] } }>;
}

function refsIn(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (typeof node === 'object' && node !== null)
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/'))
        found.add(value.slice('#/definitions/'.length));
      else refsIn(value, found);
    }
}

export function extract(web: WebSpec, events: EventsSpec) {
  const methods: Record<string, unknown> = {};
  const wanted = new Set<string>(EXTRA_DEFINITIONS);
  for (const method of METHODS) {
    const path = web.paths[`/${method}`];
    const op = path ? Object.values(path)[0] : undefined;
    if (!op) throw new Error(`${method} is not in the Web API spec`);
    const ok = op.responses['200']?.schema ?? {};
    const error = op.responses.default?.schema ?? {};
    refsIn([ok, error], wanted);
    methods[method] = {
      required: (op.parameters ?? [])
        .filter((p) => p.required && p.in !== 'header' && p.name !== 'token')
        .map((p) => p.name),
      scopes: op.security?.flatMap((s) => s.slackAuth ?? []) ?? [],
      ok,
      error,
    };
  }
  // The closure of the references: a definition may name others.
  const definitions: Record<string, unknown> = {};
  const queue = [...wanted];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (name in definitions) continue;
    const definition = web.definitions[name];
    if (definition === undefined) throw new Error(`definition ${name} is missing`);
    definitions[name] = definition;
    const more = new Set<string>();
    refsIn(definition, more);
    queue.push(...[...more].filter((n) => !(n in definitions)));
  }
  const eventScopes: Record<string, string[]> = {};
  for (const event of EVENTS) {
    const topic = events.topics[event] ?? events.topics[event.replaceAll('_', '.')];
    if (!topic) throw new Error(`${event} is not in the Events API spec`);
    eventScopes[event] = topic.subscribe['x-scopes-required'] ?? [];
  }
  return {
    _source: {
      webApi: `slack_web_openapi_v2.json, Slack Web API ${web.info.version} (https://github.com/slackapi/slack-api-specs/tree/master/web-api)`,
      eventsApi: `slack_events_api_async_v1.json, Slack Events API ${events.info.version} (https://github.com/slackapi/slack-api-specs/tree/master/events-api)`,
      writtenBy: 'scripts/extract-slack-spec.ts',
    },
    methods,
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
    events: eventScopes,
  };
}

const [webPath, eventsPath] = process.argv.slice(2);
if (!webPath || !eventsPath) {
  console.error(
    'usage: npx tsx scripts/extract-slack-spec.ts <slack_web_openapi_v2.json> <slack_events_api_async_v1.json>',
  );
  process.exit(2);
}
const out = extract(
  JSON.parse(readFileSync(webPath, 'utf8')) as WebSpec,
  JSON.parse(readFileSync(eventsPath, 'utf8')) as EventsSpec,
);
const target = fileURLToPath(new URL('../test/fixtures/slack/web-api-spec.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `wrote ${target}: ${Object.keys(out.methods).length} methods, ${Object.keys(out.definitions).length} definitions, ${Object.keys(out.events).length} events`,
);
