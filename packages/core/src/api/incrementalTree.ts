import { hash } from 'node:crypto';
import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import { apiFiles, resourceDir, resourceFiles, sectionItems } from '../models/apiTree.js';
import { canonicalJson } from '../utils/canonicalJson.js';
import { buildTree, hashObject, type BuiltTree, type GitObject } from '../storage/gitObjects.js';
import { patchTree, type DirEdit } from '../storage/patchTree.js';
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
   * Keys of the resources that differ from the base (changed or new), in the API's order: only
   * these need the model's schema checks. Undefined when everything must be checked (no base, or the
   * API-level fields, models, authorizers, validators or gateway responses changed).
   */
  changedResources?: Set<string>;
  /**
   * The fingerprints to record once the tree is committed; none when a value has no fingerprint
   * or the resources do not map one-to-one to directories (the older record stays exact).
   */
  fingerprints?: TreeFingerprints;
  /** True when there is nothing to record: the repository already holds exactly these fingerprints. */
  upToDate: boolean;
}

/** SHA-1 of the plain JSON text of `value`; undefined when JSON.stringify refuses it (then the value counts as changed). */
function fingerprint(value: unknown): string | undefined {
  try {
    return hash('sha1', JSON.stringify(value) ?? 'undefined', 'base64');
  } catch {
    return undefined;
  }
}

interface Prints {
  /** file path outside `paths/` -> [value, fingerprint] */
  files: Map<string, [unknown, string | undefined]>;
  /** resource key -> fingerprint of the whole resource object */
  resources: Map<string, string | undefined>;
  /** Every resource key equals its path and names its own directory (no `//`, no trailing `/`). */
  oneToOne: boolean;
}

const canonicalPath = (p: string) => p === '/' || (p.startsWith('/') && !p.endsWith('/') && !p.includes('//'));

function printApi(api: Api): Prints {
  const files = new Map<string, [unknown, string | undefined]>();
  for (const [path, value] of sectionItems(api)) files.set(path, [value, fingerprint(value)]);
  const resources = new Map<string, string | undefined>();
  let oneToOne = true;
  for (const key of Object.keys(api.resources)) {
    const resource = api.resources[key]!;
    resources.set(key, fingerprint(resource));
    if (oneToOne && !(resource?.path === key && canonicalPath(key))) oneToOne = false;
  }
  return { files, resources, oneToOne };
}

/**
 * Plans the deployment tree of `api` (internal) from the last deployed tree, as git's index
 * lets `git commit` do: each resource and each other file is fingerprinted with the native
 * `JSON.stringify` (no canonical serialization), and only the values whose fingerprint differs
 * from the one recorded for the base are serialized and hashed; the base tree is patched along
 * their paths, every other subtree is kept by id. Without a usable base the whole tree is
 * built. The result is identical to `buildTree(apiToFiles(api))` either way.
 *
 * @example
 * const plan = await planApiTree({ fs, gitdir }, api);
 * // ... commit plan.tree with plan.objects, then:
 * await recordApiTree({ fs, gitdir }, plan);
 */
export async function planApiTree(opts: RepoOptions, api: Api): Promise<ApiTreePlan> {
  const prints = printApi(api);
  // Resources sharing a directory (or keyed apart from their path) are patched only by a whole rebuild.
  const base = prints.oneToOne ? await readTreeFingerprints(opts) : undefined;
  if (base) {
    try {
      return await patchBase(opts, api, prints, base);
    } catch {
      // The base tree is gone (pruned) or unreadable: build the whole tree.
    }
  }
  return wholeTree(api, prints);
}

/** Records `plan`'s fingerprints once its tree is committed (a deploy that validated the API). */
export async function recordApiTree(opts: RepoOptions, plan: ApiTreePlan): Promise<void> {
  if (plan.upToDate || !plan.fingerprints) return;
  await writeTreeFingerprints(opts, plan.fingerprints);
}

/**
 * The Api whose schema checks still need running: all of it, or (when only resources
 * changed against a base that passed them) the API with just the changed resources, in the
 * API's own order (so the first problem found is the one a whole check finds first). A plan
 * is patched only when every resource key equals its path, so the key check loses nothing.
 */
export function apiToValidate(api: Api, plan: ApiTreePlan): Api {
  if (!plan.changedResources) return api;
  const resources: Api['resources'] = {};
  for (const key of plan.changedResources) resources[key] = api.resources[key]!;
  return { ...api, resources };
}

function wholeTree(api: Api, prints: Prints): ApiTreePlan {
  // Serialized lazily: each text is hashed and dropped at once (no 10,000 strings kept alive).
  const built = buildTree(apiFiles(api));
  const objects: GitObject[] = [];
  const collect = (node: BuiltTree): void => {
    for (const child of node.children.values()) {
      if ('children' in child) collect(child);
      else objects.push(child);
    }
    objects.push(node.object);
  };
  collect(built);
  const tree = built.object.oid;
  const fingerprints = recorded(prints, tree);
  return { tree, objects, base: null, upToDate: fingerprints === undefined, fingerprints };
}

/** What to record for `tree`: every fingerprint, or nothing when a value had none (its files could not be told apart later). */
function recorded(prints: Prints, tree: string): TreeFingerprints | undefined {
  if (!prints.oneToOne) return undefined;
  const files = new Map<string, string>();
  for (const [path, [, print]] of prints.files) {
    if (print === undefined) return undefined;
    files.set(path, print);
  }
  const resources = new Map<string, string>();
  for (const [key, print] of prints.resources) {
    if (print === undefined) return undefined;
    resources.set(key, print);
  }
  return { tree, files, resources };
}

const sameMap = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const blobOf = (value: unknown) => hashObject('blob', Buffer.from(canonicalJson(value), 'utf8'));

/**
 * The base tree patched with what differs from it: a changed or new resource replaces the
 * `@` entries (method files) of its directory, a removed one clears them; a changed, new or
 * removed file outside `paths/` is set or removed. (Called only when every resource key is its
 * path and names its own directory, so a directory's `@` entries belong to one resource.)
 */
async function patchBase(opts: RepoOptions, api: Api, prints: Prints, base: TreeFingerprints): Promise<ApiTreePlan> {
  const edits = new Map<string, DirEdit>();
  const edit = (dir: string): DirEdit => {
    let e = edits.get(dir);
    if (!e) edits.set(dir, (e = { files: new Map() }));
    return e;
  };
  let sectionsChanged = false;
  for (const [path, [value, print]] of prints.files) {
    if (print !== undefined && base.files.get(path) === print) continue;
    sectionsChanged = true;
    edit(dirOf(path)).files.set(nameOf(path), blobOf(value));
  }
  for (const path of base.files.keys()) {
    if (!prints.files.has(path)) (sectionsChanged = true), edit(dirOf(path)).files.set(nameOf(path), null);
  }
  const changed = new Set<string>();
  for (const [key, print] of prints.resources) {
    if (print !== undefined && base.resources.get(key) === print) continue;
    changed.add(key);
    const e = edit(resourceDir(key));
    e.reset = '@';
    for (const [name, value] of resourceFiles(api.resources[key]!)) e.files.set(name, blobOf(value));
  }
  for (const key of base.resources.keys()) if (!prints.resources.has(key)) edit(resourceDir(key)).reset = '@';
  const { tree, objects } = await patchTree(opts, base.tree, edits);
  const fingerprints = recorded(prints, tree);
  const upToDate = !fingerprints || (tree === base.tree && sameMap(fingerprints.files, base.files) && sameMap(fingerprints.resources, base.resources));
  return { tree, objects, base: base.tree, changedResources: sectionsChanged ? undefined : changed, fingerprints, upToDate };
}
