import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { createStage, deploy, log, readDeployment, Errors } from '@gitway/core';
import { tempRepo, sampleApi, git, snapshotDir } from '@gitway/test-utils';

type Repo = Awaited<ReturnType<typeof tempRepo>>;

const loosePath = (gitdir: string, oid: string) => path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));

/** Overwrites a (read-only) object file. */
function overwrite(file: string, data: Buffer): void {
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, data);
}

/** A repository with one deployment; returns it and the id of its API tree. */
async function deployed(): Promise<{ repo: Repo; id: string; tree: string }> {
  const repo = await tempRepo();
  const { id, tree } = await deploy({ ...repo, api: sampleApi('v1'), description: 'v1' });
  return { repo, id, tree };
}

/**
 * The damaged object is met by a read (readDeployment) and by a write that must read it
 * first (a stage on that deployment checks its tree): both fail with one line naming the
 * object, and the repository is left byte for byte as it was. (A deploy on top does not
 * read the previous tree — it is patched from gitway-trees and Repo.write skips stored
 * objects — so, like `git commit`, it does not meet the damage.)
 */
async function expectCorrupt(repo: Repo, oid?: string): Promise<void> {
  const before = snapshotDir(repo.gitdir);
  const read = await readDeployment({ ...repo, cache: {}, rev: 'main' }).catch((e) => e);
  expect(read).toBeInstanceOf(Errors.CorruptObjectError);
  expect(read.code).toBe('CorruptObjectError');
  expect(read.message).not.toContain('\n');
  expect(read.message).toMatch(/^corrupt .*; run 'git fsck' on the repository$/);
  if (oid) expect(read.data.oid).toBe(oid);
  const write = await createStage({ ...repo, cache: {}, stageName: 'prod', deployment: 'main' }).catch((e) => e);
  expect(write.code).toBe('CorruptObjectError');
  expect(snapshotDir(repo.gitdir)).toEqual(before);
}

describe('damaged objects are CorruptObjectError, and nothing is written', () => {
  it('a loose object that does not inflate (bad zlib)', async () => {
    const { repo, tree } = await deployed();
    overwrite(loosePath(repo.gitdir, tree), Buffer.from('this is not zlib data'));
    await expectCorrupt(repo, tree);
    const err = await readDeployment({ ...repo, cache: {}, rev: 'main' }).catch((e) => e);
    expect(err.message).toBe(`corrupt object ${tree}: it does not inflate (bad zlib data) (loose object); run 'git fsck' on the repository`);
  });

  it('a loose object whose content does not match its id (hash mismatch)', async () => {
    const { repo, tree } = await deployed();
    overwrite(loosePath(repo.gitdir, tree), deflateSync(Buffer.from('tree 0\0')));
    await expectCorrupt(repo, tree);
  });

  it('a loose object whose header has the wrong size or an unknown type', async () => {
    const { repo, tree } = await deployed();
    overwrite(loosePath(repo.gitdir, tree), deflateSync(Buffer.from('tree 99\0abc')));
    await expectCorrupt(repo, tree);
    overwrite(loosePath(repo.gitdir, tree), deflateSync(Buffer.from('wobble 3\0abc')));
    await expectCorrupt(repo, tree);
  });

  it('a truncated pack', async () => {
    const { repo } = await deployed();
    git(repo.gitdir, 'gc', '-q', '--prune=now');
    const pack = path.join(repo.gitdir, 'objects', 'pack', fs.readdirSync(path.join(repo.gitdir, 'objects', 'pack')).find((f) => f.endsWith('.pack'))!);
    const data = fs.readFileSync(pack);
    overwrite(pack, data.subarray(0, 40)); // the header and the start of the first entry
    await expectCorrupt(repo);
  });

  it('a damaged entry inside a pack (bad zlib data)', async () => {
    const { repo, id } = await deployed();
    git(repo.gitdir, 'gc', '-q', '--prune=now');
    const packDir = path.join(repo.gitdir, 'objects', 'pack');
    const idx = path.join(packDir, fs.readdirSync(packDir).find((f) => f.endsWith('.idx'))!);
    // The commit's entry: its offset from verify-pack; flip bytes in its compressed data.
    const row = git(repo.gitdir, 'verify-pack', '-v', idx).split('\n').find((l) => l.startsWith(id))!;
    const [, , , sizeInPack, offset] = row.split(/\s+/).map(Number);
    const pack = idx.replace(/\.idx$/, '.pack');
    const data = Buffer.from(fs.readFileSync(pack));
    for (let i = 4; i < sizeInPack! - 2; i++) data[offset! + i] ^= 0x5a;
    overwrite(pack, data);
    const err = await log({ ...repo, cache: {} }).catch((e) => e);
    expect(err.code).toBe('CorruptObjectError');
    expect(err.message).not.toContain('\n');
    await expectCorrupt(repo);
  });
});
