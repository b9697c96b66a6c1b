import type { RepoOptions } from '../models/FsClient.js';
import type { MergeState } from '../merge/types.js';
import { _assertRepo } from '../commands/_repo.js';
import { clearMergeState, readMergeState } from '../merge/mergeState.js';
import { NotFoundError } from '../errors/NotFoundError.js';

/**
 * Abandons a merge stopped by conflicts: removes MERGE_HEAD and GITWAY_MERGE.json
 * (refs were never moved). Returns the abandoned state; the caller restores the working
 * definition from `state.ours`. No merge in progress -> NotFoundError.
 *
 * @example
 * const { ours } = await abortMerge({ fs, gitdir });
 */
export async function abortMerge(opts: RepoOptions): Promise<MergeState> {
  await _assertRepo(opts);
  const state = await readMergeState(opts);
  if (!state) throw new NotFoundError('no merge in progress (MERGE_HEAD missing)', { what: 'merge', name: 'MERGE_HEAD' });
  await clearMergeState(opts);
  return state;
}
