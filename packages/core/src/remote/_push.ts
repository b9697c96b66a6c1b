import type { RemoteSyncOptions, RefUpdate } from './types.js';
import { createSession } from './session.js';
import { discover } from './discover.js';
import { objectsToSend } from './objectsToSend.js';
import { sendPack, ZERO, type PushCommand } from './sendPack.js';
import { assertGitwayRefs, gitwayRefs } from './assertGitwayRefs.js';
import { trackingRef } from './trackingRef.js';
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
  if (opts.all) return [...(await listRefs(opts.fs, opts.gitdir, 'refs/heads/')).keys(), ...(await listRefs(opts.fs, opts.gitdir, 'refs/stages/')).keys()];
  const refs: string[] = [];
  const branch = await _currentBranchRef(opts);
  if (await readRef(opts.fs, opts.gitdir, branch)) refs.push(branch);
  for (const name of opts.stages ?? []) {
    const ref = `refs/stages/${name}`;
    if (!(await readRef(opts.fs, opts.gitdir, ref))) throw new NotFoundError(`Invalid stage identifier specified: stage '${name}' not found`, { what: 'stage', name });
    refs.push(ref);
  }
  if (!refs.length) throw new NotFoundError('nothing to push: the current branch has no deployment yet', { what: 'branch', name: branch });
  return refs;
}

/**
 * Checks every selected ref first (fast-forward, stage seen at the last fetch), then
 * sends one pack and all ref updates in one receive-pack request, then moves the
 * remote-tracking refs of what the server accepted.
 */
export async function _push(opts: RemoteSyncOptions & PushSelection & { remote: string }): Promise<PushResult> {
  const refs = await selectRefs(opts);
  const s = createSession(await remoteUrl(opts, opts.remote), opts);
  const adv = await discover(s, 'git-receive-pack');
  if (adv.refs.size > 0 && gitwayRefs(adv.refs).size === 0) {
    throw new NotAGitwayRemoteError(`not a gitway repository: ${s.url} (it has no branches or stages)`, { url: s.url, reason: 'no branches or stages' });
  }
  await assertGitwayRefs(opts, adv.refs, s.url, true);
  const commands: (PushCommand & { status: RefUpdate['status'] })[] = [];
  const updates: RefUpdate[] = [];
  for (const ref of refs) {
    const local = (await readRef(opts.fs, opts.gitdir, ref))!;
    const remote = adv.refs.get(ref) ?? null;
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
        const kind = ref.startsWith('refs/stages/') ? 'stage' : 'branch';
        const name = ref.replace(/^refs\/(heads|stages)\//, '');
        throw new NonFastForwardError(
          `remote ${kind} '${name}' on ${s.url} has changes you do not have (remote ${shortId(remote)}, yours ${shortId(local)}); run 'gitway fetch' (or 'gitway pull') and retry, or push --force to overwrite it`,
          { ref, remote: remote, local, url: s.url },
        );
      }
      status = ff ? 'fast-forward' : 'forced';
    }
    commands.push({ ref, old: remote ?? ZERO, new: local, status });
  }
  if (!commands.length) return { url: s.url, updates };
  const objects = await objectsToSend(opts, commands.map((c) => c.new), [...adv.refs.values()]);
  const report = await sendPack(opts, s, adv.caps, commands, objects, opts.onMessage);
  const hook = report.messages.length ? `: ${report.messages.join(' / ')}` : '';
  if (report.unpack !== 'ok') {
    throw new PushRejectedError(`push to ${s.url} failed: the remote could not unpack (${report.unpack})${hook}`, { url: s.url, refs: [], messages: report.messages });
  }
  const rejected: { ref: string; reason: string }[] = [];
  for (const c of commands) {
    const r = report.refs.get(c.ref);
    if (r?.ok) {
      await updateRef(opts.fs, opts.gitdir, trackingRef(opts.remote, c.ref), c.new);
      updates.push({ ref: c.ref, old: c.old === ZERO ? null : c.old, new: c.new, status: c.status });
    } else {
      rejected.push({ ref: c.ref, reason: r?.reason ?? 'no status reported' });
      updates.push({ ref: c.ref, old: c.old === ZERO ? null : c.old, new: c.new, status: 'rejected' });
    }
  }
  if (rejected.length) {
    const what = rejected.map((r) => `${r.ref} (${r.reason})`).join(', ');
    throw new PushRejectedError(`push to ${s.url} rejected: ${what}${hook}`, { url: s.url, refs: rejected, messages: report.messages, updates });
  }
  return { url: s.url, updates };
}
