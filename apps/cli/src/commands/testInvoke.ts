import fs from 'node:fs';
import path from 'node:path';
import { Errors, parseVariables } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { loadHandlers } from '../utils/loadHandlers.js';

interface Args {
  stage: string;
  method: string;
  path: string;
  query?: string[];
  header?: string[];
  body?: string;
  variables?: string[];
  canary?: boolean;
  handlers?: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** Builds the TestInvokeMethod request from the flags; every bad value is one InvalidParameterError naming the flag. */
function testRequest(ctx: Context, args: Args) {
  const httpMethod = args.method.toUpperCase();
  if (!METHODS.has(httpMethod)) throw new Errors.InvalidParameterError(`invalid method '${args.method}': use one of ${[...METHODS].join(', ')}`, { path: 'method', value: args.method });
  if (!args.path.startsWith('/')) throw new Errors.InvalidParameterError(`invalid path '${args.path}': it must start with '/'`, { path: 'path', value: args.path });
  const query = new URLSearchParams();
  for (const pair of args.query ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Errors.InvalidParameterError(`invalid --query '${pair}': expected name=value`, { path: 'query', value: pair });
    query.append(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const headers: Record<string, string> = {};
  for (const pair of args.header ?? []) {
    const colon = pair.indexOf(':');
    const name = colon > 0 ? pair.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new Errors.InvalidParameterError(`invalid --header '${pair}': expected name:value`, { path: 'header', value: pair });
    headers[name] = pair.slice(colon + 1).trim();
  }
  let body = args.body;
  if (body?.startsWith('@')) {
    const file = path.resolve(ctx.cwd, body.slice(1));
    try {
      body = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new Errors.NotFoundError(`cannot read --body file ${body.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { what: 'file', name: file });
    }
  }
  const stageVariables = Object.assign({}, ...(args.variables ?? []).map((v) => parseVariables(v))) as Record<string, string>;
  const search = query.toString();
  const pathWithQueryString = search ? `${args.path}${args.path.includes('?') ? '&' : '?'}${search}` : args.path;
  return { httpMethod, pathWithQueryString, headers, body, stageVariables, canary: args.canary === true };
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const request = testRequest(ctx, args);
  const { storeLoader } = await import('@gitway/preview');
  const { createGateway } = await import('@gitway/runtime');
  const load = storeLoader({ gitdir: ctx.gitdir, watch: false });
  const loaded = await load(args.stage).finally(() => load.close());
  if (!loaded) throw new Errors.NotFoundError(`stage '${args.stage}' not found`, { what: 'stage', name: args.stage });
  if (request.canary && !loaded.canaryApi) {
    throw new Errors.InvalidParameterError(`stage ${args.stage} has no canary deployment (create one with gitway deploy --stage ${args.stage} --canary PERCENT)`, { path: 'canary', value: 'true' });
  }
  const handlers = args.handlers ? await loadHandlers(ctx, args.handlers) : undefined;
  const gateway = createGateway({ api: loaded.api, stage: loaded.stage, canaryApi: loaded.canaryApi, clientCertificate: loaded.clientCertificate, handlers });
  const result = await gateway.testInvoke(request);
  const c = ctx.color;
  const text = [
    `${c.bold('Request:')} ${request.httpMethod} ${request.pathWithQueryString}`,
    `${c.bold('Status:')} ${result.status >= 400 ? c.red(String(result.status)) : c.green(String(result.status))}`,
    `${c.bold('Latency:')} ${result.latency} ms`,
    c.bold('Response headers'),
    ...Object.entries(result.multiValueHeaders).flatMap(([k, values]) => values.map((v) => `  ${k}: ${v}`)),
    c.bold('Response body'),
    result.body,
    c.bold('Logs'),
    result.log,
  ].join('\n');
  return { json: result, text };
}
