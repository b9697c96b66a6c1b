import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  addRemote,
  clone,
  createGitTransport,
  deploy,
  fetch,
  httpTransport,
  pull,
  push,
  readDeployment,
  spawnGit,
  updateStage,
  type RemoteTransport,
} from '@gitway/core';
import { fixedClock, freePort, fsck, git, sampleApi, snapshotDir, tempDir, tempRepo } from '@gitway/test-utils';

const transport = createGitTransport();

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code: string; message: string; data: Record<string, unknown> };
    return { code: e.code, message: e.message, data: e.data };
  }
  throw new Error('expected a rejection');
}

/** A bare repository made by native git, and its URL in the form under test. */
function nativeBare(form: 'path' | 'file'): { bare: string; url: string } {
  const bare = path.join(tempDir('gitway-bare-'), 'api.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=trunk', bare]);
  return { bare, url: form === 'path' ? bare : pathToFileURL(bare).href };
}

const lsRemote = (bare: string): Map<string, string> =>
  new Map(git(bare, 'for-each-ref', '--format=%(refname) %(objectname)').trim().split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]));

const leftovers = (gitdir: string): string[] => fs.readdirSync(gitdir).filter((n) => n.startsWith('gitway-incoming-')).concat(fs.readdirSync(path.join(gitdir, 'objects')).filter((n) => n.startsWith('incoming-')));

describe.each(['path', 'file'] as const)('a %s remote through native git', (form) => {
  it('pushes, clones, pulls and fetches round trip; every repository passes git fsck --strict', async () => {
    const { bare, url } = nativeBare(form);
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url });
    const v1 = await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const v2 = await deploy({ ...a, api: sampleApi('v2'), description: 'v2', stageName: 'prod' });
    const pushed = await push({ ...a, transport, stages: ['prod'] });
    const prodA = git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim();
    expect(pushed.url).toBe(url);
    expect(pushed.updates.map((u) => [u.ref, u.status, u.old, u.new])).toEqual([
      ['refs/heads/main', 'created', null, v2.id],
      ['refs/stages/prod', 'created', null, prodA],
    ]);
    expect(lsRemote(bare)).toEqual(new Map([['refs/heads/main', v2.id], ['refs/stages/prod', prodA]]));
    expect(git(a.gitdir, 'rev-parse', 'refs/remote-stages/origin/prod').trim()).toBe(prodA);
    fsck(bare);

    const gitdir = path.join(tempDir(), 'b', '.gitway');
    const cloned = await clone({ fs, url, gitdir, transport });
    expect(cloned.updates.map((u) => [u.ref, u.status, u.new])).toEqual([
      ['refs/heads/main', 'created', v2.id],
      ['refs/stages/prod', 'created', prodA],
    ]);
    // The bare repository's HEAD names an unborn branch: the clone settles on main and says so.
    expect(git(bare, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/trunk');
    expect(cloned.head).toBe('refs/heads/main');
    const b = { fs, gitdir, cache: {}, author: a.author, now: fixedClock(Date.UTC(2026, 1, 1)) };
    expect((await readDeployment({ ...b, rev: 'main' })).api).toEqual(sampleApi('v2'));
    expect((await readDeployment({ ...b, rev: 'prod@{1}' })).id).toBe(v1.id);
    expect(git(gitdir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    fsck(gitdir);

    // b moves prod and pushes; a pulls it (a fast-forward of the stage's history).
    await updateStage({ ...b, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/backend', value: 'http://b' }] });
    const prodB = git(gitdir, 'rev-parse', 'refs/stages/prod').trim();
    expect((await push({ ...b, transport, stages: ['prod'] })).updates.map((u) => [u.ref, u.status])).toEqual([
      ['refs/heads/main', 'up-to-date'],
      ['refs/stages/prod', 'fast-forward'],
    ]);
    const pulled = await pull({ ...a, transport });
    expect(pulled.updates.map((u) => [u.ref, u.status, u.old, u.new])).toEqual([
      ['refs/heads/main', 'up-to-date', v2.id, v2.id],
      ['refs/stages/prod', 'fast-forward', prodA, prodB],
    ]);
    expect((await fetch({ ...a, transport })).updates.map((u) => u.status)).toEqual(['up-to-date', 'up-to-date']);
    expect(leftovers(a.gitdir)).toEqual([]);
    expect(leftovers(gitdir)).toEqual([]);
    fsck(a.gitdir);
    fsck(bare);
  });
});

describe('native git remote: gitway checks before any ref moves', () => {
  it('refuses a non-fast-forward stage push (remote untouched), and --force overwrites it', async () => {
    const { bare, url } = nativeBare('path');
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url });
    await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    await push({ ...a, transport, stages: ['prod'] });
    const gitdir = path.join(tempDir(), '.gitway');
    await clone({ fs, url, gitdir, transport });
    const b = { fs, gitdir, cache: {}, author: a.author, now: fixedClock(Date.UTC(2026, 1, 1)) };
    await updateStage({ ...b, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: 'b' }] });
    await push({ ...b, transport, stages: ['prod'] });
    await updateStage({ ...a, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: 'a' }] });
    const remoteBefore = lsRemote(bare);
    const before = snapshotDir(a.gitdir);
    const refused = await codeOf(push({ ...a, transport, stages: ['prod'] }));
    expect(refused.code).toBe('NonFastForwardError');
    expect(refused.message).toContain(`remote stage 'prod' on ${url} has changes you do not have`);
    expect(lsRemote(bare)).toEqual(remoteBefore);
    expect(snapshotDir(a.gitdir)).toEqual(before);
    const forced = await push({ ...a, transport, stages: ['prod'], force: true });
    expect(forced.updates.find((u) => u.ref === 'refs/stages/prod')?.status).toBe('forced');
    expect(lsRemote(bare).get('refs/stages/prod')).toBe(git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim());
    fsck(bare);
  });

  it('a remote stage that moves between the check and the push is refused by the lease', async () => {
    const { bare, url } = nativeBare('path');
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url });
    const v1 = await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    await push({ ...a, transport, stages: ['prod'] });
    await updateStage({ ...a, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: '1' }] });
    // Someone else moves the remote stage after gitway listed it, just before git pushes.
    const racing: RemoteTransport = createGitTransport({
      runGit: async (run) => {
        if (run.args.includes('push')) execFileSync('git', ['--git-dir', bare, 'update-ref', 'refs/stages/prod', v1.id]);
        return spawnGit(run);
      },
    });
    const err = await codeOf(push({ ...a, transport: racing, stages: ['prod'] }));
    expect(err.code).toBe('PushRejectedError');
    expect(err.message).toContain('refs/stages/prod (stale info)');
    expect(lsRemote(bare).get('refs/stages/prod')).toBe(v1.id);
    expect(git(a.gitdir, 'rev-parse', 'refs/remote-stages/origin/prod').trim()).not.toBe(git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim());
  });

  it('skips hostile ref names (nothing written outside the repository) and refuses non-gitway content byte-identically', async () => {
    const { bare, url } = nativeBare('file');
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url });
    await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    await push({ ...a, transport, stages: ['prod'] });
    const main = git(bare, 'rev-parse', 'refs/heads/main').trim();
    const stage = git(bare, 'rev-parse', 'refs/stages/prod').trim();
    const outside = tempDir('gitway-outside-');
    const escape = `refs/heads/${'../'.repeat(12)}${outside.slice(1)}/FILE`;
    // Names git accepts but gitway refuses (loose refs), a name git refuses (packed-refs: advertised as broken)...
    for (const [name, oid] of [['refs/stages/HEAD', stage], ['refs/stages/_gitway', stage], ['refs/stages/a.b', stage], ['refs/heads/-x', main]]) {
      execFileSync('git', ['--git-dir', bare, 'update-ref', name, oid]);
    }
    fs.appendFileSync(path.join(bare, 'packed-refs'), `${stage} refs/stages/a..b\n`);
    // ...and one no git server would advertise ("dangerous"), from a remote that lies in its ref listing.
    const lying = createGitTransport({
      runGit: async (run) => {
        const r = await spawnGit(run);
        return run.args.includes('ls-remote') ? { ...r, stdout: r.stdout + `${main}\t${escape}\n` } : r;
      },
    });
    const b = await tempRepo();
    await addRemote({ ...b, remote: 'origin', url });
    const fetched = await fetch({ ...b, transport: lying });
    expect(fetched.updates.map((u) => [u.ref, u.status, u.new])).toEqual([
      ['refs/remotes/origin/main', 'created', main],
      ['refs/remote-stages/origin/prod', 'created', stage],
    ]);
    expect(fetched.skipped.map((s) => [s.ref, s.reason]).sort()).toEqual(
      [
        [escape, "invalid ref name: contains '..'"],
        ['refs/heads/-x', "invalid ref name: starts with '-'"],
        ['refs/stages/HEAD', "invalid ref name: 'HEAD' is reserved by gitway"],
        ['refs/stages/_gitway', "invalid ref name: '_gitway' is reserved by gitway"],
        ['refs/stages/a..b', "invalid ref name: contains '..'"],
        ['refs/stages/a.b', 'invalid ref name: use 1-128 characters from A-Z a-z 0-9 _ -'],
      ].sort(),
    );
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(git(b.gitdir, 'for-each-ref', '--format=%(refname)').trim().split('\n')).toEqual(['refs/remote-stages/origin/prod', 'refs/remotes/origin/main']);
    expect(leftovers(b.gitdir)).toEqual([]);
    fsck(b.gitdir);

    // A branch that is not a deployment: the fetch is refused and the repository is byte-identical.
    const second = nativeBare('path');
    await addRemote({ ...a, remote: 'second', url: second.url });
    await push({ ...a, remote: 'second', transport, stages: ['prod'] });
    await addRemote({ ...b, remote: 'second', url: second.url });
    const work = path.join(tempDir(), 'w');
    execFileSync('git', ['init', '--quiet', '-b', 'main', work]);
    fs.writeFileSync(path.join(work, 'README'), 'code\n');
    execFileSync('git', ['-C', work, 'add', 'README']);
    execFileSync('git', ['-C', work, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '--quiet', '-m', 'code']);
    execFileSync('git', ['-C', work, 'push', '--quiet', second.bare, 'main:refs/heads/code'], { stdio: 'pipe' });
    const before = snapshotDir(b.gitdir);
    const refused = await codeOf(fetch({ ...b, remote: 'second', transport }));
    expect([refused.code, refused.message]).toEqual(['NotAGitwayRemoteError', `not a gitway repository: ${second.url} (refs/heads/code is not a deployment)`]);
    expect(snapshotDir(b.gitdir)).toEqual(before);
    fsck(b.gitdir);
  });
});

describe('native git remote: URLs and failures', () => {
  it('maps a missing repository, a command-running URL and an option-looking URL to typed errors', async () => {
    const a = await tempRepo();
    const before = snapshotDir(a.gitdir);
    const missing = path.join(tempDir(), 'nothing.git');
    const err = await codeOf(clone({ fs, url: missing, gitdir: path.join(tempDir(), 'c', '.gitway'), transport }));
    expect(err.code).toBe('NotAGitwayRemoteError');
    expect(err.message).toBe(`not a gitway repository: ${missing} ('${missing}' does not appear to be a git repository)`);
    const marker = path.join(tempDir(), 'pwned');
    for (const url of [`ext::sh -c touch% ${marker}`, '--upload-pack=touch /tmp/x', '-oProxyCommand=x']) {
      expect((await codeOf(addRemote({ ...a, remote: 'evil', url }))).code).toBe('NotAGitwayRemoteError');
      expect((await codeOf(clone({ fs, url, gitdir: path.join(tempDir(), 'e', '.gitway'), transport }))).code).toBe('NotAGitwayRemoteError');
    }
    expect(fs.existsSync(marker)).toBe(false);
    expect(snapshotDir(a.gitdir)).toEqual(before);
    // Without native git a path remote says what is missing.
    await addRemote({ ...a, remote: 'local', url: missing });
    const http = await codeOf(fetch({ ...a, remote: 'local', transport: httpTransport }));
    expect([http.code, http.message]).toEqual([
      'NotAGitwayRemoteError',
      `cannot reach '${missing}': only http(s) URLs can be reached without native git (install git for ssh, file and local paths)`,
    ]);
  });

  it('refuses a pack over maxPackBytes and a closed ssh port, leaving nothing behind', async () => {
    const { url } = nativeBare('path');
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url });
    await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    await push({ ...a, transport, stages: ['prod'] });
    const target = path.join(tempDir(), 'c');
    const big = await codeOf(clone({ fs, url, gitdir: path.join(target, '.gitway'), transport, maxPackBytes: 100 }));
    expect([big.code, big.message]).toEqual(['TooLargeError', `remote ${url} sent more than 100 bytes; gave up, nothing was changed (raise the limit with maxPackBytes)`]);
    expect(fs.existsSync(path.join(target, '.gitway'))).toBe(false);
    const port = await freePort();
    await addRemote({ ...a, remote: 'closed', url: `ssh://git@127.0.0.1:${port}/api.git` });
    const before = snapshotDir(a.gitdir);
    const closed = await codeOf(fetch({ ...a, remote: 'closed', transport: createGitTransport({ env: { ...process.env, GIT_SSH_COMMAND: 'ssh -F /dev/null -o BatchMode=yes' } }) }));
    expect([closed.code, closed.message]).toEqual(['RemoteUnreachableError', `cannot reach remote ssh://git@127.0.0.1:${port}/api.git: ssh: connect to host 127.0.0.1 port ${port}: Connection refused`]);
    expect(snapshotDir(a.gitdir)).toEqual(before);
    // https with credentials in the URL: git's messages reach the user without them.
    await addRemote({ ...a, remote: 'web', url: `http://bob:hunter2@127.0.0.1:${port}/api.git` });
    const web = await codeOf(fetch({ ...a, remote: 'web', transport }));
    expect(web.code).toBe('RemoteUnreachableError');
    expect(web.message).toContain(`cannot reach remote http://127.0.0.1:${port}/api.git: `);
    expect(web.message).not.toContain('hunter2');
  });

  it('gives up on a silent remote after the idle timeout and leaves nothing behind', async () => {
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url: 'ssh://git@127.0.0.1/never/api.git' });
    const before = snapshotDir(a.gitdir);
    // An "ssh" that connects and then never says a word.
    const silent = createGitTransport({ env: { ...process.env, GIT_SSH_COMMAND: 'sleep 600; true' } });
    const err = await codeOf(fetch({ ...a, transport: silent, timeoutMs: 500 }));
    expect([err.code, err.message]).toEqual(['RemoteTimeoutError', 'remote ssh://git@127.0.0.1/never/api.git sent nothing for 0.5 s while listing refs (git ls-remote); gave up, nothing was changed']);
    expect(snapshotDir(a.gitdir)).toEqual(before);
  });
});
