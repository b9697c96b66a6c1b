import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createBranch, deleteDeployment, deploy, deploymentsBehind, merge } from '@gitway/core';
import { tempRepo, sampleApi } from '@gitway/test-utils';

describe('deploymentsBehind (status: how far a stage is behind its branch)', () => {
  it('counts deployments on the first-parent line, skips deleted ones, null off the line', async () => {
    const repo = await tempRepo();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await deploy({ ...repo, api: sampleApi(`v${i}`) })).id);
    await createBranch({ ...repo, name: 'side', start: ids[2] });
    const sideApi = sampleApi('v2'); // side changes an operation, main the version: a clean merge
    sideApi.resources['/pets']!.resourceMethods.GET!.operationName = 'side';
    const side = (await deploy({ ...repo, api: sideApi, branch: 'side' })).id;
    const tip = ids[5]!;
    const behind = (id: string, at = tip) => deploymentsBehind({ ...repo, tip: at, id });
    expect(await behind(ids[5]!)).toBe(0);
    expect(await behind(ids[4]!)).toBe(1);
    expect(await behind(ids[0]!)).toBe(5);
    expect(await behind(side)).toBe(null);
    await deleteDeployment({ ...repo, deploymentId: ids[3]! });
    expect(await behind(ids[0]!)).toBe(4); // as `log` lists the line: without the deleted one
    expect(await behind(ids[3]!)).toBe(null);
    expect(await behind('0'.repeat(40))).toBe(null);
    // merged in from the side: an ancestor, but not on main's first-parent line
    const merged = await merge({ ...repo, theirs: 'side', fastForward: 'never' });
    expect(await behind(side, merged.id)).toBe(null);
    expect(await behind(ids[5]!, merged.id)).toBe(1);
  });

  it('reads the deployments in between, not the whole line', async () => {
    const repo = await tempRepo();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await deploy({ ...repo, api: sampleApi(`v${i}`) })).id);
    let reads = 0;
    const promises = new Proxy(fs.promises, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key !== 'readFile') return typeof value === 'function' ? value.bind(target) : value;
        return (p: string, o?: unknown) => {
          if (/\/objects\/[0-9a-f]{2}\//.test(p)) reads++;
          return target.readFile(p, o as never);
        };
      },
    });
    const counted = { fs: { promises } as unknown as typeof fs, gitdir: repo.gitdir, cache: {} };
    expect(await deploymentsBehind({ ...counted, tip: ids[59]!, id: ids[57]! })).toBe(2);
    expect(reads).toBeLessThanOrEqual(5); // 59, 58, 57 and 57's parent; not 60
  });
});
