import type { RepoOptions } from '../models/FsClient.js';
import { readCommit, readTree } from '../storage/readObjects.js';
import { hasObject } from '../storage/hasObject.js';

/**
 * The objects a remote that has `remoteTips` (and everything they reach) is missing to
 * hold `tips`: new commits, and the trees and blobs they use that the boundary commits
 * (the ones the remote has) do not.
 */
export async function objectsToSend(opts: RepoOptions, tips: string[], remoteTips: string[]): Promise<string[]> {
  const cache = (opts.cache ?? {}) as Record<string | symbol, unknown>;
  const known = new Set<string>();
  const stack: string[] = [];
  for (const oid of remoteTips) if (await hasObject(opts.fs, opts.gitdir, oid, cache)) stack.push(oid);
  while (stack.length) {
    const oid = stack.pop()!;
    if (known.has(oid)) continue;
    known.add(oid);
    stack.push(...(await readCommit(opts, oid)).parents);
  }
  const commits: { oid: string; tree: string }[] = [];
  const boundary = new Set<string>();
  const seen = new Set<string>();
  stack.push(...tips);
  while (stack.length) {
    const oid = stack.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    if (known.has(oid)) {
      boundary.add(oid);
      continue;
    }
    const c = await readCommit(opts, oid);
    commits.push({ oid, tree: c.tree });
    stack.push(...c.parents);
  }
  const skip = new Set<string>();
  const walk = async (tree: string, into: Set<string>, out?: string[]): Promise<void> => {
    if (skip.has(tree) || into.has(tree)) return;
    into.add(tree);
    out?.push(tree);
    for (const e of await readTree(opts, tree)) {
      if (e.type === 'tree') await walk(e.oid, into, out);
      else if (e.type === 'blob' && !skip.has(e.oid) && !into.has(e.oid)) {
        into.add(e.oid);
        out?.push(e.oid);
      }
    }
  };
  for (const oid of boundary) await walk((await readCommit(opts, oid)).tree, skip);
  const sent = new Set<string>();
  const out: string[] = [];
  for (const c of commits) {
    out.push(c.oid);
    await walk(c.tree, sent, out);
  }
  return out;
}
