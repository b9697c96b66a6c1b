import { isoGit } from '../utils/isoGit.js';
import type { RepoOptions } from '../models/FsClient.js';
import { hasObject } from '../storage/hasObject.js';
import { _readStageCommit } from '../commands/_stage.js';
import { syncedRef } from './syncedRefs.js';

/**
 * Whether moving `ref` from `from` to `to` loses nothing: for a branch, `from` is an
 * ancestor of `to`; for a stage, `from` is on `to`'s first-parent chain (its history
 * of states). False when `from` is not in this repository.
 */
export async function isFastForward(opts: RepoOptions, ref: string, from: string, to: string): Promise<boolean> {
  if (from === to) return true;
  if (!(await hasObject(opts.fs, opts.gitdir, from, (opts.cache ?? {}) as Record<string, unknown>))) return false;
  if (syncedRef(ref)?.spec.fastForward === 'first-parent') {
    try {
      for (let oid: string | null = to; oid; ) {
        if (oid === from) return true;
        oid = (await _readStageCommit(opts, oid)).previous;
      }
    } catch {
      return false;
    }
    return false;
  }
  try {
    return await (await isoGit()).isDescendent({ fs: opts.fs, gitdir: opts.gitdir, oid: to, ancestor: from, depth: -1, cache: opts.cache ?? {} });
  } catch {
    return false;
  }
}
