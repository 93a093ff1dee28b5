import { createHash, randomBytes } from 'node:crypto';

/** How long a login link from `dashboard` works. */
export const LOGIN_LINK_MINUTES = 15;
/** How long a dashboard session lasts, whatever happens in it (a fixed lifetime, not a sliding one). */
export const SESSION_HOURS = 8;

/** A fresh secret: 32 random bytes, URL-safe (it travels in a link and a cookie). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a secret, hex: the only form login links and sessions are stored in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A secret as `newSecret` makes them; anything else is refused before the database is asked. */
export function isWellFormedSecret(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/u.test(value);
}
