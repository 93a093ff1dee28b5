import type express from 'express';

/**
 * Headers on every dashboard response. The CSP allows no script at all (the pages need none) and
 * inline style attributes only (ECharts' SVG sets its text styles that way); the page cannot be
 * framed; no referrer leaves (a login link's token must not travel on).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function securityHeaders(_req: express.Request, res: express.Response, next: express.NextFunction): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  next();
}

/** Pages behind the sign-in, and the sign-in itself, are never stored by a browser or proxy. */
export function noStore(res: express.Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}
