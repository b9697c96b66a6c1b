import type { RemoteSyncOptions, RefUpdate } from './types.js';
import { connectRemote } from './connectRemote.js';
import { removePack } from './installPack.js';
import { assertGitwayRefs, splitRemoteRefs, type SkippedRef } from './assertGitwayRefs.js';
import { trackingRef } from './syncedRefs.js';
import { remoteUrl } from './remoteConfig.js';
import { isFastForward } from './isFastForward.js';
import { readRef, updateRef } from '../storage/refs.js';
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
 * Downloads the remote's branches and stages through the call's transport: the
 * advertised names validated first (only valid ones are asked for), the missing objects
 * installed and checked to be gitway's (taken out again when not), then the
 * remote-tracking refs moved. Any failure before that leaves the repository as it was.
 */
export async function _fetch(opts: RemoteSyncOptions & { remote: string; url?: string }): Promise<FetchResult> {
  const conn = await connectRemote(opts, opts.url ?? (await remoteUrl(opts, opts.remote)), 'fetch');
  const { refs, skipped } = splitRemoteRefs(conn.refs);
  if (refs.size === 0) {
    const reason = conn.refs.size === 0 ? 'empty' : 'no branches or stages';
    const hint =
      reason === 'empty' ? 'it is empty; push to it first' : skipped.length ? `it has no branches or stages with valid names; skipped ${skipped.length} invalid ref name(s)` : 'it has no branches or stages';
    throw new NotAGitwayRemoteError(`not a gitway repository: ${conn.url} (${hint})`, { url: conn.url, reason, skipped });
  }
  const absent = await repoOf(opts).missing([...refs.values()]);
  const missing = new Map([...refs].filter(([, oid]) => absent.has(oid)));
  let installed: Awaited<ReturnType<typeof conn.fetch>>['installed'] = [];
  if (missing.size) {
    const received = await conn.fetch(missing);
    installed = received.installed;
    for (const [ref, oid] of received.refs) if (refs.has(ref)) refs.set(ref, oid);
  }
  try {
    await assertGitwayRefs(opts, refs, conn.url);
  } catch (err) {
    for (const pack of installed) await removePack(opts, pack);
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
  return { url: conn.url, remoteRefs: refs, head: conn.head, updates, skipped };
}
