import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The web app's session: the same signed token as a bearer token, carried in an httpOnly, SameSite=Strict cookie
 * (never readable by the page's script, never in browser storage). Requests authenticated by the cookie that change
 * something (every method but GET/HEAD/OPTIONS) must also send X-CSRF-Token: an HMAC of the session token under the
 * token secret. The token is bound to the session (a stolen CSRF token is worthless with another session, and a new
 * login gives a new one), needs no second cookie and no server state; the page learns it from POST /auth/login or
 * GET /auth/me and keeps it in memory only. Bearer tokens (API clients) never need it: a cross-site page cannot set
 * an Authorization header.
 */
export const SESSION_COOKIE = 'ocmw_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

export function csrfToken(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function csrfValid(secret: string, sessionToken: string, sent: unknown): boolean {
  return typeof sent === 'string' && sent !== '' && sameSecret(csrfToken(secret, sessionToken), sent);
}

/** Whether `given` is the secret value `expected` (a MAC, a token), compared in constant time. */
export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of the cookie `name` in a Cookie header (URI-decoded), if any. */
export function cookieFromHeader(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The session cookie's value in a Cookie header, if any. */
export const sessionFromCookies = (header: string | undefined) => cookieFromHeader(header, SESSION_COOKIE);

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

export function sessionCookie(value: string, { secure, maxAgeSeconds }: CookieOptions): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (secure: boolean) => sessionCookie('', { secure, maxAgeSeconds: 0 });
