import type { MergeFollowUp, MergeResult } from '../merge/types.js';
import type { Api } from '../models/types.js';
import { _assertRepo } from '../commands/_repo.js';
import { _retryOnRace } from '../commands/_retry.js';
import { _merge } from '../merge/_merge.js';
import { readMergeState, writeMergeState } from '../merge/mergeState.js';
import { readReaderApi } from '../merge/readReaderApi.js';
import { ConflictError } from '../errors/ConflictError.js';
import { MergeConflictError } from '../errors/MergeConflictError.js';
import { assertMergeOptions, type MergeOptions } from './merge.js';

/**
 * Like merge, but a conflicted merge is recorded as git does (`MERGE_HEAD` holding
 * theirs, plus `GITWAY_MERGE.json` with the conflict list) so that it can be finished
 * with continueMerge or abandoned with abortMerge; `followUp` (the stage to move) is kept
 * with that state so that the merge that finishes it does it. The MergeConflictError's
 * `data.api` is the merged API with ours' value at every conflict: what to write into
 * the working definition for the user to resolve. Refused while a merge is in progress.
 *
 * @example
 * try { await startMerge({ fs, gitdir, theirs: 'private' }); }
 * catch (e) { if (e.code === 'MergeConflictError') await writeWorkingDefinition({ fs, gitdir, api: e.data.api }); }
 * // mergeWorktree does this and more: our document edited in place, the stage to move remembered
 */
export async function startMerge(opts: MergeOptions & { followUp?: MergeFollowUp }): Promise<MergeResult> {
  await _assertRepo(opts);
  assertMergeOptions(opts);
  const pending = await readMergeState(opts);
  if (pending) {
    throw new ConflictError(`a merge of '${pending.theirsName}' is in progress; finish it with merge --continue or merge --abort`, { merge: pending.theirsName });
  }
  return _retryOnRace(async () => {
    const out = await _merge(opts);
    if (!out.conflicts) return out;
    const api: Api = await readReaderApi(out.reader, out.tree);
    await writeMergeState(opts, opts.followUp ? { ...out.state, followUp: opts.followUp } : out.state);
    throw new MergeConflictError(`merge of '${opts.theirs}' has ${out.conflicts.length} conflict(s); resolve them in the working definition, then merge --continue (or --abort)`, {
      conflicts: out.conflicts,
      ours: out.state.ours,
      theirs: out.state.theirs,
      bases: out.state.bases,
      api,
    });
  });
}
