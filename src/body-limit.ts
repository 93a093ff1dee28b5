import type http from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * The largest request body Hiroba reads on `/slack/events` and `/api/messages`. Slack's and Teams'
 * own payloads stay far below it (Teams caps an activity near 28 KB; Slack's largest, a modal
 * submission, a few hundred KB); anything bigger is refused before it is read or parsed.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The same limit in body-parser's words (`express.json`, Bolt's `bodyLimit`). */
export const MAX_BODY = '1mb';

/**
 * Answers 413 before reading a body whose declared length is over `MAX_BODY_BYTES`. A chunked body
 * with no length is counted while it is read by the parser behind this (which answers 413 itself).
 */
export function refuseLargeBodies(log: (line: string) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      log(
        `refused ${req.method} ${req.path}: body of ${declared} bytes is over the ${MAX_BODY_BYTES}-byte limit (413)`,
      );
      // Close the connection instead of draining a body nobody will read.
      res.set('Connection', 'close').status(413).json({ error: 'payload_too_large' });
      return;
    }
    next();
  };
}

/** The whole body of a request, or null when it is over `MAX_BODY_BYTES` (the rest is read and dropped). */
export function readLimitedBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}
