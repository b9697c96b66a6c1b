import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import type { Change, DiffResult } from './types.js';
import { apiToFiles } from '../models/apiTree.js';
import { buildTree } from '../storage/gitObjects.js';
import { readCommit } from '../storage/readObjects.js';
import { _resolveRevision } from '../commands/_revision.js';
import { ObjectReader } from './objectReader.js';
import { treeChanges } from './treeChanges.js';
import { fileTarget } from './fileTarget.js';
import { fileChanges } from './fileChanges.js';
import { definitionTree } from '../api/definitionTree.js';

/**
 * A definition file (the working definition) as a diff side: its tree comes from the
 * repository's index when the file is unchanged (definitionTree), so an unchanged
 * definition is compared without being parsed.
 */
export interface DefinitionSide {
  definition: string;
  /** How errors name the file; default the path. */
  filename?: string;
}

/** A diff side: a revision, an in-memory API, or a definition file. */
export type DiffSide = string | Api | DefinitionSide;

/** Resolves one side to a tree oid, adding an in-memory Api's objects to the reader's overlay. */
export async function _sideTree(opts: RepoOptions, reader: ObjectReader, side: DiffSide, other?: string): Promise<{ id?: string; tree: string }> {
  if (typeof side === 'string') {
    const { oid } = await _resolveRevision(opts, side);
    return { id: oid, tree: (await readCommit(opts, oid)).tree };
  }
  if ('definition' in side) {
    // Parsed only when its tree differs from the other side's (then its objects are needed).
    // Without another side's tree to compare with, the definition is always parsed ('').
    const w = await definitionTree({ ...opts, filepath: side.definition, filename: side.filename, unlessTree: other ?? '' });
    return { tree: w.built ? reader.addBuilt(w.built) : w.tree };
  }
  return { tree: reader.addBuilt(buildTree(apiToFiles(side))) };
}

/** Semantic diff of two sides; see api/diff.ts. */
export async function _diff(opts: RepoOptions & { from: DiffSide; to: DiffSide }): Promise<DiffResult> {
  const reader = new ObjectReader(opts);
  // A definition file side is resolved after the other side, so an unchanged one needs no parse.
  const isFile = (side: DiffSide) => typeof side === 'object' && 'definition' in side;
  let from: { id?: string; tree: string };
  let to: { id?: string; tree: string };
  if (isFile(opts.from) && !isFile(opts.to)) {
    to = await _sideTree(opts, reader, opts.to);
    from = await _sideTree(opts, reader, opts.from, to.tree);
  } else {
    from = await _sideTree(opts, reader, opts.from);
    to = await _sideTree(opts, reader, opts.to, from.tree);
  }
  const changes: Change[] = [];
  for (const delta of await treeChanges(reader, from.tree, to.tree)) {
    const t = fileTarget(delta.file);
    if (!t) continue;
    const [before, after] = await Promise.all([reader.json(delta.before), reader.json(delta.after)]);
    changes.push(...fileChanges(delta.file, t.target, t.name, before, after));
  }
  return { from, to, changes, breaking: changes.some((c) => c.breaking), stats: reader.stats };
}
