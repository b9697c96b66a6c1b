import type { RepoOptions } from '../models/FsClient.js';
import type { BuiltTree, GitObject } from '../storage/gitObjects.js';
import { readTree } from '../storage/readObjects.js';

/**
 * The objects of `built` that are not already in `oldTreeOid`: walks both trees and
 * skips every subtree whose hash is equal, so the work is proportional to the change
 * (depth x changed entries), not to the size of the API. Returned children-first; some
 * may be stored already (in another branch's history): the writer skips those.
 */
export async function _newObjects(opts: RepoOptions, built: BuiltTree, oldTreeOid: string | null): Promise<GitObject[]> {
  const out: GitObject[] = [];
  const visit = async (node: BuiltTree, oldOid: string | null): Promise<void> => {
    if (oldOid === node.object.oid) return;
    const old = new Map<string, string>();
    if (oldOid) for (const e of await readTree(opts, oldOid)) old.set(e.path, e.oid);
    for (const [name, child] of node.children) {
      if ('children' in child) await visit(child, old.get(name) ?? null);
      else if (old.get(name) !== child.oid) out.push(child);
    }
    out.push(node.object);
  };
  await visit(built, oldTreeOid);
  // Duplicates and objects stored already are Repo.write's to skip (the one rule for every writer).
  return out;
}
