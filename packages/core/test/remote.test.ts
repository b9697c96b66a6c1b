import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { addRemote, clone, createStage, deploy, Errors, fetch, getStageHistory, listRemotes, pull, push, readDeployment, removeRemote, updateStage } from '@gitway/core';
import { redactUrl } from '@gitway/core/internal';
import { fixedClock, fsck, git, gitAsync, sampleApi, snapshotDir, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';

async function setup(serverOpts: { auth?: { username: string; password: string } } = {}) {
  const server = await startGitHttpServer({ root: tempDir('gitway-srv-'), ...serverOpts });
  const bare = server.createRepo('api.git', { receivePack: true });
  const a = await tempRepo();
  return { server, bare, a };
}

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a rejection');
}

// Native git talks to the in-process server: always asynchronously.
const lsRemote = async (url: string): Promise<Map<string, string>> =>
  new Map((await gitAsync(['ls-remote', url])).trim().split('\n').filter(Boolean).map((l) => l.split('\t').reverse() as [string, string]));

describe('remote sync over a real git http-backend', () => {
  it('pushes deployments and stages that native git sees, and clones them back', async () => {
    const { server, bare, a } = await setup();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    const v1 = await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const v2 = await deploy({ ...a, api: sampleApi('v2'), description: 'v2', stageName: 'prod' });
    const pushed = await push({ ...a, stages: ['prod'] });
    expect(pushed.updates.map((u) => [u.ref, u.status])).toEqual([['refs/heads/main', 'created'], ['refs/stages/prod', 'created']]);
    const remote = await lsRemote(server.url('api.git'));
    expect(remote.get('refs/heads/main')).toBe(v2.id);
    expect(remote.get('refs/stages/prod')).toBe(git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim());
    expect(git(a.gitdir, 'rev-parse', 'refs/remote-stages/origin/prod').trim()).toBe(remote.get('refs/stages/prod'));
    expect(git(a.gitdir, 'rev-parse', 'refs/remotes/origin/main').trim()).toBe(v2.id);
    fsck(bare);
    fsck(a.gitdir);

    const bDir = tempDir();
    const gitdir = path.join(bDir, '.gitway');
    const cloned = await clone({ fs, url: server.url('api.git'), gitdir });
    expect(cloned.updates.map((u) => u.status)).toEqual(['created', 'created']);
    const b = { fs, gitdir, cache: {} };
    expect((await readDeployment({ ...b, rev: 'main' })).api).toEqual(sampleApi('v2'));
    // prod's previous state (prod@{1}) served v1: the stage's history came along with the clone.
    expect((await readDeployment({ ...b, rev: 'prod@{1}' })).id).toBe(v1.id);
    expect(git(gitdir, 'log', '--first-parent', '--format=%H %s', 'refs/stages/prod')).toBe(git(a.gitdir, 'log', '--first-parent', '--format=%H %s', 'refs/stages/prod'));
    expect(git(gitdir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(await listRemotes(b)).toEqual([{ remote: 'origin', url: server.url('api.git') }]);
    // The refspecs gitway writes let native git fetch the same layout.
    await gitAsync(['--git-dir', gitdir, 'fetch', '--quiet', 'origin']);
    expect(git(gitdir, 'for-each-ref', '--format=%(refname)', 'refs/remote-stages/').trim()).toBe('refs/remote-stages/origin/prod');
    fsck(gitdir);
  });

  it('reads and deploys what native git pushed, and pull fast-forwards it', async () => {
    const { server, a } = await setup();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    await push({ ...a, all: true });
    // A second repository made by gitway, pushed by the native git CLI.
    const other = await tempRepo();
    await addRemote({ ...other, remote: 'origin', url: server.url('api.git') });
    await pull({ ...other });
    const v2 = await deploy({ ...other, api: sampleApi('v2'), description: 'v2 by native push' });
    await gitAsync(['--git-dir', other.gitdir, 'push', '--quiet', server.url('api.git'), 'main:main']);
    // And a native bare clone pushing a stage move back.
    const nativeClone = path.join(tempDir(), 'n.git');
    await gitAsync(['clone', '--quiet', '--bare', server.url('api.git'), nativeClone]);

    const pulled = await pull({ ...a });
    expect(pulled.updates.find((u) => u.ref === 'refs/heads/main')).toMatchObject({ status: 'fast-forward', new: v2.id });
    expect((await readDeployment({ ...a, rev: 'main' })).api).toEqual(sampleApi('v2'));
    await createStage({ ...a, stageName: 'beta', deployment: 'main' });
    await updateStage({ ...a, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'main' }] });
    const res = await push({ ...a, stages: ['prod', 'beta'] });
    expect(res.updates.map((u) => u.status)).toEqual(['up-to-date', 'fast-forward', 'created']);
    expect((await getStageHistory({ ...a, stageName: 'prod' })).map((s) => s.stage.deploymentId)[0]).toBe(v2.id);
    fsck(a.gitdir);
  });

  it('refuses a stage push that would lose a remote stage state, and pull reports divergence', async () => {
    const { server, a } = await setup();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    await push({ ...a, all: true });
    const bGitdir = path.join(tempDir(), '.gitway');
    await clone({ fs, url: server.url('api.git'), gitdir: bGitdir });
    const b = { fs, gitdir: bGitdir, author: { name: 'B', email: 'b@example.com' }, now: fixedClock(Date.UTC(2026, 1, 1)), cache: {} };
    await updateStage({ ...a, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: 'a' }] });
    await push({ ...a, stages: ['prod'] });
    await updateStage({ ...b, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: 'b' }] });
    const before = snapshotDir(bGitdir);
    const err = await codeOf(push({ ...b, stages: ['prod'] }));
    expect(err.code).toBe('NonFastForwardError');
    expect(err.message).toContain('gitway fetch');
    expect(snapshotDir(bGitdir)).toEqual(before);
    const bProd = git(bGitdir, 'rev-parse', 'refs/stages/prod').trim();
    const pulled = await pull({ ...b });
    expect(pulled.updates.find((u) => u.ref === 'refs/stages/prod')).toMatchObject({ status: 'diverged', old: bProd, new: bProd });
    expect(git(bGitdir, 'rev-parse', 'refs/stages/prod').trim()).toBe(bProd);
    // After a fetch the push is still refused (not a fast-forward) unless forced.
    expect((await codeOf(push({ ...b, stages: ['prod'] }))).code).toBe('NonFastForwardError');
    const forced = await push({ ...b, stages: ['prod'], force: true });
    expect(forced.updates.find((u) => u.ref === 'refs/stages/prod')?.status).toBe('forced');
    expect((await lsRemote(server.url('api.git'))).get('refs/stages/prod')).toBe(bProd);
  });

  it('never prints credentials and handles auth from the URL or onAuth', async () => {
    const creds = { username: 'alice', password: 's3cr3t-T0KEN' };
    const { server, a } = await setup({ auth: creds });
    await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    await addRemote({ ...a, remote: 'bad', url: server.url('api.git', { username: 'alice', password: 'wr0ng-pa55' }) });
    const before = snapshotDir(a.gitdir);
    const bad = await codeOf(push({ ...a, remote: 'bad' }));
    expect(bad.code).toBe('AuthenticationError');
    expect(bad.message).not.toContain('wr0ng-pa55');
    expect(bad.message).toContain(`127.0.0.1:${server.port}/api.git`);
    expect(snapshotDir(a.gitdir)).toEqual(before);
    expect(JSON.stringify(await listRemotes(a))).not.toContain('wr0ng-pa55');

    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    expect((await codeOf(fetch({ ...a, onAuth: () => creds }))).code).toBe('NotAGitwayRemoteError'); // empty yet
    const none = await codeOf(push({ ...a }));
    expect(none).toMatchObject({ code: 'AuthenticationError' });
    expect(none.message).toContain('GITWAY_TOKEN');
    const wrong = await codeOf(push({ ...a, onAuth: () => ({ username: 'alice', password: 'nope-secret' }) }));
    expect(wrong.code).toBe('AuthenticationError');
    expect(wrong.message).not.toContain('nope-secret');
    const ok = await push({ ...a, all: true, onAuth: () => creds });
    expect(ok.updates).toHaveLength(2);

    await addRemote({ ...a, remote: 'url', url: server.url('api.git', creds) });
    const fetched = await fetch({ ...a, remote: 'url' });
    expect(JSON.stringify(fetched.updates) + fetched.url).not.toContain(creds.password);
    expect(fetched.url).toBe(server.url('api.git'));
    expect(redactUrl(server.url('api.git', creds))).toBe(server.url('api.git'));
    await removeRemote({ ...a, remote: 'url' });
    expect(git(a.gitdir, 'for-each-ref', 'refs/remote-stages/url/')).toBe('');
  });

  it('unreachable, non-git and non-gitway remotes are typed errors that change nothing', async () => {
    const { server, a } = await setup();
    await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    // A closed loopback port.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    // A web server that is not git.
    const web = http.createServer((_req, res) => res.end('<html>hello</html>'));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const webPort = (web.address() as AddressInfo).port;
    // A plain git repository (a commit without api.json).
    const plain = server.createRepo('plain.git', { receivePack: true });
    const work = tempDir();
    execFileSync('git', ['init', '--quiet', '-b', 'main', work]);
    fs.writeFileSync(path.join(work, 'README'), 'code\n');
    execFileSync('git', ['-C', work, 'add', 'README']);
    execFileSync('git', ['-C', work, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '--quiet', '-m', 'code'], { stdio: 'pipe' });
    execFileSync('git', ['-C', work, 'push', '--quiet', plain, 'main'], { stdio: 'pipe' });

    await addRemote({ ...a, remote: 'down', url: `http://bob:hunter2@127.0.0.1:${port}/api.git` });
    await addRemote({ ...a, remote: 'web', url: `http://127.0.0.1:${webPort}/api.git` });
    await addRemote({ ...a, remote: 'plain', url: server.url('plain.git') });
    expect((await codeOf(addRemote({ ...a, remote: 'empty', url: '' }))).code).toBe('NotAGitwayRemoteError');
    const before = snapshotDir(a.gitdir);
    const down = await codeOf(fetch({ ...a, remote: 'down' }));
    expect(down.code).toBe('RemoteUnreachableError');
    expect(down.message).not.toContain('hunter2');
    expect((await codeOf(push({ ...a, remote: 'down' }))).code).toBe('RemoteUnreachableError');
    expect((await codeOf(fetch({ ...a, remote: 'web' }))).code).toBe('NotAGitwayRemoteError');
    expect((await codeOf(push({ ...a, remote: 'web' }))).code).toBe('NotAGitwayRemoteError');
    expect((await codeOf(fetch({ ...a, remote: 'plain' }))).code).toBe('NotAGitwayRemoteError');
    expect((await codeOf(pull({ ...a, remote: 'plain' }))).code).toBe('NotAGitwayRemoteError');
    expect((await codeOf(push({ ...a, remote: 'plain' }))).code).toBe('NonFastForwardError');
    expect(snapshotDir(a.gitdir)).toEqual(before);
    fsck(a.gitdir);
    const target = path.join(tempDir(), 'c', '.gitway');
    expect((await codeOf(clone({ fs, url: server.url('plain.git'), gitdir: target }))).code).toBe('NotAGitwayRemoteError');
    expect(fs.existsSync(target)).toBe(false);
    web.close();
  });

  it('a push refused by the pre-receive hook shows its message and changes nothing', async () => {
    const { server, bare, a } = await setup();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    fs.writeFileSync(path.join(bare, 'hooks', 'pre-receive'), '#!/bin/sh\necho "deploys to prod are frozen until Monday" >&2\nexit 1\n', { mode: 0o755 });
    const before = snapshotDir(a.gitdir);
    const err = await codeOf(push({ ...a, all: true }));
    expect(err.code).toBe('PushRejectedError');
    expect(err.message).toContain('deploys to prod are frozen until Monday');
    expect(snapshotDir(a.gitdir)).toEqual(before);
    expect((await lsRemote(server.url('api.git'))).size).toBe(0);
    fsck(a.gitdir);
  });

  it('an interrupted transfer leaves the local repository as it was', async () => {
    const { server, a } = await setup();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    await push({ ...a, all: true });
    const b = await tempRepo();
    await addRemote({ ...b, remote: 'origin', url: server.url('api.git') });
    server.fault = { path: 'git-upload-pack' };
    const before = snapshotDir(b.gitdir);
    for (const op of [() => fetch({ ...b }), () => pull({ ...b })]) {
      expect((await codeOf(op())).code).toBe('TransferInterruptedError');
      expect(snapshotDir(b.gitdir)).toEqual(before);
      fsck(b.gitdir);
    }
    const target = path.join(tempDir(), '.gitway');
    expect((await codeOf(clone({ fs, url: server.url('api.git'), gitdir: target }))).code).toBe('TransferInterruptedError');
    expect(fs.existsSync(target)).toBe(false);
    server.fault = { path: 'info/refs', afterBytes: 30 };
    expect((await codeOf(fetch({ ...b }))).code).toBe('TransferInterruptedError');
    expect(snapshotDir(b.gitdir)).toEqual(before);
    server.fault = null;
    await pull({ ...b });
    expect(git(b.gitdir, 'rev-parse', 'refs/stages/prod')).toBe(git(a.gitdir, 'rev-parse', 'refs/stages/prod'));
    fsck(b.gitdir);
    // A push cut mid-response: the local side moves nothing.
    await deploy({ ...a, api: sampleApi('v2'), stageName: 'prod' });
    server.fault = { path: 'git-receive-pack', afterBytes: 5 };
    const beforePush = snapshotDir(a.gitdir);
    expect((await codeOf(push({ ...a, all: true }))).code).toBe('TransferInterruptedError');
    expect(snapshotDir(a.gitdir)).toEqual(beforePush);
    fsck(a.gitdir);
  });
});

