import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** What `/healthz` reports; built by the composition root from the store and the adapters. */
export interface HealthReport {
  /** `locked`: another connection holds the write lock now; `full`: the disk refused writes; `error`: unreadable. */
  db: 'ok' | 'locked' | 'full' | 'error';
  /** `degraded`: configured, but Slack did not answer yet (or Socket Mode is reconnecting); retried in the background. */
  adapters: { slack: 'on' | 'off' | 'degraded'; teams: 'on' | 'off' | 'insecure' };
  outbox: {
    pending: number;
    /** Seconds since the oldest pending row was queued (null when none is pending). */
    oldestPendingAgeSeconds?: number | null;
    /** Rows taken over from a sender that may have delivered them already (kept until retention). */
    possibleDuplicates?: number;
    /** Sends whose result waits to be written. */
    unrecorded?: number;
  };
  /** Platform events held while the database refused them. */
  events?: { held: number };
  /** Whether this process holds the scheduler lease. */
  scheduler?: { leader: boolean };
  /** Each job's last run (ledger time), by job name. */
  jobs?: Record<string, string>;
}

export interface HealthBody extends HealthReport {
  status: 'ok' | 'error';
}

/**
 * A handler that sees a request before express does: it answers, or calls `next` to hand the request
 * to the express app unchanged (its body unread, or read into `rawBody` for Bolt).
 */
export type FrontHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/** The routes taken before express: the hot ones, where express's routing costs a tenth of the CPU. */
export interface FrontDoor {
  /** `POST path` (exact, query string ignored) goes to `handler` first. One handler per path. */
  post(path: string, handler: FrontHandler): void;
}

export interface HttpServer {
  /** The one express app: the Slack receiver mounts `POST /slack/events`, Teams `POST /api/messages`. */
  app: express.Application;
  /** Handlers that run before `app` (the Slack and Teams event fast paths); added before `listen`. */
  front: FrontDoor;
  /** Starts listening (after every adapter has mounted its routes); port 0 picks a free port. */
  listen(port: number, host?: string): Promise<http.Server>;
  /** Stops accepting connections and closes idle keep-alive ones; resolves when the server is closed. */
  close(): Promise<void>;
}

export interface HttpServerDeps {
  health: () => HealthReport | Promise<HealthReport>;
  /** Where an unexpected route error is logged (never sent to the client). */
  onError?: (error: unknown) => void;
  /** Where a refused request (a body that is not JSON, too large) is logged, one line, no stack. */
  onClientError?: (line: string) => void;
}

/** body-parser's refusals (`entity.parse.failed` 400, `entity.too.large` 413, ...) carry their status and a type. */
function clientErrorOf(error: unknown): { status: number; type: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || typeof type !== 'string') return null;
  return { status, type };
}

const CLIENT_ERROR_TEXT: Record<string, string> = {
  'entity.parse.failed': 'body is not JSON',
  'entity.too.large': 'body is over the size limit',
};

const DB_DOWN: HealthReport = { db: 'error', adapters: { slack: 'off', teams: 'off' }, outbox: { pending: 0 } };

/**
 * The single HTTP server Hiroba runs. Created by `main`; the adapters add their routes to `app`
 * before `listen`. No body parser is installed globally: Bolt verifies Slack's signature on the raw
 * body, and the Teams route adds `express.json()` for itself.
 */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    let report: HealthReport;
    try {
      report = await deps.health();
    } catch (error) {
      // A health check that throws means the database (the only thing it reads) is unusable.
      deps.onError?.(error);
      report = DB_DOWN;
    }
    // Anything but `ok` means writes cannot be made now: a load balancer should know (503).
    const body: HealthBody = { status: report.db === 'ok' ? 'ok' : 'error', ...report };
    res.status(report.db === 'ok' ? 200 : 503).json(body);
  });

  let server: http.Server | null = null;
  const posts = new Map<string, FrontHandler>();
  const front: FrontDoor = {
    post(path, handler) {
      if (posts.has(path)) throw new Error(`front door: POST ${path} has a handler already`);
      posts.set(path, handler);
    },
  };
  const serve = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const handler = req.method === 'POST' ? posts.get(query === -1 ? url : url.slice(0, query)) : undefined;
    if (handler === undefined) app(req, res);
    else handler(req, res, () => app(req, res));
  };

  return {
    app,
    front,
    listen(port, host) {
      // Added last, after the adapters' routes: express's default handler would send a stack trace.
      app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
        const refused = clientErrorOf(error);
        if (refused !== null && !res.headersSent) {
          const reason = CLIENT_ERROR_TEXT[refused.type] ?? refused.type;
          deps.onClientError?.(`refused ${req.method} ${req.path}: ${reason} (${refused.status})`);
          res
            .status(refused.status)
            .json({ error: refused.type === 'entity.parse.failed' ? 'invalid_json' : refused.type });
          return;
        }
        deps.onError?.(error);
        if (res.headersSent) {
          next(error);
          return;
        }
        res.status(500).json({ status: 'error', error: 'internal_error' });
      });
      return new Promise((resolve, reject) => {
        const listening = http.createServer(serve);
        if (host === undefined) listening.listen(port);
        else listening.listen(port, host);
        listening.once('listening', () => {
          server = listening;
          resolve(listening);
        });
        listening.once('error', reject);
      });
    },
    close() {
      const current = server;
      server = null;
      if (current === null) return Promise.resolve();
      return new Promise((resolve, reject) => {
        current.close((error) => (error === undefined ? resolve() : reject(error)));
        current.closeIdleConnections();
      });
    },
  };
}

/** The port a listening server got (for port 0). */
export function boundPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
