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

/** A diff side: a revision, or an in-memory API (the working definition). */
export type DiffSide = string | Api;

/** Resolves one side to a tree oid, adding an in-memory Api's objects to the reader's overlay. */
export async function _sideTree(opts: RepoOptions, reader: ObjectReader, side: DiffSide): Promise<{ id?: string; tree: string }> {
  if (typeof side === 'string') {
    const { oid } = await _resolveRevision(opts, side);
    return { id: oid, tree: (await readCommit(opts, oid)).tree };
  }
  return { tree: reader.addBuilt(buildTree(apiToFiles(side))) };
}

/** Semantic diff of two sides; see api/diff.ts. */
export async function _diff(opts: RepoOptions & { from: DiffSide; to: DiffSide }): Promise<DiffResult> {
  const reader = new ObjectReader(opts);
  const from = await _sideTree(opts, reader, opts.from);
  const to = await _sideTree(opts, reader, opts.to);
  const changes: Change[] = [];
  for (const delta of await treeChanges(reader, from.tree, to.tree)) {
    const t = fileTarget(delta.file);
    if (!t) continue;
    const [before, after] = await Promise.all([reader.json(delta.before), reader.json(delta.after)]);
    changes.push(...fileChanges(delta.file, t.target, t.name, before, after));
  }
  return { from, to, changes, breaking: changes.some((c) => c.breaking), stats: reader.stats };
}
