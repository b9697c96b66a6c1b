import { describe, expect, it } from 'vitest';
import type { Api, Method, Stage } from '@gitway/core';
import { createGateway } from './createGateway.js';

const mock = (responseTemplate: string, extra: Partial<Method> = {}): Method => ({
  httpMethod: 'GET',
  authorizationType: 'NONE',
  methodIntegration: {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}', 'application/xml': '{"statusCode": 202}' },
    integrationResponses: {
      default: { statusCode: '200', responseTemplates: { 'application/json': responseTemplate }, responseParameters: { 'method.response.header.X-Kind': "'static'" } },
      '202': { statusCode: '202', selectionPattern: '202', responseTemplates: { 'application/json': '{"xml": true}' } },
    },
  },
  ...extra,
});
const api: Api = {
  restApi: { name: 't' },
  resources: {
    '/static': { path: '/static', resourceMethods: { GET: mock('{"ok": true}') } },
    '/dynamic': { path: '/dynamic', resourceMethods: { GET: mock('{"id": "$context.requestId"}') } },
  },
  models: {},
  authorizers: {},
  requestValidators: {},
  gatewayResponses: {},
};
const stage = (over: Partial<Stage> = {}): Stage => ({
  stageName: 'prod', deploymentId: 'a'.repeat(40), cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '', ...over,
});
const get = (path: string, headers: Record<string, string> = {}) => ({ method: 'GET', path, headers, query: {} });

describe('static MOCK routes', () => {
  it('answer from the first full response, byte for byte, without building $context', async () => {
    let clock = 0;
    const gw = createGateway({ api, stage: stage(), now: () => ++clock });
    const first = await gw.handle(get('/static'));
    const afterFirst = clock;
    const second = await gw.handle(get('/static', { accept: 'application/json', 'user-agent': 'x' }));
    expect(second).toEqual(first);
    expect(first).toMatchObject({ statusCode: 200, headers: { 'x-kind': 'static' } });
    expect(afterFirst).toBeGreaterThan(2); // the full pipeline reads the clock several times
    expect(clock - afterFirst).toBe(1); // the fast answer: only the throttle's token bucket
  });

  it('still take a throttling token per request (429 past the burst)', async () => {
    const gw = createGateway({ api, stage: stage({ methodSettings: { 'static/GET': { throttlingRateLimit: 0, throttlingBurstLimit: 2 } } }), now: () => 0 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await gw.handle(get('/static'))).statusCode);
    expect(codes).toEqual([200, 200, 429, 429]);
  });

  it('do not apply when a template reads the request or the context', async () => {
    const gw = createGateway({ api, stage: stage() });
    const a = JSON.parse(String((await gw.handle(get('/dynamic'))).body)).id;
    const b = JSON.parse(String((await gw.handle(get('/dynamic'))).body)).id;
    expect(a).not.toBe(b);
  });

  it('do not apply to a request with a Content-Type (it may select another template)', async () => {
    const gw = createGateway({ api, stage: stage() });
    expect((await gw.handle(get('/static'))).statusCode).toBe(200);
    const xml = await gw.handle(get('/static', { 'Content-Type': 'application/xml' }));
    expect(xml.statusCode).toBe(202);
  });

  it('do not apply to methods behind an API key or an authorizer', async () => {
    const keyed: Api = { ...api, resources: { '/static': { path: '/static', resourceMethods: { GET: mock('{"ok": true}', { apiKeyRequired: true }) } } } };
    const gw = createGateway({ api: keyed, stage: stage() });
    expect((await gw.handle(get('/static', { 'x-api-key': 'k' }))).statusCode).toBe(200);
    expect((await gw.handle(get('/static'))).statusCode).toBe(403);
  });

  it('do not apply when the stage writes access logs (each request is logged)', async () => {
    const lines: string[] = [];
    const gw = createGateway({ api, stage: stage({ accessLogSettings: { format: '$context.requestId $context.status' } }), log: (l) => lines.push(l) });
    for (let i = 0; i < 3; i++) await gw.handle(get('/static'));
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(3);
  });

  it('share one immutable answer: no caller can change what the next one gets', async () => {
    const gw = createGateway({ api, stage: stage() });
    const first = await gw.handle(get('/static'));
    (first.headers as Record<string, string>)['x-kind'] = 'changed by the first caller';
    first.body = 'changed';
    const second = await gw.handle(get('/static'));
    expect(second).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json', 'x-kind': 'static' }, body: '{"ok": true}' });
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second.headers)).toBe(true);
    expect(() => {
      (second.headers as Record<string, string>)['x-kind'] = 'changed';
    }).toThrow(TypeError);
    const third = await gw.handle(get('/static'));
    expect(third).toBe(second);
    expect(third.headers['x-kind']).toBe('static');
  });
});
