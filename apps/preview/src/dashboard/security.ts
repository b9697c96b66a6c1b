import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

/** Header carrying the CSRF token on state-changing requests (the page reads it from a meta tag). */
export const CSRF_HEADER = 'x-gitway-csrf';

/** A fresh random token: one per dashboard instance, embedded in every page it serves. */
export function createCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Checks a state-changing request: it must come from a page of this origin
 * (Origin equal to this host, or Sec-Fetch-Site: same-origin when the browser sends no
 * Origin) and carry the page's CSRF token.
 */
export function assertSameOriginWithToken(req: IncomingMessage, token: string): void {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (site !== undefined && site !== 'same-origin') throw new HttpError(403, 'ForbiddenError', `cross-site request refused (Sec-Fetch-Site: ${site})`);
  if (origin !== undefined && origin !== `http://${req.headers.host}`) throw new HttpError(403, 'ForbiddenError', `cross-origin request refused (Origin: ${origin})`);
  if (site === undefined && origin === undefined) throw new HttpError(403, 'ForbiddenError', 'request refused: no Origin or Sec-Fetch-Site header');
  const given = Buffer.from(String(req.headers[CSRF_HEADER] ?? ''));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(403, 'ForbiddenError', 'missing or invalid CSRF token: reload the dashboard page');
  }
}
