import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api, Integration, Method, Stage } from '@gitway/core';
import { createGateway } from '@gitway/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ID = '00000000-0000-4000-8000-000000000000';
const T = 'Thu Jan 01 00:00:00 UTC 1970 : ';
const stage = (over: Partial<Stage> = {}): Stage => ({
  stageName: 'prod', deploymentId: 'd1', cacheClusterEnabled: false, tracingEnabled: false, createdDate: '2026-01-01T00:00:00Z', lastUpdatedDate: '2026-01-01T00:00:00Z', ...over,
});
const method = (integration: Integration, over: Partial<Method> = {}): Method => ({ httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: integration, ...over });
const api = (resources: Record<string, Record<string, Method>>): Api => ({
  restApi: { name: 'pets' },
  resources: Object.fromEntries(Object.entries(resources).map(([path, resourceMethods]) => [path, { path, resourceMethods }])),
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
});
const vtlMock: Integration = {
  type: 'MOCK',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"pet":"$input.params(\'petId\')","limit":"$input.params(\'limit\')","v":"$stageVariables.v"}' } } },
};
const fixed = { now: () => 0, random: () => 0 };

let backend: Server;
let base: string;
const seen: { method?: string; url?: string; body?: string; headers?: IncomingMessage['headers'] } = {};
beforeAll(async () => {
  backend = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      Object.assign(seen, { method: req.method, url: req.url, body: Buffer.concat(chunks).toString(), headers: req.headers });
      res.sendDate = false;
      res.writeHead(200, { 'content-type': 'application/json', 'x-backend': 'yes' });
      res.end(JSON.stringify({ id: 7, name: 'rex' }));
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => backend.close(() => resolve())));

describe('testInvoke', () => {
  it('runs a VTL (MOCK) route and returns the execution log in API Gateway wording', async () => {
    const gw = createGateway({ api: api({ '/pets/{petId}': { GET: method(vtlMock) } }), stage: stage({ variables: { v: 'one' } }), ...fixed });
    const result = await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/pets/7?limit=2', headers: { Accept: 'application/json' } });
    expect(result).toEqual({
      status: 200,
      body: '{"pet":"7","limit":"2","v":"one"}',
      headers: { 'Content-Type': 'application/json' },
      multiValueHeaders: { 'Content-Type': ['application/json'] },
      latency: 0,
      log: [
        `Execution log for request ${ID}`,
        `${T}Starting execution for request: ${ID}`,
        `${T}HTTP Method: GET, Resource Path: /pets/7`,
        `${T}Method request path: {petId=7}`,
        `${T}Method request query string: {limit=2}`,
        `${T}Method request headers: {accept=application/json}`,
        `${T}Method request body before transformations: `,
        `${T}Method response body after transformations: {"pet":"7","limit":"2","v":"one"}`,
        `${T}Method response headers: {content-type=application/json}`,
        `${T}Successfully completed execution`,
        `${T}Method completed with status: 200`,
      ].join('\n'),
    });
  });

  it('runs an HTTP route against a real backend and logs the endpoint request and response', async () => {
    const integration: Integration = {
      type: 'HTTP', httpMethod: 'POST', uri: '${stageVariables.backend}/pets/{petId}',
      requestTemplates: { 'application/json': '{"name":"$input.path(\'$.name\')","tenant":"$input.params(\'x-tenant\')"}' },
      integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"petName":"$input.path(\'$.name\')"}' } } },
    };
    const gw = createGateway({ api: api({ '/pets/{petId}': { PUT: method(integration, { httpMethod: 'PUT' }) } }), stage: stage({ variables: { backend: 'http://wrong.invalid' } }), ...fixed });
    const result = await gw.testInvoke({
      httpMethod: 'PUT', pathWithQueryString: '/pets/7', headers: { 'Content-Type': 'application/json', 'X-Tenant': 't1' }, body: '{"name":"rex"}',
      stageVariables: { backend: base },
    });
    expect([result.status, result.body]).toEqual([200, '{"petName":"rex"}']);
    expect([seen.method, seen.url, seen.body, seen.headers?.['content-type']]).toEqual(['POST', '/pets/7', '{"name":"rex","tenant":"t1"}', 'application/json']);
    expect(result.log.split('\n')).toEqual([
      `Execution log for request ${ID}`,
      `${T}Starting execution for request: ${ID}`,
      `${T}HTTP Method: PUT, Resource Path: /pets/7`,
      `${T}Method request path: {petId=7}`,
      `${T}Method request query string: {}`,
      `${T}Method request headers: {content-type=application/json, x-tenant=t1}`,
      `${T}Method request body before transformations: {"name":"rex"}`,
      `${T}Endpoint request URI: ${base}/pets/7`,
      `${T}Endpoint request headers: {content-type=application/json}`,
      `${T}Endpoint request body after transformations: {"name":"rex","tenant":"t1"}`,
      `${T}Sending request to ${base}/pets/7`,
      `${T}Received response. Status: 200, Integration latency: 0 ms`,
      `${T}Endpoint response headers: {content-type=application/json, x-backend=yes}`,
      `${T}Endpoint response body before transformations: {"id":7,"name":"rex"}`,
      `${T}Method response body after transformations: {"petName":"rex"}`,
      `${T}Method response headers: {content-type=application/json}`,
      `${T}Successfully completed execution`,
      `${T}Method completed with status: 200`,
    ]);
  });

  it('names the cause of a failure: invalid endpoint with the missing stage variable, Lambda without a handler, a failing template', async () => {
    const a = api({
      '/http': { GET: method({ type: 'HTTP_PROXY', uri: '${stageVariables.host}/pets' }) },
      '/fn': { GET: method({ type: 'AWS_PROXY', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123:function:getPet/invocations' }) },
      '/tpl': { GET: method({ ...vtlMock, requestTemplates: { 'application/json': '#foreach($i in [1..999999999])x#end' } }) },
    });
    const gw = createGateway({ api: a, stage: stage(), ...fixed });
    const tail = async (path: string) => {
      const r = await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: path });
      return [r.status, r.body, ...r.log.split('\n').slice(-2)];
    };
    expect(await tail('/http')).toEqual([
      500, '{"message":"Internal server error"}',
      `${T}Execution failed due to configuration error: Invalid endpoint address: '/pets' (integration URI '\${stageVariables.host}/pets'; stage variable 'host' not set)`,
      `${T}Method completed with status: 500`,
    ]);
    const fn = await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/fn' });
    expect(fn.status).toBe(502);
    expect(fn.log.split('\n').slice(-2)).toEqual([
      `${T}Execution failed due to configuration error: no local handler for Lambda function 'getPet' (arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123:function:getPet/invocations); pass --handlers MODULE whose default export maps 'getPet' to a function`,
      `${T}Method completed with status: 502`,
    ]);
    expect(await tail('/tpl')).toEqual([
      500, '{"message":"Internal server error"}',
      `${T}Execution failed due to configuration error: Unable to transform request: template exceeded 10000 iterations`,
      `${T}Method completed with status: 500`,
    ]);
  });

  it('names a refused connection with the endpoint and the socket error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gw = createGateway({ api: api({ '/x': { GET: method({ type: 'HTTP_PROXY', uri: `http://127.0.0.1:${port}/x` }) } }), stage: stage(), ...fixed });
    const r = await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/x' });
    expect([r.status, ...r.log.split('\n').slice(-2)]).toEqual([
      502,
      `${T}Execution failed due to a network error communicating with endpoint http://127.0.0.1:${port}/x: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:${port}`,
      `${T}Method completed with status: 502`,
    ]);
  });

  it('logs the Lambda invoke URL and the event for AWS_PROXY', async () => {
    const uri = 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123:function:getPet/invocations';
    const gw = createGateway({ api: api({ '/fn': { GET: method({ type: 'AWS_PROXY', uri }) } }), stage: stage(), handlers: { getPet: () => ({ statusCode: 201, body: 'made' }) }, ...fixed });
    const r = await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/fn' });
    expect([r.status, r.body]).toEqual([201, 'made']);
    const lines = r.log.split('\n');
    expect(lines).toContain(`${T}Endpoint request URI: https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:123:function:getPet/invocations`);
    expect(lines).toContain(`${T}Endpoint response body before transformations: {"statusCode":201,"body":"made"}`);
    expect(lines.find((l) => l.includes('Endpoint request body after transformations'))).toMatch(/"resource":"\/fn".*"httpMethod":"GET"/);
  });

  it('runs without throttling and API keys, and against the canary with its overrides when asked', async () => {
    const a = api({ '/pets/{petId}': { GET: method(vtlMock, { apiKeyRequired: true }) } });
    const canaryApi = api({ '/pets/{petId}': { GET: method({ ...vtlMock, integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': 'canary $stageVariables.v $context.isCanaryRequest' } } } }) } });
    const gw = createGateway({
      api: a, canaryApi, ...fixed,
      stage: stage({ variables: { v: 'main' }, methodSettings: { '*/*': { throttlingBurstLimit: 0, throttlingRateLimit: 0 } }, canarySettings: { percentTraffic: 0, deploymentId: 'c1', stageVariableOverrides: { v: 'over' } } }),
    });
    expect((await gw.handle({ method: 'GET', path: '/pets/1', headers: { 'x-api-key': 'k' }, query: {} })).statusCode).toBe(429);
    expect((await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/pets/1' })).body).toBe('{"pet":"1","limit":"","v":"main"}');
    expect((await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/pets/1', canary: true })).body).toBe('canary over true');
    expect((await gw.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/pets/1', canary: true, stageVariables: { v: 'mine' } })).body).toBe('canary mine true');
    await expect(createGateway({ api: a, stage: stage() }).testInvoke({ httpMethod: 'GET', pathWithQueryString: '/pets/1', canary: true })).rejects.toThrow('stage prod has no canary deployment');
  });

  it('redacts credentials and cuts values at 1 KB', async () => {
    const gw = createGateway({ api: api({ '/pets/{petId}': { POST: method(vtlMock, { httpMethod: 'POST' }) } }), stage: stage(), ...fixed });
    const r = await gw.testInvoke({ httpMethod: 'POST', pathWithQueryString: '/pets/1', headers: { Authorization: 'Bearer abcdefghijklmnop' }, body: 'x'.repeat(2000) });
    const lines = r.log.split('\n');
    expect(lines).toContain(`${T}Method request headers: {authorization=*****************klmnop}`);
    expect(lines).toContain(`${T}Method request body before transformations: ${'x'.repeat(1024)} [TRUNCATED]`);
  });
});

describe('execution logging of served requests', () => {
  const setting = (loggingLevel: 'OFF' | 'ERROR' | 'INFO', dataTraceEnabled = false) => stage({ variables: { v: 'one' }, methodSettings: { '*/*': { loggingLevel, dataTraceEnabled } } });
  const serve = async (s: Stage, path = '/pets/7') => {
    const lines: string[] = [];
    const gw = createGateway({ api: api({ '/pets/{petId}': { GET: method(vtlMock) }, '/bad': { GET: method({ type: 'HTTP', uri: '${stageVariables.nope}/x' }) } }), stage: s, ...fixed, executionLog: (l) => lines.push(l) });
    await gw.handle({ method: 'GET', path, headers: {}, query: {} });
    await gw.handle({ method: 'GET', path, headers: {}, query: {} }); // not answered from the static-MOCK fast path
    return lines;
  };

  it('INFO writes the execution lines, dataTraceEnabled adds bodies and headers, ERROR only failures, OFF nothing', async () => {
    const info = [
      `(${ID}) Starting execution for request: ${ID}`,
      `(${ID}) HTTP Method: GET, Resource Path: /pets/7`,
      `(${ID}) Method request path: {petId=7}`,
      `(${ID}) Method request query string: {}`,
      `(${ID}) Successfully completed execution`,
      `(${ID}) Method completed with status: 200`,
    ];
    expect(await serve(setting('INFO'))).toEqual([...info, ...info]);
    const traced = await serve(setting('INFO', true));
    expect(traced.slice(0, 8)).toEqual([
      ...info.slice(0, 4),
      `(${ID}) Method request headers: {}`,
      `(${ID}) Method request body before transformations: `,
      `(${ID}) Method response body after transformations: {"pet":"7","limit":"","v":"one"}`,
      `(${ID}) Method response headers: {content-type=application/json}`,
    ]);
    expect(await serve(setting('ERROR'))).toEqual([]);
    expect(await serve(setting('OFF'))).toEqual([]);
    const failure = [
      `(${ID}) Execution failed due to configuration error: Invalid endpoint address: '/x' (integration URI '\${stageVariables.nope}/x'; stage variable 'nope' not set)`,
      `(${ID}) Method completed with status: 500`,
    ];
    expect(await serve(setting('ERROR'), '/bad')).toEqual([...failure, ...failure]);
  });
});
