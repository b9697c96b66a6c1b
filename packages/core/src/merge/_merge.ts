import { isAncestor } from './commonAncestors.js';
import type { WriteOptions } from '../models/options.js';
import { readRef, updateRef } from '../storage/refs.js';
import { readCommit } from '../storage/readObjects.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _currentBranchRef } from '../commands/_repo.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { ObjectReader } from '../diff/objectReader.js';
import { mergeBaseTree } from './mergeBase.js';
import { mergeTrees } from './mergeTrees.js';
import { _commitMerge } from './_commitMerge.js';
import type { MergeConflict, MergeResult, MergeState } from './types.js';

export interface MergePlanOptions extends WriteOptions {
  /** Revision to merge (usually a branch name). */
  theirs: string;
  /** Branch to merge into (default: the current branch). */
  ours?: string;
  message?: string;
  /** 'never' always creates a merge commit (git merge --no-ff). */
  fastForward?: 'auto' | 'never';
}

/** What a merge did, or the conflicts that stopped it (then nothing was written). */
export type MergeOutcome = (MergeResult & { conflicts?: undefined }) | { conflicts: MergeConflict[]; state: MergeState; reader: ObjectReader; tree: string };

const branchName = (ref: string) => ref.replace(/^refs\/heads\//, '');

/** Merges `theirs` into a branch; see api/merge.ts. */
export async function _merge(opts: MergePlanOptions): Promise<MergeOutcome> {
  const branchRef = opts.ours !== undefined ? `refs/heads/${opts.ours}` : await _currentBranchRef(opts);
  const resolved = await _resolveRevision(opts, opts.theirs);
  if (resolved.ref === branchRef) {
    throw new InvalidParameterError(`cannot merge branch '${branchName(branchRef)}' into itself`, { path: 'theirs', value: opts.theirs });
  }
  const theirs = resolved.oid;
  const ours = await readRef(opts.fs, opts.gitdir, branchRef);
  const base = { branch: branchName(branchRef), ours, theirs, objectsWritten: 0 };
  if (ours === theirs || (ours && (await isAncestor(opts, theirs, ours)))) {
    return { ...base, status: 'up-to-date', id: ours!, bases: [theirs] };
  }
  const reader = new ObjectReader(opts);
  const baseTree = ours ? await mergeBaseTree(opts, reader, [ours, theirs]) : { tree: null, bases: [] };
  if (!ours || (baseTree.bases.length === 1 && baseTree.bases[0] === ours && opts.fastForward !== 'never')) {
    await updateRef(opts.fs, opts.gitdir, branchRef, theirs, ours);
    return { ...base, status: 'fast-forward', id: theirs, bases: baseTree.bases };
  }
  const created = new Map();
  const conflicts: MergeConflict[] = [];
  const [oursTree, theirsTree] = await Promise.all([readCommit(opts, ours), readCommit(opts, theirs)]).then((cs) => cs.map((c) => c.tree));
  const tree = await mergeTrees(reader, baseTree.tree, oursTree!, theirsTree!, created, conflicts);
  const message = opts.message ?? `Merge ${resolved.ref?.startsWith('refs/heads/') ? `branch '${branchName(resolved.ref)}'` : `'${opts.theirs}'`} into ${branchName(branchRef)}`;
  if (conflicts.length) {
    const state: MergeState = { branchRef, ours, theirs, theirsName: opts.theirs, message, bases: baseTree.bases, conflicts };
    return { conflicts, state, reader, tree: tree! };
  }
  const done = await _commitMerge(opts, { branchRef, ours, theirs, tree: tree!, objects: [...created.values()].filter((o) => o.oid !== oursTree && o.oid !== theirsTree), message });
  return { ...base, status: 'merged', id: done.id, bases: baseTree.bases, objectsWritten: done.objectsWritten, description: message };
}
