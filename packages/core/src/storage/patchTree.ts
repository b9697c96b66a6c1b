import type { RepoOptions } from '../models/FsClient.js';
import { encodeTree, hashObject, type GitObject, type TreeEntry } from './gitObjects.js';
import { readTree } from './readObjects.js';

/** What to change in one directory of a tree. */
export interface DirEdit {
  /** Drop every entry of the directory whose name starts with this prefix first (e.g. '@': a resource's method files). */
  reset?: string;
  /** name -> new blob, or null to remove it. */
  files: Map<string, GitObject | null>;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const depth = (dir: string) => (dir === '' ? 0 : dir.split('/').length);

/**
 * `baseTree` with `edits` (directory path -> DirEdit) applied, as `git update-index` +
 * `git write-tree` would give: only the trees on the edited paths are read and rewritten,
 * every other subtree keeps its id; a directory left empty disappears. Returns the new root
 * id and the objects it needs that the base does not hold (blobs and trees whose id changed,
 * children first). Throws when a tree on the way cannot be read.
 *
 * @example
 * const edits = new Map([['paths/pets', { reset: '@', files: new Map([['@GET.json', blob]]) }]]);
 * const { tree, objects } = await patchTree({ fs, gitdir }, baseTree, edits);
 */
export async function patchTree(opts: RepoOptions, baseTree: string, edits: Map<string, DirEdit>): Promise<{ tree: string; objects: GitObject[] }> {
  // dir -> name -> new subtree id (null: remove), filled bottom-up
  const subtrees = new Map<string, Map<string, string | null>>([['', new Map()]]);
  for (const dir of edits.keys()) {
    for (let d = dir; d !== ''; d = dirOf(d)) if (!subtrees.has(d)) subtrees.set(d, new Map());
  }
  const read = async (oid: string): Promise<Map<string, TreeEntry>> => {
    const entries = new Map<string, TreeEntry>();
    for (const e of await readTree(opts, oid)) entries.set(e.path, { mode: e.type === 'tree' ? '40000' : '100644', name: e.path, oid: e.oid });
    return entries;
  };
  // The old entries and id of every touched dir, read from the root down (the root must exist).
  const dirs = [...subtrees.keys()].sort((a, b) => depth(a) - depth(b));
  const old = new Map<string, { oid: string; entries: Map<string, TreeEntry> }>([['', { oid: baseTree, entries: await read(baseTree) }]]);
  if (edits.size === 0) return { tree: baseTree, objects: [] };
  for (const dir of dirs) {
    if (dir === '') continue;
    const entry = old.get(dirOf(dir))?.entries.get(nameOf(dir));
    if (entry?.mode === '40000') old.set(dir, { oid: entry.oid, entries: await read(entry.oid) });
  }
  const objects: GitObject[] = [];
  let root = baseTree;
  for (const dir of dirs.reverse()) {
    const before = old.get(dir);
    const entries = new Map(before?.entries);
    const edit = edits.get(dir);
    if (edit?.reset !== undefined) for (const name of entries.keys()) if (name.startsWith(edit.reset)) entries.delete(name);
    for (const [name, blob] of edit?.files ?? []) {
      if (blob === null) entries.delete(name);
      else {
        entries.set(name, { mode: '100644', name, oid: blob.oid });
        if (before?.entries.get(name)?.oid !== blob.oid) objects.push(blob);
      }
    }
    for (const [name, oid] of subtrees.get(dir)!) {
      if (oid === null) entries.delete(name);
      else entries.set(name, { mode: '40000', name, oid });
    }
    let oid: string | null = null;
    if (entries.size > 0 || dir === '') {
      const tree = hashObject('tree', encodeTree([...entries.values()]));
      oid = tree.oid;
      if (oid !== before?.oid) objects.push(tree);
    }
    if (dir === '') root = oid!;
    else subtrees.get(dirOf(dir))!.set(nameOf(dir), oid);
  }
  return { tree: root, objects };
}
