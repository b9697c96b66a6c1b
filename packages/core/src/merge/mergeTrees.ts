import type { GitObject } from '../storage/gitObjects.js';
import { encodeTree, hashObject } from '../storage/gitObjects.js';
import { canonicalJson } from '../utils/canonicalJson.js';
import type { Entry, ObjectReader } from '../diff/objectReader.js';
import { fileTarget } from '../diff/fileTarget.js';
import { fieldName } from '../diff/fieldName.js';
import { mergeJson } from './mergeJson.js';
import type { MergeConflict } from './types.js';

const EMPTY_RESOURCE = hashObject('blob', Buffer.from(canonicalJson({}))).oid;

/** Objects a merge created (merged blobs, new trees), by oid. */
export type Created = Map<string, GitObject>;

function put(reader: ObjectReader, created: Created, object: GitObject, entries?: Entry[]): string {
  reader.overlay.set(object.oid, { object, entries });
  created.set(object.oid, object);
  return object.oid;
}

async function mergeFile(reader: ObjectReader, created: Created, file: string, b: Entry | undefined, o: Entry | undefined, t: Entry | undefined, conflicts: MergeConflict[]): Promise<Entry | undefined> {
  const target = fileTarget(file) ?? { target: 'api' as const, name: file };
  const [base, ours, theirs] = await Promise.all([reader.json(b?.oid ?? null), reader.json(o?.oid ?? null), reader.json(t?.oid ?? null)]);
  if (ours === undefined || theirs === undefined) {
    conflicts.push({ path: target.name, target: target.target, file, base, ours, theirs });
    return o;
  }
  const m = mergeJson(base, ours, theirs);
  for (const c of m.conflicts) {
    conflicts.push({ path: target.name, target: target.target, field: c.path.length ? fieldName(c.path) : undefined, fieldPath: c.path, file, base: c.base, ours: c.ours, theirs: c.theirs });
  }
  const oid = put(reader, created, hashObject('blob', Buffer.from(canonicalJson(m.value))));
  return { name: o!.name, oid, isTree: false };
}

/**
 * Structural three-way merge of two deployment trees against `base` (null = empty).
 * Per tree entry: equal on both sides, or unchanged on one side, takes the other side
 * without reading it (so equal subtrees are never walked); entries changed on both
 * sides are merged recursively, and files (one operation, model, ...) field by field
 * with mergeJson. New objects go to the reader's overlay and to `created`; conflicts
 * keep ours and are appended to `conflicts`. Returns the merged tree oid (null = empty).
 *
 * @example
 * const conflicts: MergeConflict[] = [];
 * const tree = await mergeTrees(new ObjectReader(opts), baseTree, oursTree, theirsTree, new Map(), conflicts);
 */
export async function mergeTrees(
  reader: ObjectReader, base: string | null, ours: string | null, theirs: string | null, created: Created, conflicts: MergeConflict[], prefix = '',
): Promise<string | null> {
  if (ours === theirs || base === theirs) return ours;
  if (base === ours) return theirs;
  const [eb, eo, et] = await Promise.all([reader.tree(base), reader.tree(ours), reader.tree(theirs)]);
  const maps = [eb, eo, et].map((es) => new Map(es.map((e) => [e.name, e])));
  const names = [...new Set([...eb, ...eo, ...et].map((e) => e.name))].sort();
  const merged: Entry[] = [];
  for (const name of names) {
    const [b, o, t] = maps.map((m) => m.get(name));
    const file = prefix ? `${prefix}/${name}` : name;
    let out: Entry | undefined;
    if (o?.oid === t?.oid || b?.oid === t?.oid) out = o;
    else if (b?.oid === o?.oid) out = t;
    else if ([b, o, t].every((e) => !e || e.isTree)) {
      const oid = await mergeTrees(reader, b?.oid ?? null, o?.oid ?? null, t?.oid ?? null, created, conflicts, file);
      out = oid ? { name, oid, isTree: true } : undefined;
    } else if ([b, o, t].every((e) => !e || !e.isTree)) out = await mergeFile(reader, created, file, b, o, t, conflicts);
    else {
      const target = fileTarget(file) ?? { target: 'resource' as const, name: file };
      conflicts.push({ path: target.name, target: target.target, file, base: b?.oid, ours: o?.oid, theirs: t?.oid });
      out = o;
    }
    if (out) merged.push(out);
  }
  // Keep the tree canonical (models/apiTree.ts): an empty @resource.json only marks a resource without methods.
  const kept = merged.some((e) => /^@[A-Z]+\.json$/.test(e.name)) ? merged.filter((e) => !(e.name === '@resource.json' && e.oid === EMPTY_RESOURCE)) : merged;
  if (kept.length === 0) return null;
  const tree = hashObject('tree', encodeTree(kept.map((e) => ({ mode: e.isTree ? '40000' : '100644', name: e.name, oid: e.oid }))));
  return put(reader, created, tree, kept);
}
