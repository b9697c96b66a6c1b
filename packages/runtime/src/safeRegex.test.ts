import type { Api, Integration, Stage } from '@gitway/core';
import { describe, expect, it } from 'vitest';
import { createGateway } from './createGateway.js';
import { safeRegex } from './safeRegex.js';

const EVIL = 'a'.repeat(40) + '!'; // 2^40 backtracking steps for ^(a+)+$ on a backtracking engine
const stage: Stage = { stageName: 'prod', deploymentId: 'd1', cacheClusterEnabled: false, tracingEnabled: false, createdDate: '2024-01-01T00:00:00Z', lastUpdatedDate: '2024-01-01T00:00:00Z' };
const apiWith = (methodIntegration: Integration, extra: Partial<Api> = {}, method: Record<string, unknown> = {}): Api => ({
  restApi: { name: 'regex' },
  resources: { '/r': { path: '/r', resourceMethods: { POST: { httpMethod: 'POST', authorizationType: 'NONE', methodIntegration, ...method } } } },
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
  ...extra,
});
const post = (body: string) => ({ method: 'POST', path: '/r', headers: { 'content-type': 'application/json' }, query: {}, body });

describe('regular expressions from definitions run on RE2', () => {
  it('a model pattern ^(a+)+$ refuses a hostile body at once (request validation)', async () => {
    const api = apiWith(
      { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' }, integrationResponses: { default: { statusCode: '200' } } },
      { models: { Name: { name: 'Name', schema: { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } } } }, requestValidators: { body: { name: 'body', validateRequestBody: true, validateRequestParameters: false } } },
      { requestValidatorId: 'body', requestModels: { 'application/json': 'Name' } },
    );
    const gw = createGateway({ api, stage });
    const bad = await gw.handle(post(JSON.stringify({ name: EVIL })));
    const good = await gw.handle(post(JSON.stringify({ name: 'aaaa' })));
    expect([bad.statusCode, good.statusCode]).toEqual([400, 200]);
  });

  it('a selectionPattern (a+)+$ over a hostile Lambda error message falls through to the default response', async () => {
    const api = apiWith({
      type: 'AWS', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:fail/invocations',
      integrationResponses: { default: { statusCode: '200' }, '.*bad.*': { statusCode: '400', selectionPattern: '(a+)+$' } },
    });
    const gw = createGateway({ api, stage, handlers: { fail: () => { throw new Error(EVIL); } } });
    expect((await gw.handle(post('{}'))).statusCode).toBe(200);
    const ok = createGateway({ api, stage, handlers: { fail: () => { throw new Error('aaaa'); } } });
    expect((await ok.handle(post('{}'))).statusCode).toBe(400);
  });

  it('keeps Java syntax and refuses what needs backtracking', () => {
    expect([safeRegex('\\d{3}-\\w+').matches('123-ab'), safeRegex('(?i)abc').matches('ABC')]).toEqual([true, true]);
    expect(() => safeRegex('(a)\\1')).toThrow(/invalid escape sequence|\\1/);
  });
});
