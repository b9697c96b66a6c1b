import { describe, expect, it } from 'vitest';
import { deploy, deleteDeployment, listDeployments, log, readDeployment, rollback, getDeletedDeployments, getStageHistory, updateCanary, deleteCanary, deleteStage } from '@gitway/core';
import { DELETED_DEPLOYMENTS_REF } from '@gitway/core/internal';
import { tempRepo, sampleApi, snapshotDir, fsck, git } from '@gitway/test-utils';

describe('deleteDeployment', () => {
  it('is refused while a stage or a canary uses it, then hides it from log and listDeployments', async () => {
    const repo = await tempRepo();
    const v1 = await deploy({ ...repo, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const v2 = await deploy({ ...repo, api: sampleApi('v2'), description: 'v2', stageName: 'prod' });
    const v3 = await deploy({ ...repo, api: sampleApi('v3'), description: 'v3' });
    await updateCanary({ ...repo, stageName: 'prod', deployment: v3.id, percentTraffic: 5 });
    const before = snapshotDir(repo.gitdir);
    for (const id of [v2.id, v3.id.slice(0, 8)]) {
      const err = await deleteDeployment({ ...repo, deploymentId: id }).catch((e) => e);
      expect(err.code).toBe('ConflictError');
      expect(err.message).toBe('Active stages pointing to this deployment must be moved or deleted');
      expect(err.data.stages).toEqual(['prod']);
    }
    const unknown = await deleteDeployment({ ...repo, deploymentId: 'abcdef12' }).catch((e) => e);
    expect(unknown.code).toBe('NotFoundError');
    expect(unknown.message).toMatch(/^Invalid Deployment identifier specified/);
    expect(snapshotDir(repo.gitdir)).toEqual(before);

    const gone = await deleteDeployment({ ...repo, deploymentId: v1.id.slice(0, 10) });
    expect(gone.id).toBe(v1.id);
    expect((await deleteDeployment({ ...repo, deploymentId: v1.id }).catch((e) => e)).code).toBe('NotFoundError');
    expect((await log({ ...repo })).map((d) => d.description)).toEqual(['v3', 'v2']);
    expect((await listDeployments({ ...repo })).map((d) => d.id)).toEqual([v3.id, v2.id]);
    expect((await listDeployments({ ...repo, includeDeleted: true })).map((d) => [d.id, d.deleted])).toEqual([[v3.id, undefined], [v2.id, undefined], [v1.id, true]]);
    // still resolves (show) and stays in the stage history: rollback to it still works
    const shown = await readDeployment({ ...repo, rev: v1.id });
    expect(shown.deleted).toBe(true);
    expect(shown.description).toBe('v1');
    expect(Object.keys(await getDeletedDeployments(repo))).toEqual([v1.id]);

    // once the canary is gone, the canary deployment can be deleted too
    await deleteCanary({ ...repo, stageName: 'prod' });
    await deleteDeployment({ ...repo, deploymentId: v3.id });
    expect((await log({ ...repo })).map((d) => d.description)).toEqual(['v2']);
    expect(Object.keys(await getDeletedDeployments(repo)).sort()).toEqual([v1.id, v3.id].sort());
    // deleted deployments stay reachable from the deletions ref even without branch or stage
    await deleteStage({ ...repo, stageName: 'prod' });
    const subjects = git(repo.gitdir, 'log', '--first-parent', '--format=%s', DELETED_DEPLOYMENTS_REF).trim().split('\n');
    expect(subjects.filter((m) => m.startsWith('delete deployment'))).toHaveLength(2);
    expect(git(repo.gitdir, 'rev-list', DELETED_DEPLOYMENTS_REF)).toContain(v1.id);
    expect(git(repo.gitdir, 'log', '-1', '--format=%s', DELETED_DEPLOYMENTS_REF).trim()).toBe(`delete deployment ${v3.id.slice(0, 10)}`);
    fsck(repo.gitdir);
  });

  it('keeps a deleted deployment in the stage history, but no stage can serve it again', async () => {
    const repo = await tempRepo();
    const v1 = await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    await deploy({ ...repo, api: sampleApi('v2'), stageName: 'prod' });
    await deleteDeployment({ ...repo, deploymentId: v1.id });
    // As in API Gateway, a deleted deployment cannot become active again...
    await expect(rollback({ ...repo, stageName: 'prod', deployment: v1.id })).rejects.toMatchObject({ code: 'InvalidParameterError' });
    await expect(rollback({ ...repo, stageName: 'prod' })).rejects.toMatchObject({ code: 'NothingToRollbackError' });
    // ...while the history that names it stays readable.
    const history = await getStageHistory({ ...repo, stageName: 'prod' });
    expect(history.map((h) => h.stage.deploymentId)).toContain(v1.id);
    expect((await readDeployment({ ...repo, rev: v1.id })).deleted).toBe(true);
  });
});

describe('listDeployments', () => {
  it('lists deployments made within one second newest first, by history (dates have one-second resolution)', async () => {
    const repo = { ...(await tempRepo()), now: () => Date.UTC(2026, 0, 1) };
    const ids: string[] = [];
    for (const v of ['v1', 'v2', 'v3', 'v4', 'v5']) ids.push((await deploy({ ...repo, api: sampleApi(v), description: v })).id);
    expect((await listDeployments(repo)).map((d) => d.id)).toEqual([...ids].reverse());
  });
});
