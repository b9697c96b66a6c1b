import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { addRemote, awsDeploymentsRef, clone, deploy, getAwsDeployments, pull, push, recordAwsDeployments } from '@gitway/core';
import { fsck, git, gitAsync, sampleApi, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';

describe('links from gitway deployments to API Gateway deployments (refs/gitway/aws/<restApiId>)', () => {
  it('are recorded once per link, keep their deployments reachable, and refuse ids that are not API Gateway ids', async () => {
    const a = await tempRepo();
    const v1 = await deploy({ ...a, api: sampleApi('v1'), description: 'v1' });
    expect(await getAwsDeployments({ ...a, restApiId: 'a1b2c3d4e5' })).toEqual({});
    await recordAwsDeployments({ ...a, restApiId: 'a1b2c3d4e5', links: { x7k2p9: { deploymentId: v1.id, createdDate: '2026-01-01T00:00:00.000Z' } } });
    const tip = git(a.gitdir, 'rev-parse', 'refs/gitway/aws/a1b2c3d4e5').trim();
    await recordAwsDeployments({ ...a, restApiId: 'a1b2c3d4e5', links: { x7k2p9: { deploymentId: v1.id } } });
    expect(git(a.gitdir, 'rev-parse', 'refs/gitway/aws/a1b2c3d4e5').trim()).toBe(tip);
    expect(git(a.gitdir, 'show', 'refs/gitway/aws/a1b2c3d4e5:deployments.json')).toBe(
      `{\n  "x7k2p9": {\n    "createdDate": "2026-01-01T00:00:00.000Z",\n    "deploymentId": "${v1.id}"\n  }\n}\n`,
    );
    expect(git(a.gitdir, 'rev-list', 'refs/gitway/aws/a1b2c3d4e5').trim().split('\n')).toEqual([tip, v1.id]);
    for (const bad of ['../x', 'a/b', '', 'a b', 'x.lock']) {
      const err = await getAwsDeployments({ ...a, restApiId: bad }).catch((e) => e);
      expect([bad, err.code]).toEqual([bad, 'InvalidNameError']);
    }
    expect(() => awsDeploymentsRef('refs')).not.toThrow();
    fsck(a.gitdir);
  });

  it('travel with push, clone and pull; two histories of links join on pull', async () => {
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
    const bare = server.createRepo('api.git', { receivePack: true });
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    const v1 = await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    await recordAwsDeployments({ ...a, restApiId: 'a1b2c3d4e5', links: { awsone: { deploymentId: v1.id } } });
    const pushed = await push({ ...a, stages: ['prod'] });
    expect(pushed.updates.map((u) => [u.ref, u.status])).toEqual([['refs/heads/main', 'created'], ['refs/stages/prod', 'created'], ['refs/gitway/aws/a1b2c3d4e5', 'created']]);
    expect((await gitAsync(['ls-remote', server.url('api.git'), 'refs/gitway/aws/*'])).trim()).toBe(`${git(a.gitdir, 'rev-parse', 'refs/gitway/aws/a1b2c3d4e5').trim()}\trefs/gitway/aws/a1b2c3d4e5`);
    expect(git(a.gitdir, 'rev-parse', 'refs/remote-gitway/origin/aws/a1b2c3d4e5').trim()).toBe(git(a.gitdir, 'rev-parse', 'refs/gitway/aws/a1b2c3d4e5').trim());

    const gitdir = path.join(tempDir(), '.gitway');
    await clone({ fs, url: server.url('api.git'), gitdir });
    const b = { fs, gitdir, cache: {}, author: a.author, now: a.now };
    expect(await getAwsDeployments({ ...b, restApiId: 'a1b2c3d4e5' })).toEqual({ awsone: { deploymentId: v1.id } });

    // Both push a new deployment to AWS: b pushes first, a pulls and the two records join.
    const v2 = await deploy({ ...a, api: sampleApi('v2'), description: 'v2' });
    await recordAwsDeployments({ ...a, restApiId: 'a1b2c3d4e5', links: { awstwo: { deploymentId: v2.id } } });
    const v3 = await deploy({ ...b, api: sampleApi('v3'), description: 'v3' });
    await recordAwsDeployments({ ...b, restApiId: 'a1b2c3d4e5', links: { awsthree: { deploymentId: v3.id } } });
    await push({ ...b, all: true, force: true });
    const err = await push({ ...a }).catch((e) => e);
    expect(err.code).toBe('NonFastForwardError');
    expect(err.message).toMatch(/^remote (branch 'main'|AWS deployment record 'a1b2c3d4e5') on /);
    const ours = git(a.gitdir, 'rev-parse', 'refs/gitway/aws/a1b2c3d4e5').trim();
    const theirs = git(b.gitdir, 'rev-parse', 'refs/gitway/aws/a1b2c3d4e5').trim();
    const pulled = await pull({ ...a });
    expect(pulled.updates.find((u) => u.ref === 'refs/gitway/aws/a1b2c3d4e5')!.status).toBe('merged');
    expect(await getAwsDeployments({ ...a, restApiId: 'a1b2c3d4e5' })).toEqual({ awsone: { deploymentId: v1.id }, awstwo: { deploymentId: v2.id }, awsthree: { deploymentId: v3.id } });
    expect(git(a.gitdir, 'log', '-1', '--format=%P', 'refs/gitway/aws/a1b2c3d4e5').trim()).toBe(`${ours} ${theirs}`);
    fsck(a.gitdir);
    fsck(bare);
  });
});
