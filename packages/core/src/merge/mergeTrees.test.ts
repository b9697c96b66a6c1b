import { describe, expect, it } from 'vitest';
import { createBranch, deploy } from '@gitway/core';
import { generatedApi, git, tempRepo } from '@gitway/test-utils';
import { ObjectReader } from '../diff/objectReader.js';
import { mergeTrees } from './mergeTrees.js';

describe('mergeTrees', () => {
  it('reads only the subtrees that differ on all three sides, and writes the tree git merge-tree writes', async () => {
    const repo = await tempRepo();
    const api = generatedApi(2000);
    const base = await deploy({ ...repo, api });
    await createBranch({ ...repo, name: 'feature' });
    const ours = structuredClone(api);
    const theirs = structuredClone(api);
    for (let i = 0; i < 5; i++) {
      ours.resources[`/r${i * 7}/s1`]!.resourceMethods.GET!.operationName = `o${i}`;
      theirs.resources[`/r${i * 7}/s2`]!.resourceMethods.GET!.operationName = `t${i}`; // same parent directory as ours
      theirs.resources[`/r${i * 7 + 3}/s3`]!.resourceMethods.GET!.operationName = `u${i}`; // changed on their side only
    }
    const o = await deploy({ ...repo, api: ours });
    const t = await deploy({ ...repo, api: theirs, branch: 'feature' });

    const reader = new ObjectReader({ fs: repo.fs, gitdir: repo.gitdir, cache: {} });
    const conflicts: unknown[] = [];
    const tree = await mergeTrees(reader, base.tree, o.tree, t.tree, new Map(), conflicts as never);
    expect(conflicts).toEqual([]);
    expect(tree).toBe(git(repo.gitdir, 'merge-tree', '--write-tree', o.id, t.id).trim().split('\n')[0]);

    // The reference, from native git: the directories on the changed paths whose tree
    // differs pairwise between base, ours and theirs; the merge reads those three trees each.
    const changed = [o.id, t.id].flatMap((c) => git(repo.gitdir, 'diff-tree', '-r', '--name-only', base.id, c).trim().split('\n'));
    const dirs = new Set(['']);
    for (const file of changed) {
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    const treeAt = (commit: string, dir: string) => git(repo.gitdir, 'rev-parse', `${commit}:${dir}`).trim();
    const differing = [...dirs].filter((d) => new Set([base.id, o.id, t.id].map((c) => treeAt(c, d))).size === 3);
    expect(differing.length).toBeGreaterThan(5);
    expect(reader.stats).toEqual({ treesRead: 3 * differing.length, blobsRead: 0 });
    const allTrees = git(repo.gitdir, 'ls-tree', '-r', '-t', base.tree).split('\n').filter((l) => l.includes(' tree ')).length;
    expect(3 * differing.length).toBeLessThan(allTrees / 10);
  }, 60_000);
});
