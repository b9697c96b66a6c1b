import fs from 'node:fs';
import path from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Errors } from '@gitway/core';
import { createPreviewHandler } from '@gitway/preview';
import type { LambdaHandler } from '@gitway/runtime';
import { AwsError, apiNotFound, badRequest, toAwsError } from './errors.js';
import { ClientGoneError, readBody, send, sendError } from './http.js';
import { matchOperation } from './router.js';
import { claimedAccessKeyId, verifySigV4, type Credentials } from './sigv4.js';
import { Registry, type ApiRepo } from './registry.js';
import { IMPLEMENTED, WITHOUT_API, type OpContext } from './ops/index.js';
import { apiList } from './apiList.js';

/** Options of `createServeServer`. */
export interface ServeOptions {
  /** Directory of gitway repositories (or one repository). */
  root: string;
  host?: string;
  /** Default 4566 (LocalStack's); 0 = any free port. */
  port?: number;
  /** Given, every control-plane request must carry a valid SigV4 signature by one of these keys. */
  credentials?: Credentials;
  /** Clock (epoch ms) for signatures and dates; default Date.now. */
  now?: () => number;
  /** Source of new restApiIds (random(n) in 0..n-1). */
  random?: (n: number) => number;
  /** Local Lambda handlers for AWS_PROXY integrations on the data plane (as gitway preview --handlers). */
  handlers?: Record<string, LambdaHandler>;
  log?: (line: string) => void;
}

/** The node:http server, with the registry of served APIs. */
export type ServeServer = Server & { registry: Registry };

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost|::ffff:127(\.\d{1,3}){3})$/i;
const EXECUTE_API_HOST = /^([a-z0-9]{10})\.execute-api\.localhost(:\d+)?$/i;
const USER_REQUEST = /^\/restapis\/([a-z0-9]{10})\/([^/?]+)\/_user_request_(\/[^?]*)?$/;
const FORBIDDEN = '{"message":"Missing Authentication Token"}';

/** Whether `host` is a loopback address (the only binds allowed without credentials). */
export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

/**
 * `gitway serve`: API Gateway's control-plane API (restJson1, as the AWS SDKs and CLI send
 * it) and the data plane of every stage, over a directory of gitway repositories, one per
 * REST API. Control-plane writes are the core calls the CLI makes (stage commits with the
 * caller's access key id as author). Stages answer at `/restapis/{id}/{stage}/_user_request_/{path}`
 * and by Host `{id}.execute-api.localhost`; `/_gitway/` lists the APIs. A non-loopback
 * `host` without `credentials` is refused.
 *
 * @example
 * const server = await createServeServer({ root: '/srv/apis', port: 0 });
 * // aws apigateway get-rest-apis --endpoint-url http://127.0.0.1:<port>
 */
export async function createServeServer(options: ServeOptions): Promise<ServeServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.credentials) {
    throw new Errors.InvalidParameterError(`refusing to bind ${host} without --credentials: the control plane changes repositories, so a non-loopback address needs SigV4 verification`, { path: '--host', value: host });
  }
  const root = path.resolve(options.root);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Errors.NotFoundError(`--root ${root} is not a directory`, { what: 'file', name: root });
  const now = options.now ?? Date.now;
  const registry = new Registry(root, { random: options.random, log: options.log });
  await registry.scan();
  const dataPlane = (repo: ApiRepo) => {
    repo.dataPlane ??= createPreviewHandler({ loadStage: repo.loader, handlers: options.handlers, log: options.log, apiId: repo.restApiId });
    return repo.dataPlane;
  };

  async function serveStage(restApiId: string, url: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const repo = await registry.get(restApiId);
    if (!repo) {
      req.resume();
      return send(res, 403, FORBIDDEN);
    }
    req.url = url;
    dataPlane(repo)(req, res);
  }

  async function controlPlane(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): Promise<void> {
    const method = req.method ?? 'GET';
    const query = new URLSearchParams(rawQuery);
    const match = matchOperation(method, rawPath, query);
    const body = await readBody(req);
    if (!match) throw new AwsError(404, 'UnknownOperationException', `Unknown operation: ${method} ${rawPath} is not an API Gateway REST API operation`);
    const accessKeyId = options.credentials ? verifySigV4({ method, rawPath, rawQuery, headers: req.headers, body }, options.credentials, now()) : claimedAccessKeyId(req.headers);
    const operation = IMPLEMENTED[match.name];
    if (!operation) throw badRequest(`${match.name} is not supported by gitway serve (${method} ${rawPath})`);
    let repo: ApiRepo | undefined;
    if (!WITHOUT_API.has(match.name)) {
      repo = await registry.get(match.params.restApiId);
      if (!repo) throw apiNotFound(match.params.restApiId);
    }
    const name = accessKeyId ?? 'aws';
    const ctx: OpContext = {
      name: match.name,
      params: match.params,
      query,
      headers: req.headers,
      body,
      registry,
      repo: repo!,
      write: { fs, gitdir: repo?.gitdir ?? '', cache: repo?.cache, author: { name, email: `${name}@aws` }, now },
      now,
      random: options.random,
      handlers: options.handlers,
    };
    const result = await operation(ctx);
    if (result.wrote) repo?.loader.invalidate();
    send(res, result.status ?? match.status, result.body, result.headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const byHost = EXECUTE_API_HOST.exec(req.headers.host ?? '');
    if (byHost) return serveStage(byHost[1].toLowerCase(), url, req, res);
    const user = USER_REQUEST.exec(rawPath);
    if (user) return serveStage(user[1], `/${user[2]}${user[3] ?? '/'}${q === -1 ? '' : url.slice(q)}`, req, res);
    if (rawPath === '/_gitway' || rawPath.startsWith('/_gitway/')) {
      req.resume();
      await registry.scan();
      return send(res, 200, await apiList(registry.list()), { 'content-type': 'text/html; charset=utf-8' });
    }
    return controlPlane(req, res, rawPath, rawQuery);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (error instanceof ClientGoneError) return void res.destroy();
      const aws = toAwsError(error);
      if (!aws) options.log?.(`request failed: ${req.method} ${req.url}: ${(error as Error)?.stack ?? error}`);
      if (res.headersSent) return void res.destroy();
      sendError(res, aws ?? new AwsError(500, 'InternalFailure', 'Internal server error'));
    });
  }) as ServeServer;
  server.registry = registry;
  server.on('close', () => registry.close());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, host, () => resolve());
  });
  return server;
}
