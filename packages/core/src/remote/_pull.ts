import type { RemoteSyncOptions, RefUpdate } from './types.js';
import type { WriteOptions } from '../models/options.js';
import { _fetch, type FetchResult } from './_fetch.js';
import { isFastForward } from './isFastForward.js';
import { readRef, updateRef } from '../storage/refs.js';
import { syncedRef } from './syncedRefs.js';

/** What a pull did: the fetch, then each local branch and stage. */
export interface PullResult extends FetchResult {
  fetched: RefUpdate[];
}

/**
 * Fetches, then moves each local branch and stage to the remote's when that loses
 * nothing (created or fast-forward). A ref both sides moved is reported `diverged` and
 * left alone; one only the local side moved is `ahead`.
 */
export async function _pull(opts: RemoteSyncOptions & WriteOptions & { remote: string; url?: string }): Promise<PullResult> {
  const fetched = await _fetch(opts);
  const updates: RefUpdate[] = [];
  for (const [ref, theirs] of fetched.remoteRefs) {
    const ours = await readRef(opts, ref);
    let status: RefUpdate['status'];
    if (ours === theirs) status = 'up-to-date';
    else if (!ours) {
      await updateRef(opts, ref, theirs, null);
      status = 'created';
    } else if (await isFastForward(opts, ref, ours, theirs)) {
      await updateRef(opts, ref, theirs, ours);
      status = 'fast-forward';
    } else if (await isFastForward(opts, ref, theirs, ours)) status = 'ahead';
    else {
      // Records that only grow (AWS deployment links) join two histories without a question.
      const join = syncedRef(ref)?.spec.join;
      if (join) {
        updates.push({ ref, old: ours, new: await join(opts, ref, ours, theirs), status: 'merged' });
        continue;
      }
      status = 'diverged';
    }
    const moved = status === 'created' || status === 'fast-forward';
    updates.push({ ref, old: ours, new: moved ? theirs : ours, status, ...(moved || status === 'up-to-date' ? {} : { theirs }) });
  }
  return { ...fetched, fetched: fetched.updates, updates };
}
