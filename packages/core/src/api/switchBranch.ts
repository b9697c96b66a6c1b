import type { RepoOptions } from '../models/FsClient.js';
import { readRef } from '../storage/refs.js';
import { _assertRepo, _setCurrentBranch } from '../commands/_repo.js';
import { assertBranchName } from '../models/names.js';
import { readMergeState } from '../merge/mergeState.js';
import { ConflictError } from '../errors/ConflictError.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { createBranch } from './createBranch.js';
import type { BranchInfo } from './listBranches.js';

/**
 * Makes `name` the current branch (HEAD), creating it at `start` (default HEAD) when
 * `create`. Only HEAD moves: switchWorktree also writes the branch into the working
 * definition (refusing to discard undeployed changes), as `gitway switch` does. Refused
 * while a merge is in progress (ConflictError).
 *
 * @example
 * await switchBranch({ fs, gitdir, name: 'private', create: true });
 */
export async function switchBranch(opts: RepoOptions & { name: string; create?: boolean; start?: string }): Promise<BranchInfo> {
  await _assertRepo(opts);
  assertBranchName(opts.name);
  const merging = await readMergeState(opts);
  if (merging) throw new ConflictError(`a merge of '${merging.theirsName}' is in progress; finish it with merge --continue or merge --abort`, { reason: 'merging' });
  let id = await readRef(opts, `refs/heads/${opts.name}`);
  if (opts.create) id = (await createBranch({ ...opts, name: opts.name, start: opts.start })).id;
  else if (!id) throw new NotFoundError(`branch '${opts.name}' not found (create it with -c)`, { what: 'branch', name: opts.name });
  await _setCurrentBranch(opts, opts.name);
  return { name: opts.name, id, current: true };
}
