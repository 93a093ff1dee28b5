import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardErrors } from './card-schema.js';

/**
 * A fake Bot Connector (the service behind `activity.serviceUrl`) on 127.0.0.1. It answers the
 * routes botbuilder's ConnectorClient calls, records every request, fails on demand, and checks
 * every activity sent to it the way Teams would (see `violations`).
 */

/** Teams refuses a message bigger than about 28 KB (the whole serialized activity). */
export const MAX_ACTIVITY_BYTES = 28 * 1024;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface RecordedRequest {
  method: string;
  /** Path without the query, ids URL-decoded. */
  path: string;
  query: Record<string, string>;
  /** Decoded conversation id, when the route has one. */
  conversationId: string | null;
  /** Decoded activity id (`…/activities/{id}`) when present. */
  activityId: string | null;
  body: unknown;
  headers: http.IncomingHttpHeaders;
  /** HTTP status the fake answered with. */
  status: number;
  /** When the request reached the fake (ms since the epoch). */
  receivedAt: number;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: string;
}

export interface Failure {
  /** Which requests fail. */
  match: (req: Pick<RecordedRequest, 'method' | 'path' | 'conversationId' | 'body'>) => boolean;
  status: number;
  /** How many matching requests fail before the route works again. */
  times: number;
  /** `Retry-After` header value (seconds), per failure in order; the last repeats. */
  retryAfter?: string[];
  body?: unknown;
}

export interface FakeConnector {
  /** Base URL to use as `serviceUrl` (ends with `/`). */
  url: string;
  requests: RecordedRequest[];
  /** Team or conversation rosters for `pagedmembers` and `members/{id}`, keyed by conversation id. */
  rosters: Map<string, Member[]>;
  /** Page size the fake uses for `pagedmembers` regardless of what the client asks. */
  pageSize: number;
  /** Member ids for whom `POST /v3/conversations` is refused with 403 (app not installed). */
  refuseCreateFor: Set<string>;
  fail(failure: Failure): void;
  /**
   * What Teams would have refused in the activities the bot POSTed or PUT: no `type`, more than
   * `MAX_ACTIVITY_BYTES`, an Adaptive Card that does not pass the 1.5 schema. Empty when all was well.
   */
  violations: string[];
  /** Activities the bot posted (replies, proactive messages, new conversations), in order. */
  sentActivities(): Array<{ conversationId: string; activity: Record<string, unknown> }>;
  close(): Promise<void>;
}

const CONVERSATIONS = /^\/v3\/conversations\/?$/u;
const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/u;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/u;
const PAGED = /^\/v3\/conversations\/([^/]+)\/pagedmembers\/?$/u;

/** Starts the fake on a random loopback port. */
export async function startFakeConnector(): Promise<FakeConnector> {
  const requests: RecordedRequest[] = [];
  const rosters = new Map<string, Member[]>();
  const refuseCreateFor = new Set<string>();
  const failures: Array<Failure & { seen: number }> = [];
  const violations: string[] = [];
  let nextId = 1;
  const state = { pageSize: 2 };

  const server = http.createServer((req, res) => {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams.entries()),
        conversationId: null,
        activityId: null,
        body: raw ? safeJson(raw) : null,
        headers: req.headers,
        status: 200,
        receivedAt,
      };
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        record.status = status;
        requests.push(record);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };

      // Match on the raw (encoded) path segments, then decode each id.
      const activities = ACTIVITIES.exec(url.pathname);
      const member = MEMBER.exec(url.pathname);
      const paged = PAGED.exec(url.pathname);
      if (activities) {
        record.conversationId = decodeURIComponent(activities[1] ?? '');
        record.activityId = activities[2] ? decodeURIComponent(activities[2]) : null;
      } else if (member) {
        record.conversationId = decodeURIComponent(member[1] ?? '');
      } else if (paged) {
        record.conversationId = decodeURIComponent(paged[1] ?? '');
      }

      if (activities && (req.method === 'POST' || req.method === 'PUT')) {
        violations.push(...activityViolations(`${record.method} ${record.path}`, raw, record.body));
      } else if (req.method === 'POST' && CONVERSATIONS.test(url.pathname)) {
        const first = (record.body as { activity?: unknown } | null)?.activity;
        if (first !== undefined)
          violations.push(
            ...activityViolations(`${record.method} ${record.path} (activity)`, JSON.stringify(first), first),
          );
      }

      for (const failure of failures) {
        if (failure.seen < failure.times && failure.match(record)) {
          const retryAfter = failure.retryAfter?.[Math.min(failure.seen, failure.retryAfter.length - 1)];
          failure.seen += 1;
          send(
            failure.status,
            failure.body ?? { error: { code: `Http${failure.status}`, message: 'fake failure' } },
            retryAfter === undefined ? {} : { 'retry-after': retryAfter },
          );
          return;
        }
      }

      if (req.method === 'POST' && CONVERSATIONS.test(url.pathname)) {
        const body = record.body as { members?: Array<{ id: string }> } | null;
        const target = body?.members?.[0]?.id ?? '';
        if (refuseCreateFor.has(target)) {
          send(403, {
            error: {
              code: 'Forbidden',
              message: 'Failed to create conversation: the bot is not installed for the user',
            },
          });
          return;
        }
        send(200, { id: `a:1${target.replace(/[^A-Za-z0-9]/gu, '')}` });
        return;
      }
      if (activities && (req.method === 'POST' || req.method === 'PUT')) {
        const id =
          req.method === 'PUT' && record.activityId ? record.activityId : `1700000${String(nextId++).padStart(6, '0')}`;
        send(200, { id });
        return;
      }
      if (member && req.method === 'GET') {
        const userId = decodeURIComponent(member[2] ?? '');
        const found = (rosters.get(record.conversationId ?? '') ?? []).find(
          (m) => m.id === userId || m.aadObjectId === userId,
        );
        if (found) send(200, found);
        else send(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
        return;
      }
      if (paged && req.method === 'GET') {
        const roster = rosters.get(record.conversationId ?? '');
        if (!roster) {
          send(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
          return;
        }
        const start = record.query.continuationToken ? Number(record.query.continuationToken) : 0;
        const end = start + state.pageSize;
        const page = roster.slice(start, end);
        send(200, end < roster.length ? { members: page, continuationToken: String(end) } : { members: page });
        return;
      }
      send(404, { error: { code: 'NotFound', message: `fake connector has no route ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    rosters,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(n: number) {
      state.pageSize = n;
    },
    refuseCreateFor,
    violations,
    fail(failure) {
      failures.push({ ...failure, seen: 0 });
    },
    sentActivities() {
      return requests
        .filter((r) => r.method === 'POST' && r.status === 200 && r.path.includes('/activities'))
        .map((r) => ({ conversationId: r.conversationId ?? '', activity: r.body as Record<string, unknown> }));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** What Teams would refuse in one sent activity, each line naming the request. */
function activityViolations(where: string, raw: string, activity: unknown): string[] {
  const out: string[] = [];
  if (!activity || typeof activity !== 'object' || Array.isArray(activity))
    return [`${where}: the body is not a JSON activity`];
  const a = activity as { type?: unknown; attachments?: unknown };
  if (typeof a.type !== 'string' || a.type === '') out.push(`${where}: the activity has no type`);
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_ACTIVITY_BYTES)
    out.push(`${where}: the activity is ${bytes} bytes, over Teams' ${MAX_ACTIVITY_BYTES}`);
  const attachments = Array.isArray(a.attachments)
    ? (a.attachments as Array<{ contentType?: unknown; content?: unknown }>)
    : [];
  for (const [i, attachment] of attachments.entries()) {
    if (attachment?.contentType !== ADAPTIVE_CARD) continue;
    for (const error of cardErrors(attachment.content))
      out.push(`${where}: attachment ${i}: ${error.instancePath || '/'} ${error.message ?? 'invalid'}`);
  }
  return out;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
