import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WriteOptions } from '@gitway/core';
import type { Gateway } from '@gitway/runtime';
import type { RequestLog } from './requestLog.js';
import { ASSETS } from './assets/index.js';
import type { DashboardContext, RouteContext } from './context.js';
import { toHttpError } from './errors.js';
import { HttpError, send, sendHtml, sendJson } from './http.js';
import { errorPage } from './pages/layout.js';
import { ROUTES } from './routes.js';
import { allowedHosts, assertAllowedHost, assertDashboardAccess, isExposedBind, TOKEN_COOKIE } from './access.js';
import { assertSameOriginWithToken, createCsrfToken } from './security.js';

/** Options of `createDashboard`. */
export interface DashboardOptions {
  /** The gitway repository, with the author (and clock) stage changes are recorded with. */
  repo: WriteOptions;
  /** The address the server is bound to: a non-loopback one requires `token`. */
  host?: string;
  /** Required on a non-loopback bind (Authorization: Bearer, or `/_gitway/?token=` which sets a cookie); without it the dashboard is not served there. */
  token?: string;
  /** Host names answered besides loopback names and the bound address (DNS-rebinding allow-list). */
  allowedHosts?: string[];
  /** Clock for ages shown on pages; defaults to Date.now. */
  now?: () => number;
  log?: (line: string) => void;
  /** The preview server's request log: the stage page shows its live requests. */
  requests?: RequestLog;
  /** The compiled gateway of a stage, for the Test panel. */
  gatewayFor?: (stageName: string) => Promise<Gateway | null>;
}

function decodeParam(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    throw new HttpError(400, 'InvalidParameterError', `malformed percent-encoding in '${p}'`);
  }
}

/** Path prefix of everything the dashboard serves. */
export const DASHBOARD_PREFIX = '/_gitway/';

/**
 * The Stage Editor dashboard as a node:http request handler for paths under
 * `/_gitway/`: HTML pages (stages, stage, deployments, diff), their static assets and a
 * JSON API (`/_gitway/api/...`, the CLI's `--json` shapes). POSTs need the page's CSRF
 * token and a same-origin request; only the Host names the server was started with are
 * answered (DNS rebinding), and on a non-loopback bind every request needs `token`.
 * It reads and writes through @gitway/core only.
 *
 * @example
 * const dashboard = createDashboard({ repo: { fs, gitdir: '.gitway' } });
 * createServer((req, res) => (req.url?.startsWith('/_gitway') ? dashboard(req, res) : other(req, res)));
 */
export function createDashboard(options: DashboardOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const ctx: DashboardContext = { repo: options.repo, csrfToken: createCsrfToken(), now: options.now ?? Date.now, log: options.log, requests: options.requests, gatewayFor: options.gatewayFor };
  const host = options.host ?? '127.0.0.1';
  const exposed = isExposedBind(host);
  const hosts = allowedHosts(host, options.allowedHosts);

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    const isApi = url.pathname.startsWith('/_gitway/api/');
    const rc: RouteContext = { ctx, req, res, url, params: [], origin: `http://${req.headers.host ?? host}` };
    const fail = (error: unknown) => {
      const e = toHttpError(error);
      if (e.status >= 500) ctx.log?.(`dashboard: ${req.method} ${url.pathname} failed: ${(error as Error)?.stack ?? error}`);
      if (res.headersSent) return void res.destroy();
      req.resume();
      if (isApi) sendJson(req, res, e.status, { ...e.extra, message: e.message, code: e.code });
      else sendHtml(req, res, e.status, errorPage(rc, e.status, e.message));
    };
    try {
      assertAllowedHost(req, hosts);
      assertDashboardAccess(req, url, exposed, options.token);
      if (exposed && url.searchParams.has('token') && (req.method === 'GET' || req.method === 'HEAD')) {
        // Keep the token in an HttpOnly cookie and drop it from the address bar (and from Referer/history).
        url.searchParams.delete('token');
        const cookie = `${TOKEN_COOKIE}=${encodeURIComponent(options.token!)}; HttpOnly; SameSite=Strict; Path=/_gitway`;
        return send(req, res, 303, 'text/plain; charset=utf-8', 'see ' + url.pathname, { location: url.pathname + url.search, 'set-cookie': cookie });
      }
      if (url.pathname === '/_gitway') return send(req, res, 308, 'text/plain; charset=utf-8', 'see /_gitway/', { location: DASHBOARD_PREFIX });
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const asset = /^\/_gitway\/assets\/([\w.-]+)$/.exec(url.pathname);
      if (asset && ASSETS[asset[1]] && method === 'GET') {
        const a = ASSETS[asset[1]];
        return send(req, res, 200, a.type, a.body, { 'cache-control': url.searchParams.get('v') === a.hash ? 'public, max-age=31536000, immutable' : 'no-cache' });
      }
      const candidates = ROUTES.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m);
      if (candidates.length === 0) throw new HttpError(404, 'NotFoundError', `nothing at ${url.pathname}`);
      const hit = candidates.find((x) => x.r.method === method);
      if (!hit) {
        res.setHeader('allow', [...new Set(candidates.map((x) => x.r.method))].join(', '));
        throw new HttpError(405, 'MethodNotAllowedError', `${req.method} is not allowed on ${url.pathname}`);
      }
      rc.params = hit.m!.slice(1).map(decodeParam);
      if (hit.r.method === 'POST') assertSameOriginWithToken(req, ctx.csrfToken);
      if (hit.r.stream) return await hit.r.stream(rc);
      if (hit.r.api) return sendJson(req, res, 200, await hit.r.api(rc));
      sendHtml(req, res, 200, await hit.r.page!(rc));
    } catch (error) {
      fail(error);
    }
  };
}
