import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import { filesToApi } from '../models/apiTree.js';
import { ByteCache } from './byteCache.js';
import { readBlobText, readCommit, readTree } from './readObjects.js';

/** One tree, parsed: its entries in git's order, a blob as its parsed JSON, a subtree by id. */
type ParsedTree = ([name: string, kind: 'blob', value: unknown] | [name: string, kind: 'tree', oid: string])[];

/** The default bound of an ApiTreeCache: bytes of the blobs its trees hold, as stored. */
export const DEFAULT_API_TREE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Parsed deployment subtrees by tree id, for a process that reads many deployments of one
 * API (the preview reloading a stage): two deployments share every subtree their change
 * did not touch, so reading the second one reads and parses only the trees on the changed
 * paths and the blobs in them. Objects are immutable under their ids, so the cache never
 * goes stale; it is bounded by the stored size of the blobs it holds (least recently used
 * trees go first).
 *
 * The values it returns are shared between the snapshots read through it: treat them as
 * read-only.
 *
 * @example
 * const trees = new ApiTreeCache();
 * const v1 = await readDeploymentApi({ fs, gitdir }, v1Id, trees);
 * const v2 = await readDeploymentApi({ fs, gitdir }, v2Id, trees); // reads only what changed
 */
export class ApiTreeCache {
  readonly trees: ByteCache<ParsedTree>;

  constructor(maxBytes = DEFAULT_API_TREE_CACHE_BYTES) {
    this.trees = new ByteCache(maxBytes);
  }
}

/**
 * The API of deployment commit `commitOid`, read through `cache` (see ApiTreeCache): equal
 * to readDeployment's `api`. NotFoundError when the commit or an object is missing,
 * CorruptObjectError when one is damaged; nothing is cached from a tree that failed.
 *
 * @example
 * const api = await readDeploymentApi({ fs, gitdir }, stage.deploymentId, trees);
 */
export async function readDeploymentApi(opts: RepoOptions, commitOid: string, cache: ApiTreeCache): Promise<Api> {
  const commit = await readCommit(opts, commitOid);
  const files: [string, unknown][] = [];
  await collect(opts, cache, commit.tree, '', files, new Set());
  return filesToApi(files);
}

async function collect(opts: RepoOptions, cache: ApiTreeCache, oid: string, prefix: string, out: [string, unknown][], seen: Set<string>): Promise<void> {
  let tree = cache.trees.get(oid);
  if (!tree) {
    tree = [];
    let bytes = 64;
    for (const item of await readTree(opts, oid)) {
      bytes += 64;
      if (item.type === 'tree') tree.push([item.path, 'tree', item.oid]);
      else if (item.type === 'blob') {
        const text = await readBlobText(opts, item.oid);
        bytes += text.length;
        tree.push([item.path, 'blob', JSON.parse(text)]);
      }
    }
    cache.trees.set(oid, tree, bytes);
  } else if (seen.has(oid)) {
    // The same subtree at a second place in one API (two resources with equal methods):
    // each place gets objects of its own, as a fresh read gives.
    tree = structuredClone(tree);
  }
  seen.add(oid);
  for (const [name, kind, value] of tree) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (kind === 'blob') out.push([path, value]);
    else await collect(opts, cache, value as string, path, out, seen);
  }
}
