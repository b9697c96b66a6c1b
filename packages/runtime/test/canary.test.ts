import { describe, expect, it } from 'vitest';
import type { Api, Method, Stage } from '@gitway/core';
import { createGateway } from '@gitway/runtime';

/** mulberry32: a small seeded PRNG, so the run is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const method = (template: string): Method => ({
  httpMethod: 'GET',
  authorizationType: 'NONE',
  methodIntegration: {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': template } } },
  },
});
const api = (version: string): Api => ({
  restApi: { name: 'pets' },
  resources: { '/pets': { path: '/pets', resourceMethods: { GET: method(`{"version":"${version}","backend":"$stageVariables.backend","region":"$stageVariables.region","canary":$context.isCanaryRequest}`) } } },
  models: {},
  authorizers: {},
  requestValidators: {},
  gatewayResponses: {},
});
const stage = (percentTraffic: number): Stage => ({
  stageName: 'prod',
  deploymentId: 'a'.repeat(40),
  cacheClusterEnabled: false,
  tracingEnabled: false,
  createdDate: '2026-01-01T00:00:00.000Z',
  lastUpdatedDate: '2026-01-01T00:00:00.000Z',
  variables: { backend: 'http://base', region: 'eu' },
  // the clock stands still: lift the default 5000 burst so throttling stays out of the count
  methodSettings: { '*/*': { throttlingBurstLimit: 1_000_000, throttlingRateLimit: 1_000_000 } },
  canarySettings: { deploymentId: 'b'.repeat(40), percentTraffic, stageVariableOverrides: { backend: 'http://canary' }, useStageCache: false },
});

describe('canary traffic split (runtime)', () => {
  for (const [percent, seed] of [[10, 1], [37.5, 42], [1, 7]] as const) {
    it(`sends ${percent}% of 10,000 requests to the canary, within 4 sigma, overrides on canary requests only`, async () => {
      const gateway = createGateway({ api: api('v1'), canaryApi: api('v2'), stage: stage(percent), random: seeded(seed), now: () => 0 });
      const n = 10_000;
      let canary = 0;
      for (let i = 0; i < n; i++) {
        const res = await gateway.handle({ method: 'GET', path: '/pets', headers: {}, query: {} });
        const body = JSON.parse(res.body.toString());
        if (body.version === 'v2') {
          canary++;
          expect(body).toEqual({ version: 'v2', backend: 'http://canary', region: 'eu', canary: true });
        } else {
          expect(body).toEqual({ version: 'v1', backend: 'http://base', region: 'eu', canary: false });
        }
      }
      const p = percent / 100;
      const mean = n * p;
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(canary - mean)).toBeLessThanOrEqual(4 * sigma);
    });
  }

  it('0% (a promoted canary) sends nothing to the canary', async () => {
    const gateway = createGateway({ api: api('v1'), canaryApi: api('v2'), stage: stage(0), random: seeded(3), now: () => 0 });
    for (let i = 0; i < 1000; i++) expect(JSON.parse((await gateway.handle({ method: 'GET', path: '/pets', headers: {}, query: {} })).body.toString()).version).toBe('v1');
  });
});
