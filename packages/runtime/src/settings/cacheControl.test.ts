import type { Api, MethodSetting, Stage } from '@gitway/core';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../createGateway.js';
import { CACHE_CONTROL_IGNORED } from './cacheControl.js';

const api: Api = {
  restApi: { name: 'c' },
  resources: {
    '/n': {
      path: '/n',
      resourceMethods: {
        GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:count/invocations' } },
      },
    },
  },
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
};
const stage = (setting: MethodSetting): Stage => ({
  stageName: 'prod', deploymentId: 'd', cacheClusterEnabled: true, tracingEnabled: false, createdDate: '', lastUpdatedDate: '',
  methodSettings: { '*/*': { cachingEnabled: true, cacheTtlInSeconds: 300, ...setting } },
});
const SIGNED = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc';

/** Two requests: a plain one fills the cache, then one with Cache-Control: max-age=0 (and `headers`). */
async function invalidate(setting: MethodSetting, headers: Record<string, string> = {}) {
  let calls = 0;
  const gw = createGateway({ api, stage: stage(setting), handlers: { count: () => ({ statusCode: 200, body: String(++calls) }) }, now: () => 0, random: () => 0 });
  await gw.handle({ method: 'GET', path: '/n', headers: {}, query: {} });
  const res = await gw.handle({ method: 'GET', path: '/n', headers: { 'cache-control': 'no-cache, max-age=0', ...headers }, query: {} });
  return { status: res.statusCode, body: String(res.body), warning: res.headers.warning };
}

describe('Cache-Control: max-age=0 (per-key cache invalidation)', () => {
  it('refreshes the entry when authorization is not required, or for a signed caller', async () => {
    expect(await invalidate({ requireAuthorizationForCacheControl: false })).toEqual({ status: 200, body: '2', warning: undefined });
    expect(await invalidate({ requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' }, { authorization: SIGNED })).toEqual({ status: 200, body: '2', warning: undefined });
  });

  it('applies unauthorizedCacheControlHeaderStrategy to unauthorized callers (default: SUCCEED_WITH_RESPONSE_HEADER)', async () => {
    expect(await invalidate({})).toEqual({ status: 200, body: '1', warning: CACHE_CONTROL_IGNORED });
    expect(await invalidate({ unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER' })).toEqual({ status: 200, body: '1', warning: CACHE_CONTROL_IGNORED });
    expect(await invalidate({ unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER' })).toEqual({ status: 200, body: '1', warning: undefined });
    expect(await invalidate({ unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' }, { authorization: 'Bearer x' })).toEqual({
      status: 403,
      body: '{"message":"User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: arn:aws:execute-api:us-east-1:000000000000:local/prod/GET/n"}',
      warning: undefined,
    });
  });

  it('leaves requests without max-age=0 to the cache', async () => {
    let calls = 0;
    const gw = createGateway({ api, stage: stage({ unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' }), handlers: { count: () => ({ statusCode: 200, body: String(++calls) }) }, now: () => 0 });
    for (const cc of [undefined, 'max-age=10', 'no-cache']) {
      const res = await gw.handle({ method: 'GET', path: '/n', headers: cc ? { 'cache-control': cc } : {}, query: {} });
      expect([res.statusCode, String(res.body), res.headers.warning]).toEqual([200, '1', undefined]);
    }
  });
});
