import type { WriteOptions } from '../models/options.js';
import type { MergeResult } from '../merge/types.js';
import { _assertRepo } from '../commands/_repo.js';
import { _retryOnRace } from '../commands/_retry.js';
import { _merge } from '../merge/_merge.js';
import { assertBranchName } from '../models/names.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { MergeConflictError } from '../errors/MergeConflictError.js';

export interface MergeOptions extends WriteOptions {
  /** What to merge: a branch (usually), or any revision. */
  theirs: string;
  /** The branch to merge into; default the current branch. */
  ours?: string;
  /** Message of the merge commit; default "Merge branch 'x' into y". */
  message?: string;
  /** 'never' creates a merge commit even when a fast-forward is possible. */
  fastForward?: 'auto' | 'never';
}

/** Checks merge options (shared by merge and startMerge). */
export function assertMergeOptions(opts: MergeOptions): void {
  if (typeof opts.theirs !== 'string' || opts.theirs === '') throw new InvalidParameterError('merge: theirs must name a branch or revision', { path: 'theirs', value: opts.theirs });
  if (opts.ours !== undefined) assertBranchName(opts.ours);
  if (opts.message !== undefined && typeof opts.message !== 'string') throw new InvalidParameterError('merge: message must be a string', { path: 'message', value: opts.message });
  if (opts.fastForward !== undefined && opts.fastForward !== 'auto' && opts.fastForward !== 'never') {
    throw new InvalidParameterError("merge: fastForward must be 'auto' or 'never'", { path: 'fastForward', value: opts.fastForward });
  }
}

/**
 * Merges `theirs` into a branch: a fast-forward when the branch is behind, otherwise a
 * structural three-way merge at the semantic granularity (per operation, model, ...,
 * and per field inside one) against the merge base, committed with parents
 * [ours, theirs]; the branch moves by compare-and-swap. Conflicts throw
 * MergeConflictError with `data.conflicts` (path, field, base, ours, theirs) and
 * write nothing. (startMerge records them for continueMerge/abortMerge instead.)
 *
 * @example
 * const r = await merge({ fs, gitdir, theirs: 'private', ours: 'main', author, now: Date.now });
 * console.log(r.status, r.id.slice(0, 10)); // 'merged' 3f2a...
 */
export async function merge(opts: MergeOptions): Promise<MergeResult> {
  await _assertRepo(opts);
  assertMergeOptions(opts);
  return _retryOnRace(async () => {
    const out = await _merge(opts);
    if (out.conflicts) {
      throw new MergeConflictError(`merge of '${opts.theirs}' has ${out.conflicts.length} conflict(s)`, { conflicts: out.conflicts, ours: out.state.ours, theirs: out.state.theirs, bases: out.state.bases });
    }
    return out;
  });
}
