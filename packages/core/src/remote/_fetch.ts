import type { RemoteSyncOptions, RefUpdate } from './types.js';
import { createSession } from './session.js';
import { discover } from './discover.js';
import { fetchPack } from './fetchPack.js';
import { IncomingPack, installPack, removePack } from './installPack.js';
import { assertGitwayRefs, splitRemoteRefs, type SkippedRef } from './assertGitwayRefs.js';
import { trackingRef } from './trackingRef.js';
import { remoteUrl } from './remoteConfig.js';
import { isFastForward } from './isFastForward.js';
import { listRefs, readRef, updateRef } from '../storage/refs.js';
import { repoOf } from '../storage/Repo.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';

/** What a fetch saw and did. */
export interface FetchResult {
  /** The remote's URL, credentials stripped. */
  url: string;
  /** The remote's branches and stages (full ref name -> commit id). */
  remoteRefs: Map<string, string>;
  /** The remote's default branch ("refs/heads/main"), when it says. */
  head: string | null;
  /** Remote-tracking refs that moved or were checked. */
  updates: RefUpdate[];
  /** Refs the remote advertised that were refused (bad names) and not written. */
  skipped: SkippedRef[];
}

/**
 * Downloads the remote's branches and stages: one upload-pack request for every
 * missing object, the pack installed atomically and checked to be gitway's, then the
 * remote-tracking refs moved. Any failure before that leaves the repository as it was.
 */
export async function _fetch(opts: RemoteSyncOptions & { remote: string; url?: string }): Promise<FetchResult> {
  const s = createSession(opts.url ?? (await remoteUrl(opts, opts.remote)), opts);
  const adv = await discover(s, 'git-upload-pack');
  const { refs, skipped } = splitRemoteRefs(adv.refs);
  if (refs.size === 0) {
    const reason = adv.refs.size === 0 ? 'empty' : 'no branches or stages';
    const hint =
      reason === 'empty' ? 'it is empty; push to it first' : skipped.length ? `it has no branches or stages with valid names; skipped ${skipped.length} invalid ref name(s)` : 'it has no branches or stages';
    throw new NotAGitwayRemoteError(`not a gitway repository: ${s.url} (${hint})`, { url: s.url, reason, skipped });
  }
  const wants = [...(await repoOf(opts).missing([...refs.values()]))];
  let installed = null;
  if (wants.length) {
    const haves = [...new Set((await listRefs(opts, 'refs/')).values())].slice(0, 256);
    const incoming = await IncomingPack.create(opts);
    let received;
    try {
      received = await fetchPack(s, adv.caps, wants, haves, incoming, opts.onMessage);
    } catch (err) {
      await incoming.discard();
      throw err;
    }
    if (received.objects === 0) await incoming.discard();
    else installed = await installPack(opts, incoming, received.hash);
  }
  try {
    await assertGitwayRefs(opts, refs, s.url);
  } catch (err) {
    await removePack(opts, installed);
    throw err;
  }
  const updates: RefUpdate[] = [];
  for (const [ref, oid] of refs) {
    const tracking = trackingRef(opts.remote, ref);
    const old = await readRef(opts, tracking);
    if (old !== oid) await updateRef(opts, tracking, oid);
    const status = old === oid ? 'up-to-date' : !old ? 'created' : (await isFastForward(opts, ref, old, oid)) ? 'fast-forward' : 'forced';
    updates.push({ ref: tracking, old, new: oid, status });
  }
  return { url: s.url, remoteRefs: refs, head: adv.head, updates, skipped };
}
