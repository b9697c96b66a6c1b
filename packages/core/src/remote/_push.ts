import type { RemoteSyncOptions, RefUpdate } from './types.js';
import { connectRemote } from './connectRemote.js';
import { ZERO, type PushCommand } from './sendPack.js';
import { assertGitwayRefs, gitwayRefs } from './assertGitwayRefs.js';
import { SYNCED_REFS, syncedRef, trackingRef, type SyncedRef } from './syncedRefs.js';
import { remoteUrl } from './remoteConfig.js';
import { isFastForward } from './isFastForward.js';
import { listRefs, readRef, updateRef } from '../storage/refs.js';
import { _currentBranchRef } from '../commands/_repo.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { NonFastForwardError } from '../errors/NonFastForwardError.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';
import { PushRejectedError } from './errors/PushRejectedError.js';
import { shortId } from '../utils/shortId.js';

export interface PushSelection {
  /** Stages to push besides the current branch. */
  stages?: string[];
  /** Every branch and every stage. */
  all?: boolean;
  force?: boolean;
}

/** What a push did. */
export interface PushResult {
  url: string;
  updates: RefUpdate[];
}

async function selectRefs(opts: RemoteSyncOptions & PushSelection): Promise<string[]> {
  // Records of the whole repository (AWS deployment links, source documents) travel with every
  // push: they are small, and a teammate's `gitway aws push` or `switch` needs them.
  const always = await refsOf(opts, SYNCED_REFS.filter((s) => s.always));
  return [...(await selectNamedRefs(opts)), ...always];
}

async function refsOf(opts: RemoteSyncOptions, specs: readonly SyncedRef[]): Promise<string[]> {
  const refs: string[] = [];
  for (const spec of specs) {
    if (spec.remote.endsWith('/')) refs.push(...(await listRefs(opts, spec.remote)).keys());
    else if (await readRef(opts, spec.remote)) refs.push(spec.remote);
  }
  return refs;
}

async function selectNamedRefs(opts: RemoteSyncOptions & PushSelection): Promise<string[]> {
  if (opts.all) return refsOf(opts, SYNCED_REFS.filter((s) => !s.always));
  const refs: string[] = [];
  const branch = await _currentBranchRef(opts);
  if (await readRef(opts, branch)) refs.push(branch);
  for (const name of opts.stages ?? []) {
    const ref = `refs/stages/${name}`;
    if (!(await readRef(opts, ref))) throw new NotFoundError(`Invalid stage identifier specified: stage '${name}' not found`, { what: 'stage', name });
    refs.push(ref);
  }
  if (!refs.length) throw new NotFoundError('nothing to push: the current branch has no deployment yet', { what: 'branch', name: branch });
  return refs;
}

/**
 * Checks every selected ref first (fast-forward against what the remote holds now), then
 * sends the objects and all ref updates through the call's transport (one receive-pack
 * request), then moves the remote-tracking refs of what the server accepted.
 */
export async function _push(opts: RemoteSyncOptions & PushSelection & { remote: string }): Promise<PushResult> {
  const refs = await selectRefs(opts);
  const conn = await connectRemote(opts, await remoteUrl(opts, opts.remote), 'push');
  if (conn.refs.size > 0 && gitwayRefs(conn.refs).size === 0) {
    throw new NotAGitwayRemoteError(`not a gitway repository: ${conn.url} (it has no branches or stages)`, { url: conn.url, reason: 'no branches or stages' });
  }
  await assertGitwayRefs(opts, conn.refs, conn.url, true);
  const commands: (PushCommand & { status: RefUpdate['status'] })[] = [];
  const updates: RefUpdate[] = [];
  for (const ref of refs) {
    const local = (await readRef(opts, ref))!;
    const remote = conn.refs.get(ref) ?? null;
    if (remote === local) {
      updates.push({ ref, old: remote, new: local, status: 'up-to-date' });
      continue;
    }
    let status: RefUpdate['status'] = 'created';
    if (remote) {
      // Checked against the remote's current value, not our tracking ref: a push that was
      // accepted but never confirmed here (killed, cut) left the tracking ref behind, and
      // what we push still descends from what the remote holds.
      const ff = await isFastForward(opts, ref, remote, local);
      if (!ff && !opts.force) {
        const { spec, name } = syncedRef(ref)!;
        const kind = spec.kind;
        throw new NonFastForwardError(
          `remote ${kind} '${name}' on ${conn.url} has changes you do not have (remote ${shortId(remote)}, yours ${shortId(local)}); run 'gitway fetch' (or 'gitway pull') and retry, or push --force to overwrite it`,
          { ref, remote: remote, local, url: conn.url },
        );
      }
      status = ff ? 'fast-forward' : 'forced';
    }
    commands.push({ ref, old: remote ?? ZERO, new: local, status });
  }
  if (!commands.length) return { url: conn.url, updates };
  const report = await conn.push(commands);
  const hook = report.messages.length ? `: ${report.messages.join(' / ')}` : '';
  if (report.unpack !== 'ok') {
    throw new PushRejectedError(`push to ${conn.url} failed: the remote could not unpack (${report.unpack})${hook}`, { url: conn.url, refs: [], messages: report.messages });
  }
  const rejected: { ref: string; reason: string }[] = [];
  for (const c of commands) {
    const r = report.refs.get(c.ref);
    if (r?.ok) {
      await updateRef(opts, trackingRef(opts.remote, c.ref), c.new);
      updates.push({ ref: c.ref, old: c.old === ZERO ? null : c.old, new: c.new, status: c.status });
    } else {
      rejected.push({ ref: c.ref, reason: r?.reason ?? 'no status reported' });
      updates.push({ ref: c.ref, old: c.old === ZERO ? null : c.old, new: c.new, status: 'rejected' });
    }
  }
  if (rejected.length) {
    const what = rejected.map((r) => `${r.ref} (${r.reason})`).join(', ');
    throw new PushRejectedError(`push to ${conn.url} rejected: ${what}${hook}`, { url: conn.url, refs: rejected, messages: report.messages, updates });
  }
  return { url: conn.url, updates };
}
