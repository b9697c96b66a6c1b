import type { Entry, ObjectReader } from './objectReader.js';

/** A file whose blob differs between two trees (null = absent on that side). */
export interface FileDelta {
  file: string;
  before: string | null;
  after: string | null;
}

/**
 * Walks two trees in step and returns the files whose blobs differ. A subtree whose
 * hash is equal on both sides is skipped without reading it, so the reads are
 * proportional to the change (depth x changed entries), not to the size of the API.
 */
export async function treeChanges(reader: ObjectReader, a: string | null, b: string | null, prefix = ''): Promise<FileDelta[]> {
  if (a === b) return [];
  const [ea, eb] = await Promise.all([reader.tree(a), reader.tree(b)]);
  const left = new Map(ea.map((e) => [e.name, e]));
  const right = new Map(eb.map((e) => [e.name, e]));
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  const out: FileDelta[] = [];
  for (const name of names) {
    const l = left.get(name);
    const r = right.get(name);
    if (l && r && l.oid === r.oid) continue;
    const file = prefix ? `${prefix}/${name}` : name;
    const treeSide = (e: Entry | undefined) => (e?.isTree ? e.oid : null);
    const blobSide = (e: Entry | undefined) => (e && !e.isTree ? e.oid : null);
    if (l?.isTree || r?.isTree) out.push(...(await treeChanges(reader, treeSide(l), treeSide(r), file)));
    if ((l && !l.isTree) || (r && !r.isTree)) out.push({ file, before: blobSide(l), after: blobSide(r) });
  }
  return out;
}
