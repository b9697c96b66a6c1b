import type { Api } from '../models/types.js';
import type { WriteOptions } from '../models/options.js';
import type { MergeResult } from '../merge/types.js';
import { apiFiles } from '../models/apiTree.js';
import { buildTree } from '../storage/gitObjects.js';
import { readCommit } from '../storage/readObjects.js';
import { readRef } from '../storage/refs.js';
import { _assertRepo, _currentBranchRef } from '../commands/_repo.js';
import { _newObjects } from '../commands/_writeTree.js';
import { _commitMerge } from '../merge/_commitMerge.js';
import { clearMergeState, readMergeState } from '../merge/mergeState.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { RefMovedError } from '../errors/RefMovedError.js';
import { assertApi } from './validateApiModel.js';

/**
 * Finishes a merge stopped by conflicts: deploys `api` (the resolved working
 * definition) as the merge commit with parents [ours, theirs] and clears MERGE_HEAD.
 * No merge in progress -> NotFoundError; the branch moved meanwhile -> RefMovedError.
 *
 * @example
 * const r = await continueMerge({ fs, gitdir, api: resolvedApi, author, now: Date.now });
 */
export async function continueMerge(opts: WriteOptions & { api: Api; message?: string }): Promise<MergeResult> {
  await _assertRepo(opts);
  const state = await readMergeState(opts);
  if (!state) throw new NotFoundError('no merge in progress (MERGE_HEAD missing)', { what: 'merge', name: 'MERGE_HEAD' });
  await assertApi(opts.api);
  const branchRef = state.branchRef || (await _currentBranchRef(opts));
  const ours = state.ours || (await readRef(opts, branchRef));
  const tip = await readRef(opts, branchRef);
  if (!ours || tip !== ours) throw new RefMovedError(`${branchRef} moved since the merge started (expected ${ours}, found ${tip}); abort and merge again`, { ref: branchRef, expected: ours, actual: tip });
  const built = buildTree(apiFiles(opts.api));
  const objects = await _newObjects(opts, built, (await readCommit(opts, ours)).tree);
  const message = opts.message ?? state.message;
  const done = await _commitMerge(opts, { branchRef, ours, theirs: state.theirs, tree: built.object.oid, objects, message });
  await clearMergeState(opts);
  return { status: 'merged', id: done.id, branch: branchRef.replace(/^refs\/heads\//, ''), ours, theirs: state.theirs, bases: state.bases, objectsWritten: done.objectsWritten, description: message };
}
