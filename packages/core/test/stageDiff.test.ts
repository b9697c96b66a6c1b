import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatchOperations, assertStage, CACHE_CLUSTER_SIZES, DEFAULT_METHOD_SETTING, type MethodSetting, type Stage } from '@gitway/core';
import { diffStages, stageSettings, stageResource } from '@gitway/core/internal';

const ids = ['a', 'b', 'c'].map((c) => c.repeat(40));
// Object.prototype names are valid stage variable names: they must stay plain keys.
const name = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/), fc.constantFrom('constructor', 'toString', 'hasOwnProperty'));
const value = fc.stringMatching(/^[A-Za-z0-9\-._~:/?#&=,]{1,20}$/);
// fast-check also injects a "__proto__" key into dictionaries; gitway refuses that variable
// name by design (stageRules.ts), which the dedicated test below covers.
const vars = fc.option(
  fc.dictionary(name, value, { minKeys: 1, maxKeys: 5 }).filter((d) => !Object.hasOwn(d, '__proto__')),
  { nil: undefined },
);
const methodSetting: fc.Arbitrary<MethodSetting> = fc
  .record(
    {
      metricsEnabled: fc.boolean(),
      loggingLevel: fc.constantFrom('OFF', 'ERROR', 'INFO'),
      dataTraceEnabled: fc.boolean(),
      throttlingBurstLimit: fc.nat(10000),
      throttlingRateLimit: fc.double({ min: 0, max: 10000, noNaN: true }),
      cachingEnabled: fc.boolean(),
      cacheTtlInSeconds: fc.integer({ min: 0, max: 3600 }),
      cacheDataEncrypted: fc.boolean(),
      requireAuthorizationForCacheControl: fc.boolean(),
      unauthorizedCacheControlHeaderStrategy: fc.constantFrom('FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'),
    },
    { requiredKeys: [] },
  )
  .filter((m) => Object.keys(m).length > 0)
  // UpdateStage creates an entry with every field but loggingLevel set (API Gateway's defaults).
  .map((m) => ({ ...DEFAULT_METHOD_SETTING, ...m })) as fc.Arbitrary<MethodSetting>;
const methodKey = fc.constantFrom('*/*', 'pets/GET', 'pets/{petId}/GET', '/POST', 'a~b/c/ANY', '{proxy+}/DELETE');
const stage: fc.Arbitrary<Stage> = fc
  .record(
    {
      deploymentId: fc.constantFrom(...ids),
      description: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      variables: vars,
      methodSettings: fc.option(fc.dictionary(methodKey, methodSetting, { minKeys: 1, maxKeys: 3 }), { nil: undefined }),
      canarySettings: fc.option(
        fc.record({
          deploymentId: fc.constantFrom(...ids),
          percentTraffic: fc.double({ min: 0, max: 100, noNaN: true }),
          useStageCache: fc.boolean(),
          stageVariableOverrides: vars,
        }),
        { nil: undefined },
      ),
      accessLogSettings: fc.option(
        fc.record({ format: fc.string({ minLength: 1, maxLength: 20 }).map((f) => `${f} $context.requestId`), destinationArn: fc.constant('arn:aws:logs:x') }, { requiredKeys: [] }).filter((a) => Object.keys(a).length > 0),
        { nil: undefined },
      ),
      cacheClusterEnabled: fc.boolean(),
      cacheClusterSize: fc.constantFrom(...CACHE_CLUSTER_SIZES),
      clientCertificateId: fc.option(fc.stringMatching(/^[a-z0-9]{1,10}$/), { nil: undefined }),
      tracingEnabled: fc.boolean(),
    },
    { requiredKeys: ['deploymentId', 'cacheClusterEnabled', 'tracingEnabled', 'cacheClusterSize'] },
  )
  .map((s) => {
    const out = { stageName: 'prod', createdDate: '2026-01-01T00:00:00.000Z', lastUpdatedDate: '2026-01-01T00:00:00.000Z', ...s } as Stage;
    for (const k of Object.keys(out) as (keyof Stage)[]) if (out[k] === undefined) delete out[k];
    if (out.canarySettings && !out.canarySettings.stageVariableOverrides) delete out.canarySettings.stageVariableOverrides;
    return out;
  });

// Every stage record is read and written as the Stage resource (methodSettings {}, cacheClusterStatus).
const strip = (s: Stage) => {
  const { stageName: _n, createdDate: _c, lastUpdatedDate: _l, ...rest } = stageResource(s);
  return rest;
};

describe('diffStages', () => {
  it('property: applyPatchOperations(A, diffStages(A, B)) equals B', () => {
    fc.assert(
      fc.property(stage, stage, (a, b) => {
        assertStage(a);
        assertStage(b);
        const ops = diffStages(a, b);
        expect(ops.every((o) => o.value === undefined || typeof o.value === 'string')).toBe(true);
        expect(strip(applyPatchOperations(a, ops))).toEqual(strip(b));
        expect(diffStages(b, b)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('emits AWS patch paths: escaped resource paths, per-key variables, canary creation', () => {
    const a: Stage = { stageName: 'p', deploymentId: ids[0]!, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '', variables: { old: '1', same: 's' } };
    const b: Stage = {
      ...a,
      deploymentId: ids[1]!,
      variables: { same: 's', new: '2' },
      methodSettings: { 'pets/{petId}/GET': { cachingEnabled: true } },
      canarySettings: { deploymentId: ids[2]!, percentTraffic: 10, useStageCache: false },
    };
    expect(diffStages(a, b)).toEqual([
      { op: 'replace', path: '/deploymentId', value: ids[1] },
      { op: 'remove', path: '/variables/old' },
      { op: 'replace', path: '/variables/new', value: '2' },
      { op: 'replace', path: '/~1pets~1{petId}/GET/caching/enabled', value: 'true' },
      { op: 'replace', path: '/canarySettings/deploymentId', value: ids[2] },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
    ]);
    expect(diffStages(b, a)).toContainEqual({ op: 'remove', path: '/canarySettings' });
    expect(stageSettings(b)['/~1pets~1{petId}/GET/caching/enabled']).toBe('true');
  });

  it('keeps "__proto__" a plain variable name (no prototype change)', () => {
    const a: Stage = { stageName: 'p', deploymentId: ids[0]!, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' };
    const s = applyPatchOperations(a, [{ op: 'replace', path: '/variables/__proto__', value: 'x' }]);
    expect(Object.getPrototypeOf(s.variables)).toBe(Object.prototype);
    expect(Object.keys(s.variables!)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(s)).variables).toEqual(JSON.parse('{"__proto__":"x"}'));
  });
});
