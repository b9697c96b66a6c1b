import { describe, expect, it } from 'vitest';
import { deploy, updateStage, getStage, applyPatchOperations, DEFAULT_METHOD_SETTING, type PatchOperation, type Stage } from '@gitway/core';
import { tempRepo, sampleApi, snapshotDir, fsck } from '@gitway/test-utils';

const r = (path: string, value?: string): PatchOperation => ({ op: 'replace', path, value });

describe('UpdateStage patch operations: every invalid path and value', () => {
  it('refuses each with its error code and leaves the repository unchanged', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod', variables: { a: '1' } });
    const before = snapshotDir(repo.gitdir);
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x']));
    const cases: [PatchOperation[], string, RegExp][] = [
      [[r('/nope', '1')], 'InvalidParameterError', /^Invalid method setting path: \/nope\. Must be one of: \[\/deploymentId, \/description, /],
      [[r('/variables', 'x')], 'InvalidParameterError', /Invalid method setting path/],
      [[r('/variables/', 'x')], 'InvalidParameterError', /Invalid method setting path/],
      [[r('/variables/bad-name', 'x')], 'InvalidNameError', /invalid stage variable name 'bad-name'/],
      [[r(`/variables/${'n'.repeat(65)}`, 'x')], 'InvalidNameError', /1-64 characters/],
      [[r('/variables/__proto__', 'x')], 'InvalidParameterError', /'__proto__' is not supported/],
      [[r('/variables/a', 'spaces are bad')], 'InvalidParameterError', /invalid value for stage variable 'a'/],
      [[r('/variables/a', 'x'.repeat(513))], 'InvalidParameterError', /1-512/],
      [[r('/variables/a')], 'InvalidParameterError', /needs a value/],
      [Object.entries(many).map(([k, v]) => r(`/variables/${k}`, v)), 'InvalidParameterError', /at most 100 variables \(got 101\)/],
      [[r('/deploymentId', 'deadbeef')], 'NotFoundError', /unknown revision 'deadbeef'/],
      [[{ op: 'remove', path: '/deploymentId' }], 'InvalidParameterError', /^Invalid remove operation with path: \/deploymentId$/],
      [[{ op: 'add', path: '/tracingEnabled', value: 'true' }], 'InvalidParameterError', /Invalid add operation with path: \/tracingEnabled/],
      [[r('/tracingEnabled', 'yes')], 'InvalidParameterError', /Invalid boolean value 'yes'/],
      [[r('/cacheClusterEnabled', '1')], 'InvalidParameterError', /Invalid boolean value/],
      [[r('/cacheClusterSize', '2')], 'InvalidParameterError', /Invalid cache cluster size '2'/],
      [[{ op: 'remove', path: '/cacheClusterSize' }], 'InvalidParameterError', /Invalid remove operation/],
      [[r('/description', 'x'.repeat(1025))], 'InvalidParameterError', /at most 1024/],
      [[r('/accessLogSettings', 'x')], 'InvalidParameterError', /Invalid replace operation with path: \/accessLogSettings$/],
      [[r('/accessLogSettings/level', 'x')], 'InvalidParameterError', /^Invalid accessLogSettings path\. Must be one of : \[\/accessLogSettings\/destinationArn, \/accessLogSettings\/format\]$/],
      [[r('/accessLogSettings/destinationArn', '')], 'InvalidParameterError', /^Access Log value must not be empty$/],
      [[r('/accessLogSettings/format', '')], 'InvalidParameterError', /^Access Log value must not be empty$/],
      [[r('/accessLogSettings/format', '$context.httpMethod')], 'InvalidParameterError', /must contain \$context\.requestId or \$context\.extendedRequestId/],
      [[{ op: 'remove', path: '/accessLogSettings/format' }], 'InvalidParameterError', /^Cannot remove method setting accessLogSettings\/format because there is no method setting for this method $/],
      [[r('/canarySettings', 'x')], 'InvalidParameterError', /^Invalid method setting path: \/canarySettings\. Must be one of/],
      [[r('/canarySettings/percentTraffic', '101')], 'InvalidParameterError', /percentTraffic must be between 0.0 and 100.0/],
      [[r('/canarySettings/percentTraffic', '-0.5')], 'InvalidParameterError', /percentTraffic must be between/],
      [[r('/canarySettings/percentTraffic', 'ten')], 'InvalidParameterError', /Invalid number value 'ten'/],
      [[{ op: 'add', path: '/canarySettings/percentTraffic', value: '1' }], 'InvalidParameterError', /Invalid add operation with path: \/canarySettings\/percentTraffic/],
      [[{ op: 'remove', path: '/canarySettings/deploymentId' }], 'InvalidParameterError', /^Cannot remove method setting canarySettings\/deploymentId because/],
      [[r('/canarySettings/deploymentId', 'nope')], 'InvalidParameterError', /^Deployment id does not exist$/],
      [[r('/canarySettings/useStageCache', 'maybe')], 'InvalidParameterError', /Invalid boolean value/],
      [[r('/canarySettings/stageVariableOverrides/bad-name', 'x')], 'InvalidNameError', /bad-name/],
      [[{ op: 'add', path: '/canarySettings/stageVariableOverrides/x', value: '1' }], 'InvalidParameterError', /Invalid add operation/],
      [[r('/canarySettings/other', '1')], 'InvalidParameterError', /^Invalid method setting path: \/canarySettings\/other\./],
      [[{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }], 'InvalidParameterError', /^Promotion not available\. Canary does not exist\.$/],
      [[{ op: 'copy', from: '/variables', path: '/canarySettings/stageVariableOverrides' }], 'InvalidParameterError', /Invalid copy operation with path: .*Valid copy:path are \[\/deploymentId, \/variables\]/],
      [[{ op: 'move', from: '/variables/a', path: '/variables/b' }], 'InvalidParameterError', /Invalid move operation/],
      [[{ op: 'test', path: '/variables/a', value: '1' }], 'InvalidParameterError', /Invalid test operation/],
      [[{ op: 'frobnicate' as 'add', path: '/variables/a', value: '1' }], 'InvalidParameterError', /Invalid patch operation specified/],
      [[r('/*/*/caching/ttlInSeconds', '3601')], 'InvalidParameterError', /cacheTtlInSeconds must be an integer from 0 to 3600/],
      [[r('/*/*/caching/ttlInSeconds', '1.5')], 'InvalidParameterError', /Invalid integer value '1.5'/],
      [[r('/*/*/throttling/rateLimit', '-2')], 'InvalidParameterError', /throttlingRateLimit must be a number >= 0, or -1 for unset/],
      [[r('/*/*/throttling/burstLimit', '99999999999999999999')], 'InvalidParameterError', /throttlingBurstLimit must be an integer from 0 to 2147483647/],
      [[r('/*/*/throttling/burstLimit', '-5')], 'InvalidParameterError', /throttlingBurstLimit must be an integer from 0 to 2147483647, or -1/],
      [[{ op: 'remove', path: '/*/*' }], 'InvalidParameterError', /^Cannot remove method setting \*\/\* because there is no method setting for this method $/],
      [[{ op: 'remove', path: '/~1pets/GET' }], 'InvalidParameterError', /^Cannot remove method setting pets\/GET because/],
      [[r('/*/*/throttling/burstLimit', '2.5')], 'InvalidParameterError', /Invalid integer value/],
      [[r('/*/*/logging/loglevel', 'DEBUG')], 'InvalidParameterError', /loggingLevel must be OFF, ERROR or INFO/],
      [[r('/*/*/metrics/enabled', 'on')], 'InvalidParameterError', /Invalid boolean value/],
      [[r('/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'IGNORE')], 'InvalidParameterError', /unauthorizedCacheControlHeaderStrategy/],
      [[r('/*/*/caching/color', 'red')], 'InvalidParameterError', /Invalid method setting path/],
      [[r('/~1pets/FETCH/caching/enabled', 'true')], 'InvalidParameterError', /Invalid HTTP method 'FETCH'/],
      [[r('/~1pets/*/caching/enabled', 'true')], 'InvalidParameterError', /use \/\*\/\*\/\.\.\./],
      [[{ op: 'remove', path: '/~1pets/GET/caching/enabled' }], 'InvalidParameterError', /Cannot remove method setting pets\/GET because there is no method setting for this method/],
      [[r('/variables/b', 'ok'), r('/nope', '1')], 'InvalidParameterError', /Invalid method setting path/], // all or nothing
    ];
    for (const [ops, code, message] of cases) {
      const err = await updateStage({ ...repo, stageName: 'prod', patchOperations: ops }).then(() => null, (e: { code: string; message: string }) => e);
      expect(err, JSON.stringify(ops).slice(0, 200)).not.toBeNull();
      expect(err!.code, JSON.stringify(ops).slice(0, 200)).toBe(code);
      expect(err!.message, JSON.stringify(ops).slice(0, 200)).toMatch(message);
    }
    expect(snapshotDir(repo.gitdir)).toEqual(before);
    expect((await getStage({ ...repo, stageName: 'prod' })).stage.variables).toEqual({ a: '1' });
    fsck(repo.gitdir);
  });

  it('accepts every valid path: the ten method-setting keys, escaped and plain resource paths, the root', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    const keys = ['metrics/enabled=true', 'logging/loglevel=INFO', 'logging/dataTrace=false', 'throttling/burstLimit=10', 'throttling/rateLimit=2.5', 'caching/enabled=true', 'caching/ttlInSeconds=3600', 'caching/dataEncrypted=true', 'caching/requireAuthorizationForCacheControl=true', 'caching/unauthorizedCacheControlHeaderStrategy=FAIL_WITH_403'];
    const ops = keys.flatMap((kv) => {
      const [k, v] = kv.split('=') as [string, string];
      return [r(`/*/*/${k}`, v), r(`/~1pets~1{petId}/GET/${k}`, v), r(`/~1/POST/${k}`, v)];
    });
    const { stage: s } = await updateStage({
      ...repo,
      stageName: 'prod',
      patchOperations: [
        ...ops,
        r('/pets/ANY/caching/enabled', 'false'),
        r('/description', 'd'),
        r('/cacheClusterEnabled', 'true'),
        r('/cacheClusterSize', '237'),
        r('/clientCertificateId', 'cert1'),
        r('/tracingEnabled', 'true'),
        { op: 'add', path: '/accessLogSettings/format', value: '$context.requestId' },
        r('/accessLogSettings/destinationArn', 'arn:aws:logs:us-east-1:123:log-group:x'),
        r(`/variables/${'n'.repeat(64)}`, 'x'.repeat(512)),
        r('/canarySettings/percentTraffic', '100'),
        r('/canarySettings/stageVariableOverrides/o', '1'),
        r('/canarySettings/useStageCache', 'true'),
      ],
    });
    const all = { metricsEnabled: true, loggingLevel: 'INFO', dataTraceEnabled: false, throttlingBurstLimit: 10, throttlingRateLimit: 2.5, cachingEnabled: true, cacheTtlInSeconds: 3600, cacheDataEncrypted: true, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' };
    // A new per-method entry starts from the */* entry (API Gateway fills every field).
    expect(s.methodSettings).toEqual({ '*/*': all, 'pets/{petId}/GET': all, '/POST': all, 'pets/ANY': { ...all, cachingEnabled: false } });
    expect(s).toMatchObject({ description: 'd', cacheClusterEnabled: true, cacheClusterSize: '237', clientCertificateId: 'cert1', tracingEnabled: true });
    expect(s.accessLogSettings).toEqual({ format: '$context.requestId', destinationArn: 'arn:aws:logs:us-east-1:123:log-group:x' });
    expect(s.canarySettings).toMatchObject({ percentTraffic: 100, stageVariableOverrides: { o: '1' }, useStageCache: true });
    const { stage: cleared } = await updateStage({
      ...repo,
      stageName: 'prod',
      patchOperations: [{ op: 'remove', path: '/accessLogSettings' }, { op: 'remove', path: '/canarySettings' }, { op: 'remove', path: '/description' }, { op: 'remove', path: '/clientCertificateId' }],
    });
    expect(cleared.accessLogSettings ?? cleared.canarySettings ?? cleared.description ?? cleared.clientCertificateId).toBeUndefined();
  });

  it('fills a new method-setting entry as API Gateway does, takes Terraform\'s -1 and removes whole entries (mismatches 1, 2, 11)', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    const up = async (...patchOperations: PatchOperation[]) => (await updateStage({ ...repo, stageName: 'prod', patchOperations })).stage;
    let s = await up(r('/*/*/throttling/burstLimit', '123'), r('/*/*/caching/enabled', 'true'), r('/~1pets/GET/throttling/burstLimit', '124'));
    expect(s.methodSettings).toEqual({
      '*/*': { ...DEFAULT_METHOD_SETTING, throttlingBurstLimit: 123, cachingEnabled: true },
      'pets/GET': { ...DEFAULT_METHOD_SETTING, throttlingBurstLimit: 124, cachingEnabled: true },
    });
    expect(DEFAULT_METHOD_SETTING).toEqual({
      metricsEnabled: false, dataTraceEnabled: false, throttlingBurstLimit: 5000, throttlingRateLimit: 10000, cachingEnabled: false, cacheTtlInSeconds: 300,
      cacheDataEncrypted: false, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    });
    s = await up(r('/*/*/throttling/burstLimit', '-1'), r('/*/*/throttling/rateLimit', '-1.000000'));
    expect(s.methodSettings!['*/*']).toMatchObject({ throttlingBurstLimit: -1, throttlingRateLimit: -1 });
    s = await up(r('/*/*/throttling/burstLimit', '2147483647'));
    expect(s.methodSettings!['*/*']!.throttlingBurstLimit).toBe(2147483647);
    s = await up({ op: 'remove', path: '/~1pets/GET' });
    expect(Object.keys(s.methodSettings!)).toEqual(['*/*']);
    s = await up({ op: 'remove', path: '/*/*' });
    expect(s.methodSettings).toEqual({});
    expect(s.cacheClusterStatus).toBe('NOT_AVAILABLE');
    s = await up(r('/cacheClusterEnabled', 'true'));
    expect(s).toMatchObject({ cacheClusterStatus: 'AVAILABLE', cacheClusterSize: '0.5' });
    fsck(repo.gitdir);
  });

  it('applyPatchOperations does not touch its input', () => {
    const stage: Stage = { stageName: 's', deploymentId: 'a'.repeat(40), cacheClusterEnabled: false, tracingEnabled: false, createdDate: 'x', lastUpdatedDate: 'x', variables: { a: '1' } };
    const copy = structuredClone(stage);
    applyPatchOperations(stage, [r('/variables/a', '2'), r('/canarySettings/percentTraffic', '5')]);
    expect(stage).toEqual(copy);
  });
});
