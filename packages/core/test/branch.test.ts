import { describe, expect, it } from 'vitest';
import type { Api } from '@gitway/core';
import {
  deploy, createBranch, deleteBranch, listBranches, currentBranch, switchBranch, startMerge, continueMerge, abortMerge, getMergeState, merge, readDeployment,
} from '@gitway/core';
import { tempRepo, sampleApi, fsck, git, snapshotDir } from '@gitway/test-utils';
import fs from 'node:fs';
import path from 'node:path';

const withUri = (uri: string, name?: string): Api => {
  const api = sampleApi('v1');
  api.resources['/{proxy+}']!.resourceMethods.ANY!.methodIntegration!.uri = uri;
  if (name) api.resources['/pets']!.resourceMethods.GET!.operationName = name;
  return api;
};

describe('branches', () => {
  it('creates, lists, switches and deletes branches like git', async () => {
    const repo = await tempRepo();
    expect(await listBranches(repo)).toEqual([{ name: 'main', id: null, current: true }]);
    const v1 = await deploy({ ...repo, api: sampleApi('v1') });
    await createBranch({ ...repo, name: 'feature/x' });
    expect((await switchBranch({ ...repo, name: 'private', create: true })).id).toBe(v1.id);
    expect(await currentBranch(repo)).toEqual({ name: 'private', id: v1.id, current: true });
    const v2 = await deploy({ ...repo, api: sampleApi('v2') });
    expect((await listBranches(repo)).map((b) => [b.name, b.id, b.current])).toEqual([
      ['feature/x', v1.id, false],
      ['main', v1.id, false],
      ['private', v2.id, true],
    ]);
    expect(git(repo.gitdir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/private');
    await switchBranch({ ...repo, name: 'main' });
    await expect(deleteBranch({ ...repo, name: 'private' })).rejects.toMatchObject({ code: 'ConflictError', data: { reason: 'unmerged' } });
    await expect(deleteBranch({ ...repo, name: 'main' })).rejects.toMatchObject({ code: 'ConflictError', data: { reason: 'current' } });
    expect(await deleteBranch({ ...repo, name: 'feature/x' })).toEqual({ name: 'feature/x', id: v1.id });
    await deleteBranch({ ...repo, name: 'private', force: true });
    expect((await listBranches(repo)).map((b) => b.name)).toEqual(['main']);
    fsck(repo.gitdir);
  });

  it('rejects invalid or unknown branches without changing the repository', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1') });
    await createBranch({ ...repo, name: 'dev' });
    const before = snapshotDir(repo.gitdir);
    const cases: [() => Promise<unknown>, string][] = [
      ...['a..b', '-x', 'x.lock', 'has space', '', 'HEAD', 'a/', 'x~1', 'a@{1}'].map((name) => [() => createBranch({ ...repo, name }), 'InvalidNameError'] as [() => Promise<unknown>, string]),
      [() => createBranch({ ...repo, name: 'dev' }), 'AlreadyExistsError'],
      [() => createBranch({ ...repo, name: 'y', start: 'nope' }), 'NotFoundError'],
      [() => switchBranch({ ...repo, name: 'a..b' }), 'InvalidNameError'],
      [() => switchBranch({ ...repo, name: 'nope' }), 'NotFoundError'],
      [() => deleteBranch({ ...repo, name: 'nope' }), 'NotFoundError'],
      [() => deleteBranch({ ...repo, name: '-x' }), 'InvalidNameError'],
      [() => continueMerge({ ...repo, api: sampleApi('v1') }), 'NotFoundError'],
      [() => abortMerge(repo), 'NotFoundError'],
    ];
    for (const [run, code] of cases) await expect(run()).rejects.toMatchObject({ code });
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });
});

describe('conflicted merges', () => {
  async function conflicted() {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), description: 'base' });
    await createBranch({ ...repo, name: 'private' });
    await deploy({ ...repo, api: withUri('http://theirs', 'listPets'), branch: 'private' });
    const ours = await deploy({ ...repo, api: withUri('http://ours') });
    const refsBefore = git(repo.gitdir, 'show-ref');
    const err = await startMerge({ ...repo, theirs: 'private' }).catch((e) => e);
    expect(err.code).toBe('MergeConflictError');
    expect(err.data.conflicts).toEqual([
      expect.objectContaining({ path: 'ANY /{proxy+}', field: 'integration.uri', base: '${stageVariables.backend}/{proxy}', ours: 'http://ours', theirs: 'http://theirs' }),
    ]);
    // the proposed working definition: theirs' clean change merged, ours kept at the conflict
    expect(err.data.api).toEqual(withUri('http://ours', 'listPets'));
    expect(git(repo.gitdir, 'show-ref')).toBe(refsBefore);
    const theirsId = (await readDeployment({ ...repo, rev: 'private' })).id;
    expect(fs.readFileSync(path.join(repo.gitdir, 'MERGE_HEAD'), 'utf8').trim()).toBe(theirsId);
    expect((await getMergeState(repo))?.conflicts).toHaveLength(1);
    return { repo, ours, theirsId };
  }

  it('--continue commits the resolved API with both parents', async () => {
    const { repo, ours, theirsId } = await conflicted();
    await expect(startMerge({ ...repo, theirs: 'private' })).rejects.toMatchObject({ code: 'ConflictError' });
    await expect(switchBranch({ ...repo, name: 'private' })).rejects.toMatchObject({ code: 'ConflictError' });
    const r = await continueMerge({ ...repo, api: withUri('http://resolved', 'listPets') });
    expect(r).toMatchObject({ status: 'merged', ours: ours.id, theirs: theirsId });
    const tip = await readDeployment({ ...repo, rev: 'main' });
    expect(tip.parents).toEqual([ours.id, theirsId]);
    expect(tip.api).toEqual(withUri('http://resolved', 'listPets'));
    expect(await getMergeState(repo)).toBeNull();
    expect(fs.existsSync(path.join(repo.gitdir, 'MERGE_HEAD'))).toBe(false);
    fsck(repo.gitdir);
    expect(git(repo.gitdir, 'log', '--graph', '--format=%s', 'main')).toContain("Merge branch 'private' into main");
    expect(git(repo.gitdir, 'rev-list', '--parents', '-n1', 'main').trim().split(' ')).toHaveLength(3);
  });

  it('--abort forgets the merge; refs never moved', async () => {
    const { repo, ours } = await conflicted();
    const state = await abortMerge(repo);
    expect(state.ours).toBe(ours.id);
    expect(await getMergeState(repo)).toBeNull();
    expect((await readDeployment({ ...repo, rev: 'main' })).id).toBe(ours.id);
    await expect(merge({ ...repo, theirs: 'private' })).rejects.toMatchObject({ code: 'MergeConflictError' });
    fsck(repo.gitdir);
  });
});
