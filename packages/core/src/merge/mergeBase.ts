import type { RepoOptions } from '../models/FsClient.js';
import { readCommit } from '../storage/readObjects.js';
import type { ObjectReader } from '../diff/objectReader.js';
import { mergeTrees } from './mergeTrees.js';
import { commonAncestors } from './commonAncestors.js';

/** Merge bases of `oids`, oldest first (author time, then oid): a deterministic order. */
export async function mergeBases(opts: RepoOptions, oids: string[]): Promise<string[]> {
  const bases = await commonAncestors(opts, oids[0]!, oids.slice(1));
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
