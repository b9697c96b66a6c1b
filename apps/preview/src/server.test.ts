import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api, Integration, Method, Stage } from '@gitway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewServer, type LoadedStage } from './index.js';

const port = (s: Server) => (s.address() as AddressInfo).port;
const listen = (s: Server) => new Promise<Server>((r) => s.listen(0, '127.0.0.1', () => r(s)));
const close = (s: Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });

const method = (httpMethod: Method['httpMethod'], methodIntegration: Integration, over: Partial<Method> = {}): Method => ({ httpMethod, authorizationType: 'NONE', methodIntegration, ...over });
const stage = (stageName: string, variables: Record<string, string>): Stage => ({ stageName, deploymentId: 'd', variables, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' });

let backend: Server;
let preview: Server;
let base: string;
const stages = new Map<string, LoadedStage | Error>();

function apiFor(greeting: string): Api {
  return {
    restApi: { name: 'p' },
    resources: {
      '/hello': { path: '/hello', resourceMethods: { GET: method('GET', { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' }, integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': `{"greeting":"${greeting}"}` } } } }) } },
      '/proxy/{proxy+}': { path: '/proxy/{proxy+}', resourceMethods: { ANY: method('ANY', { type: 'HTTP_PROXY', httpMethod: 'ANY', uri: 'http://${stageVariables.backend}/{proxy}', timeoutInMillis: 300 }) } },
      '/items/{id}': {
        path: '/items/{id}',
        resourceMethods: {
          GET: method('GET', {
            type: 'HTTP', httpMethod: 'GET', uri: 'http://${stageVariables.backend}/items/{itemId}',
            requestParameters: { 'integration.request.path.itemId': 'method.request.path.id', 'integration.request.querystring.src': "'gw'", 'integration.request.header.x-stage': 'context.stage' },
            integrationResponses: { default: { statusCode: '200', responseParameters: { 'method.response.header.X-Backend-Path': 'integration.response.body.path' }, responseTemplates: { 'application/json': '{"wrapped":$input.json(\'$\')}' } } },
          }),
        },
      },
      '/create': { path: '/create', resourceMethods: { POST: method('POST', { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":201}' }, integrationResponses: { default: { statusCode: '201' } } }, { requestValidatorId: 'body', requestModels: { 'application/json': 'Item' } }) } },
      '/fn': { path: '/fn', resourceMethods: { GET: method('GET', { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:aws:lambda:r:1:function:${stageVariables.fn}/invocations' }) } },
    },
    models: { Item: { name: 'Item', schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
    authorizers: {},
    requestValidators: { body: { name: 'body', validateRequestBody: true, validateRequestParameters: false } },
    gatewayResponses: {},
  };
}

beforeAll(async () => {
  backend = await listen(
    createServer((req, res) => {
      if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('late'), 2000);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-backend', 'yes');
        res.end(JSON.stringify({ method: req.method, path: req.url, stage: req.headers['x-stage'] ?? null, body }));
      });
    }),
  );
  const freed = await listen(createServer()); // bind then free a port: nothing listens there
  const deadPort = port(freed);
  await close(freed);
  stages.set('prod', { api: apiFor('v1'), stage: stage('prod', { backend: `127.0.0.1:${port(backend)}`, fn: 'ok' }), version: 'c1' });
  stages.set('dead', { api: apiFor('v1'), stage: stage('dead', { backend: `127.0.0.1:${deadPort}`, fn: 'boom' }), version: 'c1' });
  stages.set('broken', new Error('store unreadable'));
  preview = await createPreviewServer({
    port: 0,
    loadStage: async (name) => {
      const s = stages.get(name);
      if (s instanceof Error) throw s;
      return s ?? null;
    },
    handlers: { ok: async () => ({ statusCode: 200, body: '{"fn":true}' }), boom: () => { throw new Error('nope'); } },
  });
  base = `http://127.0.0.1:${port(preview)}`;
});

afterAll(async () => {
  await close(preview);
  await close(backend);
});

describe('createPreviewServer over real HTTP', () => {
  it('serves MOCK, HTTP_PROXY and HTTP integrations with the stage variable selecting the backend', async () => {
    expect(await (await fetch(`${base}/prod/hello`)).json()).toEqual({ greeting: 'v1' });
    const proxied = await fetch(`${base}/prod/proxy/a/b?x=1&x=2`, { method: 'POST', body: 'hi', headers: { 'content-type': 'text/plain' } });
    expect(proxied.headers.get('x-backend')).toBe('yes');
    expect(await proxied.json()).toMatchObject({ method: 'POST', path: '/a/b?x=1&x=2', body: 'hi' });
    const mapped = await fetch(`${base}/prod/items/42`);
    expect(mapped.headers.get('x-backend-path')).toBe('/items/42?src=gw');
    expect(await mapped.json()).toEqual({ wrapped: { method: 'GET', path: '/items/42?src=gw', stage: 'prod', body: '' } });
  });

  it('answers unknown stages 403 and failing stages 503, for that stage only', async () => {
    const unknown = await fetch(`${base}/nope/hello`);
    expect([unknown.status, await unknown.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
    const broken = await fetch(`${base}/broken/hello`);
    expect([broken.status, await broken.json()]).toEqual([503, { message: 'Service Unavailable' }]);
    expect((await fetch(`${base}/prod/hello`)).status).toBe(200);
  });

  it('maps a dead backend to 502, a slow one to 504, a throwing handler to 502', async () => {
    const dead = await fetch(`${base}/dead/proxy/x`);
    expect([dead.status, await dead.json()]).toEqual([502, { message: 'Internal server error' }]);
    const slow = await fetch(`${base}/prod/proxy/slow`);
    expect([slow.status, await slow.json()]).toEqual([504, { message: 'Endpoint request timed out' }]);
    const thrown = await fetch(`${base}/dead/fn`);
    expect([thrown.status, await thrown.json()]).toEqual([502, { message: 'Internal server error' }]);
    expect(await (await fetch(`${base}/prod/fn`)).json()).toEqual({ fn: true });
  });

  it('refuses an oversized body with 413 and a malformed JSON body with 400, and stays up', async () => {
    const big = await fetch(`${base}/prod/create`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 10, 97), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    const bad = await fetch(`${base}/prod/create`, { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect([bad.status, await bad.json()]).toEqual([400, { message: 'Invalid request body' }]);
    expect((await fetch(`${base}/prod/create`, { method: 'POST', body: '{"name":"a"}', headers: { 'content-type': 'application/json' } })).status).toBe(201);
  });

  it('rebuilds a stage gateway when its version changes', async () => {
    const prod = stages.get('prod') as LoadedStage;
    stages.set('prod', { ...prod, api: apiFor('v2'), version: 'c2' });
    expect(await (await fetch(`${base}/prod/hello`)).json()).toEqual({ greeting: 'v2' });
    stages.set('prod', prod);
    expect(await (await fetch(`${base}/prod/hello`)).json()).toEqual({ greeting: 'v1' });
  });
});
