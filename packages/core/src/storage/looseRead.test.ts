import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { deploy } from '@gitway/core';
import { git, sampleApi, tempRepo } from '@gitway/test-utils';
import type { FsClient } from '../models/FsClient.js';
import { Repo } from './Repo.js';

/** node's fs, counting `promises.readFile` of object files; `sync: false` drops readFileSync (an fs with promises only). */
function countingFs(sync: boolean) {
  const counter = { promiseObjectReads: 0, syncObjectReads: 0 };
  const isObject = (p: string) => /\/objects\/[0-9a-f]{2}\//.test(p);
  const promises = {
    ...fs.promises,
    readFile: (p: string, o?: unknown) => {
      if (isObject(p)) counter.promiseObjectReads++;
      return fs.promises.readFile(p, o as never);
    },
  } as FsClient['promises'];
  const client: FsClient = sync
    ? {
        promises,
        readFileSync: (p: string) => {
          if (isObject(p)) counter.syncObjectReads++;
          return fs.readFileSync(p);
        },
      }
    : { promises };
  return { fs: client, counter };
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

describe('loose objects read through readFileSync (node fs) or promises.readFile', () => {
  it('give the same objects as native git, packed and loose, on either path', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1') });
    git(repo.gitdir, 'gc', '-q', '--prune=now'); // v1 packed
    const api = sampleApi('v1');
    api.resources['/pets']!.resourceMethods.GET!.operationName = 'loose';
    await deploy({ ...repo, api }); // v2's new objects loose
    const loose = fs.readdirSync(path.join(repo.gitdir, 'objects')).filter((d) => /^[0-9a-f]{2}$/.test(d));
    const looseCount = loose.reduce((n, d) => n + fs.readdirSync(path.join(repo.gitdir, 'objects', d)).length, 0);
    expect(looseCount).toBeGreaterThan(2);
    const objects = nativeObjects(repo.gitdir);
    for (const sync of [true, false]) {
      const { fs: client, counter } = countingFs(sync);
      const store = new Repo({ fs: client, gitdir: repo.gitdir });
      for (const o of objects) {
        const read = await store.read(o.oid);
        expect(read.type).toBe(o.type);
        expect(read.content.equals(o.content)).toBe(true);
      }
      // each loose object is read once, through exactly one of the two paths (plus one miss:
      // the first packed object is looked for loose before the pack list is read)
      const reads = looseCount + 1;
      expect(counter).toEqual(sync ? { promiseObjectReads: 0, syncObjectReads: reads } : { promiseObjectReads: reads, syncObjectReads: 0 });
    }
  });

  it('give the same errors: a missing object, a damaged loose object', async () => {
    const repo = await tempRepo();
    const { tree } = await deploy({ ...repo, api: sampleApi('v1') });
    const file = path.join(repo.gitdir, 'objects', tree.slice(0, 2), tree.slice(2));
    const absent = 'ab'.repeat(20);
    const errors = async (client: FsClient) => {
      const store = new Repo({ fs: client, gitdir: repo.gitdir });
      const missing = await store.read(absent).catch((e) => e);
      const damaged = await store.read(tree).catch((e) => e);
      return [missing.code, missing.message, damaged.code, damaged.message];
    };
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, deflateSync(Buffer.from('tree 99\0abc')));
    const sync = await errors(countingFs(true).fs);
    expect(sync).toEqual(await errors(countingFs(false).fs));
    expect(sync).toEqual([
      'NotFoundError',
      `object ${absent} not found in the repository`,
      'CorruptObjectError',
      `corrupt object ${tree}: its header says 99 bytes, it holds 3 (loose object); run 'git fsck' on the repository`,
    ]);
  });
});
