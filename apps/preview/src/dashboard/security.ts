import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

/** Header carrying the CSRF token on state-changing requests (the page reads it from a meta tag). */
export const CSRF_HEADER = 'x-gitway-csrf';

/** A fresh random token: one per dashboard instance, embedded in every page it serves. */
export function createCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

const isLoopbackName = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '::1' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

/** Host header without its port ("[::1]:4010" -> "[::1]"). */
function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

/**
 * DNS-rebinding guard: when the server is bound to loopback, only loopback Host names
 * are served (a page on evil.example resolving to 127.0.0.1 gets 403 and never sees a
 * CSRF token). Bound elsewhere (`--host 0.0.0.0`), the user chose to expose it.
 */
export function assertAllowedHost(req: IncomingMessage, boundHost: string): void {
  const host = req.headers.host;
  if (!host) throw new HttpError(403, 'ForbiddenError', 'missing Host header');
  if (isLoopbackName(boundHost) && !isLoopbackName(hostnameOf(host).toLowerCase())) {
    throw new HttpError(403, 'ForbiddenError', `host '${host}' is not allowed: the dashboard answers loopback names only`);
  }
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
