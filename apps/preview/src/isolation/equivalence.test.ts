import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api, Integration, Method, Stage } from '@gitway/core';
import { createGateway, servedByCanary, type GatewayRequest, type LambdaHandler } from '@gitway/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewServer, type LoadedStage } from '../index.js';
import { createIsolatedGateway } from './isolatedGateway.js';

// The worker hop (batched, flat records) must give every request exactly the answer the
// in-process gateway gives: the same status, headers and body bytes on the wire, throttling
// and cache state across requests, canary traffic, errors, Lambda handlers and authorizers.

const port = (s: Server) => (s.address() as AddressInfo).port;
const listen = (s: Server) => new Promise<Server>((r) => s.listen(0, '127.0.0.1', () => r(s)));
const close = (s: Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });

const mock = (template: string, over: Partial<Method> = {}, status = '200'): Method => ({
  httpMethod: 'GET', authorizationType: 'NONE',
  methodIntegration: { type: 'MOCK', requestTemplates: { 'application/json': `{"statusCode":${status}}` }, integrationResponses: { default: { statusCode: status, responseTemplates: { 'application/json': template } } } },
  ...over,
});
const proxy = (over: Partial<Integration> = {}): Method => ({ httpMethod: 'ANY', authorizationType: 'NONE', methodIntegration: { type: 'HTTP_PROXY', httpMethod: 'ANY', uri: 'http://${stageVariables.backend}/{proxy}', ...over } });
const AUTH_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:auth/invocations';

function apiFor(greeting: string): Api {
  return {
    restApi: { name: 'eq' },
    resources: {
      '/static': { path: '/static', resourceMethods: { GET: mock(`{"greeting":"${greeting}"}`, {}, '200') } },
      '/vtl/{id}': { path: '/vtl/{id}', resourceMethods: { GET: mock('{"id":"$input.params(\'id\')","a":"$input.params(\'a\')","proto":"$input.params(\'__proto__\')","ua":"$input.params(\'x-ua\')","stage":"$context.stage","path":"$context.resourcePath"}') } },
      '/limited': { path: '/limited', resourceMethods: { GET: mock('{"limited":true}') } },
      '/cached': { path: '/cached', resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE', requestParameters: { 'method.request.querystring.k': false }, methodIntegration: { type: 'HTTP', httpMethod: 'GET', uri: 'http://${stageVariables.backend}/count', cacheKeyParameters: ['method.request.querystring.k'], integrationResponses: { default: { statusCode: '200' } } } } } },
      '/proxy/{proxy+}': { path: '/proxy/{proxy+}', resourceMethods: { ANY: proxy() } },
      '/create': { path: '/create', resourceMethods: { POST: { ...mock('{"created":true}', { requestValidatorId: 'body', requestModels: { 'application/json': 'Item' } }, '201'), httpMethod: 'POST' } } },
      '/fn': { path: '/fn', resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:aws:lambda:r:1:function:fn/invocations' } } } },
      '/weird': { path: '/weird', resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:aws:lambda:r:1:function:weird/invocations' } } } },
      '/secret': { path: '/secret', resourceMethods: { GET: mock('{"who":"$context.authorizer.principalId"}', { authorizationType: 'CUSTOM', authorizerId: 'tok' }) } },
    },
    models: { Item: { name: 'Item', schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
    authorizers: { tok: { name: 'tok', type: 'TOKEN', authorizerUri: AUTH_URI, identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 0 } },
    requestValidators: { body: { name: 'body', validateRequestBody: true, validateRequestParameters: false } },
    gatewayResponses: {},
  };
}

const handlers: Record<string, LambdaHandler> = {
  fn: async (event: any) => ({ statusCode: 207, headers: { 'x-fn': 'yes' }, multiValueHeaders: { 'x-multi': ['a', 'b'] }, body: JSON.stringify({ path: event.path, query: event.multiValueQueryStringParameters, body: event.body }) }),
  // A result that cannot cross threads (a function): the worker's call fails, alone.
  weird: async () => ({ statusCode: 200, body: 'never', headers: { 'x-weird': 'yes' }, toJSON: () => 'x' }),
  auth: async (event: any) => {
    const token = String(event.authorizationToken);
    if (token === 'nobody') throw new Error('Unauthorized');
    return { principalId: token, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: token === 'deny' ? 'Deny' : 'Allow', Resource: '*' }] } };
  },
};

let backend: Server;
let count = 0;
let stage: Stage;
let loaded: LoadedStage;
const servers: Record<'isolated' | 'inProcess', { server: Server; base: string }> = {} as never;

beforeAll(async () => {
  backend = await listen(
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/count') return void res.writeHead(200, { 'content-type': 'application/json' }).end(`{"count":${++count}}`);
        const body = Buffer.concat(chunks);
        res.writeHead(200, [['content-type', 'application/octet-stream'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-echo-method', req.method!], ['x-echo-path', req.url!], ['x-echo-length', String(body.length)]].flat());
        res.end(body);
      });
    }),
  );
  stage = {
    stageName: 'prod', deploymentId: 'd', variables: { backend: `127.0.0.1:${port(backend)}` }, cacheClusterEnabled: true, cacheClusterSize: '0.5', tracingEnabled: false, createdDate: '', lastUpdatedDate: '',
    methodSettings: { 'limited/GET': { throttlingBurstLimit: 2, throttlingRateLimit: 0 }, 'cached/GET': { cachingEnabled: true, cacheTtlInSeconds: 300 } },
  };
  loaded = { api: apiFor('stable'), stage, version: 'v1' };
  const canary: LoadedStage = { api: apiFor('stable'), canaryApi: apiFor('canary'), stage: { ...stage, stageName: 'canary', canarySettings: { deploymentId: 'c', percentTraffic: 100 } }, version: 'v1' };
  for (const mode of ['isolated', 'inProcess'] as const) {
    const server = await createPreviewServer({ port: 0, handlers, isolation: mode === 'isolated' ? { blockedLimitMs: 60_000 } : false, loadStage: async (name) => (name === 'prod' ? loaded : name === 'canary' ? canary : null) });
    servers[mode] = { server, base: `http://127.0.0.1:${port(server)}` };
  }
});

afterAll(async () => {
  for (const { server } of Object.values(servers)) await close(server);
  await close(backend);
});

/** One request on a fresh connection: status, headers as sent (raw order, minus Date) and body bytes. */
function call(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<{ status: number; headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = res.rawHeaders.filter((_, i, all) => all[i - (i % 2)].toLowerCase() !== 'date');
        resolve({ status: res.statusCode!, headers: raw, body: Buffer.concat(chunks).toString('base64') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The sequence every server answers, in order (throttling and cache state carry across it). */
const SEQUENCE: [string, string, Record<string, string>?, (Buffer | string)?][] = [
  ['GET', '/prod/static'],
  ['HEAD', '/prod/static'],
  ['GET', '/prod/static', { 'content-type': 'application/json' }],
  ['GET', '/prod/vtl/42?a=1&a=2&__proto__=p', { 'x-ua': 'tester' }],
  ['GET', '/prod/limited'],
  ['GET', '/prod/limited'],
  ['GET', '/prod/limited'],
  ['GET', '/prod/cached?k=1'],
  ['GET', '/prod/cached?k=1'],
  ['GET', '/prod/cached?k=2'],
  ['GET', '/prod/cached?k=1', { 'cache-control': 'max-age=0' }],
  ['POST', '/prod/proxy/a/b?x=1&x=2', { 'content-type': 'text/plain' }, 'small body'],
  ['PUT', '/prod/proxy/big', { 'content-type': 'application/octet-stream' }, Buffer.alloc(300_000, 7)],
  ['POST', '/prod/create', { 'content-type': 'application/json' }, '{"name":"a"}'],
  ['POST', '/prod/create', { 'content-type': 'application/json' }, '{"name":'],
  ['POST', '/prod/create', { 'content-type': 'application/json' }, Buffer.alloc(10 * 1024 * 1024 + 1, 97)],
  ['GET', '/prod/fn?q=1&q=2'],
  ['GET', '/prod/secret', { authorization: 'ann' }],
  ['GET', '/prod/secret', { authorization: 'deny' }],
  ['GET', '/prod/secret', { authorization: 'nobody' }],
  ['GET', '/prod/secret'],
  ['GET', '/prod/nowhere'],
  ['DELETE', '/prod/static'],
  ['GET', '/canary/static'],
  ['GET', '/canary/vtl/7'],
  ['GET', '/unknown/static'],
];

describe('a stage worker answers exactly as the in-process gateway', () => {
  it('gives the same status, headers and body bytes for every request of the sequence', async () => {
    const answers: Record<string, unknown[]> = {};
    for (const mode of ['inProcess', 'isolated'] as const) {
      count = 0;
      answers[mode] = [];
      for (const [method, path, headers, body] of SEQUENCE) answers[mode].push({ request: `${method} ${path}`, ...(await call(servers[mode].base, method, path, headers, body)) });
    }
    expect(answers.isolated).toEqual(answers.inProcess);
    // The sequence exercised what it is meant to (so equal answers are not equal failures).
    const statuses = (answers.isolated as { status: number }[]).map((a) => a.status);
    expect(statuses).toEqual([200, 403, 200, 200, 200, 200, 429, 200, 200, 200, 200, 200, 200, 201, 400, 413, 207, 200, 403, 401, 401, 403, 403, 200, 200, 403]);
    const bodyOf = (i: number) => Buffer.from((answers.isolated[i] as { body: string }).body, 'base64').toString();
    expect([bodyOf(7), bodyOf(8), bodyOf(9), bodyOf(10)]).toEqual(['{"count":1}', '{"count":1}', '{"count":2}', '{"count":1}']);
    expect(bodyOf(3)).toBe('{"id":"42","a":"2","proto":"p","ua":"tester","stage":"prod","path":"/vtl/{id}"}');
    expect(bodyOf(23)).toBe('{"greeting":"canary"}');
    expect((answers.isolated[11] as { headers: string[] }).headers).toEqual(expect.arrayContaining(['set-cookie', 'a=1', 'b=2', 'x-echo-path', '/a/b?x=1&x=2']));
  });

  it('answers requests sent together (one batch) each with its own answer, and marks canary answers', async () => {
    const isolated = createIsolatedGateway({ ...loaded, stage: { ...stage, canarySettings: { deploymentId: 'c', percentTraffic: 100 } }, canaryApi: apiFor('canary') }, { handlers, label: 'prod', blockedLimitMs: 60_000 });
    const inProcess = createGateway({ api: loaded.api, canaryApi: apiFor('canary'), stage: { ...stage, canarySettings: { deploymentId: 'c', percentTraffic: 100 } }, handlers });
    try {
      const requests: GatewayRequest[] = Array.from({ length: 40 }, (_, i) => ({ method: 'GET', path: i % 2 ? `/vtl/${i}` : '/static', headers: { 'x-ua': `u${i}` }, query: { a: [String(i)] }, requestId: `req-${i}` }));
      const got = await Promise.all(requests.map((r) => isolated.handle(r)));
      const want = await Promise.all(requests.map((r) => inProcess.handle(r)));
      const plain = (r: { statusCode: number; headers: object; body: string | Buffer }) => ({ statusCode: r.statusCode, headers: { ...r.headers }, body: String(r.body), canary: servedByCanary(r as never) });
      expect(got.map(plain)).toEqual(want.map(plain));
      expect(got.every((r) => servedByCanary(r))).toBe(true);
      expect(String(got[3].body)).toBe('{"id":"3","a":"3","proto":"","ua":"u3","stage":"prod","path":"/vtl/{id}"}');
      // A Lambda result that cannot be cloned fails its own request (502), not the others sent with it.
      const mixed = await Promise.all(['/static', '/weird', '/static'].map((path) => isolated.handle({ method: 'GET', path, headers: {}, query: {} })));
      expect(mixed.map((r) => [r.statusCode, String(r.body)])).toEqual([[200, '{"greeting":"canary"}'], [502, '{"message":"Internal server error"}'], [200, '{"greeting":"canary"}']]);
    } finally {
      isolated.close();
    }
  });
});
