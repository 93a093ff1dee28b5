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
