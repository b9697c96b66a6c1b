import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Api, Stage, WriteOptions } from '@gitway/core';
import type { ClientCertificateMaterial, Gateway, LambdaHandler } from '@gitway/runtime';
import { MAX_PAYLOAD_BYTES, servedByCanary } from '@gitway/runtime/host';
import { createDashboard } from './dashboard/index.js';
import { createRequestLog, MAX_LOGGED_LINES } from './dashboard/requestLog.js';
import { createIsolatedGateway, startSpareWorker, type IsolationOptions, type SpareWorker } from './isolation/isolatedGateway.js';

/** What `loadStage` returns for a stage name; `version` changes whenever the stage does. */
export interface LoadedStage {
  api: Api;
  stage: Stage;
  canaryApi?: Api;
  version: string;
  /** The certificate of the stage's clientCertificateId, presented to HTTPS backends. */
  clientCertificate?: ClientCertificateMaterial;
}

/** Options of `createPreviewServer`. */
export interface PreviewServerOptions {
  loadStage: (stageName: string) => Promise<LoadedStage | null>;
  host?: string;
  port?: number;
  handlers?: Record<string, LambdaHandler>;
  /** API keys accepted by apiKeyRequired methods (default: any non-empty x-api-key). */
  apiKeys?: string[];
  log?: (line: string) => void;
  /** Execution log lines of methods whose stage setting loggingLevel is INFO or ERROR ("(requestId) Method request path: ..."). */
  executionLog?: (line: string) => void;
  /** $context.apiId of every stage (gitway serve passes the restApiId); default the runtime's. */
  apiId?: string;
  /** The repository behind the stages: given, the Stage Editor dashboard is served at /_gitway/. */
  repo?: WriteOptions;
  /** Token the dashboard requires on a non-loopback bind (without it the dashboard is off there). */
  dashboardToken?: string;
  /** Host names the dashboard answers besides loopback names and the bound address. */
  allowedHosts?: string[];
  /**
   * Each stage's gateway runs in a worker thread of its own (default), so one stage's
   * CPU-bound requests never stall another stage or the dashboard; a worker blocked for
   * `blockedLimitMs` is terminated (its requests answer 504) and restarted. `false` runs
   * every gateway on the main thread.
   */
  isolation?: IsolationOptions | false;
}

const FORBIDDEN = '{"message":"Missing Authentication Token"}';
const UNAVAILABLE = '{"message":"Service Unavailable"}';

/**
 * Serves every stage at `http://host:port/<stage>/<path>` over node:http, compiling one
 * gateway per stage and recompiling when `loadStage` reports a new `version` (a
 * rollback is live on the next request). Unknown stage: 403; a failing `loadStage`: 503
 * for that stage only. Resolves once listening; `server.address()` gives the bound port.
 * With `repo`, paths under `/_gitway/` are the Stage Editor dashboard (so a stage named
 * `_gitway` is not served then).
 *
 * @example
 * const server = await createPreviewServer({ loadStage: async (name) => (name === 'prod' ? { api, stage, version: 'c0ffee' } : null), port: 0 });
 * // curl http://127.0.0.1:<port>/prod/pets
 * server.close();
 */
export async function createPreviewServer(options: PreviewServerOptions): Promise<Server> {
  const host = options.host ?? '127.0.0.1';
  const listener = createPreviewHandler(options);
  const server = createServer(listener);
  server.on('close', () => listener.close());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  return server;
}

/**
 * The request listener behind `createPreviewServer`: `/<stage>/<path>` of `req.url` goes
 * to that stage's gateway. For servers that mount the stages elsewhere (gitway serve
 * rewrites `req.url` before calling it).
 *
 * @example
 * const listener = createPreviewHandler({ loadStage });
 * http.createServer((req, res) => listener(req, res));
 */
export function createPreviewHandler(options: Omit<PreviewServerOptions, 'port'>): ((req: IncomingMessage, res: ServerResponse) => void) & { close(): void } {
  const gateways = new Map<string, { version: string; gateway: Gateway & { close?(): void; load?(next: LoadedStage): void } }>();
  const isolation = options.isolation ?? {};
  // With the dashboard, the last requests of each stage are kept for its live panel, each with
  // its own execution log lines. Lines start with "(requestId)", and this server gives each
  // request its id, so they are joined here — also when the gateway runs in a worker thread.
  // Only requests in flight have an entry.
  const requests = options.repo ? createRequestLog() : null;
  const linesByRequest = new Map<string, string[]>();
  const executionLog = requests
    ? (line: string) => {
        options.executionLog?.(line);
        const id = /^\(([^)]*)\)/.exec(line)?.[1];
        const lines = id === undefined ? undefined : linesByRequest.get(id);
        if (!lines) return;
        lines.push(line);
        if (lines.length > MAX_LOGGED_LINES) lines.shift();
      }
    : options.executionLog;
  const common = { handlers: options.handlers, log: options.log, executionLog, apiKeys: options.apiKeys, apiId: options.apiId };
  let engine: typeof import('@gitway/runtime') | undefined;
  // One stage worker at most is started ahead: it boots while the first stage without a worker is read.
  let spare: SpareWorker | undefined;
  const gatewayFor = async (name: string): Promise<Gateway | null> => {
    if (isolation && !spare && !gateways.has(name)) spare = startSpareWorker({ ...common, ...isolation });
    const loaded = await options.loadStage(name);
    if (!loaded) return null;
    // The engine is loaded on this thread only when gateways run here (stage workers load their own), once.
    if (!isolation && !engine) engine = await import('@gitway/runtime');
    const cached = gateways.get(name);
    if (cached?.version === loaded.version) return cached.gateway;
    // A stage worker takes its next snapshot in place (it posts only what changed).
    if (cached?.gateway.load) {
      cached.gateway.load(loaded);
      cached.version = loaded.version;
      return cached.gateway;
    }
    const gateway = isolation
      ? createIsolatedGateway(loaded, { ...common, ...isolation, label: name, spare: takeSpare() })
      : engine!.createGateway({ api: loaded.api, stage: loaded.stage, canaryApi: loaded.canaryApi, clientCertificate: loaded.clientCertificate, ...common });
    // The previous version's worker finishes the requests it has (terminating it would fail them), then exits.
    cached?.gateway.close?.();
    gateways.set(name, { version: loaded.version, gateway });
    return gateway;
  };

  const host = options.host ?? '127.0.0.1';
  const dashboard = options.repo
    ? createDashboard({ repo: options.repo, host, log: options.log, token: options.dashboardToken, allowedHosts: options.allowedHosts, requests: requests!, gatewayFor })
    : null;

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error) => {
      // Last line of defence: a hostile request never takes the server down.
      options.log?.(`request failed: ${(error as Error)?.message ?? error}`);
      if (!res.headersSent) sendJson(req, res, 500, '{"message":"Internal server error"}');
      else res.destroy();
    });
  };
  const takeSpare = () => {
    const taken = spare;
    spare = undefined;
    return taken;
  };
  /** Lets the stages' gateway workers exit (each once its requests are answered). */
  const close = () => {
    takeSpare()?.close();
    for (const { gateway } of gateways.values()) gateway.close?.();
    gateways.clear();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (dashboard && (url === '/_gitway' || url.startsWith('/_gitway/') || url.startsWith('/_gitway?'))) return dashboard(req, res);
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const slash = rawPath.indexOf('/', 1);
    const rawStage = slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash);
    // Stage names are [A-Za-z0-9_-]: anything percent-encoded cannot name one.
    const stageName = rawStage.includes('%') ? '' : rawStage;
    let gateway: Gateway | null;
    try {
      gateway = stageName ? await gatewayFor(stageName) : null;
    } catch (error) {
      options.log?.(`loadStage(${stageName}) failed: ${(error as Error)?.message ?? error}`);
      req.resume();
      return sendJson(req, res, 503, UNAVAILABLE);
    }
    if (!gateway) {
      req.resume();
      return sendJson(req, res, 403, FORBIDDEN);
    }
    const hasBody = req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined;
    const started = performance.now();
    const body = hasBody ? await readBody(req) : undefined;
    const query: Record<string, string[]> = Object.create(null);
    if (q !== -1) for (const [k, v] of new URLSearchParams(url.slice(q + 1))) (query[k] ??= []).push(v);
    const gatewayRequest = {
      method: req.method ?? 'GET',
      path: slash === -1 ? '/' : rawPath.slice(slash),
      headers: req.headers as Record<string, string>,
      query,
      body,
      sourceIp: sourceIpOf(req.socket),
    };
    // With the live panel, the request's own execution log lines are joined by its id.
    const lines: string[] = [];
    let response;
    if (requests) {
      const requestId = randomUUID();
      linesByRequest.set(requestId, lines);
      try {
        response = await gateway.handle({ ...gatewayRequest, requestId });
      } finally {
        linesByRequest.delete(requestId);
      }
    } else response = await gateway.handle(gatewayRequest);
    const wire = wireFormOf(response);
    res.writeHead(response.statusCode, wire.headers);
    res.end(req.method === 'HEAD' ? undefined : wire.body);
    requests?.record({
      stage: stageName, time: Date.now(), method: req.method ?? 'GET', path: slash === -1 ? '/' : rawPath.slice(slash), query: q === -1 ? '' : url.slice(q + 1),
      status: response.statusCode, latency: Math.round((performance.now() - started) * 10) / 10, canary: servedByCanary(response),
      requestHeaders: req.headers, responseHeaders: wire.headers, requestBody: body, responseBody: wire.body, executionLog: lines,
    });
  }
  return Object.assign(listener, { close });
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const WIRE = new WeakMap<object, { headers: Record<string, string | string[] | number>; body: string | Buffer }>();
/**
 * Headers with content-length, and the body (a string body is written as UTF-8 in the same
 * write as the head). Computed once per frozen response: the runtime's static MOCK memo
 * answers with the same frozen object every time; other responses are new each time.
 */
function wireFormOf(response: { headers: Record<string, string | string[]>; body: string | Buffer }) {
  if (!Object.isFrozen(response)) return wireForm(response);
  let wire = WIRE.get(response);
  if (!wire) WIRE.set(response, (wire = wireForm(response)));
  return wire;
}
function wireForm(response: { headers: Record<string, string | string[]>; body: string | Buffer }) {
  const { body } = response;
  return { headers: { ...response.headers, 'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length }, body };
}

const SOURCE_IP = Symbol('gitway.sourceIp');
/** The peer address, asked of the OS once per connection (keep-alive reuses it). */
function sourceIpOf(socket: Socket & { [SOURCE_IP]?: string }): string | undefined {
  return (socket[SOURCE_IP] ??= socket.remoteAddress);
}

/** Reads at most one byte past the payload limit, so the gateway can answer 413 without buffering more. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_PAYLOAD_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? Buffer.concat(chunks).subarray(0, MAX_PAYLOAD_BYTES + 1) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
