import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { deploy, readDeployment, getStageHistory, rollback, log } from '@gitway/core';
import { tempRepo, generatedApi, fsck, git } from '@gitway/test-utils';

describe('object store', () => {
  it('reads what native git gc wrote: deltified packs (OFS_DELTA) and packed refs', async () => {
    const repo = await tempRepo();
    const apis = [generatedApi(300), generatedApi(300), generatedApi(300)];
    apis[1]!.resources['/r1/s1']!.resourceMethods.GET!.operationName = 'second';
    apis[2]!.resources['/r2/s2']!.resourceMethods.GET!.operationName = 'third';
    const ids: string[] = [];
    for (const [i, api] of apis.entries()) ids.push((await deploy({ ...repo, api, description: `v${i}`, stageName: 'prod' })).id);
    git(repo.gitdir, 'gc', '--aggressive', '--prune=now', '-q');
    expect(fs.readdirSync(path.join(repo.gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.pack'))).toHaveLength(1);
    expect(fs.existsSync(path.join(repo.gitdir, 'refs', 'stages', 'prod'))).toBe(false); // packed
    const verify = git(repo.gitdir, 'verify-pack', '-v', ...fs.readdirSync(path.join(repo.gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.idx')).map((f) => path.join(repo.gitdir, 'objects', 'pack', f)));
    expect(verify).toMatch(/chain length = [1-9]/); // there are deltas to resolve

    const fresh = { fs: repo.fs, gitdir: repo.gitdir, cache: {} };
    for (const [i, id] of ids.entries()) expect((await readDeployment({ ...fresh, rev: id })).api).toEqual(apis[i]);
    expect((await log(fresh)).map((d) => d.description)).toEqual(['v2', 'v1', 'v0']);
    expect((await getStageHistory({ ...fresh, stageName: 'prod' })).map((s) => s.stage.deploymentId)).toEqual([ids[2], ids[1], ids[0]]);
    // writes on top of a packed repository: loose objects + a packed ref updated by CAS
    await rollback({ ...repo, stageName: 'prod' });
    expect((await readDeployment({ ...fresh, rev: 'prod' })).id).toBe(ids[1]);
    fsck(repo.gitdir);
  });

  it('a long-lived cache survives git repacking the objects it indexed', async () => {
    const repo = await tempRepo(); // repo.cache is shared by every call below, like a preview process
    const first = await deploy({ ...repo, api: generatedApi(200), stageName: 'prod' });
    expect((await readDeployment({ ...repo, rev: 'prod' })).id).toBe(first.id); // indexes now cached
    git(repo.gitdir, 'repack', '-a', '-d', '-q'); // a new pack; the cached one is deleted
    git(repo.gitdir, 'prune-packed');
    const changed = generatedApi(200);
    changed.resources['/r0/s0']!.resourceMethods.GET!.operationName = 'after-repack';
    const second = await deploy({ ...repo, api: changed, stageName: 'prod' });
    expect((await readDeployment({ ...repo, rev: first.id })).api).toEqual(generatedApi(200));
    expect((await readDeployment({ ...repo, rev: 'prod' })).id).toBe(second.id);
    fsck(repo.gitdir);
  });
});
