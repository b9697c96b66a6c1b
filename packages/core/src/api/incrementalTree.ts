import { hash } from 'node:crypto';
import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import { apiItems } from '../models/apiTree.js';
import { unescapeSegment } from '../utils/pathSegments.js';
import { canonicalJson } from '../utils/canonicalJson.js';
import { buildTree, encodeTree, hashObject, type BuiltTree, type GitObject, type TreeEntry } from '../storage/gitObjects.js';
import { readTree } from '../storage/readObjects.js';
import { readTreeFingerprints, writeTreeFingerprints, type TreeFingerprints } from '../storage/treeFingerprints.js';

/** The deployment tree of an Api, and what it takes to write it. */
export interface ApiTreePlan {
  /** The root tree id: always the id `buildTree(apiToFiles(api))` gives. */
  tree: string;
  /** Blobs and trees the tree needs that the base tree does not hold (children first; may exist already). */
  objects: GitObject[];
  /** The base tree the plan was patched from (the last deployed tree), or null when built whole. */
  base: string | null;
  /**
   * Resource keys whose files changed against the base: only these need the model's schema
   * checks. Undefined when everything must be checked (no base, or the API-level fields,
   * models, authorizers, validators or gateway responses changed).
   */
  changedResources?: Set<string>;
  /** The fingerprints to record once the tree is committed. */
  fingerprints: TreeFingerprints;
  /** True when the repository already records exactly these fingerprints. */
  upToDate: boolean;
}

/** SHA-1 of the plain JSON text of `value`; undefined when JSON.stringify refuses it (then the file counts as changed). */
function fingerprint(value: unknown): string | undefined {
  try {
    return hash('sha1', JSON.stringify(value) ?? 'undefined', 'hex');
  } catch {
    return undefined;
  }
}

/**
 * Plans the deployment tree of `api` (internal) from the last deployed tree, as git's index
 * lets `git commit` do: each file's value is fingerprinted with the native `JSON.stringify`
 * (no canonical serialization), and only files whose fingerprint differs from the one
 * recorded for the base are serialized and hashed; the base tree is patched along their
 * paths, every other subtree is kept by id. Without a usable base the whole tree is built.
 * The result is identical to `buildTree(apiToFiles(api))` either way.
 *
 * @example
 * const plan = await planApiTree({ fs, gitdir }, api);
 * // ... commit plan.tree with plan.objects, then:
 * await recordApiTree({ fs, gitdir }, plan);
 */
export async function planApiTree(opts: RepoOptions, api: Api): Promise<ApiTreePlan> {
  const items = new Map<string, unknown>(apiItems(api));
  const prints = new Map<string, string | undefined>();
  for (const [path, value] of items) prints.set(path, fingerprint(value));
  const base = await readTreeFingerprints(opts);
  if (base) {
    try {
      return await patchBase(opts, items, prints, base);
    } catch {
      // The base tree is gone (pruned) or unreadable: build the whole tree.
    }
  }
  return wholeTree(items, prints);
}

/** Records `plan`'s fingerprints once its tree is committed (a deploy that validated the API). */
export async function recordApiTree(opts: RepoOptions, plan: ApiTreePlan): Promise<void> {
  if (plan.upToDate) return;
  await writeTreeFingerprints(opts, plan.fingerprints);
}

/**
 * The Api whose schema checks still need running: all of it, or (when only resources
 * changed against a base that passed them) the API with just the changed resources. Resource
 * keys that differ from their `path` always stay in, so the key check sees them.
 */
export function apiToValidate(api: Api, plan: ApiTreePlan): Api {
  if (!plan.changedResources) return api;
  const resources: Api['resources'] = {};
  for (const [key, resource] of Object.entries(api.resources)) {
    if (plan.changedResources.has(key) || resource.path !== key) resources[key] = resource;
  }
  return { ...api, resources };
}

function wholeTree(items: Map<string, unknown>, prints: Map<string, string | undefined>): ApiTreePlan {
  const files = new Map<string, string>();
  for (const [path, value] of items) files.set(path, canonicalJson(value));
  const built = buildTree(files);
  const objects: GitObject[] = [];
  const blobs = new Map<string, string>();
  const collect = (node: BuiltTree, prefix: string): void => {
    for (const [name, child] of node.children) {
      if ('children' in child) collect(child, `${prefix}${name}/`);
      else objects.push(child), blobs.set(`${prefix}${name}`, child.oid);
    }
    objects.push(node.object);
  };
  collect(built, '');
  return { tree: built.object.oid, objects, base: null, upToDate: false, fingerprints: { tree: built.object.oid, files: recorded(prints, blobs) } };
}

function recorded(prints: Map<string, string | undefined>, blobs: Map<string, string>): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const [path, oid] of blobs) {
    const print = prints.get(path);
    if (print !== undefined) out.set(path, [print, oid]);
  }
  return out;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

async function patchBase(
  opts: RepoOptions, items: Map<string, unknown>, prints: Map<string, string | undefined>, base: TreeFingerprints,
): Promise<ApiTreePlan> {
  // path -> new blob id, or null when the file is gone
  const changes = new Map<string, GitObject | null>();
  const blobs = new Map<string, string>();
  for (const [path, value] of items) {
    const print = prints.get(path);
    const old = base.files.get(path);
    if (old && print !== undefined && old[0] === print) {
      blobs.set(path, old[1]);
      continue;
    }
    const blob = hashObject('blob', Buffer.from(canonicalJson(value), 'utf8'));
    blobs.set(path, blob.oid);
    if (old?.[1] !== blob.oid) changes.set(path, blob);
  }
  for (const path of base.files.keys()) if (!items.has(path)) changes.set(path, null);
  const { tree, objects } = await patchTree(opts, base.tree, changes);
  const files = recorded(prints, blobs);
  const upToDate = tree === base.tree && files.size === base.files.size && [...files].every(([path, [print]]) => base.files.get(path)?.[0] === print);
  return { tree, objects, base: base.tree, changedResources: changedResources(changes, prints), fingerprints: { tree, files }, upToDate };
}

/**
 * Paths of the resources whose files changed (their keys, when keys equal paths; apiToValidate
 * keeps every other key anyway), or undefined when anything outside `paths/` changed or a
 * value could not be fingerprinted.
 */
function changedResources(changes: Map<string, GitObject | null>, prints: Map<string, string | undefined>): Set<string> | undefined {
  for (const print of prints.values()) if (print === undefined) return undefined;
  const out = new Set<string>();
  for (const path of changes.keys()) {
    if (!path.startsWith('paths/')) return undefined;
    out.add('/' + dirOf(path).split('/').slice(1).map(unescapeSegment).join('/'));
  }
  return out;
}

/**
 * `baseTree` with `changes` applied: only the trees on the changed paths are read and
 * rewritten (deepest first); every other subtree keeps its id. Throws when the base tree
 * cannot be read (the caller then builds the whole tree).
 */
async function patchTree(opts: RepoOptions, baseTree: string, changes: Map<string, GitObject | null>): Promise<{ tree: string; objects: GitObject[] }> {
  // dir -> name -> new blob or subtree id (null: remove)
  const edits = new Map<string, Map<string, GitObject | string | null>>([['', new Map()]]);
  const edit = (dir: string) => {
    let m = edits.get(dir);
    if (!m) edits.set(dir, (m = new Map()));
    return m;
  };
  for (const [path, blob] of changes) {
    edit(dirOf(path)).set(nameOf(path), blob);
    for (let d = dirOf(path); d !== ''; d = dirOf(d)) edit(dirOf(d));
  }
  const read = async (oid: string): Promise<Map<string, TreeEntry>> => {
    const entries = new Map<string, TreeEntry>();
    for (const e of await readTree(opts, oid)) entries.set(e.path, { mode: e.type === 'tree' ? '40000' : '100644', name: e.path, oid: e.oid });
    return entries;
  };
  // The old entries of every edited dir, read from the root down (the root must exist).
  const old = new Map<string, Map<string, TreeEntry>>([['', await read(baseTree)]]);
  if (changes.size === 0) return { tree: baseTree, objects: [] };
  const dirs = [...edits.keys()].sort((a, b) => depth(a) - depth(b));
  for (const dir of dirs) {
    if (dir === '') continue;
    const entry = old.get(dirOf(dir))?.get(nameOf(dir));
    if (entry?.mode === '40000') old.set(dir, await read(entry.oid));
  }
  const objects: GitObject[] = [];
  let root = baseTree;
  for (const dir of dirs.reverse()) {
    const entries = new Map(old.get(dir) ?? []);
    for (const [name, change] of edits.get(dir)!) {
      if (change === null) entries.delete(name);
      else if (typeof change === 'string') entries.set(name, { mode: '40000', name, oid: change });
      else entries.set(name, { mode: '100644', name, oid: change.oid }), objects.push(change);
    }
    if (entries.size === 0 && dir !== '') {
      edit(dirOf(dir)).set(nameOf(dir), null);
      continue;
    }
    const tree = hashObject('tree', encodeTree([...entries.values()]));
    if (dir === '') root = tree.oid;
    else edit(dirOf(dir)).set(nameOf(dir), tree.oid);
    objects.push(tree);
  }
  return { tree: root, objects };
}

const depth = (dir: string) => (dir === '' ? 0 : dir.split('/').length);
