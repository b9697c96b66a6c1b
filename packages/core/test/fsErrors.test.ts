import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createBranch, createStage, deploy, diff, getStage, getStages, init, log, readDeployment, resolveRevision, type FsClient } from '@gitway/core';
import { fsck, git, sampleApi, snapshotDir, tempRepo } from '@gitway/test-utils';

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string; data: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/**
 * node's fs with a fault injected into writes whose path `when` selects: the write fails
 * with `code` (as a full disk does, after creating the file empty), the way a read-only
 * or full file system answers. Reads are untouched.
 */
function faultyFs(code: string, when: (path: string) => boolean): FsClient {
  const fail = (p: string) => Object.assign(new Error(`${code}: simulated, ${p}`), { code });
  const p = fs.promises;
  return {
    promises: {
      ...p,
      readFile: p.readFile,
      stat: p.stat,
      lstat: p.lstat,
      readdir: p.readdir,
      readlink: p.readlink,
      unlink: p.unlink,
      rmdir: p.rmdir,
      chmod: p.chmod,
      symlink: p.symlink,
      async writeFile(file: string, data: string | Uint8Array, opts?: unknown) {
        if (!when(file)) return p.writeFile(file, data, opts as never);
        if (code === 'ENOSPC') await p.writeFile(file, '', opts as never);
        throw fail(file);
      },
      async appendFile(file: string, data: string | Uint8Array) {
        if (when(file)) throw fail(file);
        return p.appendFile(file, data);
      },
      async mkdir(dir: string, opts?: unknown) {
        if (when(dir) && code !== 'ENOSPC' && !fs.existsSync(dir)) throw fail(dir);
        return p.mkdir(dir, opts as never);
      },
      async rename(from: string, to: string) {
        if (when(to) && code !== 'ENOSPC') throw fail(to);
        return p.rename(from, to);
      },
    } as FsClient['promises'],
  };
}

const tmpFiles = (gitdir: string): string[] =>
  fs.readdirSync(path.join(gitdir, 'objects'), { recursive: true }).map(String).filter((f) => /tmp_|\.lock$/.test(f));

describe('file system failures are gitway errors', () => {
  it('a branch name too long for the file system is InvalidNameError', async () => {
    const a = await tempRepo();
    await deploy({ ...a, api: sampleApi('v1') });
    const err = await codeOf(createBranch({ ...a, name: 'b'.repeat(300) }));
    expect(err.code).toBe('InvalidNameError');
    expect(err.message).toBe(`'${'b'.repeat(117)}...' is not a valid branch name (has a component longer than 250 bytes)`);
  });

  it('D/F conflicts between refs use git\'s wording, loose and packed', async () => {
    const a = await tempRepo();
    await deploy({ ...a, api: sampleApi('v1') });
    await createBranch({ ...a, name: 'ok/nested' });
    const before = snapshotDir(a.gitdir);
    const ok = await codeOf(createBranch({ ...a, name: 'ok' }));
    expect([ok.code, ok.message]).toEqual(['RefConflictError', "cannot lock ref 'refs/heads/ok': 'refs/heads/ok/nested' exists; cannot create 'refs/heads/ok'"]);
    await createBranch({ ...a, name: 'q' });
    const qx = await codeOf(createBranch({ ...a, name: 'q/x' }));
    expect([qx.code, qx.message]).toEqual(['RefConflictError', "cannot lock ref 'refs/heads/q/x': 'refs/heads/q' exists; cannot create 'refs/heads/q/x'"]);
    expect(qx.data).toEqual({ ref: 'refs/heads/q/x', existing: 'refs/heads/q' });
    git(a.gitdir, 'pack-refs', '--all');
    const packed = await codeOf(createBranch({ ...a, name: 'q/y' }));
    expect(packed.message).toBe("cannot lock ref 'refs/heads/q/y': 'refs/heads/q' exists; cannot create 'refs/heads/q/y'");
    const packedDir = await codeOf(createBranch({ ...a, name: 'ok' }));
    expect(packedDir.code).toBe('RefConflictError');
    expect(snapshotDir(a.gitdir).get('HEAD')).toBe(before.get('HEAD'));
    fsck(a.gitdir);
  });

  it('a read-only repository says so and is left as it was', async () => {
    const a = await tempRepo();
    await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    const before = snapshotDir(a.gitdir);
    const ro = { ...a, fs: faultyFs('EROFS', (p) => p.startsWith(a.gitdir)) };
    const err = await codeOf(deploy({ ...ro, api: sampleApi('v2') }));
    expect([err.code, err.message]).toEqual(['ReadOnlyRepositoryError', 'cannot write objects: the repository is read-only (EROFS)']);
    const stage = await codeOf(createStage({ ...ro, stageName: 'dev', deployment: "main" }));
    expect(stage.code).toBe('ReadOnlyRepositoryError');
    // Reading still works.
    expect((await readDeployment({ ...ro, rev: 'prod' })).api).toEqual(sampleApi('v1'));
    expect(snapshotDir(a.gitdir)).toEqual(before);
  });

  it('a full disk leaves no temp files, and a deploy that moved the branch but not the stage says so', async () => {
    const a = await tempRepo();
    const v1 = await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    const before = snapshotDir(a.gitdir);
    const full = { ...a, fs: faultyFs('ENOSPC', (p) => p.includes('/objects/')) };
    const err = await codeOf(deploy({ ...full, api: sampleApi('v2'), stageName: 'prod' }));
    expect([err.code, err.message]).toEqual(['DiskFullError', 'cannot write objects: no space left on the device (ENOSPC)']);
    expect(tmpFiles(a.gitdir)).toEqual([]);
    expect(snapshotDir(a.gitdir)).toEqual(before);

    const stageFull = { ...a, fs: faultyFs('ENOSPC', (p) => p.includes('/refs/stages/')) };
    const partial = await codeOf(deploy({ ...stageFull, api: sampleApi('v2'), description: 'v2', stageName: 'prod' }));
    const v2 = git(a.gitdir, 'rev-parse', 'refs/heads/main').trim();
    expect(partial.code).toBe('DiskFullError');
    expect(partial.message).toBe(
      `deployment ${v2.slice(0, 10)} was committed and branch main moved to it, but stage prod was not moved: cannot write refs/stages/prod: no space left on the device (ENOSPC) (run 'gitway stage update prod --deployment ${v2.slice(0, 10)}' when fixed)`,
    );
    expect(partial.data).toMatchObject({ done: { deploymentId: v2, branch: 'main' }, notDone: { stageName: 'prod' } });
    expect((await getStage({ ...a, stageName: 'prod' })).stage.deploymentId).toBe(v1.id);
    expect(fs.existsSync(path.join(a.gitdir, 'refs/stages/prod.lock'))).toBe(false);
    fsck(a.gitdir);
  });

  it('a .gitway that is a symbolic link loop is NotARepositoryError', async () => {
    const a = await tempRepo();
    const loop = path.join(a.dir, 'loop');
    fs.symlinkSync(loop, loop);
    const err = await codeOf(log({ fs, gitdir: loop }));
    expect(err.code).toBe('NotARepositoryError');
    const created = await codeOf(init({ fs, gitdir: loop }));
    expect([created.code, created.message]).toEqual(['NotARepositoryError', 'cannot create the repository: the repository path is a loop of symbolic links']);
  });
});

describe('revisions are validated like ref names and never echo the repository path', () => {
  it.each([
    ['heads/../../../../etc/passwd', "invalid revision 'heads/../../../../etc/passwd': contains '..'"],
    ['refs/heads/../../config', "invalid revision 'refs/heads/../../config': contains '..'"],
    ['stages/../HEAD', "invalid revision 'stages/../HEAD': contains '..'"],
    ['main\0', "invalid revision 'main\\x00': contains a control character or space"],
    ['.hidden', "invalid revision '.hidden': has a component starting with '.'"],
    ['a\\b', "invalid revision 'a\\b': contains one of ~ ^ : ? * [ \\"],
  ])('%j', async (rev, message) => {
    const a = await tempRepo();
    await deploy({ ...a, api: sampleApi('v1') });
    const err = await codeOf(resolveRevision({ ...a, rev }));
    expect([err.code, err.message]).toEqual(['InvalidNameError', message]);
    const d = await codeOf(diff({ ...a, from: rev, to: 'main' }));
    expect(d.code).toBe('InvalidNameError');
    expect(d.message.includes(a.gitdir)).toBe(false);
  });

  it('a ref to a missing commit does not name the repository path', async () => {
    const a = await tempRepo();
    await deploy({ ...a, api: sampleApi('v1') });
    fs.writeFileSync(path.join(a.gitdir, 'refs/heads/broken'), 'f'.repeat(40) + '\n');
    const err = await codeOf(readDeployment({ ...a, rev: 'broken' }));
    expect([err.code, err.message]).toEqual(['NotFoundError', `commit ${'f'.repeat(40)} not found in the repository`]);
  });
});

describe('reserved stage names', () => {
  it.each(['HEAD', '_gitway'])('%s is refused everywhere a stage is named', async (name) => {
    const a = await tempRepo();
    const v1 = await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    const before = snapshotDir(a.gitdir);
    expect((await codeOf(createStage({ ...a, stageName: name, deployment: v1.id }))).message).toBe(`invalid stage name '${name}': '${name}' is reserved by gitway`);
    expect((await codeOf(deploy({ ...a, api: sampleApi('v2'), stageName: name }))).code).toBe('InvalidNameError');
    expect(snapshotDir(a.gitdir)).toEqual(before);
    // Written by another tool: not a stage for gitway (unknown, as in the preview's 403), and stage list still works.
    git(a.gitdir, 'update-ref', `refs/stages/${name}`, git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim());
    git(a.gitdir, 'update-ref', 'refs/stages/a.b', git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim());
    expect((await codeOf(getStage({ ...a, stageName: name }))).code).toBe('NotFoundError');
    expect((await getStages(a)).map((s) => s.stageName)).toEqual(['prod']);
  });

  it('a hex-looking stage name is allowed and wins over a deployment id prefix, as refs do in git', async () => {
    const a = await tempRepo();
    const v1 = await deploy({ ...a, api: sampleApi('v1') });
    const v2 = await deploy({ ...a, api: sampleApi('v2') });
    const prefix = v1.id.slice(0, 6);
    await createStage({ ...a, stageName: prefix, deployment: v2.id });
    expect((await resolveRevision({ ...a, rev: prefix })).oid).toBe(v2.id);
    expect((await resolveRevision({ ...a, rev: v1.id.slice(0, 7) })).oid).toBe(v1.id);
  });
});
