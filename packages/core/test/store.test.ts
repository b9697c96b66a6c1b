import { describe, expect, it } from 'vitest';
import { deploy, getStage, getStageHistory, log, readDeployment, rollback, createStage, updateStage, resolveRevision } from '@gitway/core';
import { tempRepo, sampleApi, generatedApi, fsck, git, snapshotDir } from '@gitway/test-utils';
import fs from 'node:fs';
import path from 'node:path';

describe('store', () => {
  it('round-trips an API through a deployment and native git reads it', async () => {
    const repo = await tempRepo();
    const api = sampleApi('v1');
    const d = await deploy({ ...repo, api, description: 'v1' });
    expect(d.created).toBe(true);
    const back = await readDeployment({ ...repo, rev: d.id });
    expect(back.api).toEqual(api);
    expect(back.description).toBe('v1');
    fsck(repo.gitdir);
    const files = git(repo.gitdir, 'ls-tree', '-r', '--name-only', d.id).trim().split('\n');
    expect(files).toEqual(['api.json', 'paths/pets/@GET.json', 'paths/pets/{petId}/@GET.json', 'paths/{proxy+}/@ANY.json']);
    expect(git(repo.gitdir, 'log', '--format=%s', 'main').trim()).toBe('v1');
  });

  it('gives the same tree for the same API and reuses the tip', async () => {
    const a = await tempRepo();
    const b = await tempRepo();
    const d1 = await deploy({ ...a, api: sampleApi('v1') });
    const d2 = await deploy({ ...b, api: structuredClone(sampleApi('v1')) });
    expect(d1.tree).toBe(d2.tree);
    const again = await deploy({ ...a, api: sampleApi('v1') });
    expect(again.created).toBe(false);
    expect(again.id).toBe(d1.id);
  });

  it('a one-method change writes only that blob, its parent trees and the commit', async () => {
    const repo = await tempRepo();
    const api = generatedApi(1000);
    await deploy({ ...repo, api });
    const changed = structuredClone(api);
    changed.resources['/r7/s3']!.resourceMethods.GET!.operationName = 'changed';
    const d = await deploy({ ...repo, api: changed });
    // blob + trees paths/r7/s3, paths/r7, paths, root + commit = depth(4) + 2
    expect(d.objectsWritten).toBe(6);
    fsck(repo.gitdir);
    expect(git(repo.gitdir, 'diff-tree', '-r', '--name-only', 'main~1', 'main').trim()).toBe('paths/r7/s3/@GET.json');
  });

  it('records every stage state and rolls back', async () => {
    const repo = await tempRepo();
    const v1 = await deploy({ ...repo, api: sampleApi('v1'), description: 'v1', stageName: 'prod', variables: { backend: 'http://127.0.0.1:9000' } });
    await updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' }] });
    const v2 = await deploy({ ...repo, api: sampleApi('v2'), description: 'v2', stageName: 'prod' });
    const s = await getStage({ ...repo, stageName: 'prod' });
    expect(s.stage.deploymentId).toBe(v2.id);
    expect(s.stage.variables).toEqual({ backend: 'http://127.0.0.1:9000' });
    expect(s.stage.methodSettings).toEqual({ '*/*': { throttlingRateLimit: 100 } });
    await rollback({ ...repo, stageName: 'prod' });
    const history = await getStageHistory({ ...repo, stageName: 'prod' });
    expect(history.map((h) => h.stage.deploymentId)).toEqual([v1.id, v2.id, v1.id, v1.id]);
    expect((await resolveRevision({ ...repo, rev: 'prod@{1}' })).oid).toBe(v2.id);
    expect((await resolveRevision({ ...repo, rev: 'main~1' })).oid).toBe(v1.id);
    expect((await resolveRevision({ ...repo, rev: v1.id.slice(0, 6) })).oid).toBe(v1.id);
    fsck(repo.gitdir);
    const firstParent = git(repo.gitdir, 'log', '--first-parent', '--format=%s', 'refs/stages/prod').trim().split('\n');
    expect(firstParent.slice(0, 4)).toEqual([
      `rollback prod: ${v2.id.slice(0, 10)} -> ${v1.id.slice(0, 10)}`,
      `deploy prod: ${v2.id.slice(0, 10)} (v2)`,
      'update stage prod: replace /*/*/throttling/rateLimit=100',
      `create stage prod: ${v1.id.slice(0, 10)} (v1)`,
    ]);
    expect((await log({ ...repo })).map((d) => d.description)).toEqual(['v2', 'v1']);
  });

  it('rejects bad input without changing the repository', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    const before = snapshotDir(repo.gitdir);
    const cases: [() => Promise<unknown>, string][] = [
      [() => createStage({ ...repo, stageName: '../x', deployment: 'main' }), 'InvalidNameError'],
      [() => createStage({ ...repo, stageName: 'a..b', deployment: 'main' }), 'InvalidNameError'],
      [() => createStage({ ...repo, stageName: 'x.lock', deployment: 'main' }), 'InvalidNameError'],
      [() => createStage({ ...repo, stageName: '', deployment: 'main' }), 'InvalidNameError'],
      [() => createStage({ ...repo, stageName: 'x'.repeat(129), deployment: 'main' }), 'InvalidNameError'],
      [() => createStage({ ...repo, stageName: 'prod', deployment: 'main' }), 'AlreadyExistsError'],
      [() => createStage({ ...repo, stageName: 'dev', deployment: 'nope' }), 'NotFoundError'],
      [() => updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/bad-name', value: 'x' }] }), 'InvalidNameError'],
      [() => updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/ok', value: 'has space' }] }), 'InvalidParameterError'],
      [() => updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/ok', value: 'x'.repeat(513) }] }), 'InvalidParameterError'],
      [() => updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/cacheClusterSize', value: '2' }] }), 'InvalidParameterError'],
      [() => updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '3601' }] }), 'InvalidParameterError'],
      [() => updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '101' }] }), 'InvalidParameterError'],
      [() => updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/nope', value: '1' }] }), 'InvalidParameterError'],
      [() => updateStage({ ...repo, stageName: 'nope', patchOperations: [] }), 'NotFoundError'],
      [() => rollback({ ...repo, stageName: 'prod' }), 'NothingToRollbackError'],
      [() => resolveRevision({ ...repo, rev: 'main~5' }), 'NotFoundError'],
      [() => resolveRevision({ ...repo, rev: 'prod@{4}' }), 'NotFoundError'],
      [() => resolveRevision({ ...repo, rev: 'ffff' }), 'NotFoundError'],
      [() => deploy({ ...repo, api: { ...sampleApi('v9'), resources: { '/x': { path: '/y', resourceMethods: {} } } } }), 'InvalidDefinitionError'],
      [() => deploy({ ...repo, api: { restApi: { name: 'x' } } as never }), 'InvalidDefinitionError'],
      [
        () => {
          const api = sampleApi('v9');
          (api.resources['/pets']!.resourceMethods.GET!.methodIntegration as { type: string }).type = 'SOAP';
          return deploy({ ...repo, api });
        },
        'InvalidDefinitionError',
      ],
      [() => deploy({ ...repo, api: sampleApi('v9'), stageName: 'bad name' }), 'InvalidNameError'],
      [() => deploy({ ...repo, api: sampleApi('v9'), stageName: 'prod', variables: { 'a-b': '1' } }), 'InvalidNameError'],
    ];
    for (const [fn, code] of cases) {
      await expect(fn(), code).rejects.toMatchObject({ code });
    }
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });

  it('never leaves a temp or lock file behind', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: generatedApi(200), stageName: 'prod' });
    const leftovers = [...snapshotDir(repo.gitdir).keys()].filter((f) => /tmp_|\.lock$/.test(path.basename(f)));
    expect(leftovers).toEqual([]);
    expect(fs.existsSync(path.join(repo.gitdir, 'refs/stages/prod'))).toBe(true);
  });
});
