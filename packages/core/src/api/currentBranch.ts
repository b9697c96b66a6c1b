import type { RepoOptions } from '../models/FsClient.js';
import { readRef } from '../storage/refs.js';
import { _assertRepo, _currentBranchRef } from '../commands/_repo.js';
import type { BranchInfo } from './listBranches.js';

/**
 * The branch HEAD names, with its tip (null before its first deployment).
 *
 * @example
 * const { name, id } = await currentBranch({ fs, gitdir }); // { name: 'main', id: '3f2a...' }
 */
export async function currentBranch(opts: RepoOptions): Promise<BranchInfo> {
  await _assertRepo(opts);
  const ref = await _currentBranchRef(opts);
  return { name: ref.replace(/^refs\/heads\//, ''), id: await readRef(opts, ref), current: true };
}
