import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { HttpError } from './http.js';

/** Cookie the dashboard token is kept in after `/_gitway/?token=...`. */
export const TOKEN_COOKIE = 'gitway-dashboard-token';

const isLoopbackName = (name: string): boolean =>
  name === 'localhost' || name.endsWith('.localhost') || name === '::1' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

/** Whether binding `host` exposes the server beyond this machine. */
export function isExposedBind(host: string): boolean {
  return !isLoopbackName(host.toLowerCase());
}

/** Host header without its port ("[::1]:4010" -> "[::1]"), lower-case. */
function hostnameOf(host: string): string {
  return (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '')).toLowerCase();
}
const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);

/**
 * The Host names the dashboard answers (DNS-rebinding guard): loopback names, the bound
 * address, on a wildcard bind (`0.0.0.0`, `::`) this machine's name and interface
 * addresses, and the names given with `--allowed-host`. Anything else (`evil.example`
 * resolving to this machine) is refused before a page or token is served.
 *
 * @example
 * allowedHosts('0.0.0.0', ['preview.lan']).has('preview.lan'); // true
 */
export function allowedHosts(boundHost: string, extra: string[] = []): { has(name: string): boolean } {
  const names = new Set(extra.map((n) => hostnameOf(n)));
  const bound = boundHost.toLowerCase();
  if (WILDCARD.has(bound)) {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(bracket(i.address.toLowerCase()));
  } else names.add(bracket(bound.replace(/^\[|\]$/g, '')));
  return { has: (name: string) => isLoopbackName(name) || names.has(name) };
}

/** Refuses a request whose Host header is not one of `allowed`. */
export function assertAllowedHost(req: IncomingMessage, allowed: { has(name: string): boolean }): void {
  const host = req.headers.host;
  if (!host) throw new HttpError(403, 'ForbiddenError', 'missing Host header');
  if (!allowed.has(hostnameOf(host))) throw new HttpError(403, 'ForbiddenError', `host '${host}' is not allowed: the dashboard answers the names it was started with (add one with --allowed-host)`);
}

/** The dashboard token a request presents: `Authorization: Bearer`, the token cookie, or `?token=`. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return url.searchParams.get('token') ?? undefined;
}

/**
 * On an exposed bind the dashboard and its API need the token it was started with
 * (`--dashboard-token`); without one configured they are not served at all there.
 */
export function assertDashboardAccess(req: IncomingMessage, url: URL, exposed: boolean, token: string | undefined): void {
  if (!exposed) return;
  if (!token) throw new HttpError(403, 'ForbiddenError', 'the dashboard is disabled on a non-loopback bind: start gitway preview with --dashboard-token TOKEN');
  const given = Buffer.from(presentedToken(req, url) ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'UnauthorizedError', 'missing or wrong dashboard token: open /_gitway/?token=TOKEN or send Authorization: Bearer TOKEN');
}
