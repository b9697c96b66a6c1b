import type { Api, Integration, Stage } from '@gitway/core';
import { describe, expect, it } from 'vitest';
import { createGateway } from './createGateway.js';
import type { FetchLike, GatewayRequest } from './types.js';

// The three state leaks issue #15 found, each reproduced through the gateway as a client would.
const stage = (stageName: string, variables: Record<string, string> = {}): Stage => ({
  stageName, deploymentId: 'd1', variables, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '2024-01-01T00:00:00Z', lastUpdatedDate: '2024-01-01T00:00:00Z',
});
const mock = (responseTemplate: string): Integration => ({
  type: 'MOCK',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': responseTemplate } } },
});
const apiOf = (routes: Record<string, Integration>): Api => ({
  restApi: { name: 'leaks' },
  resources: Object.fromEntries(Object.entries(routes).map(([path, methodIntegration]) => [path, { path, resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration } } }])),
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
});
const get = (path: string, headers: Record<string, string> = {}): GatewayRequest => ({ method: 'GET', path, headers, query: {} });
const text = (body: Buffer | string) => body.toString();

describe('nothing a template does survives its request', () => {
  it("a client cannot read another client's Authorization header through $util.eval", async () => {
    const gw = createGateway({
      api: apiOf({
        '/victim': mock("{\"seen\":\"$util.escapeJavaScript('x')\"}"),
        '/attacker': mock("#set($f = $util.eval){\"stolen\":\"$f.call($util, '$input.params(\"Authorization\")')$util.eval('$input.params(\"Authorization\")')\"}"),
      }),
      stage: stage('prod'),
    });
    expect(text((await gw.handle(get('/victim', { Authorization: 'Bearer victim-secret' }))).body)).toBe('{"seen":"x"}');
    expect(text((await gw.handle(get('/attacker'))).body)).toBe('{"stolen":""}');
  });

  it("$util.put('escapeJavaScript', ...) on one stage does not change another stage's output", async () => {
    const api = apiOf({
      '/break': mock("#set($x = $util.put('escapeJavaScript', 'gone'))$util.escapeJavaScript('a\"b')"),
      '/use': mock("$util.escapeJavaScript('a\"b')"),
    });
    const dev = createGateway({ api, stage: stage('dev') });
    const prod = createGateway({ api, stage: stage('prod') });
    expect(text((await dev.handle(get('/break'))).body)).toBe('a\\"b');
    expect(text((await prod.handle(get('/use'))).body)).toBe('a\\"b');
  });

  it('#set($stageVariables.backend = ...) does not re-point other routes', async () => {
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const http = (path: string, template: string): Integration => ({
      type: 'HTTP', httpMethod: 'GET', uri: 'http://${stageVariables.backend}' + path,
      requestTemplates: { 'application/json': template },
      integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '$stageVariables.backend' } } },
    });
    const gw = createGateway({
      api: apiOf({ '/hijack': http('/a', "#set($stageVariables.backend = 'evil.example')#set($x = $stageVariables.put('backend', 'evil.example'))$stageVariables.backend"), '/other': http('/b', '{}') }),
      stage: stage('prod', { backend: 'backend.internal' }),
      fetch,
    });
    expect(text((await gw.handle(get('/hijack'))).body)).toBe('backend.internal');
    expect(text((await gw.handle(get('/other'))).body)).toBe('backend.internal');
    expect(urls).toEqual(['http://backend.internal/a', 'http://backend.internal/b']);
  });
});
