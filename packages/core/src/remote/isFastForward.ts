import type { RepoOptions } from '../models/FsClient.js';
import { repoOf } from '../storage/Repo.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { syncedRef } from './syncedRefs.js';

/**
 * Whether moving `ref` from `from` to `to` loses nothing: for a branch, `from` is an
 * ancestor of `to`; for a stage, `from` is on `to`'s first-parent chain (its history
 * of states). False when `from` is not in this repository. Both questions read only the
 * commits between the two (bounded walks), never the whole history.
 */
export async function isFastForward(opts: RepoOptions, ref: string, from: string, to: string): Promise<boolean> {
  if (from === to) return true;
  const repo = repoOf(opts);
  if (!(await repo.has(from))) return false;
  try {
    if (syncedRef(ref)?.spec.fastForward !== 'first-parent') return await repo.isAncestor(from, to);
    // The stage's line of states down from `to`, stopping where `from`'s own history begins.
    const exclude = (await repo.readCommit(from)).parents;
    for await (const c of repo.walk({ include: [to], exclude, firstParent: true })) if (c.oid === from) return true;
    return false;
  } catch (err) {
    // A commit of `to`'s history that is not here (a shallow or broken copy) cannot prove it.
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}
