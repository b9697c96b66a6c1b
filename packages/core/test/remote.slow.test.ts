import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { addRemote, clone, deploy, getStage, getStageHistory, log, pull, push, rollback, updateStage } from '@gitway/core';
import { fixedClock, fsck, git, gitAsync, sampleApi, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';

describe('two clones working through a real git server', () => {
  it('deploy, move stages, push and pull without losing a deployment or a stage state', async () => {
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
    const bare = server.createRepo('team.git', { receivePack: true });
    const url = server.url('team.git');
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url });
    await deploy({ ...a, api: sampleApi('v0'), description: 'v0', stageName: 'prod' });
    await push({ ...a, all: true });
    const bGitdir = path.join(tempDir(), '.gitway');
    await clone({ fs, url, gitdir: bGitdir });
    const b = { fs, gitdir: bGitdir, cache: {}, author: { name: 'Bea', email: 'bea@example.com' }, now: fixedClock(Date.UTC(2026, 5, 1)) };

    const rounds = 5;
    for (let i = 1; i <= rounds; i++) {
      // A deploys a new version to prod and shares it.
      await deploy({ ...a, api: sampleApi(`a${i}`), description: `a${i}`, stageName: 'prod' });
      await push({ ...a, stages: ['prod'] });
      // B catches up (fast-forward), deploys on top, changes settings, rolls back once.
      const pulledB = await pull({ ...b });
      expect(pulledB.updates.map((u) => u.status)).toEqual(['fast-forward', 'fast-forward']);
      await deploy({ ...b, api: sampleApi(`b${i}`), description: `b${i}`, stageName: 'prod' });
      await updateStage({ ...b, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/round', value: String(i) }] });
      if (i === 3) await rollback({ ...b, stageName: 'prod' });
      await push({ ...b, stages: ['prod'] });
      const pulledA = await pull({ ...a });
      expect(pulledA.updates.map((u) => u.status)).toEqual(['fast-forward', 'fast-forward']);
    }

    const firstParent = (gitdir: string) => git(gitdir, 'log', '--first-parent', '--format=%H %s', 'refs/stages/prod');
    expect(firstParent(b.gitdir)).toBe(firstParent(a.gitdir));
    expect((await gitAsync(['--git-dir', bare, 'log', '--first-parent', '--format=%H %s', 'refs/stages/prod']))).toBe(firstParent(a.gitdir));
    // 1 create + per round: A deploy, B deploy, B update (+1 rollback); the first-parent
    // walk then continues into the first state's deployment (v0).
    expect(firstParent(a.gitdir).trim().split('\n')).toHaveLength(1 + 3 * rounds + 1 + 1);
    expect(await getStageHistory({ ...b, stageName: 'prod' })).toHaveLength(1 + 3 * rounds + 1);
    const descriptions = (await log({ ...a })).map((d) => d.description);
    for (let i = 1; i <= rounds; i++) expect(descriptions).toEqual(expect.arrayContaining([`a${i}`, `b${i}`]));
    expect((await log({ ...b })).map((d) => d.id)).toEqual((await log({ ...a })).map((d) => d.id));
    expect((await getStage({ ...a, stageName: 'prod' })).stage).toEqual((await getStage({ ...b, stageName: 'prod' })).stage);
    fsck(a.gitdir);
    fsck(b.gitdir);
    fsck(bare);
  });
});
