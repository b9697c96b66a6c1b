import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { addRemote, clone, currentBranch, deploy, fetch, getStages, pull, push, updateStage } from '@gitway/core';
import { fsck, git, gitAsync, sampleApi, snapshotDir, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string; data?: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string; data?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/** A real http-backend serving a gitway repository with branch main and stage prod. */
async function served() {
  const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
  const bare = server.createRepo('api.git', { receivePack: true });
  const a = await tempRepo();
  await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
  const v1 = await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
  await push({ ...a, stages: ['prod'] });
  const stage = git(bare, 'rev-parse', 'refs/stages/prod').trim();
  return { server, bare, a, main: v1.id, stage };
}

describe('a hostile git server', { timeout: 120_000 }, () => {
  it('cannot write outside the repository with traversal ref names (fetch, clone, pull)', async () => {
    const { server, main, stage } = await served();
    const outside = tempDir('gitway-outside-');
    const target = path.join(outside, 'x', 'FILE');
    const up = '../'.repeat(30);
    server.hostile = {
      refs: [
        { name: `refs/heads/${up}${target.slice(1)}`, oid: main },
        { name: `refs/stages/${up}${target.slice(1)}`, oid: stage },
        { name: 'refs/heads/ok/../../../../HEAD', oid: main },
      ],
      head: `refs/heads/${up}${target.slice(1)}`,
    };
    const b = await tempRepo();
    await addRemote({ ...b, remote: 'origin', url: server.url('api.git') });
    const fetched = await fetch({ ...b });
    expect(fetched.skipped.map((s) => s.reason)).toEqual(["invalid ref name: contains '..'", "invalid ref name: contains '..'", "invalid ref name: contains '..'"]);
    expect(fetched.updates.map((u) => [u.ref, u.status])).toEqual([['refs/remotes/origin/main', 'created'], ['refs/remote-stages/origin/prod', 'created']]);
    const pulled = await pull({ ...b });
    expect(pulled.updates.map((u) => [u.ref, u.status])).toEqual([['refs/heads/main', 'created'], ['refs/stages/prod', 'created']]);
    const gitdir = path.join(tempDir(), '.gitway');
    const cloned = await clone({ fs, url: server.url('api.git'), gitdir });
    expect(cloned.skipped).toHaveLength(3);
    expect(git(gitdir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(fs.existsSync(path.join(outside, 'x'))).toBe(false);
    expect(git(gitdir, 'for-each-ref', '--format=%(refname)').trim().split('\n')).toEqual([
      'refs/heads/main',
      'refs/remote-stages/origin/prod',
      'refs/remotes/origin/main',
      'refs/stages/prod',
    ]);
    fsck(b.gitdir);
    fsck(gitdir);
  });

  it('hostile names are refused on clone; status, stage list and fsck --strict stay clean', async () => {
    const { server, main, stage } = await served();
    const names = ['refs/stages/ctl\x01', 'refs/heads/a..b', 'refs/heads/x.lock', 'refs/stages/HEAD', 'refs/stages/_gitway', 'refs/heads/sp ace', 'refs/heads/-dash', 'refs/stages/a/b', 'refs/heads/@', 'refs/heads/main/x'];
    server.hostile = { refs: names.map((name) => ({ name, oid: name.startsWith('refs/stages/') ? stage : main })) };
    const dir = tempDir();
    const gitdir = path.join(dir, '.gitway');
    const cloned = await clone({ fs, url: server.url('api.git'), gitdir });
    expect(cloned.skipped).toEqual([
      { ref: 'refs/stages/ctl\x01', reason: 'invalid ref name: contains a control character or space' },
      { ref: 'refs/heads/a..b', reason: "invalid ref name: contains '..'" },
      { ref: 'refs/heads/x.lock', reason: "invalid ref name: has a component ending with '.lock'" },
      { ref: 'refs/stages/HEAD', reason: "invalid ref name: 'HEAD' is reserved by gitway" },
      { ref: 'refs/stages/_gitway', reason: "invalid ref name: '_gitway' is reserved by gitway" },
      { ref: 'refs/heads/sp ace', reason: 'invalid ref name: contains a control character or space' },
      { ref: 'refs/heads/-dash', reason: "invalid ref name: starts with '-'" },
      { ref: 'refs/stages/a/b', reason: 'invalid ref name: use 1-128 characters from A-Z a-z 0-9 _ -' },
      { ref: 'refs/heads/@', reason: "invalid ref name: '@' is reserved (it means HEAD)" },
      { ref: 'refs/heads/main/x', reason: 'conflicts with refs/heads/main' },
    ]);
    const b = { fs, gitdir, cache: {} };
    expect((await getStages(b)).map((s) => s.stageName)).toEqual(['prod']);
    expect((await currentBranch(b)).name).toBe('main');
    fsck(gitdir);
  });

  it('a pack that never ends stops at the size limit and leaves the repository untouched', async () => {
    const { server } = await served();
    const b = await tempRepo();
    await addRemote({ ...b, remote: 'origin', url: server.url('api.git') });
    const before = snapshotDir(b.gitdir);
    server.hostile = { endlessPack: true };
    const err = await codeOf(fetch({ ...b, maxPackBytes: 8 * 1024 * 1024 }));
    expect(err.code).toBe('TooLargeError');
    expect(err.message).toBe(`remote ${server.url('api.git')} sent more than 8388608 bytes (POST /git-upload-pack); gave up, nothing was changed (raise the limit with maxPackBytes)`);
    expect(snapshotDir(b.gitdir)).toEqual(before);
    expect(fs.readdirSync(path.join(b.gitdir, 'objects')).filter((n) => n.startsWith('incoming'))).toEqual([]);
    const gitdir = path.join(tempDir(), 'c', '.gitway');
    expect((await codeOf(clone({ fs, url: server.url('api.git'), gitdir, maxPackBytes: 1 << 20 }))).code).toBe('TooLargeError');
    expect(fs.existsSync(gitdir)).toBe(false);
  });

  it('a silent server is a RemoteTimeoutError naming what timed out', async () => {
    const { server } = await served();
    const b = await tempRepo();
    await addRemote({ ...b, remote: 'origin', url: server.url('api.git') });
    const before = snapshotDir(b.gitdir);
    server.hostile = { silent: 'git-upload-pack' };
    const err = await codeOf(fetch({ ...b, timeoutMs: 300 }));
    expect(err.code).toBe('RemoteTimeoutError');
    expect(err.message).toBe(`remote ${server.url('api.git')} sent nothing for 0.3 s while receiving objects (POST /git-upload-pack); gave up, nothing was changed`);
    expect(err.data).toMatchObject({ timeoutMs: 300, phase: 'receiving objects (POST /git-upload-pack)' });
    server.hostile = { silent: 'info/refs' };
    expect((await codeOf(fetch({ ...b, timeoutMs: 300 }))).data).toMatchObject({ phase: 'waiting for an answer (GET /info/refs)' });
    expect(snapshotDir(b.gitdir)).toEqual(before);
  });

  it('a remote URL with control characters is refused', async () => {
    const b = await tempRepo();
    const before = snapshotDir(b.gitdir);
    for (const url of ['http://127.0.0.1:1/a\n.git', 'http://127.0.0.1:1/\tapi.git', 'http://127.0.0.1:1/\x00']) {
      const err = await codeOf(addRemote({ ...b, remote: 'origin', url }));
      expect(err.code).toBe('InvalidParameterError');
    }
    expect((await codeOf(clone({ fs, url: 'http://127.0.0.1:1/a\r.git', gitdir: path.join(tempDir(), 'g') }))).message).toBe(
      "invalid remote URL 'http://127.0.0.1:1/a\\x0d.git': it contains control characters",
    );
    expect(snapshotDir(b.gitdir)).toEqual(before);
  });
});

describe('push after a push the server accepted but never confirmed', { timeout: 120_000 }, () => {
  it('fast-forwards a stage whose remote value our state descends from, without a fetch', async () => {
    const { server, a } = await served();
    await updateStage({ ...a, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: '1' }] });
    // The push reached the server but the client died before moving its tracking ref.
    await gitAsync(['--git-dir', a.gitdir, 'push', '--quiet', server.url('api.git'), 'refs/stages/prod:refs/stages/prod']);
    const accepted = git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim();
    expect(git(a.gitdir, 'rev-parse', 'refs/remote-stages/origin/prod').trim()).not.toBe(accepted);
    await updateStage({ ...a, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: '2' }] });
    const pushed = await push({ ...a, stages: ['prod'] });
    expect(pushed.updates.map((u) => [u.ref, u.status, u.old])).toEqual([
      ['refs/heads/main', 'up-to-date', git(a.gitdir, 'rev-parse', 'refs/heads/main').trim()],
      ['refs/stages/prod', 'fast-forward', accepted],
    ]);
  });
});
