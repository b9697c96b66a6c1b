import type { RepoOptions } from '../models/FsClient.js';
import { readCommit } from '../storage/readObjects.js';
import { repoOf } from '../storage/Repo.js';
import type { ObjectReader } from '../diff/objectReader.js';
import { mergeTrees } from './mergeTrees.js';

/**
 * Merge bases of `oids`, oldest first (author time, then oid): a deterministic order.
 * More than two commits (the recursive virtual base): folded pairwise, as the bases of
 * the first with each common ancestor found so far.
 */
export async function mergeBases(opts: RepoOptions, oids: string[]): Promise<string[]> {
  const repo = repoOf(opts);
  let bases = [oids[0]!];
  for (const next of oids.slice(1)) {
    const found = [...new Set((await Promise.all(bases.map((b) => repo.mergeBase(b, next)))).flat())];
    bases = [];
    for (const x of found) if (!(await someAsync(found, (y) => y !== x && repo.isAncestor(x, y)))) bases.push(x);
  }
  const dated = await Promise.all([...new Set(bases)].map(async (oid) => ({ oid, t: (await readCommit(opts, oid)).author.timestamp })));
  return dated.sort((a, b) => a.t - b.t || (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0)).map((d) => d.oid);
}

/**
 * The tree to merge against. One merge base: its tree. None (unrelated lines): the
 * empty tree. Several (criss-cross history): like git's "recursive" strategy, the bases
 * are merged into a virtual base, oldest first, each step against the bases' own merge
 * base; a conflict inside the virtual base keeps the older base's value. Virtual trees
 * live only in the reader's overlay; nothing is written.
 *
 * @example
 * const { tree, bases } = await mergeBaseTree(opts, reader, [ours, theirs]);
 */
export async function mergeBaseTree(opts: RepoOptions, reader: ObjectReader, oids: string[], depth = 0): Promise<{ tree: string | null; bases: string[] }> {
  const bases = await mergeBases(opts, oids);
  if (bases.length === 0) return { tree: null, bases };
  let tree: string | null = (await readCommit(opts, bases[0]!)).tree;
  for (let i = 1; i < bases.length; i++) {
    const next = (await readCommit(opts, bases[i]!)).tree;
    if (depth > 8) break;
    const inner = await mergeBaseTree(opts, reader, bases.slice(0, i + 1), depth + 1);
    tree = await mergeTrees(reader, inner.tree, tree, next, new Map(), []);
  }
  return { tree, bases };
}

async function someAsync<T>(items: T[], test: (item: T) => boolean | Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}
