import type { RepoOptions } from '../models/FsClient.js';
import type { MergeState } from '../merge/types.js';
import { _assertRepo } from '../commands/_repo.js';
import { readMergeState } from '../merge/mergeState.js';

/**
 * The merge stopped by conflicts that is waiting for continueMerge/abortMerge, or null.
 *
 * @example
 * const m = await getMergeState({ fs, gitdir });
 * if (m) console.log(`merging ${m.theirsName}: ${m.conflicts.length} conflict(s)`);
 */
export async function getMergeState(opts: RepoOptions): Promise<MergeState | null> {
  await _assertRepo(opts);
  return readMergeState(opts);
}
