import type { RepoOptions } from '../models/FsClient.js';
import { deleteRef, readRef } from '../storage/refs.js';
import { repoOf } from '../storage/Repo.js';
import { _assertRepo, _currentBranchRef } from '../commands/_repo.js';
import { assertBranchName } from '../models/names.js';
import { ConflictError } from '../errors/ConflictError.js';
import { NotFoundError } from '../errors/NotFoundError.js';

/**
 * Deletes branch `name`, like `git branch -d`: the current branch is refused, and so is
 * a branch whose deployments are not all on the current branch unless `force`
 * (`git branch -D`); both ConflictError (data.reason 'current' | 'unmerged').
 * Deployments stay reachable from any stage that uses them.
 *
 * @example
 * await deleteBranch({ fs, gitdir, name: 'private' });
 * await deleteBranch({ fs, gitdir, name: 'experiment', force: true });
 */
export async function deleteBranch(opts: RepoOptions & { name: string; force?: boolean }): Promise<{ name: string; id: string }> {
  await _assertRepo(opts);
  assertBranchName(opts.name);
  const ref = `refs/heads/${opts.name}`;
  const id = await readRef(opts, ref);
  if (!id) throw new NotFoundError(`branch '${opts.name}' not found`, { what: 'branch', name: opts.name });
  const current = await _currentBranchRef(opts);
  if (current === ref) throw new ConflictError(`cannot delete branch '${opts.name}': it is the current branch`, { reason: 'current', name: opts.name });
  if (!opts.force) {
    const head = await readRef(opts, current);
    const merged = head !== null && (await repoOf(opts).isAncestor(id, head));
    if (!merged) {
      throw new ConflictError(`branch '${opts.name}' is not fully merged into '${current.slice(11)}'; use force (-D) to delete it anyway`, { reason: 'unmerged', name: opts.name });
    }
  }
  await deleteRef(opts, ref, id);
  return { name: opts.name, id };
}
