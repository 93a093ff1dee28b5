import type http from 'node:http';
import type { Activity } from 'botbuilder';
import { MAX_BODY_BYTES, readLimitedBody } from '../body-limit.js';
import type { ActivityInput, HirobaCore, RecordResult } from '../core/ports.js';
import type { Workspace } from '../core/types.js';
import type { AuthenticationOutcome } from './authenticate.js';
import { parseInbound, tenantIdOf } from './inbound.js';
import type { TeamsReferenceStore } from './reference-store.js';
import { mapInbound } from './to-core-event.js';
import type { TeamsLogger } from './turn-handler.js';

/** How long the fast path reuses a tenant's workspace row for its id (a burst reads it afresh). */
const WORKSPACE_REUSE_MS = 5000;

export interface TeamsFastDeps {
  /** The core (with held events): `recordActivities` for a burst, `workspace` for the tenant. */
  core: Pick<HirobaCore, 'recordActivities' | 'workspace'>;
  references: TeamsReferenceStore;
  /** Runs the author writes of a burst in one transaction (`Repositories.transaction`). */
  transaction: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * The bot's own check of the `Authorization` header (`authenticateTeamsRequest`); null without an
   * app id, where botbuilder accepts every request as anonymous whatever its header says.
   */
  authenticate: ((activity: Activity, authorization: string) => Promise<AuthenticationOutcome>) | null;
  /** Whether the activity's `serviceUrl` may be stored (see `service-url.ts`). */
  trustServiceUrl(serviceUrl: string): boolean;
  /** Turns ISO timestamps into dates as botbuilder does, keeping the raw text. */
  withDates(activity: Activity): Activity;
  now(): Date;
  logger: TeamsLogger;
}

/** Runs before express (`FrontHandler`); `next` hands the request on with `req.body` parsed. */
export type TeamsFastHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

interface Waiting {
  tenantId: string;
  input: ActivityInput;
  author: { channelId: string; messageId: string; platformId: string };
  res: http.ServerResponse;
  next: () => void;
}

/** Quick look at the raw JSON: a channel message without card data is the only kind taken here. */
function maybeChannelPost(body: unknown): body is Activity {
  if (typeof body !== 'object' || body === null) return false;
  const { type, value, serviceUrl, conversation } = body as Record<string, unknown>;
  return (
    type === 'message' &&
    value === undefined &&
    typeof serviceUrl === 'string' &&
    typeof conversation === 'object' &&
    conversation !== null &&
    (conversation as { conversationType?: unknown }).conversationType === 'channel'
  );
}

/**
 * Takes Teams channel posts and replies before botbuilder's turn pipeline, which costs several times
 * the recording itself: the same authentication, the same references stored, the same mapper; posts
 * arriving in the same turn of the event loop are recorded in one transaction and their authors
 * written in another, and each is answered 200 once committed (or held). Everything else (commands,
 * card submissions, reactions, 1:1 chats, a refused token, an untrusted `serviceUrl`, a member not in
 * the directory yet, a burst that fails for a reason other than the database) goes on to the full
 * turn with the body parsed, which answers it. Called for each `POST /api/messages`.
 */
export function teamsFastMessages(deps: TeamsFastDeps): TeamsFastHandler {
  const workspaces = new Map<string, { workspace: Workspace; at: number }>();
  /** Authors of posts still waiting, so a reply in the same burst finds its root's author. */
  const authors = new Map<string, string>();
  let waiting: Waiting[] = [];
  let scheduled = false;
  let recording = false;
  const authorKey = (workspaceId: number, channelId: string, messageId: string): string =>
    `${workspaceId}:${channelId}:${messageId}`;

  const workspaceOf = async (tenantId: string): Promise<Workspace> => {
    const nowMs = Date.now();
    const known = workspaces.get(tenantId);
    if (known && nowMs - known.at < WORKSPACE_REUSE_MS) return known.workspace;
    const workspace = await deps.core.workspace('teams', tenantId);
    workspaces.set(tenantId, { workspace, at: nowMs });
    return workspace;
  };

  const schedule = (): void => {
    scheduled = true;
    setImmediate(() => {
      // flush handles the store's refusals itself; what is left is a bug, logged here.
      void flush().catch((error: unknown) => deps.logger.error('Teams burst failed', { error }));
    });
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    // One burst is recorded at a time: posts arriving while it commits make the next burst (as when
    // the commit held the event loop), not transactions of their own.
    recording = true;
    try {
      await record(batch);
    } finally {
      recording = false;
      if (waiting.length > 0 && !scheduled) schedule();
    }
  };

  const record = async (batch: Waiting[]): Promise<void> => {
    try {
      // Authors are kept only where replies and reactions count (today's settings), as a turn keeps
      // them. The settings are read before the transaction, which awaits nothing but its writes.
      const counted = new Map<string, ReadonlySet<string>>();
      for (const { tenantId } of batch) {
        if (!counted.has(tenantId))
          counted.set(tenantId, new Set((await deps.core.workspace('teams', tenantId)).settings.countedChannels));
      }
      await deps.transaction(async () => {
        for (const { tenantId, input, author } of batch) {
          if (counted.get(tenantId)?.has(author.channelId))
            await deps.references.saveAuthor(input.workspaceId, author.channelId, author.messageId, author.platformId);
        }
      });
    } catch (error) {
      // Only later replies' and reactions' targets depend on these: the posts themselves are recorded.
      deps.logger.warn('Teams message authors not stored', { posts: batch.length, error });
    }
    for (const { input, author } of batch)
      authors.delete(authorKey(input.workspaceId, author.channelId, author.messageId));
    let results: RecordResult[] | null = null;
    try {
      results = await deps.core.recordActivities(batch.map((item) => item.input));
    } catch (error) {
      deps.logger.warn('Teams burst handled one turn at a time', { posts: batch.length, error });
    }
    for (const [i, item] of batch.entries()) {
      const result = results?.[i];
      // A member the directory does not know yet is looked up by the full turn, then recorded.
      if (result === undefined || (result.status === 'ignored' && result.reason === 'unknown_member')) {
        item.next();
        continue;
      }
      if (result.status === 'ignored' && result.reason !== 'channel_not_counted' && result.reason !== 'duplicate')
        deps.logger.info('Teams activity not recorded', { eventId: item.input.eventId, reason: result.reason });
      if (!item.res.headersSent) item.res.writeHead(200).end();
    }
  };

  const take = async (body: unknown, req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => {
    if (!maybeChannelPost(body)) {
      next();
      return;
    }
    const activity = deps.withDates(body);
    const authenticated =
      deps.authenticate === null || (await deps.authenticate(activity, req.headers.authorization ?? '')).ok;
    const inbound = parseInbound(activity);
    if (!authenticated || inbound === null || !deps.trustServiceUrl(inbound.serviceUrl ?? '')) {
      next();
      return;
    }
    const tenantId = tenantIdOf(inbound);
    if (tenantId === null) {
      next();
      return;
    }
    const workspace = await workspaceOf(tenantId);
    const turn = await mapInbound(inbound, {
      authorOf: (channelId, messageId) =>
        authors.get(authorKey(workspace.id, channelId, messageId)) ??
        deps.references.authorOf(workspace.id, channelId, messageId),
      now: deps.now().toISOString(),
    });
    const [event, ...more] = turn.events;
    const [author, ...others] = turn.authored;
    if (event?.type !== 'record' || more.length > 0 || author === undefined || others.length > 0 || !turn.actor) {
      next();
      return;
    }
    await deps.references.saveFromActivity(workspace.id, inbound);
    authors.set(authorKey(workspace.id, author.channelId, author.messageId), author.platformId);
    waiting.push({ tenantId, input: { workspaceId: workspace.id, ...event.input }, author, res, next });
    if (scheduled || recording) return;
    schedule();
  };

  return (req, res, next) => {
    const type = req.headers['content-type'] ?? '';
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!type.startsWith('application/json') || !(declared <= MAX_BODY_BYTES)) {
      next();
      return;
    }
    readLimitedBody(req)
      .then(async (raw) => {
        if (raw === null) {
          res
            .writeHead(413, { Connection: 'close', 'Content-Type': 'application/json' })
            .end('{"error":"payload_too_large"}');
          return;
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          deps.logger.warn('refused POST /api/messages: body is not JSON (400)');
          res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"invalid_json"}');
          return;
        }
        // The full turn reads `req.body` (express.json sees the body read and leaves it as it is).
        (req as http.IncomingMessage & { body?: unknown }).body = body;
        await take(body, req, res, next);
      })
      .catch((error: unknown) => {
        deps.logger.error('Teams request failed', { error });
        if (!res.headersSent)
          res
            .writeHead(500, { 'Content-Type': 'application/json' })
            .end('{"error":"the request could not be handled"}');
      });
  };
}
