import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { deploy } from '@gitway/core';
import { git, sampleApi, tempRepo } from '@gitway/test-utils';
import type { FsClient } from '../models/FsClient.js';
import { Repo } from './Repo.js';

type Counter = Record<string, number>;

/**
 * node's fs with every call counted by name ("promises.readFile", "readFileSync", ...);
 * `sync: false` leaves out the sync calls (an fs with promises only, the other path).
 */
function countingFs(sync: boolean): { fs: FsClient; counter: Counter } {
  const counter: Counter = {};
  const count = <F extends (...a: never[]) => unknown>(name: string, f: F): F =>
    ((...a: never[]) => {
      counter[name] = (counter[name] ?? 0) + 1;
      return f(...a);
    }) as F;
  const p = fs.promises;
  const promises = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'function' ? count(`promises.${k}`, v.bind(p)) : v])) as unknown as FsClient['promises'];
  if (!sync) return { fs: { promises }, counter };
  return {
    fs: {
      promises,
      readFileSync: count('readFileSync', (f: string) => fs.readFileSync(f)),
      statSync: count('statSync', (f: string, o: { throwIfNoEntry: false }) => fs.statSync(f, o)),
      openSync: count('openSync', (f: string, flags: string) => fs.openSync(f, flags)),
      readSync: count('readSync', (fd: number, b: Uint8Array, o: number, l: number, pos: number) => fs.readSync(fd, b, o, l, pos)),
      closeSync: count('closeSync', (fd: number) => fs.closeSync(fd)),
    },
    counter,
  };
}

/** Every object of the repository with its type and content, as native git reads it. */
function nativeObjects(gitdir: string): { oid: string; type: string; content: Buffer }[] {
  return git(gitdir, 'cat-file', '--batch-all-objects', '--batch-check')
    .trim()
    .split('\n')
    .map((line) => {
      const [oid, type] = line.split(' ') as [string, string];
      return { oid, type, content: execFileSync('git', ['--git-dir', gitdir, 'cat-file', type, oid]) };
    });
}

/** A repository with a packed deployment (v1, packed refs) and a loose one on top (v2). */
async function packedAndLoose() {
  const repo = await tempRepo();
  await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
  // incompressible blobs: entries that cross a 64 KiB window and one larger than a window
  for (const [i, size] of [40_000, 40_000, 40_000, 200_000].entries()) {
    const blocks: Buffer[] = [];
    for (let k = 0; k * 32 < size; k++) blocks.push(createHash('sha256').update(`${i}:${k}`).digest());
    const bytes = Buffer.concat(blocks).subarray(0, size);
    const oid = execFileSync('git', ['--git-dir', repo.gitdir, 'hash-object', '-w', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();
    git(repo.gitdir, 'update-ref', `refs/tags/blob${i}`, oid); // reachable, so gc packs it
  }
  git(repo.gitdir, 'gc', '-q', '--prune=now');
  const api = sampleApi('v1');
  api.resources['/pets']!.resourceMethods.GET!.operationName = 'loose';
  await deploy({ ...repo, api });
  return repo;
}

const ABSENT = 'ab'.repeat(20);

describe('storage reads through node sync calls or fs.promises (storage/fileReads.ts)', () => {
  it('give the same objects, existence answers and refs as native git on either path', async () => {
    const repo = await packedAndLoose();
    const objects = nativeObjects(repo.gitdir);
    const loose = Number(/^count: (\d+)$/m.exec(git(repo.gitdir, 'count-objects', '-v'))![1]);
    expect(loose).toBeGreaterThan(2);
    const refs = { main: git(repo.gitdir, 'rev-parse', 'refs/heads/main').trim(), prod: git(repo.gitdir, 'rev-parse', 'refs/stages/prod').trim() };
    for (const sync of [true, false]) {
      const { fs: client, counter } = countingFs(sync);
      const store = new Repo({ fs: client, gitdir: repo.gitdir });
      for (const o of objects) {
        const read = await store.read(o.oid);
        expect(read.type).toBe(o.type);
        expect(read.content.equals(o.content)).toBe(true);
      }
      expect([...(await store.missing([...objects.map((o) => o.oid), ABSENT]))]).toEqual([ABSENT]);
      expect(await store.readRef('refs/heads/main')).toBe(refs.main); // loose ref
      expect(await store.readRef('refs/stages/prod')).toBe(refs.prod); // packed ref
      const n = (k: string) => counter[k] ?? 0;
      if (sync) {
        // every read went through the sync calls; only the pack listing (readdir) uses promises
        expect([n('promises.readFile'), n('promises.open'), n('promises.stat')]).toEqual([0, 0, 0]);
        expect(n('readFileSync')).toBeGreaterThanOrEqual(loose);
        expect(n('openSync')).toBeGreaterThanOrEqual(2); // windows of the pack and the entry larger than one
        expect(n('closeSync')).toBe(n('openSync'));
      } else {
        expect(n('promises.readFile')).toBeGreaterThanOrEqual(loose);
        expect(n('promises.open')).toBeGreaterThanOrEqual(1);
        expect(n('promises.stat')).toBeGreaterThanOrEqual(2); // the pack found, then alive when missing() asks
      }
    }
  });

  it('give the same errors: a missing object, a damaged loose object, a truncated pack', async () => {
    const errors = async (gitdir: string, oids: string[]) => {
      const out: string[][] = [];
      for (const sync of [true, false]) {
        const store = new Repo({ fs: countingFs(sync).fs, gitdir });
        const got: string[] = [];
        for (const oid of oids) {
          const err = await store.read(oid).catch((e) => e);
          got.push(`${err.code}: ${err.message}`);
        }
        out.push(got);
      }
      expect(out[0]).toEqual(out[1]);
      return out[0];
    };
    const repo = await tempRepo();
    const { tree } = await deploy({ ...repo, api: sampleApi('v1') });
    const file = path.join(repo.gitdir, 'objects', tree.slice(0, 2), tree.slice(2));
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, deflateSync(Buffer.from('tree 99\0abc')));
    expect(await errors(repo.gitdir, [ABSENT, tree])).toEqual([
      `NotFoundError: object ${ABSENT} not found in the repository`,
      `CorruptObjectError: corrupt object ${tree}: its header says 99 bytes, it holds 3 (loose object); run 'git fsck' on the repository`,
    ]);

    const packed = await tempRepo();
    const v1 = await deploy({ ...packed, api: sampleApi('v1') });
    git(packed.gitdir, 'gc', '-q', '--prune=now');
    const packDir = path.join(packed.gitdir, 'objects', 'pack');
    const pack = path.join(packDir, fs.readdirSync(packDir).find((f) => f.endsWith('.pack'))!);
    const data = fs.readFileSync(pack);
    fs.chmodSync(pack, 0o644);
    fs.writeFileSync(pack, data.subarray(0, 40));
    const [truncated] = await errors(packed.gitdir, [v1.id]);
    expect(truncated).toMatch(/^CorruptObjectError: corrupt pack pack-[0-9a-f]{40}\.idx at offset \d+: truncated pack \(the entry lies past the end of the file\); run 'git fsck' on the repository$/);
  });
});
