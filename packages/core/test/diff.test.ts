import { describe, expect, it } from 'vitest';
import { deploy, diff, renderDiff, renderMarkdown, renderStat, renderNameOnly, Errors } from '@gitway/core';
import { tempRepo, sampleApi, generatedApi, snapshotDir } from '@gitway/test-utils';

describe('diff', () => {
  it('lists semantic changes between two deployments', async () => {
    const repo = await tempRepo();
    const v1 = sampleApi('v1');
    await deploy({ ...repo, api: v1, description: 'v1', stageName: 'prod' });
    const v2 = structuredClone(v1);
    v2.resources['/{proxy+}']!.resourceMethods.ANY!.methodIntegration!.uri = 'http://b/{proxy}';
    delete v2.resources['/pets/{petId}'];
    v2.resources['/pets']!.resourceMethods.POST = { httpMethod: 'POST', authorizationType: 'NONE' };
    v2.resources['/pets']!.resourceMethods.GET!.requestParameters = { 'method.request.querystring.limit': true };
    await deploy({ ...repo, api: v2, description: 'v2' });
    const d = await diff({ ...repo, from: 'prod', to: 'main' });
    const rows = d.changes.map((c) => [c.kind, c.path, c.field, c.breaking]);
    expect(rows).toEqual([
      ['added', 'GET /pets', 'requestParameters["method.request.querystring.limit"]', true],
      ['added', 'POST /pets', undefined, false],
      ['removed', 'GET /pets/{petId}', undefined, true],
      ['changed', 'ANY /{proxy+}', 'integration.uri', false],
    ]);
    expect(d.breaking).toBe(true);
    const text = renderDiff(d);
    expect(text).toContain('~ ANY /{proxy+}  integration.uri: ${stageVariables.backend}/{proxy} -> http://b/{proxy}');
    expect(text).toContain('- GET /pets/{petId}');
    expect(renderMarkdown(d)).toContain('#### :warning: Breaking');
    expect(renderStat(d)).toContain('POST /pets');
    expect(renderNameOnly(d).split('\n')).toEqual(['GET /pets', 'POST /pets', 'GET /pets/{petId}', 'ANY /{proxy+}']);
    // reversed: the removed operation is an addition, the added one a breaking removal
    const back = await diff({ ...repo, from: 'main', to: 'prod' });
    expect(back.changes.find((c) => c.path === 'POST /pets')).toMatchObject({ kind: 'removed', breaking: true });
  });

  it('diffs a revision against an in-memory Api, and equal sides have no changes', async () => {
    const repo = await tempRepo();
    const v1 = await deploy({ ...repo, api: sampleApi('v1') });
    expect((await diff({ ...repo, from: 'HEAD', to: sampleApi('v1') })).changes).toEqual([]);
    const d = await diff({ ...repo, from: 'HEAD', to: sampleApi('v2') });
    expect(d.from.id).toBe(v1.id);
    expect(d.to.id).toBeUndefined();
    expect(new Set(d.changes.map((c) => c.field))).toEqual(new Set(['version', 'integration.integrationResponses.default.responseTemplates["application/json"]']));
  });

  it('reads O(depth) objects for one changed method of a 10,000-method API', async () => {
    const repo = await tempRepo();
    const api = generatedApi(10_000);
    const a = await deploy({ ...repo, api });
    const changed = structuredClone(api);
    changed.resources['/r123/s7']!.resourceMethods.GET!.methodIntegration!.uri = 'http://changed';
    const b = await deploy({ ...repo, api: changed });
    const t0 = performance.now();
    const d = await diff({ ...repo, cache: {}, from: a.id, to: b.id });
    const ms = performance.now() - t0;
    expect(d.changes.map((c) => `${c.path} ${c.field}`)).toEqual(['GET /r123/s7 integration.uri']);
    // root, paths, paths/r123, paths/r123/s7 on each side; one blob per side
    expect(d.stats).toEqual({ treesRead: 8, blobsRead: 2 });
    const t1 = performance.now();
    const w = await diff({ ...repo, cache: {}, from: a.id, to: changed });
    const msApi = performance.now() - t1;
    expect(w.stats).toEqual({ treesRead: 4, blobsRead: 1 });
    expect(w.changes).toHaveLength(1);
    console.log(`diff 10,000 methods, 1 change: commit-commit ${ms.toFixed(1)} ms ${JSON.stringify(d.stats)}; commit-Api ${msApi.toFixed(1)} ms ${JSON.stringify(w.stats)}`);
  }, 120_000);

  it('rejects bad input without changing the repository', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    const before = snapshotDir(repo.gitdir);
    const cases: [() => Promise<unknown>, string][] = [
      [() => diff({ ...repo, from: 'nope', to: 'main' }), 'NotFoundError'],
      [() => diff({ ...repo, from: 'main', to: 'a..b' }), 'InvalidNameError'],
      [() => diff({ ...repo, from: 'main~5', to: 'main' }), 'NotFoundError'],
      [() => diff({ ...repo, from: 'main', to: null as never }), 'InvalidParameterError'],
      [() => diff({ ...repo, from: 'main', to: { restApi: null } as never }), 'InvalidDefinitionError'],
      [() => diff({ ...repo, gitdir: repo.dir + '/missing', from: 'main', to: 'main' }), 'NotARepositoryError'],
    ];
    for (const [run, code] of cases) await expect(run()).rejects.toMatchObject({ code });
    expect(snapshotDir(repo.gitdir)).toEqual(before);
    expect(Errors.NotFoundError.code).toBe('NotFoundError');
  });
});
