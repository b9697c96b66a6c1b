import type { RepoOptions } from '../models/FsClient.js';
import type { BuiltTree, GitObject } from '../storage/gitObjects.js';
import { readTree } from '../storage/readObjects.js';
import { hasObject } from '../storage/hasObject.js';
import { PACK_THRESHOLD } from '../storage/writeObjects.js';

/**
 * The objects of `built` that are not already in `oldTreeOid`: walks both trees and
 * skips every subtree whose hash is equal, so the work is proportional to the change
 * (depth x changed entries), not to the size of the API. Returned children-first.
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
  return _absentObjects(opts, out);
}

/**
 * `objects` without duplicates and, when they will be written loose, without those the
 * repository already holds. Objects that go into a new pack are not checked: a duplicate in
 * a pack is legal and cheaper than one existence check per object. Loose writes are checked
 * (in parallel).
 */
export async function _absentObjects(opts: RepoOptions, objects: GitObject[]): Promise<GitObject[]> {
  const unique = dedupe(objects);
  if (unique.length > PACK_THRESHOLD) return unique;
  const cache = (opts.cache ?? {}) as Record<string, unknown>;
  const present = await Promise.all(unique.map((obj) => hasObject(opts.fs, opts.gitdir, obj.oid, cache)));
  return unique.filter((_, i) => !present[i]);
}

function dedupe(objects: GitObject[]): GitObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => (seen.has(o.oid) ? false : (seen.add(o.oid), true)));
}
