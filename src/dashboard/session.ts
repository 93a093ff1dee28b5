import type express from 'express';
import { hashSecret, isWellFormedSecret, newSecret, SESSION_HOURS } from '../core/index.js';
import type { DashboardGrant, Repositories } from '../core/ports.js';

export const SESSION_COOKIE = 'hiroba_dashboard';

/** The cookie's value from the request's Cookie header, when it is one Hiroba could have set. */
export function sessionSecret(req: express.Request): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    return isWellFormedSecret(value) ? value : null;
  }
  return null;
}

/** The signed-in grant behind the request's cookie, while the session lasts. */
export async function currentSession(
  repos: Repositories,
  req: express.Request,
  now: Date,
): Promise<DashboardGrant | null> {
  const secret = sessionSecret(req);
  return secret === null ? null : repos.dashboard.session(hashSecret(secret), now.toISOString());
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/dashboard',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * Starts a session for a member: a fresh secret in an HttpOnly, SameSite=Lax cookie (Secure when the
 * dashboard is served over HTTPS) with a fixed lifetime; only the secret's hash is stored.
 */
export async function startSession(
  repos: Repositories,
  res: express.Response,
  grant: Pick<DashboardGrant, 'workspaceId' | 'memberId'>,
  now: Date,
  secure: boolean,
): Promise<void> {
  const secret = newSecret();
  const seconds = SESSION_HOURS * 3600;
  await repos.dashboard.createSession(hashSecret(secret), {
    ...grant,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
  });
  res.setHeader('Set-Cookie', cookie(secret, seconds, secure));
}

/** Logout: the stored session ends and the browser forgets the cookie. */
export async function endSession(
  repos: Repositories,
  req: express.Request,
  res: express.Response,
  secure: boolean,
): Promise<void> {
  const secret = sessionSecret(req);
  if (secret !== null) await repos.dashboard.deleteSession(hashSecret(secret));
  res.setHeader('Set-Cookie', cookie('', 0, secure));
}
