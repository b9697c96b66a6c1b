import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createBranch, deploy, merge } from '@gitway/core';
import { fsck, git, sampleApi, tempDir, tempRepo } from '@gitway/test-utils';
import { Repo, repoOf } from './Repo.js';
import { hashObject, type GitObject } from './gitObjects.js';
import { ByteCache } from './byteCache.js';

/** A bare repository written by native git; `commit` makes commits with fixed, increasing dates. */
function nativeRepo() {
  const gitdir = path.join(tempDir(), 'native.git');
  execFileSync('git', ['init', '-q', '--bare', gitdir]);
  let t = 1_700_000_000;
  const run = (args: string[], input?: string) =>
    execFileSync('git', ['--git-dir', gitdir, ...args], {
      encoding: 'utf8',
      input,
      env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x', GIT_AUTHOR_DATE: `${t} +0000`, GIT_COMMITTER_DATE: `${t} +0000` },
    }).trim();
  const tree = run(['hash-object', '-t', 'tree', '-w', '--stdin'], '');
  const commit = (msg: string, ...parents: string[]): string => {
    t += 10;
    return run(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', msg]);
  };
  return { gitdir, commit, run };
}

/** An fs that counts the object files read, to show a walk reads what it needs and no more. */
function countingFs() {
  const counter = { objectReads: 0 };
  const promises = new Proxy(fs.promises, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key !== 'readFile') return typeof value === 'function' ? value.bind(target) : value;
      return (p: string, o?: unknown) => {
        if (/\/objects\/[0-9a-f]{2}\//.test(p)) counter.objectReads++;
        return target.readFile(p, o as never);
      };
    },
  });
  return { fs: { promises } as unknown as typeof fs, counter };
}

function line(commit: (msg: string, ...p: string[]) => string, from: string | null, n: number, tag: string): string[] {
  const out: string[] = [];
  let tip = from;
  for (let i = 0; i < n; i++) out.push((tip = tip ? commit(`${tag}${i}`, tip) : commit(`${tag}${i}`)));
  return out;
}

describe('Repo history (native git is the reference)', () => {
  it('isAncestor and mergeBase agree with git merge-base on branches and a criss-cross', async () => {
    const { gitdir, commit, run } = nativeRepo();
    const main = line(commit, null, 5, 'm');
    const side = line(commit, main[2]!, 3, 's');
    // criss-cross: x merges (m4, s2), y merges (s2, m4); then each side moves on
    const x = commit('x', main[4]!, side[2]!);
    const y = commit('y', side[2]!, main[4]!);
    const x2 = commit('x2', x);
    const y2 = commit('y2', y);
    const other = commit('unrelated root');
    const repo = new Repo({ fs, gitdir });
    const pairs: [string, string][] = [
      [main[0]!, main[4]!],
      [main[4]!, main[0]!],
      [main[4]!, side[2]!],
      [side[0]!, x2],
      [x2, y2],
      [other, x2],
      [main[3]!, main[3]!],
    ];
    for (const [a, b] of pairs) {
      let native: string[] = [];
      try {
        native = run(['merge-base', '--all', a, b]).split('\n').filter(Boolean).sort();
      } catch {
        native = []; // exit 1: no common ancestor
      }
      expect(await repo.mergeBase(a, b)).toEqual(native);
      let isAnc = true;
      try {
        run(['merge-base', '--is-ancestor', a, b]);
      } catch {
        isAnc = false;
      }
      expect(await repo.isAncestor(a, b)).toBe(isAnc);
    }
    expect(await repo.mergeBase(x2, y2)).toEqual([main[4]!, side[2]!].sort());
    expect(await repo.mergeBase(other, x2)).toEqual([]);
  });

  it('answers on a repository gitway wrote, packed or loose', async () => {
    const repo = await tempRepo();
    const v1 = await deploy({ ...repo, api: sampleApi('v1') });
    await createBranch({ ...repo, name: 'b' });
    const named = (path: string, name: string) => {
      const api = sampleApi('v1');
      api.resources[path]!.resourceMethods.GET!.operationName = name;
      return api;
    };
    const v2 = await deploy({ ...repo, api: named('/pets', 'main-side') });
    const b1 = await deploy({ ...repo, api: named('/pets/{petId}', 'b-side'), branch: 'b' });
    const merged = await merge({ ...repo, theirs: 'b' });
    for (const packed of [false, true]) {
      if (packed) git(repo.gitdir, 'gc', '-q', '--prune=now');
      const r = new Repo({ fs, gitdir: repo.gitdir });
      expect(await r.mergeBase(v2.id, b1.id)).toEqual([v1.id]);
      expect(await r.isAncestor(b1.id, merged.id)).toBe(true);
      expect(await r.isAncestor(v2.id, b1.id)).toBe(false);
      expect(git(repo.gitdir, 'merge-base', v2.id, b1.id).trim()).toBe(v1.id);
    }
  });

  it('reads only the commits between, not the history below (bounded walks)', async () => {
    const { gitdir, commit } = nativeRepo();
    const main = line(commit, null, 300, 'm');
    const a = line(commit, main[299]!, 3, 'a');
    const b = line(commit, main[299]!, 4, 'b');
    const { fs: counted, counter } = countingFs();
    const repo = new Repo({ fs: counted, gitdir });
    expect(await repo.isAncestor(main[298]!, main[299]!)).toBe(true);
    expect(counter.objectReads).toBeLessThanOrEqual(3);
    counter.objectReads = 0;
    expect(await new Repo({ fs: counted, gitdir }).mergeBase(a[2]!, b[3]!)).toEqual([main[299]!]);
    expect(counter.objectReads).toBeLessThanOrEqual(12);
    counter.objectReads = 0;
    expect(await new Repo({ fs: counted, gitdir }).isAncestor(a[2]!, b[3]!)).toBe(false);
    expect(counter.objectReads).toBeLessThanOrEqual(12);
    counter.objectReads = 0;
    const walked: string[] = [];
    for await (const c of new Repo({ fs: counted, gitdir }).walk({ include: [b[3]!], exclude: [main[297]!] })) walked.push(c.oid);
    expect(walked).toEqual([b[3], b[2], b[1], b[0], main[299], main[298]]);
    expect(counter.objectReads).toBeLessThanOrEqual(10);
    const firstTwo: string[] = [];
    for await (const c of repo.walk({ include: [main[299]!], firstParent: true, maxCommits: 2 })) firstTwo.push(c.oid);
    expect(firstTwo).toEqual([main[299], main[298]]);
  });

  it('walks first parents only when asked', async () => {
    const { gitdir, commit } = nativeRepo();
    const base = commit('base');
    const side = commit('side', base);
    const m1 = commit('m1', base);
    const mergeCommit = commit('merge', m1, side);
    const repo = new Repo({ fs, gitdir });
    const all: string[] = [];
    for await (const c of repo.walk({ include: [mergeCommit] })) all.push(c.oid);
    expect(all).toEqual([mergeCommit, m1, side, base]);
    const first: string[] = [];
    for await (const c of repo.walk({ include: [mergeCommit], firstParent: true })) first.push(c.oid);
    expect(first).toEqual([mergeCommit, m1, base]);
  });
});

describe('Repo objects', () => {
  it('expands short ids: unique, ambiguous (AmbiguousRevisionError with the candidates), unknown; loose and packed', async () => {
    const repo = await tempRepo();
    const r = repoOf(repo);
    // Enough blobs that two share their first 4 hex digits (birthday bound over 65,536).
    const blobs: GitObject[] = [];
    const byPrefix = new Map<string, string[]>();
    let pair: string[] | undefined;
    for (let i = 0; !pair; i++) {
      const b = hashObject('blob', Buffer.from(`blob ${i}\n`));
      blobs.push(b);
      const list = byPrefix.get(b.oid.slice(0, 4)) ?? [];
      list.push(b.oid);
      byPrefix.set(b.oid.slice(0, 4), list);
      if (list.length === 2) pair = list;
    }
    await r.write(blobs.slice(0, 60)); // loose
    await r.write(blobs); // the rest as one pack (stored ones skipped)
    for (const packed of [false, true]) {
      if (packed) {
        // native git packs them all (they are unreachable, so gc would drop them)
        const input = blobs.map((b) => b.oid).join('\n') + '\n';
        execFileSync('git', ['--git-dir', repo.gitdir, 'pack-objects', '-q', path.join(repo.gitdir, 'objects', 'pack', 'pack')], { input, stdio: ['pipe', 'ignore', 'pipe'] });
        git(repo.gitdir, 'prune-packed');
      }
      const fresh = new Repo({ fs, gitdir: repo.gitdir });
      const err = await fresh.expandPrefix(pair[0]!.slice(0, 4)).catch((e) => e);
      expect(err.code).toBe('AmbiguousRevisionError');
      expect(err.data.candidates).toEqual([...pair].sort());
      expect(err.message).toBe(`short id '${pair[0]!.slice(0, 4)}' is ambiguous; candidates: ${[...pair].sort().map((o) => o.slice(0, 12)).join(', ')}`);
      expect(await fresh.expandPrefix(pair[1]!.slice(0, 12))).toBe(pair[1]);
      expect(await fresh.expandPrefix(pair[0]!.toUpperCase())).toBe(pair[0]);
      await expect(fresh.expandPrefix('ffffffffff0000')).rejects.toMatchObject({ code: 'NotFoundError' });
      expect(await fresh.expandPrefix(pair[0]!.slice(0, 4), async (oid) => oid === pair![1])).toBe(pair[1]);
    }
    fsck(repo.gitdir);
  });

  it('writes each object once, with one rule for loose and packed writes; git fsck --strict is clean', async () => {
    const repo = await tempRepo();
    const r = repoOf(repo);
    const few = [0, 1, 2].map((i) => hashObject('blob', Buffer.from(`few ${i}\n`)));
    const many = Array.from({ length: 100 }, (_, i) => hashObject('blob', Buffer.from(`many ${i}\n`)));
    expect(await r.write([...few, few[0]!])).toBe(3);
    expect(await r.write(few)).toBe(0);
    expect(await r.write([...few, ...many])).toBe(100); // one pack, without the 3 stored loose
    expect(await r.write([...many, hashObject('blob', Buffer.from('new\n'))])).toBe(1);
    const packs = fs.readdirSync(path.join(repo.gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.pack'));
    expect(packs).toHaveLength(1);
    expect(git(repo.gitdir, 'count-objects', '-v')).toMatch(/^count: 4$/m);
    expect(git(repo.gitdir, 'count-objects', '-v')).toMatch(/^in-pack: 100$/m);
    for (const o of [...few, ...many]) expect((await new Repo({ fs, gitdir: repo.gitdir }).read(o.oid)).content).toEqual(o.content);
    fsck(repo.gitdir);
  });

  it('keeps its cache within the byte bound and still reads everything', async () => {
    const repo = await tempRepo();
    // Hex of chained hashes: barely compressible, so the pack is several times the bound.
    let h = 'seed';
    const objects = Array.from({ length: 400 }, () => hashObject('blob', Buffer.from(Array.from({ length: 20 }, () => (h = createHash('sha1').update(h).digest('hex'))).join(''))));
    await repoOf(repo).write(objects);
    const small = new Repo({ fs, gitdir: repo.gitdir, cacheBytes: 64 * 1024 });
    const packDir = path.join(repo.gitdir, 'objects', 'pack');
    const packSize = fs.statSync(path.join(packDir, fs.readdirSync(packDir).find((f) => f.endsWith('.pack'))!)).size;
    expect(packSize).toBeGreaterThan(64 * 1024); // the pack (one window) alone is over the bound
    for (const o of objects) {
      expect((await small.read(o.oid, 'blob')).content).toEqual(o.content);
      // the bound, plus at most the newest entry (the window just read)
      expect(small.cachedBytes).toBeLessThanOrEqual(64 * 1024 + packSize);
    }
    await expect(small.read(objects[0]!.oid, 'tree')).rejects.toMatchObject({ code: 'NotFoundError' });
  });

  it('repoOf shares one Repo per cache object and gitdir', async () => {
    const repo = await tempRepo();
    const a = repoOf(repo);
    expect(repoOf({ ...repo })).toBe(a);
    expect(repoOf(a)).toBe(a);
    expect(repoOf({ ...a, gitdir: a.gitdir })).toBe(a);
    expect(repoOf({ fs, gitdir: repo.gitdir, cache: {} })).not.toBe(a);
    expect(repoOf({ fs, gitdir: repo.gitdir })).toBe(repoOf({ fs, gitdir: repo.gitdir }));
  });
});

describe('ByteCache', () => {
  it('evicts the least recently used entries beyond its byte bound', () => {
    const c = new ByteCache<string>(10);
    c.set('a', 'a', 4);
    c.set('b', 'b', 4);
    expect(c.get('a')).toBe('a'); // a is now the most recent
    c.set('c', 'c', 4); // 12 > 10: b goes
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual(['a', undefined, 'c']);
    expect(c.bytes).toBe(8);
    c.set('big', 'big', 50); // larger than the bound: kept alone until the next insertion
    expect([c.get('a'), c.get('big'), c.bytes]).toEqual([undefined, 'big', 50]);
    c.set('d', 'd', 1);
    expect([c.get('big'), c.get('d'), c.bytes]).toEqual([undefined, 'd', 1]);
  });

  it('keeps exactly what a reference LRU keeps, over random gets, sets, deletes and prefix drops', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const c = new ByteCache<number>(40);
    // Reference: an array from least to most recently used.
    let ref: { key: string; value: number; bytes: number }[] = [];
    const refTotal = () => ref.reduce((t, e) => t + e.bytes, 0);
    for (let step = 0; step < 3000; step++) {
      const key = `${'ab'[rnd(2)]}${rnd(12)}`;
      const op = rnd(10);
      if (op < 4) {
        const at = ref.findIndex((e) => e.key === key);
        const want = at < 0 ? undefined : ref[at]!.value;
        if (at >= 0) ref.push(...ref.splice(at, 1));
        expect(c.get(key)).toBe(want);
      } else if (op < 8) {
        const bytes = rnd(15) + 1;
        ref = ref.filter((e) => e.key !== key);
        ref.push({ key, value: step, bytes });
        while (refTotal() > 40 && ref[0]!.key !== key) ref.shift();
        c.set(key, step, bytes);
      } else if (op < 9) {
        ref = ref.filter((e) => e.key !== key);
        c.delete(key);
      } else {
        ref = ref.filter((e) => !e.key.startsWith(key[0]!));
        c.deletePrefix(key[0]!);
      }
      expect(c.bytes).toBe(refTotal());
    }
    // Same entries in the same recency order: reading them least recent first keeps the order.
    expect(ref.map((e) => c.get(e.key))).toEqual(ref.map((e) => e.value));
  });
});
